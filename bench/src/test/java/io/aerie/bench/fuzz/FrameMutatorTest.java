package io.aerie.bench.fuzz;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FrameMutatorTest
{
    @Test
    void shouldMutateTheSameWayFromTheSameSeed()
    {
        assertArrayEquals(frames(7), frames(7));
    }

    @Test
    void shouldProduceEveryKindOfMutation()
    {
        final FrameMutator mutator = new FrameMutator(3, AerieRequestSeeds.TEMPLATE_IDS);
        final AerieRequestSeeds seeds = new AerieRequestSeeds(64, 64);
        final Seed seed = new Seed();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final boolean[] seen = new boolean[FrameMutator.Kind.values().length];
        for (int i = 0; i < 2_000; i++)
        {
            seeds.encode(mutator.random(), seed.reset("request"), buffer, 0, i);
            mutator.mutate(seed, buffer, buffer.capacity());
            seen[mutator.lastKind().ordinal()] = true;
        }
        for (final FrameMutator.Kind kind : FrameMutator.Kind.values())
        {
            assertEquals(true, seen[kind.ordinal()], kind.name());
        }
    }

    private static byte[] frames(final long seedValue)
    {
        final FrameMutator mutator = new FrameMutator(seedValue, AerieRequestSeeds.TEMPLATE_IDS);
        final AerieRequestSeeds seeds = new AerieRequestSeeds(64, 64);
        final Seed seed = new Seed();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final byte[] all = new byte[200 * 256];
        for (int i = 0; i < 200; i++)
        {
            seeds.encode(mutator.random(), seed.reset("request"), buffer, 0, i);
            final int length = Math.min(256, mutator.mutate(seed, buffer, buffer.capacity()));
            buffer.getBytes(0, all, i * 256, length);
        }
        return all;
    }

    @Test
    void shouldDrawTheSameSequenceAsSplittableRandom()
    {
        assertEquals(new SplittableRandom(11).nextLong(), new FrameMutator(11, new int[]{ 1 }).random().nextLong());
    }
}
