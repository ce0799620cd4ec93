package io.aerie.engine.tree;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathsTest
{
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
    void shouldEncodeUtf8AsTheJdkDoes()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final String path = "/a\u00e9\u65e5\ud83d\ude00";
        final int length = Paths.encodeUtf8(path, buffer, 3);
        final byte[] expected = path.getBytes(StandardCharsets.UTF_8);
        assertEquals(expected.length, length);
        for (int i = 0; i < length; i++)
        {
            assertEquals(expected[i], buffer.getByte(3 + i));
        }

        final StringBuilder decoded = new StringBuilder();
        Paths.appendUtf8(buffer, 3, length, decoded);
        assertEquals(path, decoded.toString());
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
}
