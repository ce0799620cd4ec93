package io.aerie.engine.tree;

import io.aerie.codecs.model.NameList;
import org.agrona.DirectBuffer;

import java.util.Arrays;

/**
 * The node-level changes made by the last committed tree operation, in the order they were made: what watches
 * fire on. A create, a delete or a data change each add one entry; a multi adds one per changing op; deleting
 * a session's ephemerals or sweeping containers adds one per deleted node. An operation that fails or rolls
 * back leaves it empty. Valid until the next tree operation; service thread only.
 */
public final class TreeChanges
{
    /** A node was created; the entry's path is the created path (with any sequence suffix). */
    public static final byte CREATED = 1;
    /** A node was deleted. */
    public static final byte DELETED = 2;
    /** A node's data was replaced. */
    public static final byte DATA_CHANGED = 3;

    private final NameList paths = new NameList();
    private byte[] types = new byte[16];

    /**
     * @return number of changes.
     */
    public int size()
    {
        return paths.size();
    }

    /**
     * @return {@link #CREATED}, {@link #DELETED} or {@link #DATA_CHANGED}.
     */
    public byte type(final int index)
    {
        return types[index];
    }

    /**
     * @return the buffer holding every change's path as UTF-8.
     */
    public DirectBuffer buffer()
    {
        return paths.buffer();
    }

    /**
     * @return offset in {@link #buffer()} of the path of change {@code index}.
     */
    public int offset(final int index)
    {
        return paths.offset(index);
    }

    /**
     * @return length in bytes of the path of change {@code index}.
     */
    public int length(final int index)
    {
        return paths.length(index);
    }

    void clear()
    {
        paths.clear();
    }

    void add(final byte type, final DirectBuffer path, final int length)
    {
        final int index = paths.size();
        if (index == types.length)
        {
            types = Arrays.copyOf(types, index * 2);
        }
        types[index] = type;
        paths.add(path, 0, length);
    }
}
