package io.aerie.codecs.model;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Fnv1aTest
{
    @Test
    void shouldGiveTheOffsetBasisForNoBytes()
    {
        assertEquals(0xcbf29ce484222325L, Fnv1a.hash(new UnsafeBuffer(new byte[0]), 0, 0));
    }

    @Test
    void shouldMatchTheReferenceVectors()
    {
        // From the FNV reference test suite: the tree digest depends on these values never changing.
        assertEquals(0xaf63dc4c8601ec8cL, hashOf("a"));
        assertEquals(0x85944171f73967e8L, hashOf("foobar"));
    }

    @Test
    void shouldHashOneByteAtATimeAsAllAtOnce()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer("/app/config".getBytes(StandardCharsets.UTF_8));
        long hash = Fnv1a.OFFSET_BASIS;
        for (int i = 0; i < buffer.capacity(); i++)
        {
            hash = Fnv1a.step(hash, buffer.getByte(i));
        }
        assertEquals(Fnv1a.hash(buffer, 0, buffer.capacity()), hash);
    }

    @Test
    void shouldHashALongAsItsEightBytesLeastSignificantFirst()
    {
        final UnsafeBuffer bytes = new UnsafeBuffer(new byte[] { 8, 7, 6, 5, 4, 3, 2, 1 });
        assertEquals(Fnv1a.hash(bytes, 0, 8), Fnv1a.hashLong(Fnv1a.OFFSET_BASIS, 0x0102030405060708L));
        assertEquals(0x0c6d4496e17859d5L, Fnv1a.hashLong(Fnv1a.OFFSET_BASIS, 0x0102030405060708L));
    }

    private static long hashOf(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return Fnv1a.hash(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
