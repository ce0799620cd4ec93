package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.CreateRequestDecoder;
import io.aerie.codecs.ErrorResponseDecoder;
import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SetDataRequestEncoder;
import io.aerie.engine.service.Replies.Created;
import io.aerie.engine.service.Replies.DataReply;
import io.aerie.engine.service.Replies.ErrorReply;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aerie.engine.service.Wire.Op;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.aerie.engine.service.ServiceFixture.MAX_DATA_LENGTH;
import static io.aerie.engine.service.Wire.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Service tests of bad input: always answered, never changes state, the service keeps serving. Malformed
 * frames, wrong schema and templates, lying lengths and counts, block lengths, invalid paths and UTF-8, and
 * the data length limit.
 * <p>
 * Encoded requests are fed to {@link AerieClusteredService} through a {@link ServiceFixture}, whose stub
 * cluster captures egress and drives the log clock and the timers. Each test checks one behaviour through
 * the wire only.
 */
class ServiceBadInputTest
{
    private ServiceFixture f;

    @BeforeEach
    void before()
    {
        f = new ServiceFixture();
    }

    @AfterEach
    void after()
    {
        f.close();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Frames, schema, templates

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 3 })
    void shouldAnswerFrameTooShortForTemplateIdWithMalformedRequest(final int length)
    {
        final Client a = f.connect(5000);
        final long digest = f.digest();
        final byte[] frame = Arrays.copyOf(f.wire.create(5, "/a", "x", CreateMode.PERSISTENT), length);

        final ErrorReply reply = Replies.error(f.request(a.connection(), frame));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(0, reply.correlationId());
        assertEquals(0, reply.templateIdOfRequest());
        assertEquals(digest, f.digest());
        assertStillServing(a);
    }

    @ParameterizedTest
    @ValueSource(ints = { 4, 5, 7, 8, 12, 15 })
    void shouldAnswerFrameShorterThanItsFixedFieldsWithMalformedRequest(final int length)
    {
        final Client a = f.connect(5000);
        final long digest = f.digest();
        final byte[] frame = Arrays.copyOf(f.wire.create(5, "/a", "x", CreateMode.PERSISTENT), length);

        final ErrorReply reply = Replies.error(f.request(a.connection(), frame));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(0, reply.correlationId());
        assertEquals(CreateRequestDecoder.TEMPLATE_ID, reply.templateIdOfRequest());
        assertEquals(digest, f.digest());
        assertStillServing(a);
    }

    @Test
    void shouldAnswerShortFrameWithMalformedRequestEvenWithoutSession()
    {
        final var connection = f.openConnection();

        final ErrorReply reply = Replies.error(f.request(connection, new byte[]{ 1, 2, 3 }));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
    }

    @Test
    void shouldCountMalformedRequests()
    {
        final Client a = f.connect(5000);
        final long before = f.counters().malformedRequests.get();

        f.request(a.connection(), new byte[]{ 1 });
        f.request(a.connection(), withSchemaId(f.wire.keepAlive(3), 1));
        f.request(a.connection(), Arrays.copyOf(f.wire.setData(4, "/a", "x", -1), 20));

        assertEquals(before + 3, f.counters().malformedRequests.get());
    }

    @Test
    void shouldNotCountUnknownTemplateAsMalformed()
    {
        final Client a = f.connect(5000);

        f.request(a.connection(), withTemplateId(f.wire.keepAlive(3), 55));

        assertEquals(0, f.counters().malformedRequests.get());
    }

    @Test
    void shouldAnswerWrongSchemaIdWithMalformedRequest()
    {
        final Client a = f.connect(5000);
        final long digest = f.digest();

        final ErrorReply reply = Replies.error(f.request(a.connection(),
            withSchemaId(f.wire.create(61, "/a", "x", CreateMode.PERSISTENT), 7002)));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(61, reply.correlationId());
        assertEquals(CreateRequestDecoder.TEMPLATE_ID, reply.templateIdOfRequest());
        assertEquals(digest, f.digest());
        assertStillServing(a);
    }

    @Test
    void shouldAnswerUnknownTemplateWithUnimplemented()
    {
        final Client a = f.connect(5000);
        final long digest = f.digest();

        final ErrorReply reply = Replies.error(f.request(a.connection(), withTemplateId(f.wire.keepAlive(62), 55)));

        assertEquals(ResultCode.UNIMPLEMENTED, reply.code());
        assertEquals(62, reply.correlationId());
        assertEquals(55, reply.templateIdOfRequest());
        assertEquals(digest, f.digest());
        assertStillServing(a);
    }

    @Test
    void shouldAnswerResponseTemplateSentAsRequestWithUnimplemented()
    {
        final Client a = f.connect(5000);

        final ErrorReply reply = Replies.error(f.request(a.connection(),
            withTemplateId(f.wire.keepAlive(63), ErrorResponseDecoder.TEMPLATE_ID)));

        assertEquals(ResultCode.UNIMPLEMENTED, reply.code());
        assertEquals(ErrorResponseDecoder.TEMPLATE_ID, reply.templateIdOfRequest());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Bodies: lengths, counts, enums, block length

    @Test
    void shouldAnswerTruncatedBodyWithMalformedRequest()
    {
        final Client a = f.connect(5000);
        final long digest = f.digest();
        final byte[] full = f.wire.create(65, "/a", "hello", CreateMode.PERSISTENT);

        for (int length = 16; length < full.length; length++)
        {
            final ErrorReply reply = Replies.error(f.request(a.connection(), Arrays.copyOf(full, length)));
            assertEquals(ResultCode.MALFORMED_REQUEST, reply.code(), "length " + length);
            assertEquals(65, reply.correlationId());
        }

        assertEquals(digest, f.digest());
        assertEquals(0, f.lastZxid());
        assertStillServing(a);
    }

    @Test
    void shouldAnswerLyingPathLengthWithMalformedRequest()
    {
        final Client a = f.connect(5000);
        f.create(a, "/a", "v0", CreateMode.PERSISTENT);
        final long digest = f.digest();
        final byte[] message = f.wire.setData(66, "/a", "v1", -1);
        // SetDataRequest: header 8, the fixed block, then the path's uint16 length.
        final UnsafeBuffer buffer = new UnsafeBuffer(message);
        buffer.putShort(8 + SetDataRequestEncoder.BLOCK_LENGTH, (short)0xFFFF, ByteOrder.LITTLE_ENDIAN);

        final ErrorReply reply = Replies.error(f.request(a.connection(), message));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(66, reply.correlationId());
        assertEquals(digest, f.digest());
        assertStillServing(a);
    }

    @ParameterizedTest
    @ValueSource(ints = { 3, 100, Integer.MAX_VALUE, -1 })
    void shouldAnswerLyingDataLengthWithMalformedRequest(final int dataLength)
    {
        final Client a = f.connect(5000);
        f.create(a, "/a", "v0", CreateMode.PERSISTENT);
        final long digest = f.digest();
        final byte[] message = f.wire.setData(67, "/a", "v1", -1);
        // SetDataRequest: header 8, the fixed block, path length 2 + "/a" 2, then the data's uint32 length.
        new UnsafeBuffer(message).putInt(8 + SetDataRequestEncoder.BLOCK_LENGTH + 4, dataLength, ByteOrder.LITTLE_ENDIAN);

        final ErrorReply reply = Replies.error(f.request(a.connection(), message));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(digest, f.digest());
        assertEquals("v0", f.getData(a, "/a").data());
        assertStillServing(a);
    }

    @Test
    void shouldAnswerLyingGroupCountWithMalformedRequest()
    {
        final Client a = f.connect(5000);
        final byte[] message = f.wire.create(68, "/a", "x", CreateMode.PERSISTENT);
        // CreateRequest: header 8, the fixed block, then the acls group header: blockLength uint16, numInGroup uint16.
        new UnsafeBuffer(message).putShort(8 + CreateRequestDecoder.BLOCK_LENGTH + 2, (short)200, ByteOrder.LITTLE_ENDIAN);

        final ErrorReply reply = Replies.error(f.request(a.connection(), message));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(0, f.lastZxid());
        assertStillServing(a);
    }

    @ParameterizedTest
    @ValueSource(ints = { 7, 8, 100, 254 })
    void shouldAnswerCreateModeOutOfRangeWithMalformedRequest(final int mode)
    {
        final Client a = f.connect(5000);
        final byte[] message = f.wire.create(69, "/a", "x", CreateMode.PERSISTENT);
        // CreateRequest: header 8, correlationId 8, ttlMs 8, then mode uint8.
        message[24] = (byte)mode;

        final ErrorReply reply = Replies.error(f.request(a.connection(), message));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(69, reply.correlationId());
        assertEquals(0, f.lastZxid());
        assertStillServing(a);
    }

    @Test
    void shouldAnswerBlockLengthShorterThanTheSchemasWithMalformedRequest()
    {
        final Client a = f.connect(5000);
        final byte[] message = f.wire.keepAlive(72);
        // A KeepAliveRequest declaring an empty block: its correlationId lies outside what the header declares.
        new UnsafeBuffer(message).putShort(0, (short)0, ByteOrder.LITTLE_ENDIAN);

        final byte[] answer = f.request(a.connection(), message);

        assertEquals(ErrorResponseDecoder.TEMPLATE_ID, Replies.templateId(answer), "refused, not answered as a keepalive");
        assertEquals(ResultCode.MALFORMED_REQUEST, Replies.error(answer).code());
    }

    @Test
    void shouldDecodeRequestOfNewerSchemaVersionWithLongerBlock()
    {
        final Client a = f.connect(5000);
        final byte[] current = f.wire.create(73, "/future", "data", CreateMode.PERSISTENT);
        // A newer client appends an 8-byte field to the block: the var data moves along, the header says so.
        final int blockEnd = Wire.HEADER_LENGTH + CreateRequestDecoder.BLOCK_LENGTH;
        final byte[] newer = new byte[current.length + 8];
        System.arraycopy(current, 0, newer, 0, blockEnd);
        System.arraycopy(current, blockEnd, newer, blockEnd + 8, current.length - blockEnd);
        final UnsafeBuffer header = new UnsafeBuffer(newer);
        header.putShort(0, (short)(CreateRequestDecoder.BLOCK_LENGTH + 8), ByteOrder.LITTLE_ENDIAN);
        header.putShort(6, (short)(CreateRequestDecoder.SCHEMA_VERSION + 1), ByteOrder.LITTLE_ENDIAN);

        final Created created = Replies.created(f.request(a.connection(), newer));

        assertEquals(ResultCode.OK, created.code());
        assertEquals("/future", created.path());
        assertEquals("data", f.getData(a, "/future").data());
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 5, 200 })
    void shouldAnswerOpTypeOutOfRangeWithMalformedRequest(final int opType)
    {
        final Client a = f.connect(5000);
        final byte[] message = f.wire.multi(70, Op.create("/a", "", CreateMode.PERSISTENT));
        // MultiRequest: header 8, correlationId 8, ops group header 4, then ttlMs 8, version 4, opType uint8.
        message[32] = (byte)opType;

        final ErrorReply reply = Replies.error(f.request(a.connection(), message));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(70, reply.correlationId());
        assertEquals(0, f.lastZxid());
        assertStillServing(a);
    }

    @Test
    void shouldAnswerMultiCreateModeOutOfRangeWithMalformedRequest()
    {
        final Client a = f.connect(5000);
        final byte[] message = f.wire.multi(71, Op.create("/a", "", CreateMode.PERSISTENT));
        message[33] = (byte)9;

        final ErrorReply reply = Replies.error(f.request(a.connection(), message));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(0, f.lastZxid());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Paths and UTF-8

    @ParameterizedTest
    @ValueSource(strings = { "/a/../b", "/..", "/a/.", "a", "", "/a//b", "/a/", "/a\u0000b" })
    void shouldRefuseInvalidPathOnEveryRequest(final String path)
    {
        final Client a = f.connect(5000);
        f.create(a, "/a", "", CreateMode.PERSISTENT);
        final long digest = f.digest();

        assertEquals(ResultCode.INVALID_PATH, f.create(a, path, "", CreateMode.PERSISTENT).code());
        assertEquals(ResultCode.INVALID_PATH, f.setData(a, path, "x", -1).code());
        assertEquals(ResultCode.INVALID_PATH, f.delete(a, path, -1).code());
        assertEquals(ResultCode.INVALID_PATH, f.setAcl(a, path, -1, List.of(OPEN)).code());
        assertEquals(ResultCode.INVALID_PATH, f.exists(a, path).code());
        assertEquals(ResultCode.INVALID_PATH, f.getData(a, path).code());
        assertEquals(ResultCode.INVALID_PATH, f.children(a, path, true).code());
        assertEquals(ResultCode.INVALID_PATH, f.count(a, path).code());
        assertEquals(ResultCode.INVALID_PATH, f.aclOf(a, path).code());
        assertEquals(ResultCode.INVALID_PATH, f.multi(a, Op.create(path, "", CreateMode.PERSISTENT)).code());
        assertEquals(1, f.lastZxid());
        assertEquals(digest, f.digest());
    }

    static Stream<byte[]> malformedUtf8Paths()
    {
        return Stream.of(
            new byte[]{ '/', 'a', (byte)0xC3 },                            // truncated 2-byte sequence
            new byte[]{ '/', (byte)0xC0, (byte)0xAF },                     // overlong '/'
            new byte[]{ '/', (byte)0xE0, (byte)0x80, (byte)0xAF },         // overlong 3-byte
            new byte[]{ '/', (byte)0xED, (byte)0xA0, (byte)0x80 },         // surrogate U+D800
            new byte[]{ '/', (byte)0xF4, (byte)0x90, (byte)0x80, (byte)0x80 }, // past U+10FFFF
            new byte[]{ '/', (byte)0xFF },                                 // never valid
            new byte[]{ '/', (byte)0x80 },                                 // lone continuation
            new byte[]{ '/', (byte)0xE2, (byte)0x82 });                    // truncated 3-byte sequence
    }

    @ParameterizedTest
    @MethodSource("malformedUtf8Paths")
    void shouldRefuseMalformedUtf8Path(final byte[] path)
    {
        final Client a = f.connect(5000);
        final long digest = f.digest();
        final var c = a.connection();

        assertEquals(ResultCode.INVALID_PATH, Replies.created(f.request(c,
            f.wire.create(f.nextCorrelationId(), path, new byte[0], CreateMode.PERSISTENT, -1, List.of(OPEN)))).code());
        assertEquals(ResultCode.INVALID_PATH,
            Replies.existsReply(f.request(c, f.wire.exists(f.nextCorrelationId(), path))).code());
        assertEquals(ResultCode.INVALID_PATH,
            Replies.dataReply(f.request(c, f.wire.getData(f.nextCorrelationId(), path))).code());
        assertEquals(ResultCode.INVALID_PATH,
            Replies.deleted(f.request(c, f.wire.delete(f.nextCorrelationId(), path, -1))).code());
        assertEquals(ResultCode.INVALID_PATH,
            Replies.setDataReply(f.request(c, f.wire.setData(f.nextCorrelationId(), path, new byte[0], -1))).code());
        assertEquals(ResultCode.INVALID_PATH, Replies.multiReply(f.request(c, f.wire.multi(f.nextCorrelationId(),
            new Op(OpType.CREATE, path, new byte[0], -1, CreateMode.PERSISTENT, -1, List.of(OPEN))))).code());
        assertEquals(0, f.lastZxid());
        assertEquals(digest, f.digest());
        assertStillServing(a);
    }

    @Test
    void shouldAcceptMultiByteUtf8Path()
    {
        final Client a = f.connect(5000);

        final Created orphan = f.create(a, "/caf\u00e9/\u65e5\u672c", "", CreateMode.PERSISTENT);
        final Created parent = f.create(a, "/caf\u00e9", "", CreateMode.PERSISTENT);
        final Created child = f.create(a, "/caf\u00e9/\u65e5\u672c", "", CreateMode.PERSISTENT);

        assertEquals(ResultCode.NO_NODE, orphan.code());
        assertEquals("/caf\u00e9", parent.path());
        assertEquals("/caf\u00e9/\u65e5\u672c", child.path());
        assertEquals(List.of("\u65e5\u672c"), f.children(a, "/caf\u00e9", false).names());
    }

    @Test
    void shouldRefuseSupplementaryCharacterInPathAsZooKeeperDoes()
    {
        final Client a = f.connect(5000);

        // Well-formed 4-byte UTF-8, but ZooKeeper's path rules forbid the surrogate range it becomes in Java.
        assertEquals(ResultCode.INVALID_PATH, f.create(a, "/\uD83D\uDE00", "", CreateMode.PERSISTENT).code());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Data length limit

    @Test
    void shouldRefuseDataOverConfiguredMaximum()
    {
        final Client a = f.connect(5000);
        final String tooLarge = "x".repeat(MAX_DATA_LENGTH + 1);

        assertEquals(ResultCode.DATA_TOO_LARGE, f.create(a, "/big", tooLarge, CreateMode.PERSISTENT).code());
        assertEquals(ResultCode.DATA_TOO_LARGE, f.multi(a, Op.create("/big", tooLarge, CreateMode.PERSISTENT)).code());
        assertEquals(0, f.lastZxid());
        assertEquals(ResultCode.NO_NODE, f.exists(a, "/big").code());
    }

    @Test
    void shouldRefuseSetDataOverConfiguredMaximum()
    {
        final Client a = f.connect(5000);
        f.create(a, "/a", "small", CreateMode.PERSISTENT);

        assertEquals(ResultCode.DATA_TOO_LARGE, f.setData(a, "/a", "x".repeat(MAX_DATA_LENGTH + 1), -1).code());
        assertEquals(ResultCode.DATA_TOO_LARGE,
            f.multi(a, Op.setData("/a", "x".repeat(MAX_DATA_LENGTH + 1), -1)).code());

        final DataReply data = f.getData(a, "/a");
        assertEquals("small", data.data());
        assertEquals(0, data.stat().version());
        assertEquals(1, f.lastZxid());
    }

    @Test
    void shouldAcceptDataOfExactlyTheConfiguredMaximum()
    {
        final Client a = f.connect(5000);
        final String largest = "y".repeat(MAX_DATA_LENGTH);

        assertEquals(ResultCode.OK, f.create(a, "/big", largest, CreateMode.PERSISTENT).code());
        assertEquals(largest, f.getData(a, "/big").data());
    }

    @Test
    void shouldRoundTripDataLargerThanTheInitialEgressBuffer()
    {
        final AerieClusteredService.Context ctx = ServiceFixture.context();
        ctx.treeContext().maxDataLength(200_000);
        try (ServiceFixture large = new ServiceFixture(ctx))
        {
            final Client a = large.connect(5000);
            final String data = "z".repeat(150_000);

            final Created created = Replies.created(large.request(a.connection(),
                large.wire.create(1, "/large", data, CreateMode.PERSISTENT)));
            final DataReply read = Replies.dataReply(large.request(a.connection(), large.wire.getData(2, "/large")));

            assertEquals(ResultCode.OK, created.code());
            assertEquals(150_000, read.stat().dataLength());
            assertEquals(data, read.data());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    private void assertStillServing(final Client client)
    {
        final long zxid = f.lastZxid();
        final Created created = f.create(client, "/still-serving-" + zxid, "ok", CreateMode.PERSISTENT);
        assertEquals(ResultCode.OK, created.code());
        assertEquals(zxid + 1, created.zxid());
        assertEquals("ok", f.getData(client, created.path()).data());
    }

    private static byte[] withSchemaId(final byte[] message, final int schemaId)
    {
        new UnsafeBuffer(message).putShort(4, (short)schemaId, ByteOrder.LITTLE_ENDIAN);
        return message;
    }

    private static byte[] withTemplateId(final byte[] message, final int templateId)
    {
        new UnsafeBuffer(message).putShort(2, (short)templateId, ByteOrder.LITTLE_ENDIAN);
        return message;
    }
}
