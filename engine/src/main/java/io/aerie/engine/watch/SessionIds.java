package io.aerie.engine.watch;

import java.util.Arrays;

/**
 * A reusable list of session ids: the recipients of one watch event, gathered from several watches, then put
 * in ascending order without duplicates so every node sends in the same order and no session gets an event
 * twice. Grows by doubling; never shrinks.
 */
public final class SessionIds
{
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
            Arrays.sort(ids, 0, size);
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
