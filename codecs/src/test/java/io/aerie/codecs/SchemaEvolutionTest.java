package io.aerie.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.aerie.codecs.WireTestSupport.CAPACITY;
import static io.aerie.codecs.WireTestSupport.OFFSET;
import static io.aerie.codecs.WireTestSupport.UTF8_PATH;
import static io.aerie.codecs.WireTestSupport.assertVarData;
import static io.aerie.codecs.WireTestSupport.bytes;
import static io.aerie.codecs.WireTestSupport.newBuffer;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forward compatibility: a decoder of the current schema reads messages from a newer encoder that
 * appended fields (with {@code sinceVersion}), as the schema's evolution rules allow. The newer
 * encoder is simulated by writing the bytes it would produce.
 * <p>
 * Backward compatibility (decoding a message of schema version 0, before dataIsNull was appended) is in
 * {@link NullDataCodecTest}.
 */
class SchemaEvolutionTest
{
    private static final int NEXT_VERSION = SetDataRequestEncoder.SCHEMA_VERSION + 1;
    private static final long APPENDED_FIELD = 0x0DDB_A11C_AFE5_F00DL;

    private final UnsafeBuffer buffer = newBuffer(CAPACITY);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    @Test
    void shouldDecodeMessageFromNewerSchemaThatAppendedAField()
    {
        final byte[] data = bytes(500, 21);
        final int newerBlockLength = SetDataRequestEncoder.BLOCK_LENGTH + Long.BYTES;
        headerEncoder.wrap(buffer, OFFSET)
            .blockLength(newerBlockLength)
            .templateId(SetDataRequestEncoder.TEMPLATE_ID)
            .schemaId(SetDataRequestEncoder.SCHEMA_ID)
            .version(NEXT_VERSION);
        final int blockOffset = OFFSET + MessageHeaderEncoder.ENCODED_LENGTH;
        final SetDataRequestEncoder encoder = new SetDataRequestEncoder()
            .wrap(buffer, blockOffset)
            .correlationId(501L)
            .version(17);
        // The newer encoder's appended field sits after the current block; var data follows it.
        buffer.putLong(blockOffset + SetDataRequestEncoder.BLOCK_LENGTH, APPENDED_FIELD, SetDataRequestEncoder.BYTE_ORDER);
        encoder.limit(blockOffset + newerBlockLength);
        encoder.path(UTF8_PATH).putData(data, 0, data.length);

        headerDecoder.wrap(buffer, OFFSET);
        assertEquals(SetDataRequestDecoder.SCHEMA_ID, headerDecoder.schemaId());
        assertEquals(SetDataRequestDecoder.TEMPLATE_ID, headerDecoder.templateId());
        assertTrue(headerDecoder.version() > SetDataRequestDecoder.SCHEMA_VERSION);
        final SetDataRequestDecoder decoder = new SetDataRequestDecoder().wrap(
            buffer, blockOffset, headerDecoder.blockLength(), headerDecoder.version());

        assertEquals(NEXT_VERSION, decoder.actingVersion());
        assertEquals(501L, decoder.correlationId());
        assertEquals(17, decoder.version());
        assertEquals(UTF8_PATH, decoder.path());
        assertVarData(data, decoder.dataLength(), decoder::getData);
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void shouldDecodeGroupEntriesFromNewerSchemaThatAppendedAGroupField()
    {
        final String[] paths = { "/members/m-0000000001", UTF8_PATH };
        final int appendedFieldLength = Integer.BYTES;
        headerEncoder.wrap(buffer, OFFSET)
            .blockLength(GetEphemeralsResponseEncoder.BLOCK_LENGTH)
            .templateId(GetEphemeralsResponseEncoder.TEMPLATE_ID)
            .schemaId(GetEphemeralsResponseEncoder.SCHEMA_ID)
            .version(NEXT_VERSION);
        final int blockOffset = OFFSET + MessageHeaderEncoder.ENCODED_LENGTH;
        new GetEphemeralsResponseEncoder().wrap(buffer, blockOffset).correlationId(502L).code(ResultCode.OK).zxid(77L);
        // Group written as a newer encoder would: each entry carries a 4-byte field before its var data,
        // and the dimension's blockLength says so.
        int position = blockOffset + GetEphemeralsResponseEncoder.BLOCK_LENGTH;
        buffer.putShort(position, (short)appendedFieldLength, GetEphemeralsResponseEncoder.BYTE_ORDER);
        buffer.putShort(position + 2, (short)paths.length, GetEphemeralsResponseEncoder.BYTE_ORDER);
        position += GroupSizeEncodingEncoder.ENCODED_LENGTH;
        for (int i = 0; i < paths.length; i++)
        {
            final byte[] path = paths[i].getBytes(UTF_8);
            buffer.putInt(position, 0x5EED_0000 + i, GetEphemeralsResponseEncoder.BYTE_ORDER);
            position += appendedFieldLength;
            buffer.putShort(position, (short)path.length, GetEphemeralsResponseEncoder.BYTE_ORDER);
            position += GetEphemeralsResponseEncoder.PathsEncoder.pathHeaderLength();
            buffer.putBytes(position, path);
            position += path.length;
        }

        headerDecoder.wrap(buffer, OFFSET);
        final GetEphemeralsResponseDecoder decoder = new GetEphemeralsResponseDecoder().wrap(
            buffer, blockOffset, headerDecoder.blockLength(), headerDecoder.version());

        assertEquals(502L, decoder.correlationId());
        assertEquals(ResultCode.OK, decoder.code());
        assertEquals(77L, decoder.zxid());
        final GetEphemeralsResponseDecoder.PathsDecoder pathsDecoder = decoder.paths();
        assertEquals(paths.length, pathsDecoder.count());
        assertEquals(appendedFieldLength, pathsDecoder.actingBlockLength());
        for (final String path : paths)
        {
            assertEquals(path, pathsDecoder.next().path());
        }
        assertFalse(pathsDecoder.hasNext());
        assertEquals(position, decoder.limit());
    }
}
