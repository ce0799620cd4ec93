package io.aerie.codecs.model;

import org.agrona.DirectBuffer;

/**
 * 64-bit FNV-1a, the one hash of bytes that Aerie's digests and path tables share: the engine's tree digest (compared
 * across replicas and with committed values, so it must never change), the fuzzer's copy of that digest, and the
 * engine's and client's watch tables, which hash a path one byte at a time so that every ancestor's hash comes from
 * one pass. Stateless and allocation-free; any thread.
 */
public final class Fnv1a
{
    /** The FNV-1a 64-bit offset basis: the hash of no bytes. */
    public static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    /** The FNV-1a 64-bit prime. */
    public static final long PRIME = 0x100000001b3L;

    private Fnv1a()
    {
    }

    /**
     * @param hash the hash of some bytes.
     * @param b    the next byte.
     * @return the hash of those bytes followed by {@code b}.
     */
    public static long step(final long hash, final byte b)
    {
        return (hash ^ (b & 0xFF)) * PRIME;
    }

    /**
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length number of bytes.
     * @return the hash of the bytes, from {@link #OFFSET_BASIS}.
     */
    public static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        return hashBytes(OFFSET_BASIS, buffer, offset, length);
    }

    /**
     * @param hash   the hash of what came before.
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length number of bytes.
     * @return {@code hash} extended by the bytes.
     */
    public static long hashBytes(final long hash, final DirectBuffer buffer, final int offset, final int length)
    {
        long h = hash;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ (buffer.getByte(offset + i) & 0xFF)) * PRIME;
        }
        return h;
    }

    /**
     * @param hash  the hash of what came before.
     * @param value eight bytes, taken least significant first.
     * @return {@code hash} extended by the value's bytes.
     */
    public static long hashLong(final long hash, final long value)
    {
        long h = hash;
        for (int shift = 0; shift < 64; shift += 8)
        {
            h = (h ^ ((value >>> shift) & 0xFF)) * PRIME;
        }
        return h;
    }

    /**
     * SplitMix64's finaliser: spreads FNV's weak high bits, for digests that sum one hash per item.
     *
     * @param hash an FNV-1a hash.
     * @return the hash, mixed.
     */
    public static long splitMix64(final long hash)
    {
        long z = hash;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
