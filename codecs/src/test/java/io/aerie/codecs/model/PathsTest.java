package io.aerie.codecs.model;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathsTest
{
    private static final String[] VALID =
        { "/", "/a", "/a/b", "/a.b", "/..a", "/a..", "/-_ :", "/\u00e9t\u00e9", "/\u65e5", "/.a/b.", "/\u00a0" };
    private static final String[] INVALID = { "", "a", "a/b", "/a/", "//", "/a//b", "/.", "/..", "/a/.", "/a/../b",
        "/\u0000", "/\u001f", "/\u007f", "/\u009f", "/\ud83d\ude00", "/\ue000", "/\ufff0", "/\uffff", "/a/./b", "/./a" };

    @ParameterizedTest
    @ValueSource(strings = { "/", "/a", "/a/b", "/a.b", "/..a", "/a..", "/-_ :", "/\u00e9t\u00e9", "/\u65e5" })
    void shouldAcceptValidPaths(final String path)
    {
        assertTrue(Paths.isValid(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "a", "a/b", "/a/", "//", "/a//b", "/.", "/..", "/a/.", "/a/../b", "/\u0000",
        "/\u001f", "/\u007f", "/\u009f", "/\ud83d\ude00", "/\ue000", "/\ufff0", "/\uffff" })
    void shouldRefuseInvalidPaths(final String path)
    {
        assertFalse(Paths.isValid(path), path);
    }

    @Test
    void shouldJudgeUtf8BytesAsTheirText()
    {
        for (final String path : VALID)
        {
            assertTrue(isValidBytes(path.getBytes(StandardCharsets.UTF_8)), path);
        }
        for (final String path : INVALID)
        {
            assertFalse(isValidBytes(path.getBytes(StandardCharsets.UTF_8)), path);
        }
    }

    @Test
    void shouldRefuseMalformedUtf8()
    {
        final byte[][] malformed = {
            { '/', (byte)0xC3 },                            // truncated
            { '/', (byte)0xC0, (byte)0xAF },                // overlong '/'
            { '/', (byte)0xE0, (byte)0x80, (byte)0xAF },    // overlong
            { '/', (byte)0xED, (byte)0xA0, (byte)0x80 },    // an encoded surrogate
            { '/', (byte)0x80 },                            // a lone continuation byte
            { '/', (byte)0xFF },
        };
        for (final byte[] bytes : malformed)
        {
            assertFalse(isValidBytes(bytes));
        }
    }

    @Test
    void shouldAgreeWithDecodingThenCheckingTextOnRandomBytes()
    {
        final Random random = new Random(42);
        final byte[] alphabet = { '/', '/', '.', 'a', 0, 0x1F, 0x7F, (byte)0xC2, (byte)0x9F, (byte)0xA0, (byte)0xC3,
            (byte)0xA9, (byte)0xE6, (byte)0x97, (byte)0xA5, (byte)0xEF, (byte)0xBF, (byte)0xB0, (byte)0xEE, (byte)0x80,
            (byte)0xF0, (byte)0x9F, (byte)0x98, (byte)0x80, (byte)0xED };
        final StringBuilder text = new StringBuilder();
        for (int run = 0; run < 200_000; run++)
        {
            final byte[] bytes = new byte[1 + random.nextInt(8)];
            bytes[0] = random.nextInt(10) < 9 ? (byte)'/' : alphabet[random.nextInt(alphabet.length)];
            for (int i = 1; i < bytes.length; i++)
            {
                bytes[i] = alphabet[random.nextInt(alphabet.length)];
            }
            text.setLength(0);
            final boolean expected = Utf8.decode(new UnsafeBuffer(bytes), 0, bytes.length, text) && Paths.isValid(text);
            assertEquals(expected, isValidBytes(bytes), () -> java.util.Arrays.toString(bytes));
        }
    }

    @Test
    void shouldCheckBytesAtAnOffset()
    {
        final byte[] bytes = "xx/a/bxx".getBytes(StandardCharsets.US_ASCII);
        assertTrue(Paths.isValid(new UnsafeBuffer(bytes), 2, 4));
        assertFalse(Paths.isValid(new UnsafeBuffer(bytes), 2, 3));
    }

    @Test
    void shouldFormatSequenceAsZooKeeper()
    {
        for (final int n : new int[]{ 0, 7, 42, 1_000_000_000, Integer.MAX_VALUE, -1, -5, Integer.MIN_VALUE })
        {
            final StringBuilder sb = new StringBuilder();
            Paths.appendSequence(sb, n);
            assertEquals(String.format("%010d", n), sb.toString());
        }
    }

    @Test
    void shouldPutSequenceAsTheLastTenCharactersOfZooKeepers()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        for (final int n : new int[]{ 0, 7, 42, 1_000_000_000, Integer.MAX_VALUE, -1, -5, -999_999_999, Integer.MIN_VALUE })
        {
            Paths.putSequence(buffer, 3, n);
            final String formatted = String.format("%010d", n);
            assertEquals(formatted.substring(formatted.length() - Paths.SEQUENCE_DIGITS),
                buffer.getStringWithoutLengthAscii(3, Paths.SEQUENCE_DIGITS), formatted);
        }
    }

    private static boolean isValidBytes(final byte[] bytes)
    {
        return Paths.isValid(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
