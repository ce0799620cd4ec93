package io.aerie.engine.tree;

import net.openhft.chronicle.algo.hashing.LongHashFunction;
import net.openhft.chronicle.bytes.BytesStore;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScratchDataTest
{
    private final BytesStore<?, Void> first = BytesStore.nativeStoreWithFixedCapacity(256);
    private final BytesStore<?, Void> second = BytesStore.nativeStoreWithFixedCapacity(256);
    private final ScratchData firstData = new ScratchData(first);
    private final ScratchData secondData = new ScratchData(second);

    @AfterEach
    void release()
    {
        first.releaseLast();
        second.releaseLast();
    }

    @Test
    void shouldHashEqualBytesEquallyWhereverTheyLie()
    {
        final int length = put(first, 0, "/load/p00042/n0042001");
        put(second, 0, "/load/p00042/n0042001");

        assertEquals(firstData.size(length).hash(LongHashFunction.xx_r39()),
            secondData.size(length).hash(LongHashFunction.city_1_1()));
    }

    @Test
    void shouldGiveDistinctHashesToPathsThatDifferInOneCharacter()
    {
        final LongHashSet hashes = new LongHashSet();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        for (int i = 0; i < 100_000; i++)
        {
            final int length = buffer.putStringWithoutLengthAscii(0, String.format("/load/p%05d/n%07d", i / 1000, i));
            hashes.add(ScratchData.hash(buffer, length));
        }

        assertEquals(100_000, hashes.size());
    }

    @Test
    void shouldBeEquivalentToTheSameBytesStoredElsewhere()
    {
        final int length = put(first, 0, "/a/key/of/odd/length");
        put(second, 16, "/a/key/of/odd/length");

        assertTrue(firstData.size(length).equivalent(second, 16));
    }

    @Test
    void shouldNotBeEquivalentToBytesThatDifferInTheLastByte()
    {
        final int length = put(first, 0, "/a/key/of/odd/length");
        put(second, 0, "/a/key/of/odd/lengtH");

        assertFalse(firstData.size(length).equivalent(second, 0));
    }

    @Test
    void shouldCopyItsBytesIntoNativeMemory()
    {
        final int length = put(first, 0, "/copied/at/an/offset");

        firstData.size(length).writeTo(second, 8);

        final byte[] copy = new byte[length];
        second.read(8, copy, 0, length);
        assertEquals("/copied/at/an/offset", new String(copy, StandardCharsets.US_ASCII));
    }

    private static int put(final BytesStore<?, Void> store, final long offset, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        store.write(offset, bytes, 0, bytes.length);
        return bytes.length;
    }
}
