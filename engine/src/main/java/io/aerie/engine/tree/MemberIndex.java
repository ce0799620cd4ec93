package io.aerie.engine.tree;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Off-heap sets of byte-string members, one set per (kind, owner): the children of a node, the ephemerals
 * of a session, the nodes subject to expiry. Members sit in dense slots {@code 0..count-1}; the member
 * record remembers its slot, so adding and removing cost O(1) however large the set is, and listing reads
 * the slots. Removing moves the last member into the hole and tells the caller so it can update that
 * member's remembered slot.
 * <p>
 * Key: {@code kind:byte, owner:long, slot:int}. The counted form ({@link #add}, {@link #remove}) keeps the
 * count under slot -1; the children of a node use the slot form ({@link #putAt}, {@link #removeAt}) because
 * the parent's record already holds the count as numChildren. Slot order depends on history; callers sort
 * before anything reaches an output.
 */
final class MemberIndex
{
    static final byte CHILDREN = 1;
    static final byte EPHEMERALS = 2;
    static final byte EXPIRING = 3;

    static final int KEY_LENGTH = 13;
    private static final int COUNT_SLOT = -1;

    private final JournaledMap map;
    private final UnsafeBuffer key = new UnsafeBuffer(new byte[KEY_LENGTH]);
    private final UnsafeBuffer count = new UnsafeBuffer(new byte[4]);

    MemberIndex(final JournaledMap map)
    {
        this.map = map;
    }

    int count(final byte kind, final long owner)
    {
        setKey(kind, owner, COUNT_SLOT);
        return map.get(key, 0, KEY_LENGTH, count, 0) < 0 ? 0 : count.getInt(0);
    }

    /**
     * Add a member to a counted set.
     *
     * @return the slot the member was given.
     */
    int add(final byte kind, final long owner, final DirectBuffer member, final int offset, final int length)
    {
        final int slot = count(kind, owner);
        putAt(kind, owner, slot, member, offset, length);
        putCount(kind, owner, slot + 1);
        return slot;
    }

    /**
     * Put a member in a slot of a set whose count the caller keeps; the slot must be the current count.
     */
    void putAt(final byte kind, final long owner, final int slot, final DirectBuffer member, final int offset, final int length)
    {
        setKey(kind, owner, slot);
        map.put(key, 0, KEY_LENGTH, member, offset, length);
    }

    /**
     * Read the member in a slot into {@code out}.
     *
     * @return its length, or -1 if the slot is empty.
     */
    int read(final byte kind, final long owner, final int slot, final MutableDirectBuffer out, final int outOffset)
    {
        setKey(kind, owner, slot);
        return map.get(key, 0, KEY_LENGTH, out, outOffset);
    }

    /**
     * Remove the member in {@code slot}. When another member is moved into the hole it is left in
     * {@code movedOut} (from offset 0) and its length returned, so the caller can record its new slot.
     *
     * @return length of the member moved into {@code slot}, or -1 if none moved.
     */
    int remove(final byte kind, final long owner, final int slot, final MutableDirectBuffer movedOut)
    {
        final int last = count(kind, owner) - 1;
        final int movedLength = removeAt(kind, owner, slot, last, movedOut);
        if (0 == last)
        {
            setKey(kind, owner, COUNT_SLOT);
            map.remove(key, 0, KEY_LENGTH);
        }
        else
        {
            putCount(kind, owner, last);
        }
        return movedLength;
    }

    /**
     * Remove the member in {@code slot} from a set whose count the caller keeps, moving the member in slot
     * {@code last} (count - 1) into the hole.
     *
     * @return length of the member moved into {@code slot} (left in {@code movedOut}), or -1 if none moved.
     */
    int removeAt(final byte kind, final long owner, final int slot, final int last, final MutableDirectBuffer movedOut)
    {
        int movedLength = -1;
        if (slot != last)
        {
            movedLength = read(kind, owner, last, movedOut, 0);
            setKey(kind, owner, slot);
            map.put(key, 0, KEY_LENGTH, movedOut, 0, movedLength);
        }
        setKey(kind, owner, last);
        map.remove(key, 0, KEY_LENGTH);
        return movedLength;
    }

    private void putCount(final byte kind, final long owner, final int value)
    {
        count.putInt(0, value);
        setKey(kind, owner, COUNT_SLOT);
        map.put(key, 0, KEY_LENGTH, count, 0, 4);
    }

    private void setKey(final byte kind, final long owner, final int slot)
    {
        key.putByte(0, kind);
        key.putLong(1, owner);
        key.putInt(9, slot);
    }
}
