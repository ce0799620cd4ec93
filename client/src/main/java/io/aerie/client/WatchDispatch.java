package io.aerie.client;

import io.aerie.codecs.EventType;

import java.util.Arrays;

/**
 * The watchers one event goes to, gathered before any is called, each object at most once per segment (an
 * event; a removal of ANY has one segment per kind of removal event). Gathering first means a callback that
 * registers or removes watches cannot change who this event reaches. One instance per nesting depth of
 * dispatch, reused: steady state allocates nothing.
 */
final class WatchDispatch
{
    final WatchedEvent event = new WatchedEvent();
    private Watcher[] watchers = new Watcher[8];
    private EventType[] types = new EventType[8];
    private int[] slots = new int[8];
    /** Open-addressing identity set of the current segment's watchers, linear probing. */
    private Watcher[] table = new Watcher[16];
    private int size;
    private int segmentStart;

    /**
     * Add a watcher, unless null or already in the current segment.
     */
    void add(final Watcher watcher, final EventType type)
    {
        if (null == watcher)
        {
            return;
        }
        final int mask = table.length - 1;
        int slot = slotOf(watcher, mask);
        Watcher existing;
        while (null != (existing = table[slot]))
        {
            if (existing == watcher)
            {
                return;
            }
            slot = (slot + 1) & mask;
        }
        if (size == watchers.length)
        {
            watchers = Arrays.copyOf(watchers, size * 2);
            types = Arrays.copyOf(types, size * 2);
            slots = Arrays.copyOf(slots, size * 2);
        }
        table[slot] = watcher;
        watchers[size] = watcher;
        types[size] = type;
        slots[size] = slot;
        size++;
        if ((size - segmentStart) * 2 > table.length)
        {
            growTable();
        }
    }

    void addAll(final WatcherList list, final EventType type)
    {
        for (int i = 0, n = list.size(); i < n; i++)
        {
            add(list.get(i), type);
        }
    }

    /**
     * Start a new segment: the same watcher may be added again, for another event type.
     */
    void segment()
    {
        clearTable();
        segmentStart = size;
    }

    int size()
    {
        return size;
    }

    /**
     * Call every gathered watcher with {@link #event}, its type set per watcher, in the order added.
     */
    void fire()
    {
        for (int i = 0; i < size; i++)
        {
            event.type(types[i]);
            watchers[i].onEvent(event);
        }
    }

    void clear()
    {
        clearTable();
        Arrays.fill(watchers, 0, size, null);
        Arrays.fill(types, 0, size, null);
        size = 0;
        segmentStart = 0;
        event.release();
    }

    private void clearTable()
    {
        for (int i = segmentStart; i < size; i++)
        {
            table[slots[i]] = null;
        }
    }

    private void growTable()
    {
        table = new Watcher[table.length * 2];
        final int mask = table.length - 1;
        for (int i = segmentStart; i < size; i++)
        {
            int slot = slotOf(watchers[i], mask);
            while (null != table[slot])
            {
                slot = (slot + 1) & mask;
            }
            table[slot] = watchers[i];
            slots[i] = slot;
        }
    }

    private static int slotOf(final Watcher watcher, final int mask)
    {
        final int hash = System.identityHashCode(watcher);
        return (hash ^ (hash >>> 16)) & mask;
    }
}
