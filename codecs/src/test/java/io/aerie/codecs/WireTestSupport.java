package io.aerie.codecs;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Shared fixtures for the codec tests: buffers, the header check every decoder runs first, Stat
 * values and byte patterns.
 */
final class WireTestSupport
{
    /** Messages are encoded away from 0, as they are inside an Aeron term or claim. */
    static final int OFFSET = 64;
    static final int CAPACITY = 64 * 1024;
    static final int ONE_MIB = 1024 * 1024;
    /** Non-ASCII on purpose: paths are UTF-8 and the length prefix counts bytes, not chars. */
    static final String UTF8_PATH = "/app/\u00fcn\u00efc\u00f8d\u00e9/\u20ac-\uD83D\uDE80";

    private WireTestSupport()
    {
    }

    static UnsafeBuffer newBuffer(final int capacity)
    {
        return new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity, 64));
    }

    /**
     * Checks the header at {@link #OFFSET} the way a real adapter does (schema id, template id,
     * version), then wraps the decoder with the header's acting block length and version.
     */
    static <T extends MessageDecoderFlyweight> T decode(
        final DirectBuffer buffer, final MessageHeaderDecoder headerDecoder, final T decoder)
    {
        headerDecoder.wrap(buffer, OFFSET);
        assertEquals(decoder.sbeSchemaId(), headerDecoder.schemaId(), "schemaId");
        assertEquals(decoder.sbeTemplateId(), headerDecoder.templateId(), "templateId");
        assertEquals(decoder.sbeSchemaVersion(), headerDecoder.version(), "version");
        assertEquals(decoder.sbeBlockLength(), headerDecoder.blockLength(), "blockLength");
        decoder.wrap(
            buffer, OFFSET + MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
        return decoder;
    }

    /** Call after reading every group and var data field: the decoder must end where the encoder did. */
    static void assertFullyDecoded(final MessageEncoderFlyweight encoder, final MessageDecoderFlyweight decoder)
    {
        assertEquals(encoder.encodedLength(), decoder.encodedLength(), "encodedLength");
        assertEquals(encoder.limit(), decoder.limit(), "limit");
    }

    static byte[] bytes(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 31 + seed);
        }
        return bytes;
    }

    static void encodeStat(final StatEncoder stat, final long seed)
    {
        stat.czxid(seed + 1)
            .mzxid(seed + 2)
            .pzxid(seed + 3)
            .ctime(seed + 4)
            .mtime(seed + 5)
            .version((int)seed + 6)
            .cversion((int)seed + 7)
            .aversion((int)seed + 8)
            .ephemeralOwner(seed + 9)
            .dataLength((int)seed + 10)
            .numChildren((int)seed + 11);
    }

    static void assertStat(final long seed, final StatDecoder stat)
    {
        assertEquals(seed + 1, stat.czxid(), "czxid");
        assertEquals(seed + 2, stat.mzxid(), "mzxid");
        assertEquals(seed + 3, stat.pzxid(), "pzxid");
        assertEquals(seed + 4, stat.ctime(), "ctime");
        assertEquals(seed + 5, stat.mtime(), "mtime");
        assertEquals((int)seed + 6, stat.version(), "version");
        assertEquals((int)seed + 7, stat.cversion(), "cversion");
        assertEquals((int)seed + 8, stat.aversion(), "aversion");
        assertEquals(seed + 9, stat.ephemeralOwner(), "ephemeralOwner");
        assertEquals((int)seed + 10, stat.dataLength(), "dataLength");
        assertEquals((int)seed + 11, stat.numChildren(), "numChildren");
    }

    /** Reads a varDataEncoding field through its length and copy accessors. */
    static void assertVarData(final byte[] expected, final int actualLength, final VarDataReader reader)
    {
        assertEquals(expected.length, actualLength, "var data length");
        final byte[] actual = new byte[actualLength];
        assertEquals(actualLength, reader.read(actual, 0, actualLength), "bytes copied");
        assertArrayEquals(expected, actual);
    }

    /** The generated {@code getX(byte[], int, int)} of a var data field. */
    @FunctionalInterface
    interface VarDataReader
    {
        int read(byte[] dst, int dstOffset, int length);
    }
}
