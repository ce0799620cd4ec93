package io.aerie.client;

import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.NameList;
import io.aerie.codecs.model.Stat;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * A decoded answer from the cluster: a reusable view, filled in place for each response, so reading one
 * allocates nothing. Which parts are set depends on the request: {@link #stat()} for node requests (the new
 * node's for create, as ZooKeeper's create2; the parent's for getChildren when the stat was asked for),
 * {@link #path()} for create and sync (relative to the chroot), {@link #data()} for getData, {@link #names()} for getChildren and
 * getEphemerals, {@link #acl()} for getACL, {@link #count()} for getAllChildrenNumber, {@link #multiCode(int)},
 * {@link #multiOpType(int)} and {@link #multiStat(int)} for multi.
 */
public final class Response
{
    final Stat stat = new Stat();
    final StringBuilder path = new StringBuilder(64);
    final ExpandableArrayBuffer data = new ExpandableArrayBuffer(256);
    final NameList names = new NameList();
    final AclList acl = new AclList();
    ResultCode[] multiCodes = new ResultCode[8];
    OpType[] multiOpTypes = new OpType[8];
    Stat[] multiStats = newStats(8, 0, null);
    int multiCount;
    int dataLength;
    boolean isDataNull;
    long count;
    long digest;
    long correlationId;
    int templateId;
    ResultCode code;
    long zxid;
    long sessionId;
    int negotiatedTimeoutMs;
    /** Session password of a ConnectResponse: its first {@link #passwordLength} bytes. */
    final byte[] password = new byte[RequestEncoder.PASSWORD_LENGTH];
    int passwordLength;
    long eventSequence;

    void reset(final int templateId, final long correlationId, final ResultCode code, final long zxid)
    {
        this.templateId = templateId;
        this.correlationId = correlationId;
        this.code = code;
        this.zxid = zxid;
        stat.set(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        path.setLength(0);
        dataLength = 0;
        isDataNull = false;
        names.clear();
        acl.clear();
        count = 0;
        digest = 0;
        multiCount = 0;
        eventSequence = 0;
    }

    /** @return the correlation id of the request answered. */
    public long correlationId()
    {
        return correlationId;
    }

    /** @return the SBE template id of the response message. */
    public int templateId()
    {
        return templateId;
    }

    /** @return OK or the error. */
    public ResultCode code()
    {
        return code;
    }

    /** @return the zxid of the change that produced this answer, or the last one applied before a read. */
    public long zxid()
    {
        return zxid;
    }

    /** @return the node's stat (zeros when the code is not OK). */
    public Stat stat()
    {
        return stat;
    }

    /** @return the created path (create) or the path synced (sync). */
    public CharSequence path()
    {
        return path;
    }

    /** @return the data (getData), from offset 0, {@link #dataLength()} bytes. */
    public DirectBuffer data()
    {
        return data;
    }

    /** @return length of {@link #data()}. */
    public int dataLength()
    {
        return dataLength;
    }

    /**
     * @return true when getData found null data (the znode was created or set with null), which ZooKeeper keeps
     * apart from empty data; {@link #dataLength()} is then 0.
     */
    public boolean isDataNull()
    {
        return isDataNull;
    }

    /**
     * @return children names (getChildren) or ephemeral paths (getEphemerals), sorted; for a multi, one path per
     * op in op order (the created path of a create, empty otherwise).
     */
    public NameList names()
    {
        return names;
    }

    /** @return the ACL (getACL). */
    public AclList acl()
    {
        return acl;
    }

    /** @return the tree digest (digest); {@link #count()} is then the znode count. */
    public long digest()
    {
        return digest;
    }

    /** @return the descendant count (getAllChildrenNumber), or the znode count (digest). */
    public long count()
    {
        return count;
    }

    /** @return number of per-op results of a multi. */
    public int multiCount()
    {
        return multiCount;
    }

    /** @return result code of op {@code index} of a multi. */
    public ResultCode multiCode(final int index)
    {
        return multiCodes[index];
    }

    /** @return type of op {@code index} of a multi. */
    public OpType multiOpType(final int index)
    {
        return multiOpTypes[index];
    }

    /**
     * @return stat of the node of op {@code index} of a multi after a successful create or setData (every create
     * mode); zeros otherwise. A reused holder, valid only during the callback.
     */
    public Stat multiStat(final int index)
    {
        return multiStats[index];
    }

    void ensureMultiCapacity(final int count)
    {
        if (multiCodes.length < count)
        {
            multiCodes = new ResultCode[count];
            multiOpTypes = new OpType[count];
            multiStats = newStats(count, multiStats.length, multiStats);
        }
    }

    private static Stat[] newStats(final int count, final int kept, final Stat[] old)
    {
        final Stat[] stats = new Stat[count];
        for (int i = 0; i < count; i++)
        {
            stats[i] = i < kept ? old[i] : new Stat();
        }
        return stats;
    }

    @Override
    public String toString()
    {
        return "Response{templateId=" + templateId + ", correlationId=" + correlationId + ", code=" + code +
            ", zxid=" + zxid + '}';
    }
}
