package io.aerie.codecs.model;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.OpType;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;

/**
 * A reusable list of operations for a multi (ZooKeeper's transaction): check, create, delete and setData,
 * applied all or none. The client fills one to send, the engine fills one from the wire and applies it. Op
 * objects are pooled: refilling the list to a size it has held before allocates nothing. Not thread safe.
 */
public final class MultiOps
{
    /**
     * One operation of a multi; fill it through {@link MultiOps}.
     */
    public static final class Op
    {
        OpType type;
        final StringBuilder path = new StringBuilder(64);
        final ExpandableArrayBuffer data = new ExpandableArrayBuffer(64);
        int dataLength;
        boolean isDataNull;
        int version;
        CreateMode mode;
        long ttlMs;
        final AclList acl = new AclList();

        /**
         * @return the operation's type.
         */
        public OpType type()
        {
            return type;
        }

        /**
         * @return the path the operation names (for a sequential create, before the suffix).
         */
        public CharSequence path()
        {
            return path;
        }

        /**
         * @return the data of a create or setData, from offset 0, {@link #dataLength()} bytes.
         */
        public DirectBuffer data()
        {
            return data;
        }

        /**
         * @return length of {@link #data()}.
         */
        public int dataLength()
        {
            return dataLength;
        }

        /**
         * @return true when a create or setData carries null data (ZooKeeper's null, apart from empty data); its
         * {@link #dataLength()} is then 0.
         */
        public boolean isDataNull()
        {
            return isDataNull;
        }

        /**
         * @return expected version of a delete, setData or check; -1 for any.
         */
        public int version()
        {
            return version;
        }

        /**
         * @return the create mode of a create.
         */
        public CreateMode mode()
        {
            return mode;
        }

        /**
         * @return the TTL of a create in a TTL mode, else -1.
         */
        public long ttlMs()
        {
            return ttlMs;
        }

        /**
         * @return the ACL of a create, mutable so that entries can be added after the op (as they arrive on the
         * wire after all the ops).
         */
        public AclList acl()
        {
            return acl;
        }

        void data(final DirectBuffer source, final int offset, final int length)
        {
            isDataNull = null == source;
            dataLength = isDataNull ? 0 : length;
            if (0 != dataLength)
            {
                data.putBytes(0, source, offset, length);
            }
        }
    }

    private final ArrayList<Op> ops = new ArrayList<>();
    private int size;

    /**
     * Remove every operation.
     *
     * @return this for a fluent API.
     */
    public MultiOps clear()
    {
        size = 0;
        return this;
    }

    /**
     * @return number of operations.
     */
    public int size()
    {
        return size;
    }

    /**
     * @return operation {@code index}.
     */
    public Op op(final int index)
    {
        return ops.get(index);
    }

    /**
     * Add a create (ZooKeeper's create: path, data, ACL, mode, TTL for the TTL modes or -1).
     *
     * @param data the data, copied; null for null data (then {@code dataOffset} and {@code dataLength} are
     *             ignored).
     * @return this for a fluent API.
     */
    public MultiOps create(
        final CharSequence path,
        final DirectBuffer data,
        final int dataOffset,
        final int dataLength,
        final AclList acl,
        final CreateMode mode,
        final long ttlMs)
    {
        final Op op = next(OpType.CREATE, path, -1);
        op.data(data, dataOffset, dataLength);
        op.acl.copyFrom(acl);
        op.mode = mode;
        op.ttlMs = ttlMs;
        return this;
    }

    /**
     * Add a delete with an expected version (-1 for any).
     *
     * @return this for a fluent API.
     */
    public MultiOps delete(final CharSequence path, final int version)
    {
        next(OpType.DELETE, path, version);
        return this;
    }

    /**
     * Add a setData with an expected version (-1 for any).
     *
     * @param data the data, copied; null for null data (then {@code dataOffset} and {@code dataLength} are
     *             ignored).
     * @return this for a fluent API.
     */
    public MultiOps setData(
        final CharSequence path, final DirectBuffer data, final int dataOffset, final int dataLength, final int version)
    {
        next(OpType.SET_DATA, path, version).data(data, dataOffset, dataLength);
        return this;
    }

    /**
     * Add a version check (-1 checks only that the node exists).
     *
     * @return this for a fluent API.
     */
    public MultiOps check(final CharSequence path, final int version)
    {
        next(OpType.CHECK, path, version);
        return this;
    }

    private Op next(final OpType type, final CharSequence path, final int version)
    {
        if (size == ops.size())
        {
            ops.add(new Op());
        }
        final Op op = ops.get(size++);
        op.type = type;
        op.path.setLength(0);
        op.path.append(path);
        op.version = version;
        op.dataLength = 0;
        op.isDataNull = false;
        op.mode = CreateMode.PERSISTENT;
        op.ttlMs = -1;
        op.acl.clear();
        return op;
    }
}
