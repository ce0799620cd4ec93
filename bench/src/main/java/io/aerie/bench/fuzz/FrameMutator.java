package io.aerie.bench.fuzz;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Deterministic mutations of a valid frame: the same seed gives the same sequence of mutated frames. Each call
 * picks one {@link Kind}: bit flips, interesting bytes, truncation, a lying var-data length, a header that lies
 * (template, schema, version, block length), a huge or lying group dimension, trailing garbage, random bytes, or
 * the seed left as it is.
 */
final class FrameMutator
{
    /**
     * What a mutation did to a frame.
     */
    enum Kind
    {
        NONE, BIT_FLIPS, BYTES, TRUNCATE, LYING_LENGTH, HEADER_LIE, GROUP_LIE, EXTEND, RANDOM
    }

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final Kind[] KINDS = Kind.values();
    private static final int[] WEIGHTS = { 4, 20, 10, 10, 16, 14, 10, 6, 10 };
    private static final int WEIGHT_TOTAL;
    private static final int[] INTERESTING_U16 = { 0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF };
    private static final int[] INTERESTING_U32 =
    {
        0, 1, 0xFF, 0xFFFF, 0x10000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x4000_0001, 0x0100_0000
    };
    private static final int[] INTERESTING_BYTES = { 0, 1, 0x7F, 0x80, 0xC0, 0xC3, 0xED, 0xF8, 0xFE, 0xFF };

    static
    {
        int total = 0;
        for (final int weight : WEIGHTS)
        {
            total += weight;
        }
        WEIGHT_TOTAL = total;
    }

    private final SplittableRandom random;
    private final int[] templateIds;
    private Kind lastKind = Kind.NONE;

    /**
     * @param seed        of the deterministic sequence.
     * @param templateIds template ids a header lie prefers (those of the protocol being fuzzed).
     */
    FrameMutator(final long seed, final int[] templateIds)
    {
        this.random = new SplittableRandom(seed);
        this.templateIds = templateIds.clone();
    }

    /**
     * @return the random source, for choices that must follow the same seed.
     */
    SplittableRandom random()
    {
        return random;
    }

    /**
     * @return the kind of the last mutation.
     */
    Kind lastKind()
    {
        return lastKind;
    }

    /**
     * Mutate a copy of the seed in place.
     *
     * @param seed     what the buffer holds, from offset 0.
     * @param buffer   holding a copy of the seed's bytes.
     * @param capacity of the buffer the frame may grow to.
     * @return the length of the mutated frame.
     */
    int mutate(final Seed seed, final MutableDirectBuffer buffer, final int capacity)
    {
        lastKind = pick();
        final int length = seed.length;
        switch (lastKind)
        {
            case BIT_FLIPS: return flipBits(buffer, length);
            case BYTES: return setBytes(buffer, length);
            case TRUNCATE: return length <= 1 ? 0 : random.nextInt(length);
            case LYING_LENGTH: return lieLength(seed, buffer, length);
            case HEADER_LIE: return lieHeader(seed, buffer, length);
            case GROUP_LIE: return lieGroup(seed, buffer, length);
            case EXTEND: return extend(buffer, length, capacity);
            case RANDOM: return randomBytes(buffer, capacity);
            default: return length;
        }
    }

    private Kind pick()
    {
        int roll = random.nextInt(WEIGHT_TOTAL);
        for (int i = 0; i < WEIGHTS.length; i++)
        {
            roll -= WEIGHTS[i];
            if (roll < 0)
            {
                return KINDS[i];
            }
        }
        return Kind.NONE;
    }

    private int flipBits(final MutableDirectBuffer buffer, final int length)
    {
        if (0 == length)
        {
            return 0;
        }
        final int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++)
        {
            final int index = random.nextInt(length);
            buffer.putByte(index, (byte)(buffer.getByte(index) ^ (1 << random.nextInt(8))));
        }
        return length;
    }

    private int setBytes(final MutableDirectBuffer buffer, final int length)
    {
        if (0 == length)
        {
            return 0;
        }
        final int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++)
        {
            buffer.putByte(random.nextInt(length), (byte)INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]);
        }
        return length;
    }

    private int lieLength(final Seed seed, final MutableDirectBuffer buffer, final int length)
    {
        if (0 == seed.varLengthCount)
        {
            return flipBits(buffer, length);
        }
        final int field = random.nextInt(seed.varLengthCount);
        final int offset = seed.varLengthOffsets[field];
        if (2 == seed.varLengthWidths[field])
        {
            final int actual = buffer.getShort(offset, LE) & 0xFFFF;
            buffer.putShort(offset, (short)lie(actual, INTERESTING_U16), LE);
        }
        else
        {
            final int actual = buffer.getInt(offset, LE);
            buffer.putInt(offset, lie(actual, INTERESTING_U32), LE);
        }
        return length;
    }

    private int lie(final int actual, final int[] interesting)
    {
        switch (random.nextInt(4))
        {
            case 0: return actual + 1;
            case 1: return actual - 1;
            case 2: return actual + 1 + random.nextInt(64);
            default: return interesting[random.nextInt(interesting.length)];
        }
    }

    private int lieHeader(final Seed seed, final MutableDirectBuffer buffer, final int length)
    {
        if (0 == seed.headerCount)
        {
            return flipBits(buffer, length);
        }
        final int offset = seed.headerOffsets[random.nextInt(seed.headerCount)];
        switch (random.nextInt(4))
        {
            case 0: // block length
                final int blockLength = buffer.getShort(offset, LE) & 0xFFFF;
                buffer.putShort(offset, (short)lie(blockLength, INTERESTING_U16), LE);
                break;
            case 1: // template id: another of the protocol's, or any
                buffer.putShort(offset + 2, (short)(random.nextBoolean() ?
                    templateIds[random.nextInt(templateIds.length)] : random.nextInt(0x10000)), LE);
                break;
            case 2: // schema id
                buffer.putShort(offset + 4, (short)INTERESTING_U16[random.nextInt(INTERESTING_U16.length)], LE);
                break;
            default: // version
                buffer.putShort(offset + 6, (short)(random.nextBoolean() ? random.nextInt(4) : 0xFFFF), LE);
        }
        return length;
    }

    private int lieGroup(final Seed seed, final MutableDirectBuffer buffer, final int length)
    {
        if (0 == seed.groupCount)
        {
            return lieLength(seed, buffer, length);
        }
        final int offset = seed.groupOffsets[random.nextInt(seed.groupCount)];
        if (random.nextBoolean())
        {
            buffer.putShort(offset + 2, (short)(random.nextBoolean() ? 0xFFFF : random.nextInt(0x10000)), LE);
        }
        else
        {
            final int blockLength = buffer.getShort(offset, LE) & 0xFFFF;
            buffer.putShort(offset, (short)lie(blockLength, INTERESTING_U16), LE);
        }
        return length;
    }

    private int extend(final MutableDirectBuffer buffer, final int length, final int capacity)
    {
        final int extra = Math.min(1 + random.nextInt(64), capacity - length);
        for (int i = 0; i < extra; i++)
        {
            buffer.putByte(length + i, (byte)random.nextInt(256));
        }
        return length + extra;
    }

    private int randomBytes(final MutableDirectBuffer buffer, final int capacity)
    {
        final int length = Math.min(random.nextInt(257), capacity);
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(i, (byte)random.nextInt(256));
        }
        return length;
    }
}
