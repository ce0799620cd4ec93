package io.aerie.engine.tree;

import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.model.Stat;
import io.aerie.codecs.model.NameList;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.engine.acl.Identities;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.MutableLong;
import org.agrona.concurrent.UnsafeBuffer;

import org.agrona.concurrent.MessageHandler;

/**
 * The znode tree: ZooKeeper's data model, held off-heap in Chronicle Map, deterministic and single-threaded.
 * <p>
 * Every change takes its zxid and log time from the caller (they come from the replicated log), so replicas
 * applying the same changes hold equal trees; nothing here reads a clock, randomness or hash order into a
 * result. A change is validated completely before anything is applied; a change that fails, including one
 * that runs out of store space part way, leaves the tree exactly as it was. Errors are {@link ResultCode}s,
 * never exceptions; outputs go into reusable holders ({@link Stat}, {@link NameList}, buffers) so that
 * steady-state operations allocate nothing.
 * <p>
 * Like ZooKeeper's, every tree holds the reserved nodes {@code /zookeeper}, {@code /zookeeper/quota} and
 * {@code /zookeeper/config} (see {@link ReservedNodes} for what clients may do with them), and keeps the quota
 * stats under {@code /zookeeper/quota} current on every change (see {@link QuotaTracker}: counted, not enforced).
 * <p>
 * Not thread safe: one thread (the clustered service's) owns the tree.
 */
