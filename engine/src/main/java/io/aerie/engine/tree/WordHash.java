package io.aerie.engine.tree;

import io.aerie.codecs.model.Fnv1a;
import org.agrona.DirectBuffer;

/**
 * A 64-bit hash of bytes taken eight at a time, for digests over hundreds of megabytes at a restart (the tree's
 * snapshot messages, a copy of its maps) where byte-wise FNV would cost seconds. Not for anything adversarial.
 */
final class WordHash
{
    private WordHash()
    {
    }

    /**
     * @param seed   the hash of what came before, or any constant.
     * @return the hash of the bytes, mixed (a digest may sum such hashes).
     */
    static long hash(final long seed, final DirectBuffer buffer, final int offset, final int length)
    {
        long h = Fnv1a.splitMix64(seed ^ length);
        int i = 0;
        for (final int words = length & ~7; i < words; i += 8)
        {
            h = Fnv1a.splitMix64(h ^ buffer.getLong(offset + i));
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += 8)
        {
            tail |= (buffer.getByte(offset + i) & 0xFFL) << shift;
        }
        return Fnv1a.splitMix64(h ^ tail);
    }
}
