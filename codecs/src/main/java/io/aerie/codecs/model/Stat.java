package io.aerie.codecs.model;

/**
 * A znode's metadata, with ZooKeeper's meaning for every field. A reusable holder: the tree fills it in
 * place, so reading a stat allocates nothing. Not thread safe.
 */
public final class Stat
{
    private long czxid;
    private long mzxid;
    private long pzxid;
    private long ctime;
    private long mtime;
    private int version;
    private int cversion;
    private int aversion;
    private long ephemeralOwner;
    private int dataLength;
    private int numChildren;

    /**
     * Set every field.
     *
     * @return this for a fluent API.
     */
    public Stat set(
        final long czxid,
        final long mzxid,
        final long pzxid,
        final long ctime,
        final long mtime,
        final int version,
        final int cversion,
        final int aversion,
        final long ephemeralOwner,
        final int dataLength,
        final int numChildren)
    {
        this.czxid = czxid;
        this.mzxid = mzxid;
        this.pzxid = pzxid;
        this.ctime = ctime;
        this.mtime = mtime;
        this.version = version;
        this.cversion = cversion;
        this.aversion = aversion;
        this.ephemeralOwner = ephemeralOwner;
        this.dataLength = dataLength;
        this.numChildren = numChildren;
        return this;
    }

    /**
     * Copy every field of another stat.
     *
     * @return this for a fluent API.
     */
    public Stat set(final Stat other)
    {
        return set(other.czxid, other.mzxid, other.pzxid, other.ctime, other.mtime, other.version, other.cversion,
            other.aversion, other.ephemeralOwner, other.dataLength, other.numChildren);
    }

    /**
     * @return zxid of the change that created the node.
     */
    public long czxid()
    {
        return czxid;
    }

    /**
     * @return zxid of the change that last set the node's data.
     */
    public long mzxid()
    {
        return mzxid;
    }

    /**
     * @return zxid of the change that last added or removed a child.
     */
    public long pzxid()
    {
        return pzxid;
    }

    /**
     * @return log time in ms at which the node was created.
     */
    public long ctime()
    {
        return ctime;
    }

    /**
     * @return log time in ms at which the node's data was last set.
     */
    public long mtime()
    {
        return mtime;
    }

    /**
     * @return number of changes to the node's data.
     */
    public int version()
    {
        return version;
    }

    /**
     * @return number of changes to the node's children.
     */
    public int cversion()
    {
        return cversion;
    }

    /**
     * @return number of changes to the node's ACL.
     */
    public int aversion()
    {
        return aversion;
    }

    /**
     * @return owning session of an ephemeral, ZooKeeper's encodings for container and TTL nodes, else 0.
     */
    public long ephemeralOwner()
    {
        return ephemeralOwner;
    }

    /**
     * @return length of the node's data in bytes.
     */
    public int dataLength()
    {
        return dataLength;
    }

    /**
     * @return number of children.
     */
    public int numChildren()
    {
        return numChildren;
    }

    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof Stat))
        {
            return false;
        }
        final Stat that = (Stat)o;
        return czxid == that.czxid && mzxid == that.mzxid && pzxid == that.pzxid && ctime == that.ctime &&
            mtime == that.mtime && version == that.version && cversion == that.cversion &&
            aversion == that.aversion && ephemeralOwner == that.ephemeralOwner &&
            dataLength == that.dataLength && numChildren == that.numChildren;
    }

    @Override
    public int hashCode()
    {
        long hash = czxid;
        hash = 31 * hash + mzxid;
        hash = 31 * hash + pzxid;
        hash = 31 * hash + ctime;
        hash = 31 * hash + mtime;
        hash = 31 * hash + version;
        hash = 31 * hash + cversion;
        hash = 31 * hash + aversion;
        hash = 31 * hash + ephemeralOwner;
        hash = 31 * hash + dataLength;
        hash = 31 * hash + numChildren;
        return Long.hashCode(hash);
    }

    @Override
    public String toString()
    {
        return "Stat{czxid=" + czxid + ", mzxid=" + mzxid + ", pzxid=" + pzxid + ", ctime=" + ctime +
            ", mtime=" + mtime + ", version=" + version + ", cversion=" + cversion + ", aversion=" + aversion +
            ", ephemeralOwner=0x" + Long.toHexString(ephemeralOwner) + ", dataLength=" + dataLength +
            ", numChildren=" + numChildren + '}';
    }
}