public final class ZnodeTree implements AutoCloseable
{
    private final ZnodeTreeContext ctx;
    private final NodeStore store;
    private final TreeWriter writer;
    private final TreeWalker walker;
    private final TreeDigest digest;
    private final TreeSnapshot snapshot;
    private final ReservedNodes reserved;
    private final QuotaTracker quotas;
    private final TreeAccess access;
    private final ZnodeCapacity capacity;
    private final AclList aclScratch = new AclList();
    private final PathScratch path = new PathScratch();
    private final PathScratch prefix = new PathScratch();
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[NodeRecord.MAX_LENGTH]);
    private final TreeChanges changes = new TreeChanges();
    private boolean inTransaction;
    private boolean isLastDataNull;

    /**
     * Create an empty tree holding only the root, whose ACL is open to all.
     *
     * @param ctx configuration; concluded here.
     */
    public ZnodeTree(final ZnodeTreeContext ctx)
    {
        this.ctx = ctx.conclude();
        store = new NodeStore(ctx);
        quotas = new QuotaTracker(store, ctx.maxPathLength(), ctx.quotaEnforced());
        access = new TreeAccess(store.acls);
        capacity = new ZnodeCapacity(store, ctx.maxZnodes());
        writer = new TreeWriter(store, ctx, changes, quotas, access, capacity);
        walker = new TreeWalker(store, ctx.maxPathLength());
        digest = new TreeDigest(store);
        reserved = new ReservedNodes(store);
        snapshot = new TreeSnapshot(store, ctx, walker, writer, reserved, quotas);
        writer.createRoot(AclList.openAclUnsafe());
        reserved.install();
    }

    /**
     * @return creates and data changes applied over a quota's limit (soft, or hard where not enforced) since this
     * tree was built. See {@link #create} for where quotas live.
     */
    public long quotaExceededCount()
    {
        return quotas.exceededCount();
    }

    /**
     * Set who the operations that follow run as, until set again: their ACL checks are made against these
     * identities, as ZooKeeper checks a request against its connection's {@code authInfo}, and an {@code auth}
     * ACL entry is replaced by them. Null (the default) checks nothing: the tree's own work (expiry, sweeps) and
     * callers that enforce no ACLs.
     *
     * @param identities the caller's identities, read during each operation, not copied; or null.
     * @return this.
     */
    public ZnodeTree actingAs(final Identities identities)
    {
        access.caller(identities);
        return this;
    }

    /**
     * @return operations refused NO_AUTH by a node's ACL since this tree was built (a getACL answered without
     * ADMIN, digests masked, is not one).
     */
    public long deniedCount()
    {
        return access.deniedCount();
    }

    /**
     * @return creates and data changes refused with QUOTA_EXCEEDED by a hard quota limit (only while
     * {@link ZnodeTreeContext#quotaEnforced()}) since this tree was built.
     */
    public long quotaRejectedCount()
    {
        return quotas.rejectedCount();
    }

    /**
     * @return creates refused with TOO_MANY_EPHEMERALS (a session at {@link ZnodeTreeContext#maxEphemeralsPerSession()})
     * since this tree was built.
     */
    public long ephemeralLimitCount()
    {
        return writer.ephemeralLimitCount();
    }

    /**
     * @return the node changes made by the last committed operation; empty after a failed one.
     */
    public TreeChanges changes()
    {
        return changes;
    }

    /**
     * @return the configuration this tree was built with.
     */
    public ZnodeTreeContext context()
    {
        return ctx;
    }

    /**
     * Create a node.
     *
     * @param zxid        of the log entry making the change.
     * @param timeMs      log time of the change, stored as ctime and mtime.
     * @param sessionId   creating session; owner of an ephemeral, must be non-zero for ephemeral modes.
     * @param path        requested path; for sequential modes the parent's count of child creations is appended as %010d.
     * @param data        data, copied; null for null data (ZooKeeper's null, which getData gives back as null,
     *                    apart from empty data): then {@code dataOffset} and {@code dataLength} are ignored.
     * @param dataOffset  offset of data in {@code data}.
     * @param dataLength  length of data, at most {@link Context#maxDataLength()}.
     * @param acl         ACL for the node, non-empty and valid.
     * @param mode        one of ZooKeeper's seven create modes.
     * @param ttlMs       TTL for the TTL modes (1 .. 2^40-1 ms); must be &lt;= 0 for the other modes.
     * @param createdPath if not null, the created path is appended to it.
     * @param stat        if not null, filled with the new node's stat.
     * @return {@code OK}, {@code INVALID_PATH}, {@code BAD_ARGUMENTS}, {@code DATA_TOO_LARGE},
     * {@code INVALID_ACL}, {@code NO_NODE} (no parent), {@code NO_AUTH} (a child of the read-only
     * {@code /zookeeper/config}), {@code NODE_EXISTS}, {@code NO_CHILDREN_FOR_EPHEMERALS}, {@code QUOTA_EXCEEDED}
     * (over a hard limit of the quota under {@code /zookeeper/quota} of the deepest quota'd ancestor, when
     * enforced), {@code TOO_MANY_EPHEMERALS} (the session owns its most) or {@code ZNODE_LIMIT}.
     */
    public ResultCode create(
        final long zxid,
        final long timeMs,
        final long sessionId,
        final CharSequence path,
        final DirectBuffer data,
        final int dataOffset,
        final int dataLength,
        final AclList acl,
        final CreateMode mode,
        final long ttlMs,
        final StringBuilder createdPath,
        final Stat stat)
    {
        final int createdPathLength = null == createdPath ? 0 : createdPath.length();
        begin();
        try
        {
            return end(writer.create(
                zxid, timeMs, sessionId, path, data, dataOffset, dataLength, acl, mode, ttlMs, createdPath, stat));
        }
        catch (final RuntimeException ex)
        {
            if (null != createdPath)
            {
                createdPath.setLength(createdPathLength);
            }
            return fail(ex);
        }
    }

    /**
     * Delete a childless node.
     *
     * @param expectedVersion the node's data version, or -1 for any.
     * @return {@code OK}, {@code INVALID_PATH}, {@code BAD_ARGUMENTS} (the root or a reserved node),
     * {@code NO_AUTH} (a child of {@code /zookeeper/config}), {@code NO_NODE}, {@code BAD_VERSION} or
     * {@code NOT_EMPTY}.
     */
    public ResultCode delete(final long zxid, final CharSequence path, final int expectedVersion)
    {
        begin();
        try
        {
            return end(writer.delete(zxid, path, expectedVersion));
        }
        catch (final RuntimeException ex)
        {
            return fail(ex);
        }
    }

    /**
     * Replace a node's data, bumping its version.
     *
     * @param data            the new data, copied; null for null data, then {@code dataOffset} and
     *                        {@code dataLength} are ignored.
     * @param expectedVersion the node's data version, or -1 for any.
     * @param stat            if not null, filled with the stat after the change.
     * @return {@code OK}, {@code INVALID_PATH}, {@code DATA_TOO_LARGE}, {@code NO_NODE}, {@code NO_AUTH}
     * ({@code /zookeeper/config}), {@code QUOTA_EXCEEDED} (over a hard byte limit, when enforced; checked before
     * the version, as ZooKeeper) or {@code BAD_VERSION}.
     */
    public ResultCode setData(
        final long zxid,
        final long timeMs,
        final CharSequence path,
        final DirectBuffer data,
        final int dataOffset,
        final int dataLength,
        final int expectedVersion,
        final Stat stat)
    {
        begin();
        try
        {
            return end(writer.setData(zxid, timeMs, path, data, dataOffset, dataLength, expectedVersion, stat));
        }
        catch (final RuntimeException ex)
        {
            return fail(ex);
        }
    }

    /**
     * Replace a node's ACL, bumping its aversion. As in ZooKeeper, neither mzxid nor mtime change.
     *
     * @param expectedAversion the node's ACL version, or -1 for any.
     * @return {@code OK}, {@code INVALID_PATH}, {@code INVALID_ACL}, {@code NO_NODE}, {@code NO_AUTH}
     * ({@code /zookeeper/config}) or {@code BAD_VERSION}.
     */
    public ResultCode setAcl(final CharSequence path, final AclList acl, final int expectedAversion, final Stat stat)
    {
        begin();
        try
        {
            return end(writer.setAcl(path, acl, expectedAversion, stat));
        }
        catch (final RuntimeException ex)
        {
            return fail(ex);
        }
    }

    /**
     * Apply operations atomically: all of them or none. All share one zxid and time, and each sees the
     * effects of the ones before it. See {@link MultiResults} for the per-op results.
     *
     * @return {@code OK}, {@code TOO_MANY_OPS}, or the code of the first op that failed.
     */
    public ResultCode multi(
        final long zxid, final long timeMs, final long sessionId, final MultiOps ops, final MultiResults results)
    {
        final int count = ops.size();
        results.reset(count);
        for (int i = 0; i < count; i++)
        {
            results.type(i, ops.op(i).type());
        }
        if (count > ctx.maxMultiOps())
        {
            results.failAt(0, ResultCode.TOO_MANY_OPS);
            return ResultCode.TOO_MANY_OPS;
        }

        begin();
        int index = 0;
        try
        {
            for (; index < count; index++)
            {
                final ResultCode code = apply(zxid, timeMs, sessionId, ops.op(index), results, index);
                if (ResultCode.OK != code)
                {
                    rollback();
                    results.failAt(index, code);
                    return code;
                }
            }
            end(ResultCode.OK);
            return ResultCode.OK;
        }
        catch (final RuntimeException ex)
        {
            final ResultCode code = fail(ex);
            results.failAt(Math.min(index, count - 1), code);
            return code;
        }
    }

    /**
     * Check a node's version, as the check op of a multi.
     *
     * @return {@code OK}, {@code INVALID_PATH}, {@code NO_NODE} or {@code BAD_VERSION}.
     */
    public ResultCode check(final CharSequence path, final int expectedVersion)
    {
        return writer.check(path, expectedVersion);
    }

    /**
     * @param stat if not null, filled when the node exists.
     * @return {@code OK}, {@code INVALID_PATH} or {@code NO_NODE}.
     */
    public ResultCode exists(final CharSequence path, final Stat stat)
    {
        final ResultCode code = readRecord(path, AclList.READ);
        if (ResultCode.OK == code)
        {
            NodeRecord.toStat(record, stat);
        }
        return code;
    }

    /**
     * Read a node's data and stat.
     *
     * @param dataOut receives the data from offset 0 (length = {@link Stat#dataLength()}); an expandable buffer
     *                or one of at least {@link Context#maxDataLength()} bytes. Null data reads as length 0, and
     *                {@link #isLastDataNull()} tells it from empty data.
     * @return {@code OK}, {@code INVALID_PATH} or {@code NO_NODE}.
     */
    public ResultCode getData(final CharSequence path, final MutableDirectBuffer dataOut, final Stat stat)
    {
        isLastDataNull = false;
        final ResultCode code = readRecord(path, AclList.READ);
        if (ResultCode.OK == code)
        {
            store.readData(record, dataOut, 0);
            isLastDataNull = NodeRecord.isDataNull(record);
            NodeRecord.toStat(record, stat);
        }
        return code;
    }

    /**
     * Whether the data read by the last {@link #getData} was null (created or set with null data) rather than
     * empty, as ZooKeeper's getData returns null for it. False after a getData that failed.
     *
     * @return true for null data.
     */
    public boolean isLastDataNull()
    {
        return isLastDataNull;
    }

    /**
     * List a node's children, sorted.
     *
     * @param children cleared, then filled with the children's names (not paths).
     * @return {@code OK}, {@code INVALID_PATH} or {@code NO_NODE}.
     */
    public ResultCode getChildren(final CharSequence path, final NameList children, final Stat stat)
    {
        children.clear();
        final ResultCode code = readRecord(path, AclList.READ);
        if (ResultCode.OK == code)
        {
            final long nodeId = NodeRecord.nodeId(record);
            final int maxPathLength = ctx.maxPathLength();
            for (int slot = 0, n = NodeRecord.numChildren(record); slot < n; slot++)
            {
                final int offset = children.reserve(maxPathLength);
                children.commit(store.members.read(MemberIndex.CHILDREN, nodeId, slot, children.mutableBuffer(), offset));
            }
            children.sort();
            NodeRecord.toStat(record, stat);
        }
        return code;
    }

    /**
     * Count every descendant of a node (children, their children, ...), as ZooKeeper's getAllChildrenNumber.
     * Walks the subtree: cost grows with its size.
     *
     * @return {@code OK}, {@code INVALID_PATH} or {@code NO_NODE}.
     */
    public ResultCode getAllChildrenNumber(final CharSequence path, final MutableLong count)
    {
        final ResultCode code = readRecord(path, AclList.READ);
        if (ResultCode.OK == code)
        {
            count.set(walker.count(this.path.buffer, this.path.length) - 1);
        }
        return code;
    }

    /**
     * List a session's ephemerals whose paths start with {@code prefixPath} ("/" for all), sorted.
     *
     * @return {@code OK} or {@code INVALID_PATH}.
     */
    public ResultCode getEphemerals(final long sessionId, final CharSequence prefixPath, final NameList paths)
    {
        paths.clear();
        if (!prefix.set(prefixPath, ctx.maxPathLength()))
        {
            return ResultCode.INVALID_PATH;
        }
        for (int slot = 0, n = store.members.count(MemberIndex.EPHEMERALS, sessionId); slot < n; slot++)
        {
            path.length = store.members.read(MemberIndex.EPHEMERALS, sessionId, slot, path.buffer, 0);
            if (path.startsWith(prefix.buffer, 0, prefix.length))
            {
                paths.add(path.buffer, 0, path.length);
            }
        }
        paths.sort();
        return ResultCode.OK;
    }

    /**
     * @return number of ephemerals a session owns.
     */
    public int ephemeralCount(final long sessionId)
    {
        return store.members.count(MemberIndex.EPHEMERALS, sessionId);
    }

    /**
     * Read a node's ACL and stat.
     *
     * @return {@code OK}, {@code INVALID_PATH} or {@code NO_NODE}.
     */
    public ResultCode getAcl(final CharSequence path, final AclList acl, final Stat stat)
    {
        final ResultCode code = readRecord(path, AclList.READ | AclList.ADMIN);
        if (ResultCode.OK == code)
        {
            if (access.holds(record, AclList.ADMIN))
            {
                store.acls.read(NodeRecord.aclId(record), acl);
            }
            else
            {
                // As ZooKeeper 3.9: without ADMIN, digest ids are shown as "user:x".
                store.acls.read(NodeRecord.aclId(record), aclScratch);
                access.maskDigests(aclScratch, acl);
            }
            NodeRecord.toStat(record, stat);
        }
        return code;
    }

    /**
     * Delete every ephemeral of a session (on its expiry or close), in path order, in one change.
     *
     * @param deleted cleared, then filled with the deleted paths in the order they were deleted.
     */
    public void deleteEphemerals(final long zxid, final long sessionId, final NameList deleted)
    {
        begin();
        try
        {
            writer.deleteEphemerals(zxid, sessionId, deleted);
            end(ResultCode.OK);
        }
        catch (final RuntimeException ex)
        {
            deleted.clear();
            fail(ex);
        }
    }

    /**
     * Delete expired containers and TTL nodes, driven by log time. Deterministic: candidates are taken in path
     * order.
     *
     * @param nowMs   log time of the sweep.
     * @param deleted cleared, then filled with the deleted paths.
     */
    public void sweepExpired(final long zxid, final long nowMs, final NameList deleted)
    {
        begin();
        try
        {
            writer.sweepExpired(zxid, nowMs, deleted);
            end(ResultCode.OK);
        }
        catch (final RuntimeException ex)
        {
            deleted.clear();
            fail(ex);
        }
    }

    /**
     * @return the znodes clients created against the limit, and how near it is.
     */
    public ZnodeCapacity capacity()
    {
        return capacity;
    }

    /**
     * @return number of znodes, the root and the three reserved {@code /zookeeper} nodes included.
     */
    public long nodeCount()
    {
        return store.nodeCount();
    }

    /**
     * @return ephemeral znodes, all sessions together: ZooKeeper's {@code ephemerals_count}.
     */
    public long ephemeralCount()
    {
        return store.ephemeralCount();
    }

    /**
     * @return the bytes of every znode's path and data (the root's path aside): ZooKeeper's
     * {@code approximate_data_size}.
     */
    public long approximateDataSize()
    {
        return store.approximateDataSize();
    }

    /**
     * An order-independent digest over every node's path, stat, data and ACL: equal trees have equal digests,
     * however they were built. Walks the whole tree.
     *
     * @return the digest.
     */
    public long digest()
    {
        return digest.compute(walker);
    }

    /**
     * Write the whole tree as snapshot messages: a {@code TreeHeader}, then a {@code Znode} per node, parents first.
     *
     * @param out receives each encoded message (template id, buffer, offset 0, length); the buffer is reused.
     */
    public void writeSnapshot(final MessageHandler out)
    {
        snapshot.write(out);
    }

    /**
     * Load one snapshot message written by {@link #writeSnapshot} (a {@code TreeHeader} empties the tree, each
     * {@code Znode} adds a node), given its body's offset, block length and schema version from its header.
     *
     * @throws IllegalStateException if the message is corrupt or out of order: {@link #abortSnapshotLoad()} then.
     */
    public void loadSnapshot(
        final int templateId, final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        snapshot.load(templateId, buffer, offset, blockLength, version);
    }

    /**
     * Complete a load; a tree saved before the reserved nodes existed gains them, alike on every replica.
     *
     * @throws IllegalStateException if it held other than the nodes it declared: {@link #abortSnapshotLoad()} then.
     */
    public void endSnapshotLoad()
    {
        snapshot.endLoad();
    }

    /**
     * Give up a load that failed: the tree is reset to the root and the reserved nodes alone.
     */
    public void abortSnapshotLoad()
    {
        snapshot.abortLoad();
    }

    /**
     * Release the off-heap memory. The tree must not be used afterwards.
     */
    @Override
    public void close()
    {
        store.close();
    }

    int aclRefCount(final CharSequence path)
    {
        return ResultCode.OK == readRecord(path) ? store.acls.refCount(NodeRecord.aclId(record)) : 0;
    }

    private ResultCode apply(
        final long zxid,
        final long timeMs,
        final long sessionId,
        final MultiOps.Op op,
        final MultiResults results,
        final int index)
    {
        final OpType type = op.type();
        switch (type)
        {
            case CREATE:
                return writer.create(zxid, timeMs, sessionId, op.path(), dataOf(op), 0, op.dataLength(), op.acl(),
                    op.mode(), op.ttlMs(), results.mutablePath(index), results.stat(index));
            case DELETE:
                return writer.delete(zxid, op.path(), op.version());
            case SET_DATA:
                return writer.setData(
                    zxid, timeMs, op.path(), dataOf(op), 0, op.dataLength(), op.version(), results.stat(index));
            case CHECK:
                return writer.check(op.path(), op.version());
            default:
                return ResultCode.BAD_ARGUMENTS;
        }
    }

    private static DirectBuffer dataOf(final MultiOps.Op op)
    {
        return op.isDataNull() ? null : op.data();
    }

    private ResultCode readRecord(final CharSequence nodePath, final int perm)
    {
        final ResultCode code = readRecord(nodePath);
        return ResultCode.OK != code || access.permits(record, perm) ? code : ResultCode.NO_AUTH;
    }

    private ResultCode readRecord(final CharSequence nodePath)
    {
        if (!path.set(nodePath, ctx.maxPathLength()))
        {
            return ResultCode.INVALID_PATH;
        }
        return store.readRecord(path.buffer, path.length, record) ? ResultCode.OK : ResultCode.NO_NODE;
    }

    private void begin()
    {
        changes.clear();
        quotas.beginTransaction();
        store.begin();
        inTransaction = true;
    }

    private ResultCode end(final ResultCode code)
    {
        if (ResultCode.OK == code)
        {
            store.commit();
            inTransaction = false;
        }
        else
        {
            rollback();
        }
        return code;
    }

    private void rollback()
    {
        store.rollback();
        changes.clear();
        inTransaction = false;
    }

    private ResultCode fail(final RuntimeException ex)
    {
        if (inTransaction)
        {
            rollback();
        }
        ctx.errorHandler().onError(ex);
        // Chronicle Map signals a full store with IllegalStateException; anything else is a defect.
        if (ex instanceof IllegalStateException)
        {
            capacity.storeFull();
            return ResultCode.ZNODE_LIMIT;
        }
        return ResultCode.SYSTEM_ERROR;
    }

}
