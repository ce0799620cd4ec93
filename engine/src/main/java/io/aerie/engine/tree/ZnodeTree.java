package io.aerie.engine.tree;

import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.model.Stat;
import io.aerie.codecs.model.NameList;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Utf8;
import io.aerie.engine.acl.Identities;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.MutableLong;



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
 * Paths are UTF-8 bytes, as they come off the wire ({@code DirectBuffer}, offset, length), checked by
 * {@link io.aerie.codecs.model.Paths} without being decoded; each operation also takes its path as text, for
 * tests and tools, encoded to the same bytes.
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
    private final ZnodeTreeSnapshots snapshots;
    private final ReservedNodes reserved;
    private final QuotaTracker quotas;
    private final TreeAccess access;
    private final ZnodeCapacity capacity;
    private final TreeReader reader;
    private final PathScratch text = new PathScratch();
    private final TreeChanges changes = new TreeChanges();
    private final TreeTransaction tx;
    private final TreeMulti multi;
    private final TreeUpdates updates;
    private final TreeCounts counts;

    /**
     * Create an empty tree holding only the root, whose ACL is open to all.
     *
     * @param ctx configuration; concluded here.
     */
    public ZnodeTree(final ZnodeTreeContext ctx)
    {
        this(ctx, -1, 0);
    }

    /**
     * Create a tree that a snapshot is about to be loaded into: with {@link ZnodeTreeContext#mapDir()} set and a
     * copy of the maps kept with that snapshot (same log position and time, its files as saved), the maps are
     * restored from the copy and the load adopts them at the snapshot's tree header instead of inserting its nodes
     * ({@link ZnodeTreeSnapshots#loadedFromCopy()}); otherwise, as an empty tree.
     *
     * @param ctx              configuration; concluded here.
     * @param snapshotPosition log position of the snapshot to be loaded, or -1 for none (an empty tree).
     * @param snapshotTime     log time of that snapshot ({@code cluster.time()} when it was taken and when it is
     *                         loaded), which with its position names it.
     */
    public ZnodeTree(final ZnodeTreeContext ctx, final long snapshotPosition, final long snapshotTime)
    {
        this.ctx = ctx.conclude();
        final TreeCopies copies = new TreeCopies(ctx);
        store = copies.openStore(snapshotPosition, snapshotTime);
        quotas = new QuotaTracker(store, ctx.maxPathLength(), ctx.quotaEnforced());
        access = new TreeAccess(store.acls);
        capacity = new ZnodeCapacity(store, ctx.maxZnodes());
        writer = new TreeWriter(store, ctx, changes, quotas, access, capacity);
        tx = new TreeTransaction(store, quotas, changes, capacity, ctx);
        multi = new TreeMulti(writer, tx, ctx.maxMultiOps());
        updates = new TreeUpdates(writer, tx);
        counts = new TreeCounts(quotas, access, writer);
        walker = new TreeWalker(store, ctx.maxPathLength());
        reader = new TreeReader(store, access, walker, ctx.maxPathLength());
        digest = new TreeDigest(store);
        reserved = new ReservedNodes(store);
        final TreeSnapshot snapshot = new TreeSnapshot(store, ctx, walker, writer, reserved, quotas);
        snapshots = new ZnodeTreeSnapshots(snapshot, copies, store);
        if (null != copies.restoredTag())
        {
            snapshot.restoredFrom(copies.restoredTag());
        }
        else
        {
            writer.createRoot(AclList.openAclUnsafe());
            reserved.install();
        }
    }

    /**
     * Set who the operations that follow run as, until set again: their ACL checks are made against these
     * identities, as ZooKeeper checks a request against its connection's {@code authInfo}, and an {@code auth}
     * ACL entry is replaced by them. Null (the default) checks nothing: the tree's own work (expiry, sweeps) and
     * callers that enforce no ACLs.
     * @param identities the caller's identities, read during each operation, not copied; or null.
     * @return this.
     */
    public ZnodeTree actingAs(final Identities identities)
    {
        access.caller(identities);
        return this;
    }

    /** @return what this tree counted as it applied changes: quota, ACL and ephemeral-limit hits. */
    public TreeCounts counts()
    {
        return counts;
    }

    /** @return the node changes made by the last committed operation; empty after a failed one. */
    public TreeChanges changes()
    {
        return changes;
    }

    /** @return the tree's snapshot writing and loading, and the copies of its maps kept beside snapshots. */
    public ZnodeTreeSnapshots snapshots()
    {
        return snapshots;
    }

    /** @return the configuration this tree was built with. */
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
     * @param path        requested path, UTF-8; for sequential modes the parent's count of child creations is
     *                    appended as %010d. The created path is then {@link #createdPath()}.
     * @param pathOffset  offset of the path in {@code path}.
     * @param pathLength  length of the path in bytes.
     * @param data        data, copied; null for null data (ZooKeeper's null, which getData gives back as null,
     *                    apart from empty data): then {@code dataOffset} and {@code dataLength} are ignored.
     * @param dataOffset  offset of data in {@code data}.
     * @param dataLength  length of data, at most {@link ZnodeTreeContext#maxDataLength()}.
     * @param acl         ACL for the node, non-empty and valid.
     * @param mode        one of ZooKeeper's seven create modes.
     * @param ttlMs       TTL for the TTL modes (1 .. 2^40-1 ms); must be &lt;= 0 for the other modes.
     * @param stat        if not null, filled with the new node's stat.
     * @return {@code OK}, {@code INVALID_PATH}, {@code BAD_ARGUMENTS}, {@code DATA_TOO_LARGE},
     * {@code INVALID_ACL}, {@code NO_NODE} (no parent), {@code NO_AUTH} (a child of the read-only
     * {@code /zookeeper/config}), {@code NODE_EXISTS}, {@code NO_CHILDREN_FOR_EPHEMERALS}, {@code QUOTA_EXCEEDED}
     * (over a hard limit of the quota under {@code /zookeeper/quota} of the deepest quota'd ancestor, when
     * enforced), {@code TOO_MANY_EPHEMERALS} (the session owns its most) or {@code ZNODE_LIMIT}.
     */
    public ResultCode create(
        final long zxid, final long timeMs, final long sessionId,
        final DirectBuffer path, final int pathOffset, final int pathLength,
        final DirectBuffer data, final int dataOffset, final int dataLength,
        final AclList acl, final CreateMode mode, final long ttlMs, final Stat stat)
    {
        return updates.create(
            zxid, timeMs, sessionId, path, pathOffset, pathLength, data, dataOffset, dataLength, acl, mode, ttlMs, stat);
    }

    /**
     * As {@link #create(long, long, long, DirectBuffer, int, int, DirectBuffer, int, int, AclList, CreateMode, long,
     * Stat)}, with the path as text; the created path is appended to {@code createdPath} if it is not null.
     */
    public ResultCode create(
        final long zxid, final long timeMs, final long sessionId, final CharSequence path,
        final DirectBuffer data, final int dataOffset, final int dataLength,
        final AclList acl, final CreateMode mode, final long ttlMs, final StringBuilder createdPath, final Stat stat)
    {
        final ResultCode code = create(
            zxid, timeMs, sessionId, utf8(path), 0, text.length, data, dataOffset, dataLength, acl, mode, ttlMs, stat);
        if (null != createdPath && ResultCode.OK == code)
        {
            Utf8.appendTrusted(writer.createdPath(), 0, writer.createdPathLength(), createdPath);
        }
        return code;
    }

    /** @return the path the last create made, sequence suffix included, UTF-8 from 0, until the next change. */
    public DirectBuffer createdPath()
    {
        return writer.createdPath();
    }

    /** @return length of {@link #createdPath()}: 0 unless the last create succeeded. */
    public int createdPathLength()
    {
        return writer.createdPathLength();
    }

    /**
     * Delete a childless node.
     *
     * @param expectedVersion the node's data version, or -1 for any.
     * @return {@code OK}, {@code INVALID_PATH}, {@code BAD_ARGUMENTS} (the root or a reserved node),
     * {@code NO_AUTH} (a child of {@code /zookeeper/config}), {@code NO_NODE}, {@code BAD_VERSION} or
     * {@code NOT_EMPTY}.
     */
    public ResultCode delete(
        final long zxid, final DirectBuffer path, final int pathOffset, final int pathLength, final int expectedVersion)
    {
        return updates.delete(zxid, path, pathOffset, pathLength, expectedVersion);
    }

    /** As {@link #delete(long, DirectBuffer, int, int, int)}, with the path as text. */
    public ResultCode delete(final long zxid, final CharSequence path, final int expectedVersion)
    {
        return delete(zxid, utf8(path), 0, text.length, expectedVersion);
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
        final long zxid, final long timeMs, final DirectBuffer path, final int pathOffset, final int pathLength,
        final DirectBuffer data, final int dataOffset, final int dataLength, final int expectedVersion, final Stat stat)
    {
        return updates.setData(
            zxid, timeMs, path, pathOffset, pathLength, data, dataOffset, dataLength, expectedVersion, stat);
    }

    /** As {@link #setData(long, long, DirectBuffer, int, int, DirectBuffer, int, int, int, Stat)}, with the path as text. */
    public ResultCode setData(
        final long zxid, final long timeMs, final CharSequence path,
        final DirectBuffer data, final int dataOffset, final int dataLength, final int expectedVersion, final Stat stat)
    {
        return setData(zxid, timeMs, utf8(path), 0, text.length, data, dataOffset, dataLength, expectedVersion, stat);
    }

    /**
     * Replace a node's ACL, bumping its aversion. As in ZooKeeper, neither mzxid nor mtime change.
     *
     * @param expectedAversion the node's ACL version, or -1 for any.
     * @return {@code OK}, {@code INVALID_PATH}, {@code INVALID_ACL}, {@code NO_NODE}, {@code NO_AUTH}
     * ({@code /zookeeper/config}) or {@code BAD_VERSION}.
     */
    public ResultCode setAcl(
        final DirectBuffer path, final int pathOffset, final int pathLength, final AclList acl,
        final int expectedAversion, final Stat stat)
    {
        return updates.setAcl(path, pathOffset, pathLength, acl, expectedAversion, stat);
    }

    /** As {@link #setAcl(DirectBuffer, int, int, AclList, int, Stat)}, with the path as text. */
    public ResultCode setAcl(final CharSequence path, final AclList acl, final int expectedAversion, final Stat stat)
    {
        return setAcl(utf8(path), 0, text.length, acl, expectedAversion, stat);
    }

    /**
     * Apply operations atomically: all of them or none. All share one zxid and time, and each sees the
     * effects of the ones before it. See {@link MultiResults} for the per-op results.
     * @return {@code OK}, {@code TOO_MANY_OPS}, or the code of the first op that failed.
     */
    public ResultCode multi(
        final long zxid, final long timeMs, final long sessionId, final MultiOps ops, final MultiResults results)
    {
        return multi.apply(zxid, timeMs, sessionId, ops, results);
    }

    /** Check a node's version, as multi's check op. @return OK, INVALID_PATH, NO_NODE or BAD_VERSION. */
    public ResultCode check(final CharSequence path, final int expectedVersion)
    {
        return writer.check(utf8(path), 0, text.length, expectedVersion);
    }

    /**
     * @param stat if not null, filled when the node exists.
     * @return {@code OK}, {@code INVALID_PATH}, {@code NO_NODE} or {@code NO_AUTH}.
     */
    public ResultCode exists(final DirectBuffer path, final int pathOffset, final int pathLength, final Stat stat)
    {
        return reader.exists(path, pathOffset, pathLength, stat);
    }

    /** As {@link #exists(DirectBuffer, int, int, Stat)}, with the path as text. */
    public ResultCode exists(final CharSequence path, final Stat stat)
    {
        return reader.exists(utf8(path), 0, text.length, stat);
    }

    /**
     * Read a node's data and stat.
     *
     * @param dataOut receives the data from offset 0 (length = {@link Stat#dataLength()}); an expandable buffer
     *                or one of at least {@link ZnodeTreeContext#maxDataLength()} bytes. Null data reads as length
     *                0, and {@link #isLastDataNull()} tells it from empty data.
     * @return {@code OK}, {@code INVALID_PATH}, {@code NO_NODE} or {@code NO_AUTH}.
     */
    public ResultCode getData(
        final DirectBuffer path, final int pathOffset, final int pathLength, final MutableDirectBuffer dataOut,
        final Stat stat)
    {
        return reader.getData(path, pathOffset, pathLength, dataOut, stat);
    }

    /** As {@link #getData(DirectBuffer, int, int, MutableDirectBuffer, Stat)}, with the path as text. */
    public ResultCode getData(final CharSequence path, final MutableDirectBuffer dataOut, final Stat stat)
    {
        return reader.getData(utf8(path), 0, text.length, dataOut, stat);
    }

    /**
     * Whether the data read by the last {@link #getData} was null (created or set with null data) rather than
     * empty, as ZooKeeper's getData returns null for it. False after a getData that failed.
     *
     * @return true for null data.
     */
    public boolean isLastDataNull()
    {
        return reader.isLastDataNull();
    }

    /**
     * List a node's children, sorted.
     *
     * @param children cleared, then filled with the children's names (not paths).
     * @return {@code OK}, {@code INVALID_PATH}, {@code NO_NODE} or {@code NO_AUTH}.
     */
    public ResultCode getChildren(
        final DirectBuffer path, final int pathOffset, final int pathLength, final NameList children, final Stat stat)
    {
        return reader.getChildren(path, pathOffset, pathLength, children, stat);
    }

    /** As {@link #getChildren(DirectBuffer, int, int, NameList, Stat)}, with the path as text. */
    public ResultCode getChildren(final CharSequence path, final NameList children, final Stat stat)
    {
        return reader.getChildren(utf8(path), 0, text.length, children, stat);
    }

    /**
     * Count every descendant of a node (children, their children, ...), as ZooKeeper's getAllChildrenNumber.
     * Walks the subtree: cost grows with its size.
     *
     * @return {@code OK}, {@code INVALID_PATH}, {@code NO_NODE} or {@code NO_AUTH}.
     */
    public ResultCode getAllChildrenNumber(
        final DirectBuffer path, final int pathOffset, final int pathLength, final MutableLong count)
    {
        return reader.getAllChildrenNumber(path, pathOffset, pathLength, count);
    }

    /** As {@link #getAllChildrenNumber(DirectBuffer, int, int, MutableLong)}, with the path as text. */
    public ResultCode getAllChildrenNumber(final CharSequence path, final MutableLong count)
    {
        return reader.getAllChildrenNumber(utf8(path), 0, text.length, count);
    }

    /**
     * List a session's ephemerals whose paths start with {@code prefixPath} ("/" for all), sorted.
     *
     * @return {@code OK} or {@code INVALID_PATH}.
     */
    public ResultCode getEphemerals(
        final long sessionId, final DirectBuffer prefixPath, final int pathOffset, final int pathLength,
        final NameList paths)
    {
        return reader.getEphemerals(sessionId, prefixPath, pathOffset, pathLength, paths);
    }

    /** As {@link #getEphemerals(long, DirectBuffer, int, int, NameList)}, with the prefix as text. */
    public ResultCode getEphemerals(final long sessionId, final CharSequence prefixPath, final NameList paths)
    {
        return reader.getEphemerals(sessionId, utf8(prefixPath), 0, text.length, paths);
    }

    /** @return number of ephemerals a session owns. */
    public int ephemeralCount(final long sessionId)
    {
        return store.members.count(MemberIndex.EPHEMERALS, sessionId);
    }

    /**
     * Read a node's ACL and stat; without ADMIN permission, digest ids are masked as ZooKeeper 3.9 masks them.
     *
     * @return {@code OK}, {@code INVALID_PATH}, {@code NO_NODE} or {@code NO_AUTH}.
     */
    public ResultCode getAcl(
        final DirectBuffer path, final int pathOffset, final int pathLength, final AclList acl, final Stat stat)
    {
        return reader.getAcl(path, pathOffset, pathLength, acl, stat);
    }

    /** As {@link #getAcl(DirectBuffer, int, int, AclList, Stat)}, with the path as text. */
    public ResultCode getAcl(final CharSequence path, final AclList acl, final Stat stat)
    {
        return reader.getAcl(utf8(path), 0, text.length, acl, stat);
    }

    /**
     * Delete every ephemeral of a session (on its expiry or close), in path order, in one change.
     * @param deleted cleared, then filled with the deleted paths in the order they were deleted.
     */
    public void deleteEphemerals(final long zxid, final long sessionId, final NameList deleted)
    {
        updates.deleteEphemerals(zxid, sessionId, deleted);
    }

    /**
     * Delete expired containers and TTL nodes, driven by log time; candidates are taken in path order.
     * @param nowMs   log time of the sweep.
     * @param deleted cleared, then filled with the deleted paths.
     */
    public void sweepExpired(final long zxid, final long nowMs, final NameList deleted)
    {
        updates.sweepExpired(zxid, nowMs, deleted);
    }

    /** @return the znodes clients created against the limit, and how near it is. */
    public ZnodeCapacity capacity()
    {
        return capacity;
    }

    /** @return number of znodes, the root and the three reserved {@code /zookeeper} nodes included. */
    public long nodeCount()
    {
        return store.nodeCount();
    }

    /** @return ephemeral znodes, all sessions together: ZooKeeper's {@code ephemerals_count}. */
    public long ephemeralCount()
    {
        return store.ephemeralCount();
    }

    /** @return bytes of every znode's path and data (the root's path aside): {@code approximate_data_size}. */
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
     * Release the off-heap memory. The tree must not be used afterwards.
     */
    @Override
    public void close()
    {
        store.close();
    }

    int aclRefCount(final CharSequence path)
    {
        return reader.aclRefCount(utf8(path), 0, text.length);
    }

    /** Encode a path given as text into {@link #text}: its bytes from 0, {@code text.length} long. */
    private DirectBuffer utf8(final CharSequence path)
    {
        text.encode(path);
        return text.buffer;
    }
}
