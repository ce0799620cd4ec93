package io.aerie.client.recipes;

import io.aerie.client.Response;
import io.aerie.codecs.model.Stat;

import java.util.Arrays;

/**
 * A node as a cache holds it: path, data and the parts of its stat that say which version it is. Immutable: a
 * change of the node makes a new {@code CachedNode} in the cache. Safe to keep and to read from any thread.
 */
public final class CachedNode
{
    private static final byte[] EMPTY = new byte[0];

    private final String path;
    private final byte[] data;
    private final long czxid;
    private final long mzxid;
    private final long mtime;
    private final int version;
    private final long ephemeralOwner;

    CachedNode(final String path, final Response response)
    {
        this(path, copyData(response), response.stat());
    }

    /**
     * @param data kept, not copied.
     */
    CachedNode(final String path, final byte[] data, final Stat stat)
    {
        this.path = path;
        // Null data (ZooKeeper's, kept apart from empty by getData) is empty here, as documented by data().
        this.data = null == data ? EMPTY : data;
        this.czxid = stat.czxid();
        this.mzxid = stat.mzxid();
        this.mtime = stat.mtime();
        this.version = stat.version();
        this.ephemeralOwner = stat.ephemeralOwner();
    }

    private static byte[] copyData(final Response response)
    {
        final byte[] data = new byte[response.dataLength()];
        response.data().getBytes(0, data, 0, data.length);
        return data;
    }

    /**
     * @return the node's path.
     */
    public String path()
    {
        return path;
    }

    /**
     * @return the last segment of the path ("" for the root).
     */
    public String name()
    {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * @return a copy of the node's data (empty, never null, for a node without data).
     */
    public byte[] data()
    {
        return data.clone();
    }

    /**
     * @return length of the data in bytes.
     */
    public int dataLength()
    {
        return data.length;
    }

    /**
     * @param other bytes to compare with, or null.
     * @return true if the data equals {@code other} byte for byte (null counts as empty); allocates nothing.
     */
    public boolean dataEquals(final byte[] other)
    {
        return Arrays.equals(data, null == other ? EMPTY : other);
    }

    /**
     * @return the zxid of the node's creation: a new node at the same path has a larger one.
     */
    public long czxid()
    {
        return czxid;
    }

    /**
     * @return the zxid of the node's last data change (its creation if none).
     */
    public long mzxid()
    {
        return mzxid;
    }

    /**
     * @return the cluster's log time of the last data change, ms since the epoch.
     */
    public long mtime()
    {
        return mtime;
    }

    /**
     * @return the data version (number of changes since creation).
     */
    public int version()
    {
        return version;
    }

    /**
     * @return the session id of the node's owner if ephemeral, else 0.
     */
    public long ephemeralOwner()
    {
        return ephemeralOwner;
    }

    @Override
    public String toString()
    {
        return "CachedNode{path=" + path + ", version=" + version + ", dataLength=" + data.length + '}';
    }
}
