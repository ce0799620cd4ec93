package io.aerie.engine.watch;

import java.util.Arrays;

/**
 * A reusable list of session ids: the recipients of one watch event, gathered from several watches, then put
 * in ascending order without duplicates so every node sends in the same order and no session gets an event
 * twice. Grows by doubling; never shrinks.
 */
public final class SessionIds
{
    private static final int INSERTION_SORT_THRESHOLD = 16;

    private long[] ids = new long[16];
    private int size;

    /**
     * Empty the list.
     */
    public void clear()
    {
        size = 0;
    }

    /**
     * @param sessionId to append; duplicates are removed by {@link #sortDistinct()}.
     */
    public void add(final long sessionId)
    {
        if (size == ids.length)
        {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = sessionId;
    }

    /**
     * Sort ascending and drop duplicates.
     *
     * @return the number of distinct ids now held.
     */
    public int sortDistinct()
    {
        if (size > 1)
        {
            sort(ids, 0, size - 1);
            int distinct = 1;
            for (int i = 1; i < size; i++)
            {
                if (ids[i] != ids[distinct - 1])
                {
                    ids[distinct++] = ids[i];
                }
            }
            size = distinct;
        }
        return size;
    }

    /**
     * In-place quicksort of {@code a[low..high]}. Not {@code Arrays.sort}: above 4,096 elements that looks for
     * sorted runs and allocates a merge buffer when it finds some, which recipients gathered from a few watch
     * lists often are; a fan-out must allocate nothing. Recursion goes into the smaller side, so its depth is
     * logarithmic.
     */
    static void sort(final long[] a, final int low, final int high)
    {
        int lo = low;
        int hi = high;
        while (hi - lo >= INSERTION_SORT_THRESHOLD)
        {
            final int mid = (lo + hi) >>> 1;
            final long pivot = medianOfThree(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j)
            {
                while (a[i] < pivot)
                {
                    i++;
                }
                while (a[j] > pivot)
                {
                    j--;
                }
                if (i <= j)
                {
                    final long t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (j - lo < hi - i)
            {
                sort(a, lo, j);
                lo = i;
            }
            else
            {
                sort(a, i, hi);
                hi = j;
            }
        }
        for (int i = lo + 1; i <= hi; i++)
        {
            final long v = a[i];
            int k = i - 1;
            while (k >= lo && a[k] > v)
            {
                a[k + 1] = a[k];
                k--;
            }
            a[k + 1] = v;
        }
    }

    private static long medianOfThree(final long a, final long b, final long c)
    {
        return a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
    }

    /**
     * @return number of ids held.
     */
    public int size()
    {
        return size;
    }

    /**
     * @return the id at {@code index}.
     */
    public long get(final int index)
    {
        return ids[index];
    }
}
