package io.aerie.engine.tree;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;

/**
 * Undo journal for the off-heap maps: before a key is overwritten or removed inside a transaction, its
 * previous value (or its absence) is appended here, so the whole transaction can be undone in reverse.
 * <p>
 * This is what makes {@code multi} all-or-nothing and lets a write that runs out of store space leave the
 * tree exactly as it was. Buffers are reused across transactions: steady state allocates nothing.
 * <p>
 * Entry layout: {@code mapId:int, keyLength:int, key, valueLength:int (-1 = absent), value}.
 */
final class Journal
{
    private static final int ABSENT = -1;

    private final ExpandableArrayBuffer entries = new ExpandableArrayBuffer(4096);
    private final IntArrayList entryOffsets = new IntArrayList();
    private int limit;
    private boolean active;

    void begin()
    {
        if (active)
        {
            throw new IllegalStateException("transaction already active");
        }
        active = true;
        limit = 0;
        entryOffsets.clear();
    }

    boolean isActive()
    {
        return active;
    }

    void end()
    {
        active = false;
        limit = 0;
        entryOffsets.clear();
    }

    /**
     * Record the value a key had before it is changed.
     *
     * @param value the previous value, or null if the key was absent.
     */
    void record(
        final int mapId,
        final DirectBuffer key,
        final int keyOffset,
        final int keyLength,
        final DirectBuffer value,
        final int valueOffset,
        final int valueLength)
    {
        entryOffsets.addInt(limit);
        entries.putInt(limit, mapId);
        entries.putInt(limit + 4, keyLength);
        entries.putBytes(limit + 8, key, keyOffset, keyLength);
        int offset = limit + 8 + keyLength;
        if (null == value)
        {
            entries.putInt(offset, ABSENT);
            offset += 4;
        }
        else
        {
            entries.putInt(offset, valueLength);
            entries.putBytes(offset + 4, value, valueOffset, valueLength);
            offset += 4 + valueLength;
        }
        limit = offset;
    }

    /**
     * Undo every recorded change, newest first, then end the transaction.
     */
    void rollback(final JournaledMap[] maps)
    {
        for (int i = entryOffsets.size() - 1; i >= 0; i--)
        {
            final int offset = entryOffsets.getInt(i);
            final JournaledMap map = maps[entries.getInt(offset)];
            final int keyLength = entries.getInt(offset + 4);
            final int keyOffset = offset + 8;
            final int valueLength = entries.getInt(keyOffset + keyLength);
            if (ABSENT == valueLength)
            {
                map.restoreAbsent(entries, keyOffset, keyLength);
            }
            else
            {
                map.restore(entries, keyOffset, keyLength, entries, keyOffset + keyLength + 4, valueLength);
            }
        }
        end();
    }
}
