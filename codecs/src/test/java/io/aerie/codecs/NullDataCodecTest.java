package io.aerie.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static io.aerie.codecs.WireTestSupport.CAPACITY;
import static io.aerie.codecs.WireTestSupport.OFFSET;
import static io.aerie.codecs.WireTestSupport.UTF8_PATH;
import static io.aerie.codecs.WireTestSupport.assertFullyDecoded;
import static io.aerie.codecs.WireTestSupport.assertStat;
import static io.aerie.codecs.WireTestSupport.assertVarData;
import static io.aerie.codecs.WireTestSupport.bytes;
import static io.aerie.codecs.WireTestSupport.decode;
import static io.aerie.codecs.WireTestSupport.encodeStat;
import static io.aerie.codecs.WireTestSupport.newBuffer;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dataIsNull flag, appended in schema version 1 to CreateRequest, SetDataRequest, MultiRequest's ops and
 * GetDataResponse: it round-trips, and a message from a version 0 encoder (shorter block, no flag) still
 * decodes, with the flag read as absent (null value), which means non-null data.
 */
class NullDataCodecTest
{
    private static final int BLOCK_OFFSET = OFFSET + MessageHeaderEncoder.ENCODED_LENGTH;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final byte[] NO_BYTES = new byte[0];

    private final UnsafeBuffer buffer = newBuffer(CAPACITY);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    @Test
    void shouldBumpSchemaVersionForTheAppendedFlag()
    {
        assertTrue(CreateRequestDecoder.SCHEMA_VERSION >= 1, "version 2 appended the security messages");
        assertEquals(1, CreateRequestDecoder.dataIsNullSinceVersion());
        assertEquals(CreateRequestDecoder.BLOCK_LENGTH - 1, CreateRequestDecoder.dataIsNullEncodingOffset(),
            "appended at the end of the fixed block");
        assertEquals(SetDataRequestDecoder.BLOCK_LENGTH - 1, SetDataRequestDecoder.dataIsNullEncodingOffset());
        assertEquals(GetDataResponseDecoder.BLOCK_LENGTH - 1, GetDataResponseDecoder.dataIsNullEncodingOffset());
        assertEquals(MultiRequestDecoder.OpsDecoder.sbeBlockLength() - 1,
            MultiRequestDecoder.OpsDecoder.dataIsNullEncodingOffset());
    }

