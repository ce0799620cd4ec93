package io.aerie.client;

import java.util.Arrays;

/**
 * Watchers of one kind on one path, in registration order, each object at most once (identity). Kept by a
 * pooled {@link PathWatches}, so its array is reused and grows only past its largest size.
 */
final class WatcherList
{
    private Watcher[] watchers = new Watcher[2];
    private int size;

    /**
     * @return true if added, false if this very object was already in the list.
     */
    boolean add(final Watcher watcher)
    {
        for (int i = 0; i < size; i++)
        {
            if (watchers[i] == watcher)
            {
                return false;
            }
        }
        if (size == watchers.length)
        {
            watchers = Arrays.copyOf(watchers, size * 2);
        }
        watchers[size++] = watcher;
        return true;
    }

    int size()
    {
        return size;
    }

    boolean isEmpty()
    {
        return 0 == size;
    }

    Watcher get(final int index)
    {
        return watchers[index];
    }

    boolean contains(final Watcher watcher)
    {
        for (int i = 0; i < size; i++)
        {
            if (watchers[i] == watcher)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Remove one watcher, keeping the others' order.
     *
     * @return true if it was in the list.
     */
    boolean remove(final Watcher watcher)
    {
        for (int i = 0; i < size; i++)
        {
            if (watchers[i] == watcher)
            {
                System.arraycopy(watchers, i + 1, watchers, i, size - i - 1);
                watchers[--size] = null;
                return true;
            }
        }
        return false;
    }

    /**
     * Empty the list, dropping the references so removed watchers can be collected.
     */
    void clear()
    {
        Arrays.fill(watchers, 0, size, null);
        size = 0;
    }
}
