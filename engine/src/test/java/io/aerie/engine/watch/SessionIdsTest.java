package io.aerie.engine.watch;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionIdsTest
{
    private final SessionIds ids = new SessionIds();

    @Test
    void shouldSortAscendingAndDropDuplicates()
    {
        for (final long id : new long[]{ 5, 3, 9, 3, 1, 9, 9, 2 })
        {
            ids.add(id);
        }

        assertEquals(5, ids.sortDistinct());
        assertArrayEquals(new long[]{ 1, 2, 3, 5, 9 }, held());
    }

    @Test
    void shouldSortLikeArraysSortForManyShapes()
    {
        final Random random = new Random(7);
        for (final int size : new int[]{ 0, 1, 2, 15, 16, 17, 100, 4_097, 20_000 })
        {
            for (int shape = 0; shape < 4; shape++)
            {
                final long[] values = new long[size];
                for (int i = 0; i < size; i++)
                {
                    values[i] = switch (shape)
                    {
                        case 0 -> random.nextInt(1_000);
                        case 1 -> i;
                        case 2 -> size - i;
                        default -> i < size / 2 ? 2L * i : 2L * (i - size / 2) + 1;
                    };
                }
                final long[] expected = values.clone();
                Arrays.sort(expected);

                SessionIds.sort(values, 0, size - 1);

                assertArrayEquals(expected, values, "size " + size + " shape " + shape);
            }
        }
    }

    @Test
    void shouldAllocateNothingSortingTwoSortedRunsOfTwentyThousand()
    {
        // Two sorted runs: what Arrays.sort would allocate a merge buffer for.
        final int size = 20_000;
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < 50 && allocated > 0; round++)
        {
            for (int i = 0; i < size; i++)
            {
                ids.add(i < size / 2 ? 2L * i : 2L * (i - size / 2) + 1);
            }
            final long before = threads.getCurrentThreadAllocatedBytes();
            ids.sortDistinct();
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
            ids.clear();
        }

        assertEquals(0, allocated);
    }

    private long[] held()
    {
        final long[] values = new long[ids.size()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = ids.get(i);
        }
        return values;
    }
}
