package io.aerie.engine.watch;

import io.aerie.codecs.model.Fnv1a;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

import java.util.Arrays;

/**
 * The paths that have watches, interned to small int ids. Path bytes live off-heap in one arena; the index is
 * an open-addressing table of ids keyed by a 64-bit hash of the bytes (collisions resolved by comparing them),
 * with backward-shift deletion so no tombstones build up. A path's hash can be computed a prefix at a time,
 * which is how the ancestors of a changed node are looked up in one pass over its bytes.
 * <p>
 * Freed ids are reused; the arena is compacted into a second buffer, swapped, once half of it is garbage, so a
 * registry that churns reaches a steady size and stops allocating. Service thread only.
 */
final class WatchedPaths
{
    static final int NONE = -1;
    private static final int MIN_COMPACT_BYTES = 64 * 1024;

    private long[] hashes = new long[16];
    private int[] offsets = new int[16];
    private int[] lengths = new int[16];
    /** For a live id: anything the owner keeps per path (here, its first watch entry). For a free id: next free. */
    private int[] heads = new int[16];
    private boolean[] live = new boolean[16];
    private int highWater;
    private int freeHead = NONE;
    private int count;

    private int[] table = new int[32];
    private int mask = table.length - 1;

    private ExpandableDirectByteBuffer arena = new ExpandableDirectByteBuffer(4096);
    private ExpandableDirectByteBuffer spare = new ExpandableDirectByteBuffer(4096);
    private int arenaLimit;
    private int garbageBytes;

    static long hashStart()
    {
        return Fnv1a.OFFSET_BASIS;
    }

    static long hashStep(final long state, final byte b)
    {
        return Fnv1a.step(state, b);
    }

    /**
     * Finish a hash: FNV-1a mixes the low bits poorly for a power-of-two table, so spread them (Murmur3's
     * finaliser).
     */
    static long hashFinish(final long state)
    {
        long h = state;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        long state = hashStart();
        for (int i = 0; i < length; i++)
        {
            state = hashStep(state, buffer.getByte(offset + i));
        }
        return hashFinish(state);
    }

    int count()
    {
        return count;
    }

    /**
     * @return the id of the path, or {@link #NONE}.
     */
    int find(final DirectBuffer buffer, final int offset, final int length, final long hash)
    {
        for (int slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            final int entry = table[slot];
            if (0 == entry)
            {
                return NONE;
            }
            final int id = entry - 1;
            if (hashes[id] == hash && lengths[id] == length && equals(id, buffer, offset, length))
            {
                return id;
            }
        }
    }

    /**
     * @return the id of the path, interning it with head {@link #NONE} if it is new.
     */
    int intern(final DirectBuffer buffer, final int offset, final int length, final long hash)
    {
        final int existing = find(buffer, offset, length, hash);
        if (NONE != existing)
        {
            return existing;
        }
        if ((count + 1) * 2 > table.length)
        {
            growTable();
        }
        final int id = allocateId();
        hashes[id] = hash;
        offsets[id] = arenaLimit;
        lengths[id] = length;
        heads[id] = NONE;
        live[id] = true;
        arena.putBytes(arenaLimit, buffer, offset, length);
        arenaLimit += length;
        insert(id);
        count++;
        return id;
    }

    /**
     * Forget a path that no longer has watches; its id may be handed out again.
     */
    void release(final int id)
    {
        removeFromTable(id);
        live[id] = false;
        heads[id] = freeHead;
        freeHead = id;
        count--;
        garbageBytes += lengths[id];
        if (garbageBytes > MIN_COMPACT_BYTES && garbageBytes * 2 > arenaLimit)
        {
            compact();
        }
    }

    int head(final int id)
    {
        return heads[id];
    }

    void head(final int id, final int head)
    {
        heads[id] = head;
    }

    DirectBuffer arena()
    {
        return arena;
    }

    int offset(final int id)
    {
        return offsets[id];
    }

    int length(final int id)
    {
        return lengths[id];
    }

    private boolean equals(final int id, final DirectBuffer buffer, final int offset, final int length)
    {
        final int base = offsets[id];
        for (int i = 0; i < length; i++)
        {
            if (arena.getByte(base + i) != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    private int allocateId()
    {
        if (NONE != freeHead)
        {
            final int id = freeHead;
            freeHead = heads[id];
            return id;
        }
        if (highWater == hashes.length)
        {
            final int capacity = highWater * 2;
            hashes = Arrays.copyOf(hashes, capacity);
            offsets = Arrays.copyOf(offsets, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
            heads = Arrays.copyOf(heads, capacity);
            live = Arrays.copyOf(live, capacity);
        }
        return highWater++;
    }

    private void insert(final int id)
    {
        int slot = (int)hashes[id] & mask;
        while (0 != table[slot])
        {
            slot = (slot + 1) & mask;
        }
        table[slot] = id + 1;
    }

    private void removeFromTable(final int id)
    {
        int hole = (int)hashes[id] & mask;
        while (table[hole] != id + 1)
        {
            hole = (hole + 1) & mask;
        }
        // Backward-shift: move later members of the probe run into the hole when their home slot allows it.
        for (int slot = (hole + 1) & mask; 0 != table[slot]; slot = (slot + 1) & mask)
        {
            final int home = (int)hashes[table[slot] - 1] & mask;
            final boolean movable = hole <= slot ? (home <= hole || home > slot) : (home <= hole && home > slot);
            if (movable)
            {
                table[hole] = table[slot];
                hole = slot;
            }
        }
        table[hole] = 0;
    }

    private void growTable()
    {
        table = new int[BitUtil.findNextPositivePowerOfTwo(table.length * 2)];
        mask = table.length - 1;
        for (int id = 0; id < highWater; id++)
        {
            if (live[id])
            {
                insert(id);
            }
        }
    }

    private void compact()
    {
        int limit = 0;
        for (int id = 0; id < highWater; id++)
        {
            if (live[id])
            {
                spare.putBytes(limit, arena, offsets[id], lengths[id]);
                offsets[id] = limit;
                limit += lengths[id];
            }
        }
        final ExpandableDirectByteBuffer old = arena;
        arena = spare;
        spare = old;
        arenaLimit = limit;
        garbageBytes = 0;
    }
}
