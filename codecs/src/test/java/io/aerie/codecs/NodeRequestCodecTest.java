package io.aerie.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.aerie.codecs.WireTestSupport.CAPACITY;
import static io.aerie.codecs.WireTestSupport.OFFSET;
import static io.aerie.codecs.WireTestSupport.ONE_MIB;
import static io.aerie.codecs.WireTestSupport.UTF8_PATH;
import static io.aerie.codecs.WireTestSupport.assertFullyDecoded;
import static io.aerie.codecs.WireTestSupport.assertVarData;
import static io.aerie.codecs.WireTestSupport.bytes;
import static io.aerie.codecs.WireTestSupport.decode;
import static io.aerie.codecs.WireTestSupport.newBuffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class NodeRequestCodecTest
{
    private static final int READ = 1;
    private static final int WRITE = 2;
    private static final int CREATE = 4;
    private static final int DELETE = 8;
    private static final int ADMIN = 16;
    private static final int ALL = READ | WRITE | CREATE | DELETE | ADMIN;

    private final UnsafeBuffer buffer = newBuffer(CAPACITY);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    @Test
    void shouldRoundTripCreateRequestWithTtlAndAcl()
    {
        final byte[] data = bytes(1000, 5);
        final CreateRequestEncoder encoder = new CreateRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(20L)
            .ttlMs(86_400_000L)
            .mode(CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL);
        final CreateRequestEncoder.AclsEncoder acls = encoder.aclsCount(2);
        acls.next().perms(ALL).scheme("digest").id("alice:Xm9vYmFy");
        acls.next().perms(READ).scheme("world").id("anyone");
        encoder.path(UTF8_PATH).putData(data, 0, data.length);

        final CreateRequestDecoder decoder = decode(buffer, headerDecoder, new CreateRequestDecoder());
        assertEquals(20L, decoder.correlationId());
        assertEquals(86_400_000L, decoder.ttlMs());
        assertEquals(CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, decoder.mode());
        final CreateRequestDecoder.AclsDecoder aclsDecoder = decoder.acls();
        assertEquals(2, aclsDecoder.count());
        aclsDecoder.next();
        assertEquals(ALL, aclsDecoder.perms());
        assertEquals("digest", aclsDecoder.scheme());
        assertEquals("alice:Xm9vYmFy", aclsDecoder.id());
        aclsDecoder.next();
        assertEquals(READ, aclsDecoder.perms());
        assertEquals("world", aclsDecoder.scheme());
        assertEquals("anyone", aclsDecoder.id());
        assertFalse(aclsDecoder.hasNext());
        assertEquals(UTF8_PATH, decoder.path());
        assertVarData(data, decoder.dataLength(), decoder::getData);
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripDeleteRequest()
    {
        final DeleteRequestEncoder encoder = new DeleteRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(21L)
            .version(-1)
            .path("/locks/lock-0000000007");

        final DeleteRequestDecoder decoder = decode(buffer, headerDecoder, new DeleteRequestDecoder());
        assertEquals(21L, decoder.correlationId());
        assertEquals(-1, decoder.version());
        assertEquals("/locks/lock-0000000007", decoder.path());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripExistsRequest()
    {
        final ExistsRequestEncoder encoder = new ExistsRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(22L)
            .watch(BooleanType.TRUE)
            .path("/config");

        final ExistsRequestDecoder decoder = decode(buffer, headerDecoder, new ExistsRequestDecoder());
        assertEquals(22L, decoder.correlationId());
        assertEquals(BooleanType.TRUE, decoder.watch());
        assertEquals("/config", decoder.path());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripGetDataRequest()
    {
        final GetDataRequestEncoder encoder = new GetDataRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(23L)
            .watch(BooleanType.FALSE)
            .path(UTF8_PATH);

        final GetDataRequestDecoder decoder = decode(buffer, headerDecoder, new GetDataRequestDecoder());
        assertEquals(23L, decoder.correlationId());
        assertEquals(BooleanType.FALSE, decoder.watch());
        assertEquals(UTF8_PATH, decoder.path());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripSetDataRequestWithOneMebibyteOfData()
    {
        final UnsafeBuffer largeBuffer = newBuffer(OFFSET + ONE_MIB + 4096);
        final byte[] data = bytes(ONE_MIB, 11);
        final SetDataRequestEncoder encoder = new SetDataRequestEncoder()
            .wrapAndApplyHeader(largeBuffer, OFFSET, headerEncoder)
            .correlationId(24L)
            .version(41)
            .path("/big")
            .putData(data, 0, data.length);

        final SetDataRequestDecoder decoder = decode(largeBuffer, headerDecoder, new SetDataRequestDecoder());
        assertEquals(24L, decoder.correlationId());
        assertEquals(41, decoder.version());
        assertEquals("/big", decoder.path());
        assertVarData(data, decoder.dataLength(), decoder::getData);
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripGetChildrenRequest()
    {
        final GetChildrenRequestEncoder encoder = new GetChildrenRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(25L)
            .watch(BooleanType.TRUE)
            .includeStat(BooleanType.FALSE)
            .path("/services");

        final GetChildrenRequestDecoder decoder = decode(buffer, headerDecoder, new GetChildrenRequestDecoder());
        assertEquals(25L, decoder.correlationId());
        assertEquals(BooleanType.TRUE, decoder.watch());
        assertEquals(BooleanType.FALSE, decoder.includeStat());
        assertEquals("/services", decoder.path());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripGetAllChildrenNumberRequest()
    {
        final GetAllChildrenNumberRequestEncoder encoder = new GetAllChildrenNumberRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(26L)
            .path("/");

        final GetAllChildrenNumberRequestDecoder decoder =
            decode(buffer, headerDecoder, new GetAllChildrenNumberRequestDecoder());
        assertEquals(26L, decoder.correlationId());
        assertEquals("/", decoder.path());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripGetEphemeralsRequest()
    {
        final GetEphemeralsRequestEncoder encoder = new GetEphemeralsRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(27L)
            .prefixPath("/members/");

        final GetEphemeralsRequestDecoder decoder = decode(buffer, headerDecoder, new GetEphemeralsRequestDecoder());
        assertEquals(27L, decoder.correlationId());
        assertEquals("/members/", decoder.prefixPath());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripMultiRequestWithPerOpAcls()
    {
        final byte[] createData = bytes(64, 1);
        final byte[] setData = bytes(128, 2);
        final MultiRequestEncoder encoder = new MultiRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(28L);
        final MultiRequestEncoder.OpsEncoder ops = encoder.opsCount(5);
        ops.next().opType(OpType.CHECK).mode(CreateMode.PERSISTENT).version(3).ttlMs(-1L)
            .path("/a").putData(createData, 0, 0);
        ops.next().opType(OpType.CREATE).mode(CreateMode.EPHEMERAL_SEQUENTIAL).version(-1).ttlMs(-1L)
            .path("/a/e-").putData(createData, 0, createData.length);
        ops.next().opType(OpType.SET_DATA).mode(CreateMode.PERSISTENT).version(-1).ttlMs(-1L)
            .path("/a").putData(setData, 0, setData.length);
        ops.next().opType(OpType.CREATE).mode(CreateMode.PERSISTENT_WITH_TTL).version(-1).ttlMs(60_000L)
            .path(UTF8_PATH).putData(createData, 0, 0);
        ops.next().opType(OpType.DELETE).mode(CreateMode.PERSISTENT).version(7).ttlMs(-1L)
            .path("/old").putData(createData, 0, 0);
        final MultiRequestEncoder.OpAclsEncoder opAcls = encoder.opAclsCount(3);
        opAcls.next().opIndex(1).perms(ALL).scheme("world").id("anyone");
        opAcls.next().opIndex(3).perms(READ | WRITE).scheme("ip").id("10.0.0.0/8");
        opAcls.next().opIndex(3).perms(ADMIN).scheme("auth").id("");

        final MultiRequestDecoder decoder = decode(buffer, headerDecoder, new MultiRequestDecoder());
        assertEquals(28L, decoder.correlationId());
        final MultiRequestDecoder.OpsDecoder opsDecoder = decoder.ops();
        assertEquals(5, opsDecoder.count());
        assertOp(opsDecoder.next(), OpType.CHECK, CreateMode.PERSISTENT, 3, -1L, "/a", new byte[0]);
        assertOp(opsDecoder.next(), OpType.CREATE, CreateMode.EPHEMERAL_SEQUENTIAL, -1, -1L, "/a/e-", createData);
        assertOp(opsDecoder.next(), OpType.SET_DATA, CreateMode.PERSISTENT, -1, -1L, "/a", setData);
        assertOp(opsDecoder.next(), OpType.CREATE, CreateMode.PERSISTENT_WITH_TTL, -1, 60_000L, UTF8_PATH, new byte[0]);
        assertOp(opsDecoder.next(), OpType.DELETE, CreateMode.PERSISTENT, 7, -1L, "/old", new byte[0]);
        assertFalse(opsDecoder.hasNext());
        final MultiRequestDecoder.OpAclsDecoder opAclsDecoder = decoder.opAcls();
        assertEquals(3, opAclsDecoder.count());
        assertOpAcl(opAclsDecoder.next(), 1, ALL, "world", "anyone");
        assertOpAcl(opAclsDecoder.next(), 3, READ | WRITE, "ip", "10.0.0.0/8");
        assertOpAcl(opAclsDecoder.next(), 3, ADMIN, "auth", "");
        assertFalse(opAclsDecoder.hasNext());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripSyncRequest()
    {
        final SyncRequestEncoder encoder = new SyncRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(29L)
            .path("/app");

        final SyncRequestDecoder decoder = decode(buffer, headerDecoder, new SyncRequestDecoder());
        assertEquals(29L, decoder.correlationId());
        assertEquals("/app", decoder.path());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripGetAclRequest()
    {
        final GetACLRequestEncoder encoder = new GetACLRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(30L)
            .path("/secure");

        final GetACLRequestDecoder decoder = decode(buffer, headerDecoder, new GetACLRequestDecoder());
        assertEquals(30L, decoder.correlationId());
        assertEquals("/secure", decoder.path());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripSetAclRequest()
    {
        final SetACLRequestEncoder encoder = new SetACLRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(31L)
            .version(2);
        encoder.aclsCount(1).next().perms(READ | CREATE | DELETE).scheme("sasl").id("svc@REALM");
        encoder.path("/secure");

        final SetACLRequestDecoder decoder = decode(buffer, headerDecoder, new SetACLRequestDecoder());
        assertEquals(31L, decoder.correlationId());
        assertEquals(2, decoder.version());
        final SetACLRequestDecoder.AclsDecoder acls = decoder.acls();
        assertEquals(1, acls.count());
        acls.next();
        assertEquals(READ | CREATE | DELETE, acls.perms());
        assertEquals("sasl", acls.scheme());
        assertEquals("svc@REALM", acls.id());
        assertEquals("/secure", decoder.path());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripAddWatchRequest()
    {
        final AddWatchRequestEncoder encoder = new AddWatchRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(32L)
            .mode(WatchMode.PERSISTENT_RECURSIVE)
            .path("/tree");

        final AddWatchRequestDecoder decoder = decode(buffer, headerDecoder, new AddWatchRequestDecoder());
        assertEquals(32L, decoder.correlationId());
        assertEquals(WatchMode.PERSISTENT_RECURSIVE, decoder.mode());
        assertEquals("/tree", decoder.path());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripRemoveWatchesRequest()
    {
        final RemoveWatchesRequestEncoder encoder = new RemoveWatchesRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(33L)
            .watcherType(WatcherType.CHILDREN)
            .local(BooleanType.TRUE)
            .path("/tree");

        final RemoveWatchesRequestDecoder decoder = decode(buffer, headerDecoder, new RemoveWatchesRequestDecoder());
        assertEquals(33L, decoder.correlationId());
        assertEquals(WatcherType.CHILDREN, decoder.watcherType());
        assertEquals(BooleanType.TRUE, decoder.local());
        assertEquals("/tree", decoder.path());
        assertFullyDecoded(encoder, decoder);
    }

    private static void assertOp(
        final MultiRequestDecoder.OpsDecoder op,
        final OpType opType,
        final CreateMode mode,
        final int version,
        final long ttlMs,
        final String path,
        final byte[] data)
    {
        assertEquals(opType, op.opType());
        assertEquals(mode, op.mode());
        assertEquals(version, op.version());
        assertEquals(ttlMs, op.ttlMs());
        assertEquals(path, op.path());
        assertVarData(data, op.dataLength(), op::getData);
    }

    private static void assertOpAcl(
        final MultiRequestDecoder.OpAclsDecoder acl,
        final int opIndex,
        final int perms,
        final String scheme,
        final String id)
    {
        assertEquals(opIndex, acl.opIndex());
        assertEquals(perms, acl.perms());
        assertEquals(scheme, acl.scheme());
        assertEquals(id, acl.id());
    }
}
