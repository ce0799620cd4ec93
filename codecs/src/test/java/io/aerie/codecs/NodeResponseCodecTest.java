package io.aerie.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.aerie.codecs.WireTestSupport.CAPACITY;
import static io.aerie.codecs.WireTestSupport.OFFSET;
import static io.aerie.codecs.WireTestSupport.ONE_MIB;
import static io.aerie.codecs.WireTestSupport.UTF8_PATH;
import static io.aerie.codecs.WireTestSupport.assertFullyDecoded;
import static io.aerie.codecs.WireTestSupport.assertStat;
import static io.aerie.codecs.WireTestSupport.assertVarData;
import static io.aerie.codecs.WireTestSupport.bytes;
import static io.aerie.codecs.WireTestSupport.decode;
import static io.aerie.codecs.WireTestSupport.encodeStat;
import static io.aerie.codecs.WireTestSupport.newBuffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class NodeResponseCodecTest
{
    private static final long STAT_SEED = 0x7_0000_0000L;
    private static final long ZXID = 0x2_0000_0010L;

    private final UnsafeBuffer buffer = newBuffer(CAPACITY);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    @Test
    void shouldRoundTripCreateResponse()
    {
        final CreateResponseEncoder encoder = new CreateResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(60L)
            .code(ResultCode.OK)
            .zxid(ZXID);
        encodeStat(encoder.stat(), STAT_SEED);
        encoder.path("/locks/lock-0000000042");

        final CreateResponseDecoder decoder = decode(buffer, headerDecoder, new CreateResponseDecoder());
        assertEquals(60L, decoder.correlationId());
        assertEquals(ResultCode.OK, decoder.code());
        assertEquals(ZXID, decoder.zxid());
        assertStat(STAT_SEED, decoder.stat());
        assertEquals("/locks/lock-0000000042", decoder.path());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripDeleteResponse()
    {
        final DeleteResponseEncoder encoder = new DeleteResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(61L)
            .code(ResultCode.NOT_EMPTY)
            .zxid(ZXID);

        final DeleteResponseDecoder decoder = decode(buffer, headerDecoder, new DeleteResponseDecoder());
        assertEquals(61L, decoder.correlationId());
        assertEquals(ResultCode.NOT_EMPTY, decoder.code());
        assertEquals(ZXID, decoder.zxid());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripExistsResponseForMissingNode()
    {
        final ExistsResponseEncoder encoder = new ExistsResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(62L)
            .code(ResultCode.NO_NODE)
            .zxid(ZXID);
        encodeStat(encoder.stat(), 0L);

        final ExistsResponseDecoder decoder = decode(buffer, headerDecoder, new ExistsResponseDecoder());
        assertEquals(62L, decoder.correlationId());
        assertEquals(ResultCode.NO_NODE, decoder.code());
        assertEquals(ZXID, decoder.zxid());
        assertStat(0L, decoder.stat());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripGetDataResponseWithOneMebibyteOfData()
    {
        final UnsafeBuffer largeBuffer = newBuffer(OFFSET + ONE_MIB + 4096);
        final byte[] data = bytes(ONE_MIB, 13);
        final GetDataResponseEncoder encoder = new GetDataResponseEncoder()
            .wrapAndApplyHeader(largeBuffer, OFFSET, headerEncoder)
            .correlationId(63L)
            .code(ResultCode.OK)
            .zxid(ZXID);
        encodeStat(encoder.stat(), STAT_SEED);
        encoder.putData(data, 0, data.length);

        final GetDataResponseDecoder decoder = decode(largeBuffer, headerDecoder, new GetDataResponseDecoder());
        assertEquals(63L, decoder.correlationId());
        assertEquals(ResultCode.OK, decoder.code());
        assertEquals(ZXID, decoder.zxid());
        assertStat(STAT_SEED, decoder.stat());
        assertVarData(data, decoder.dataLength(), decoder::getData);
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripSetDataResponse()
    {
        final SetDataResponseEncoder encoder = new SetDataResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(64L)
            .code(ResultCode.OK)
            .zxid(ZXID);
        encodeStat(encoder.stat(), STAT_SEED + 100);

        final SetDataResponseDecoder decoder = decode(buffer, headerDecoder, new SetDataResponseDecoder());
        assertEquals(64L, decoder.correlationId());
        assertEquals(ResultCode.OK, decoder.code());
        assertEquals(ZXID, decoder.zxid());
        assertStat(STAT_SEED + 100, decoder.stat());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripGetChildrenResponse()
    {
        final String[] names = { "a", "lock-0000000001", "\u00e9t\u00e9", "z" };
        final GetChildrenResponseEncoder encoder = new GetChildrenResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(65L)
            .code(ResultCode.OK)
            .zxid(ZXID);
        encodeStat(encoder.stat(), STAT_SEED);
        final GetChildrenResponseEncoder.ChildrenEncoder children = encoder.childrenCount(names.length);
        for (final String name : names)
        {
            children.next().name(name);
        }

        final GetChildrenResponseDecoder decoder = decode(buffer, headerDecoder, new GetChildrenResponseDecoder());
        assertEquals(65L, decoder.correlationId());
        assertEquals(ResultCode.OK, decoder.code());
        assertEquals(ZXID, decoder.zxid());
        assertStat(STAT_SEED, decoder.stat());
        final GetChildrenResponseDecoder.ChildrenDecoder childrenDecoder = decoder.children();
        assertEquals(names.length, childrenDecoder.count());
        for (final String name : names)
        {
            assertEquals(name, childrenDecoder.next().name());
        }
        assertFalse(childrenDecoder.hasNext());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripGetAllChildrenNumberResponse()
    {
        final GetAllChildrenNumberResponseEncoder encoder = new GetAllChildrenNumberResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(66L)
            .code(ResultCode.OK)
            .zxid(ZXID)
            .totalNumber(1_000_000);

        final GetAllChildrenNumberResponseDecoder decoder =
            decode(buffer, headerDecoder, new GetAllChildrenNumberResponseDecoder());
        assertEquals(66L, decoder.correlationId());
        assertEquals(ResultCode.OK, decoder.code());
        assertEquals(ZXID, decoder.zxid());
        assertEquals(1_000_000, decoder.totalNumber());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripGetEphemeralsResponse()
    {
        final GetEphemeralsResponseEncoder encoder = new GetEphemeralsResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(67L)
            .code(ResultCode.OK)
            .zxid(ZXID);
        final GetEphemeralsResponseEncoder.PathsEncoder paths = encoder.pathsCount(2);
        paths.next().path("/members/m-0000000001");
        paths.next().path(UTF8_PATH);

        final GetEphemeralsResponseDecoder decoder = decode(buffer, headerDecoder, new GetEphemeralsResponseDecoder());
        assertEquals(67L, decoder.correlationId());
        assertEquals(ResultCode.OK, decoder.code());
        assertEquals(ZXID, decoder.zxid());
        final GetEphemeralsResponseDecoder.PathsDecoder pathsDecoder = decoder.paths();
        assertEquals(2, pathsDecoder.count());
        assertEquals("/members/m-0000000001", pathsDecoder.next().path());
        assertEquals(UTF8_PATH, pathsDecoder.next().path());
        assertFalse(pathsDecoder.hasNext());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripMultiResponseOfFailedMulti()
    {
        final MultiResponseEncoder encoder = new MultiResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(68L)
            .code(ResultCode.BAD_VERSION)
            .zxid(ZXID);
        final MultiResponseEncoder.ResultsEncoder results = encoder.resultsCount(3);
        results.next().opType(OpType.CREATE).code(ResultCode.OK);
        encodeStat(results.stat(), STAT_SEED);
        results.path("/a/e-0000000003");
        results.next().opType(OpType.SET_DATA).code(ResultCode.BAD_VERSION);
        encodeStat(results.stat(), 0L);
        results.path("");
        results.next().opType(OpType.DELETE).code(ResultCode.RUNTIME_INCONSISTENCY);
        encodeStat(results.stat(), STAT_SEED + 1000);
        results.path("");

        final MultiResponseDecoder decoder = decode(buffer, headerDecoder, new MultiResponseDecoder());
        assertEquals(68L, decoder.correlationId());
        assertEquals(ResultCode.BAD_VERSION, decoder.code());
        assertEquals(ZXID, decoder.zxid());
        final MultiResponseDecoder.ResultsDecoder resultsDecoder = decoder.results();
        assertEquals(3, resultsDecoder.count());
        assertResult(resultsDecoder.next(), OpType.CREATE, ResultCode.OK, STAT_SEED, "/a/e-0000000003");
        assertResult(resultsDecoder.next(), OpType.SET_DATA, ResultCode.BAD_VERSION, 0L, "");
        assertResult(resultsDecoder.next(), OpType.DELETE, ResultCode.RUNTIME_INCONSISTENCY, STAT_SEED + 1000, "");
        assertFalse(resultsDecoder.hasNext());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripSyncResponse()
    {
        final SyncResponseEncoder encoder = new SyncResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(69L)
            .code(ResultCode.OK)
            .zxid(ZXID)
            .path(UTF8_PATH);

        final SyncResponseDecoder decoder = decode(buffer, headerDecoder, new SyncResponseDecoder());
        assertEquals(69L, decoder.correlationId());
        assertEquals(ResultCode.OK, decoder.code());
        assertEquals(ZXID, decoder.zxid());
        assertEquals(UTF8_PATH, decoder.path());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripGetAclResponse()
    {
        final GetACLResponseEncoder encoder = new GetACLResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(70L)
            .code(ResultCode.OK)
            .zxid(ZXID);
        encodeStat(encoder.stat(), STAT_SEED);
        final GetACLResponseEncoder.AclsEncoder acls = encoder.aclsCount(2);
        acls.next().perms(31).scheme("world").id("anyone");
        acls.next().perms(1).scheme("digest").id("reader:c2VjcmV0");

        final GetACLResponseDecoder decoder = decode(buffer, headerDecoder, new GetACLResponseDecoder());
        assertEquals(70L, decoder.correlationId());
        assertEquals(ResultCode.OK, decoder.code());
        assertEquals(ZXID, decoder.zxid());
        assertStat(STAT_SEED, decoder.stat());
        final GetACLResponseDecoder.AclsDecoder aclsDecoder = decoder.acls();
        assertEquals(2, aclsDecoder.count());
        aclsDecoder.next();
        assertEquals(31, aclsDecoder.perms());
        assertEquals("world", aclsDecoder.scheme());
        assertEquals("anyone", aclsDecoder.id());
        aclsDecoder.next();
        assertEquals(1, aclsDecoder.perms());
        assertEquals("digest", aclsDecoder.scheme());
        assertEquals("reader:c2VjcmV0", aclsDecoder.id());
        assertFalse(aclsDecoder.hasNext());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripSetAclResponse()
    {
        final SetACLResponseEncoder encoder = new SetACLResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(71L)
            .code(ResultCode.OK)
            .zxid(ZXID);
        encodeStat(encoder.stat(), STAT_SEED + 7);

        final SetACLResponseDecoder decoder = decode(buffer, headerDecoder, new SetACLResponseDecoder());
        assertEquals(71L, decoder.correlationId());
        assertEquals(ResultCode.OK, decoder.code());
        assertEquals(ZXID, decoder.zxid());
        assertStat(STAT_SEED + 7, decoder.stat());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripAddWatchResponse()
    {
        final AddWatchResponseEncoder encoder = new AddWatchResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(72L)
            .code(ResultCode.OK)
            .zxid(ZXID);

        final AddWatchResponseDecoder decoder = decode(buffer, headerDecoder, new AddWatchResponseDecoder());
        assertEquals(72L, decoder.correlationId());
        assertEquals(ResultCode.OK, decoder.code());
        assertEquals(ZXID, decoder.zxid());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripRemoveWatchesResponse()
    {
        final RemoveWatchesResponseEncoder encoder = new RemoveWatchesResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(73L)
            .code(ResultCode.NO_WATCHER)
            .zxid(ZXID);

        final RemoveWatchesResponseDecoder decoder = decode(buffer, headerDecoder, new RemoveWatchesResponseDecoder());
        assertEquals(73L, decoder.correlationId());
        assertEquals(ResultCode.NO_WATCHER, decoder.code());
        assertEquals(ZXID, decoder.zxid());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripErrorResponse()
    {
        final ErrorResponseEncoder encoder = new ErrorResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(74L)
            .code(ResultCode.MALFORMED_REQUEST)
            .zxid(ZXID)
            .templateIdOfRequest(SetDataRequestEncoder.TEMPLATE_ID)
            .message("var data length 2000000 exceeds the message");

        final ErrorResponseDecoder decoder = decode(buffer, headerDecoder, new ErrorResponseDecoder());
        assertEquals(74L, decoder.correlationId());
        assertEquals(ResultCode.MALFORMED_REQUEST, decoder.code());
        assertEquals(ZXID, decoder.zxid());
        assertEquals(SetDataRequestEncoder.TEMPLATE_ID, decoder.templateIdOfRequest());
        assertEquals("var data length 2000000 exceeds the message", decoder.message());
        assertFullyDecoded(encoder, decoder);
    }

    private static void assertResult(
        final MultiResponseDecoder.ResultsDecoder result,
        final OpType opType,
        final ResultCode code,
        final long statSeed,
        final String path)
    {
        assertEquals(opType, result.opType());
        assertEquals(code, result.code());
        assertStat(statSeed, result.stat());
        assertEquals(path, result.path());
    }
}
