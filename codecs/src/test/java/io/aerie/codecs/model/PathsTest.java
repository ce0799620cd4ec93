package io.aerie.engine.tree;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


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