    @Test
    void shouldRoundTripNullDataFlagOfCreateRequest()
    {
        final CreateRequestEncoder encoder = new CreateRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(1L)
            .ttlMs(-1)
            .mode(CreateMode.PERSISTENT)
            .dataIsNull(BooleanType.TRUE);
        encoder.aclsCount(0);
        encoder.path(UTF8_PATH).putData(new byte[0], 0, 0);

        final CreateRequestDecoder decoder = decode(buffer, headerDecoder, new CreateRequestDecoder());
        assertEquals(BooleanType.TRUE, decoder.dataIsNull());
        decoder.acls();
        assertEquals(UTF8_PATH, decoder.path());
        assertVarData(NO_BYTES, decoder.dataLength(), decoder::getData);
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripNullDataFlagOfSetDataRequest()
    {
        final SetDataRequestEncoder encoder = new SetDataRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(2L)
            .version(3)
            .dataIsNull(BooleanType.TRUE);
        encoder.path(UTF8_PATH).putData(new byte[0], 0, 0);

        final SetDataRequestDecoder decoder = decode(buffer, headerDecoder, new SetDataRequestDecoder());
        assertEquals(3, decoder.version());
        assertEquals(BooleanType.TRUE, decoder.dataIsNull());
        assertEquals(UTF8_PATH, decoder.path());
        assertVarData(NO_BYTES, decoder.dataLength(), decoder::getData);
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripNullDataFlagOfEachMultiOp()
    {
        final byte[] data = bytes(10, 3);
        final MultiRequestEncoder encoder = new MultiRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(3L);
        final MultiRequestEncoder.OpsEncoder ops = encoder.opsCount(2);
        ops.next().ttlMs(-1).version(-1).opType(OpType.CREATE).mode(CreateMode.PERSISTENT).dataIsNull(BooleanType.TRUE)
            .path("/a").putData(new byte[0], 0, 0);
        ops.next().ttlMs(-1).version(-1).opType(OpType.SET_DATA).mode(CreateMode.PERSISTENT)
            .dataIsNull(BooleanType.FALSE).path("/b").putData(data, 0, data.length);
        encoder.opAclsCount(0);

        final MultiRequestDecoder decoder = decode(buffer, headerDecoder, new MultiRequestDecoder());
        final MultiRequestDecoder.OpsDecoder opsDecoder = decoder.ops();
        assertEquals(BooleanType.TRUE, opsDecoder.next().dataIsNull());
        assertEquals("/a", opsDecoder.path());
        assertVarData(NO_BYTES, opsDecoder.dataLength(), opsDecoder::getData);
        assertEquals(BooleanType.FALSE, opsDecoder.next().dataIsNull());
        assertEquals("/b", opsDecoder.path());
        assertVarData(data, opsDecoder.dataLength(), opsDecoder::getData);
        decoder.opAcls();
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripNullDataFlagOfGetDataResponse()
    {
        final GetDataResponseEncoder encoder = new GetDataResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(4L)
            .code(ResultCode.OK)
            .zxid(9L)
            .dataIsNull(BooleanType.TRUE);
        encodeStat(encoder.stat(), 40);
        encoder.putData(new byte[0], 0, 0);

        final GetDataResponseDecoder decoder = decode(buffer, headerDecoder, new GetDataResponseDecoder());
        assertStat(40, decoder.stat());
        assertEquals(BooleanType.TRUE, decoder.dataIsNull());
        assertVarData(NO_BYTES, decoder.dataLength(), decoder::getData);
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldDecodeCreateRequestOfVersion0EncoderAsNonNullData()
    {
        final byte[] data = bytes(20, 7);
        final int version0BlockLength = CreateRequestDecoder.dataIsNullEncodingOffset();
        writeHeader(version0BlockLength, CreateRequestEncoder.TEMPLATE_ID);
        final CreateRequestEncoder encoder = new CreateRequestEncoder().wrap(buffer, BLOCK_OFFSET)
            .correlationId(5L)
            .ttlMs(-1)
            .mode(CreateMode.EPHEMERAL);
        encoder.limit(BLOCK_OFFSET + version0BlockLength);
        encoder.aclsCount(1).next().perms(31).scheme("world").id("anyone");
        encoder.path(UTF8_PATH).putData(data, 0, data.length);

        final CreateRequestDecoder decoder = wrapAsHeaderSays(new CreateRequestDecoder());
        assertEquals(0, decoder.actingVersion());
        assertEquals(5L, decoder.correlationId());
        assertEquals(CreateMode.EPHEMERAL, decoder.mode());
        assertEquals(BooleanType.NULL_VAL, decoder.dataIsNull(), "no flag: non-null data");
        final CreateRequestDecoder.AclsDecoder acls = decoder.acls().next();
        assertEquals("world", acls.scheme());
        assertEquals("anyone", acls.id());
        assertEquals(UTF8_PATH, decoder.path());
        assertVarData(data, decoder.dataLength(), decoder::getData);
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void shouldDecodeSetDataRequestOfVersion0EncoderAsNonNullData()
    {
        final int version0BlockLength = SetDataRequestDecoder.dataIsNullEncodingOffset();
        writeHeader(version0BlockLength, SetDataRequestEncoder.TEMPLATE_ID);
        final SetDataRequestEncoder encoder = new SetDataRequestEncoder().wrap(buffer, BLOCK_OFFSET)
            .correlationId(6L)
            .version(-1);
        encoder.limit(BLOCK_OFFSET + version0BlockLength);
        encoder.path(UTF8_PATH).putData(new byte[0], 0, 0);

        final SetDataRequestDecoder decoder = wrapAsHeaderSays(new SetDataRequestDecoder());
        assertEquals(6L, decoder.correlationId());
        assertEquals(BooleanType.NULL_VAL, decoder.dataIsNull(), "no flag: empty, not null, data");
        assertEquals(UTF8_PATH, decoder.path());
        assertVarData(NO_BYTES, decoder.dataLength(), decoder::getData);
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void shouldDecodeMultiOpsOfVersion0EncoderAsNonNullData()
    {
        final int version0OpLength = MultiRequestDecoder.OpsDecoder.dataIsNullEncodingOffset();
        writeHeader(MultiRequestEncoder.BLOCK_LENGTH, MultiRequestEncoder.TEMPLATE_ID);
        new MultiRequestEncoder().wrap(buffer, BLOCK_OFFSET).correlationId(7L);
        // The ops group as version 0 wrote it: a shorter entry block, declared in the group's dimension.
        int position = BLOCK_OFFSET + MultiRequestEncoder.BLOCK_LENGTH;
        buffer.putShort(position, (short)version0OpLength, ORDER);
        buffer.putShort(position + 2, (short)1, ORDER);
        position += GroupSizeEncodingEncoder.ENCODED_LENGTH;
        buffer.putLong(position + MultiRequestDecoder.OpsDecoder.ttlMsEncodingOffset(), -1, ORDER);
        buffer.putInt(position + MultiRequestDecoder.OpsDecoder.versionEncodingOffset(), -1, ORDER);
        buffer.putByte(position + MultiRequestDecoder.OpsDecoder.opTypeEncodingOffset(), (byte)OpType.CREATE.value());
        buffer.putByte(position + MultiRequestDecoder.OpsDecoder.modeEncodingOffset(),
            (byte)CreateMode.PERSISTENT.value());
        position += version0OpLength;
        final byte[] path = "/v0".getBytes(UTF_8);
        buffer.putShort(position, (short)path.length, ORDER);
        buffer.putBytes(position + 2, path);
        position += 2 + path.length;
        buffer.putInt(position, 0, ORDER);
        position += 4;
        buffer.putShort(position, (short)MultiRequestDecoder.OpAclsDecoder.sbeBlockLength(), ORDER);
        buffer.putShort(position + 2, (short)0, ORDER);
        position += GroupSizeEncodingEncoder.ENCODED_LENGTH;

        final MultiRequestDecoder decoder = wrapAsHeaderSays(new MultiRequestDecoder());
        final MultiRequestDecoder.OpsDecoder ops = decoder.ops();
        assertEquals(version0OpLength, ops.actingBlockLength());
        assertEquals(OpType.CREATE, ops.next().opType());
        assertEquals(BooleanType.NULL_VAL, ops.dataIsNull(), "no flag: non-null data");
        assertEquals("/v0", ops.path());
        assertVarData(NO_BYTES, ops.dataLength(), ops::getData);
        assertEquals(0, decoder.opAcls().count());
        assertEquals(position, decoder.limit());
    }

    @Test
    void shouldDecodeGetDataResponseOfVersion0ClusterAsNonNullData()
    {
        final byte[] data = bytes(30, 9);
        final int version0BlockLength = GetDataResponseDecoder.dataIsNullEncodingOffset();
        writeHeader(version0BlockLength, GetDataResponseEncoder.TEMPLATE_ID);
        final GetDataResponseEncoder encoder = new GetDataResponseEncoder().wrap(buffer, BLOCK_OFFSET)
            .correlationId(8L)
            .code(ResultCode.OK)
            .zxid(10L);
        encodeStat(encoder.stat(), 80);
        encoder.limit(BLOCK_OFFSET + version0BlockLength);
        encoder.putData(data, 0, data.length);

        final GetDataResponseDecoder decoder = wrapAsHeaderSays(new GetDataResponseDecoder());
        assertStat(80, decoder.stat());
        assertEquals(BooleanType.NULL_VAL, decoder.dataIsNull());
        assertVarData(data, decoder.dataLength(), decoder::getData);
        assertEquals(encoder.limit(), decoder.limit());
    }

    private void writeHeader(final int blockLength, final int templateId)
    {
        headerEncoder.wrap(buffer, OFFSET)
            .blockLength(blockLength)
            .templateId(templateId)
            .schemaId(MessageHeaderEncoder.SCHEMA_ID)
            .version(0);
    }

    private <T extends org.agrona.sbe.MessageDecoderFlyweight> T wrapAsHeaderSays(final T decoder)
    {
        headerDecoder.wrap(buffer, OFFSET);
        assertEquals(0, headerDecoder.version());
        decoder.wrap(buffer, BLOCK_OFFSET, headerDecoder.blockLength(), headerDecoder.version());
        return decoder;
    }
}
