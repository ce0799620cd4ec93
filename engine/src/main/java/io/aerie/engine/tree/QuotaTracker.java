package io.aerie.engine.tree;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * ZooKeeper's quota bookkeeping (DataTree.updateQuotaStat / updateQuotaForPath, 3.7+ format), done by the state
 * machine on every change so that {@code /zookeeper/quota/<path>/zookeeper_stats} stays current.
 * <p>
 * A path has a quota while {@code /zookeeper/quota<path>/zookeeper_limits} exists (ZooKeeper's path trie holds
 * exactly those paths). Creating a {@code zookeeper_stats} node there counts the subtree of {@code <path>} (the
 * node itself included: nodes and data bytes) into its data, replacing what the client wrote. Every create,
 * delete (by a client, a session's end or the sweep) and data change then adds its count and bytes to the stats
 * node of the deepest quota'd ancestor-or-self of the changed path only, as ZooKeeper does (a nested quota is not
 * added to its outer one). The root never has a quota. Stats nodes are rewritten as {@code count=N,bytes=M}
 * with their version, mzxid and mtime untouched and no watch fired, as in ZooKeeper.
 * <p>
 * With enforcement on (ZooKeeper's {@code zookeeper.enforceQuota}), {@link #isOverHardLimit} refuses, before
 * anything changes, a create or data change that would take that deepest quota'd subtree over its hard count or
 * bytes limit, as ZooKeeper's checkQuota does, and counts it in {@link #rejectedCount()}. Inside a multi, each op
 * is judged as ZooKeeper judges it, against the stats as they were before the multi (ZooKeeper's prep step reads the
 * committed tree), so a multi whose ops each fit can take a subtree over its hard limit, as in ZooKeeper. A change applied over a
 * limit (the soft one, or the hard one when not enforced) is counted by {@link #exceededCount()}. A stats or
 * limits node whose text is not StatsTrack's (a non-number value) is left alone; ZooKeeper would fail the change
 * instead.
 * <p>
 * Costs nothing while no quota exists; with quotas, a change looks up one limits path per level of its path.
 * Allocation-free. Not thread safe: runs inside the tree's transactions, whose undo covers what it writes.
 */
final class QuotaTracker implements TreeWalker.Visitor
{
    static final String LIMIT_NODE = "zookeeper_limits";
    static final String STAT_NODE = "zookeeper_stats";

    private static final byte[] QUOTA = ReservedNodes.QUOTA.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LIMIT_SUFFIX = ("/" + LIMIT_NODE).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STAT_SUFFIX = ("/" + STAT_NODE).getBytes(StandardCharsets.US_ASCII);

    private final NodeStore store;
    private final boolean enforced;
    private final TreeWalker walker;
    private final ExpandableArrayBuffer key = new ExpandableArrayBuffer(512);
    private final ExpandableArrayBuffer text = new ExpandableArrayBuffer(256);
    private final UnsafeBuffer quotaRecord = new UnsafeBuffer(new byte[NodeRecord.MAX_LENGTH]);
    private final ExpandableArrayBuffer pending = new ExpandableArrayBuffer(256);
    private final QuotaStats limits = new QuotaStats();
    private final QuotaStats stats = new QuotaStats();
    private boolean countingLimits;
    private long walkedCount;
    private long walkedBytes;
    private long exceededCount;
    private long rejectedCount;
    private int keyLength;
    private int pendingLength;

    QuotaTracker(final NodeStore store, final int maxPathLength, final boolean enforced)
    {
        this.store = store;
        this.enforced = enforced;
        this.walker = new TreeWalker(store, maxPathLength);
    }

    /**
     * @return changes that went over a quota limit since this tree was built (not enforced, see the class doc).
     */
    long exceededCount()
    {
        return exceededCount;
    }

    /**
     * @return changes refused with QUOTA_EXCEEDED by a hard limit since this tree was built.
     */
    long rejectedCount()
    {
        return rejectedCount;
    }

    /**
     * Before a create ({@code countDiff} 1) or a data change (0) of the node at {@code path}: whether enforcement
     * is on and the change would take the deepest quota'd ancestor-or-self of the path over a hard limit, judged
     * against its stats node as ZooKeeper's checkQuota does. Counts a refusal.
     *
     * @return true if the change must fail with QUOTA_EXCEEDED.
     */
    boolean isOverHardLimit(final PathScratch path, final int countDiff, final long bytesDiff)
    {
        if (!enforced || 0 == store.quotaLimits())
        {
            return false;
        }
        final int prefixLength = deepestQuotaPrefix(path);
        if (prefixLength < 0 || !readQuotaNode(path.buffer, prefixLength, LIMIT_SUFFIX, limits) ||
            !limits.hasHardLimit() || !readQuotaNode(path.buffer, prefixLength, STAT_SUFFIX, stats))
        {
            return false;
        }
        // ZooKeeper judges every op of a multi against the stats as committed before the multi: undo the changes
        // this transaction has already counted to the same quota.
        final int pending = findPending(path.buffer, prefixLength);
        if (pending >= 0)
        {
            stats.count -= this.pending.getLong(pending);
            stats.bytes -= this.pending.getLong(pending + Long.BYTES);
        }
        if (limits.isOverHardLimitBy(stats, countDiff, bytesDiff))
        {
            rejectedCount++;
            return true;
        }
        return false;
    }

    /**
     * A transaction (one request, or a whole multi) starts: forget the changes counted by the previous one.
     */
    void beginTransaction()
    {
        pendingLength = 0;
    }

    /**
     * After a node was created and linked: quota bookkeeping of quota nodes, then the count of the change.
     *
     * @param dataLength the length of the data the node was created with.
     */
    void onCreated(final PathScratch path, final int dataLength)
    {
        final int parentLength = path.parentLength();
        if (isQuotaNode(path, parentLength, LIMIT_SUFFIX, QUOTA.length + 1))
        {
            store.quotaLimitsChanged(1);
        }
        else if (isQuotaNode(path, parentLength, STAT_SUFFIX, QUOTA.length))
        {
            recount(path, parentLength);
        }
        change(path, 1, dataLength, true);
    }

    /**
     * After a node was removed.
     *
     * @param dataLength the length of the data the node held.
     */
    void onDeleted(final PathScratch path, final int dataLength)
    {
        if (isQuotaNode(path, path.parentLength(), LIMIT_SUFFIX, QUOTA.length + 1))
        {
            store.quotaLimitsChanged(-1);
        }
        change(path, -1, -dataLength, false);
    }

    /**
     * After a node's data was replaced.
     */
    void onDataChanged(final PathScratch path, final int oldLength, final int newLength)
    {
        change(path, 0, newLength - oldLength, true);
    }

    /**
     * Recount the quotas held in a loaded tree (its limits nodes); the stats nodes keep the data they were saved
     * with, so that a replica that loaded a snapshot and one that applied the log hold the same bytes.
     */
    void rebuild()
    {
        store.quotaLimitsChanged(-store.quotaLimits());
        key.putBytes(0, QUOTA);
        if (store.exists(key, QUOTA.length))
        {
            countingLimits = true;
            walkedCount = 0;
            walker.walk(key, QUOTA.length, this);
            countingLimits = false;
            store.quotaLimitsChanged(walkedCount);
        }
    }

    @Override
    public void visit(final DirectBuffer path, final int pathLength, final DirectBuffer record)
    {
        if (countingLimits)
        {
            if (pathLength > QUOTA.length + LIMIT_SUFFIX.length && endsWith(path, pathLength, LIMIT_SUFFIX))
            {
                walkedCount++;
            }
        }
        else
        {
            walkedCount++;
            walkedBytes += NodeRecord.dataLength(record);
        }
    }

    private void change(final PathScratch path, final int countDiff, final long bytesDiff, final boolean isWrite)
    {
        if (0 == store.quotaLimits())
        {
            return;
        }
        final int prefixLength = deepestQuotaPrefix(path);
        if (prefixLength < 0 || !readQuotaNode(path.buffer, prefixLength, STAT_SUFFIX, stats))
        {
            return;
        }
        if (isWrite && readQuotaNode(path.buffer, prefixLength, LIMIT_SUFFIX, limits) &&
            limits.isExceededBy(stats, countDiff, bytesDiff))
        {
            exceededCount++;
        }
        stats.count += countDiff;
        stats.bytes += bytesDiff;
        writeStats(path.buffer, prefixLength);
        if (enforced)
        {
            addPending(path.buffer, prefixLength, countDiff, bytesDiff);
        }
    }

    /**
     * @return the offset of the counts of this transaction's changes to the quota of the prefix, or -1; entries
     * are {@code [int length][prefix][long count][long bytes]}, as many as quotas the transaction touched.
     */
    private int findPending(final DirectBuffer path, final int prefixLength)
    {
        int offset = 0;
        while (offset < pendingLength)
        {
            final int length = pending.getInt(offset);
            final int prefixOffset = offset + Integer.BYTES;
            if (length == prefixLength && isSamePrefix(prefixOffset, path, length))
            {
                return prefixOffset + length;
            }
            offset = prefixOffset + length + 2 * Long.BYTES;
        }
        return -1;
    }

    private boolean isSamePrefix(final int offset, final DirectBuffer path, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (pending.getByte(offset + i) != path.getByte(i))
            {
                return false;
            }
        }
        return true;
    }

    private void addPending(final DirectBuffer path, final int prefixLength, final long countDiff, final long bytesDiff)
    {
        final int found = findPending(path, prefixLength);
        if (found >= 0)
        {
            pending.putLong(found, pending.getLong(found) + countDiff);
            pending.putLong(found + Long.BYTES, pending.getLong(found + Long.BYTES) + bytesDiff);
            return;
        }
        pending.putInt(pendingLength, prefixLength);
        pending.putBytes(pendingLength + Integer.BYTES, path, 0, prefixLength);
        final int counts = pendingLength + Integer.BYTES + prefixLength;
        pending.putLong(counts, countDiff);
        pending.putLong(counts + Long.BYTES, bytesDiff);
        pendingLength = counts + 2 * Long.BYTES;
    }

    /**
     * Compute the stats of a quota'd path when its stats node is created (ZooKeeper's updateQuotaForPath).
     */
    private void recount(final PathScratch statPath, final int parentLength)
    {
        final int prefixLength = parentLength - QUOTA.length;
        final DirectBuffer prefix;
        final int prefixOffset;
        if (0 == prefixLength)
        {
            // Quota on the root: ZooKeeper counts the whole tree for it (and never updates it afterwards).
            text.putByte(0, (byte)'/');
            prefix = text;
            prefixOffset = 0;
        }
        else
        {
            prefix = statPath.buffer;
            prefixOffset = QUOTA.length;
        }
        walkedCount = 0;
        walkedBytes = 0;
        final int realLength = Math.max(1, prefixLength);
        key.putBytes(0, prefix, prefixOffset, realLength);
        if (store.exists(key, realLength))
        {
            walker.walk(key, realLength, this);
        }
        stats.count = walkedCount;
        stats.bytes = walkedBytes;
        store.readRecord(statPath.buffer, statPath.length, quotaRecord);
        final int length = stats.formatStats(text, 0);
        store.writeData(quotaRecord, text, 0, length);
        store.writeRecord(statPath.buffer, statPath.length, quotaRecord);
    }

    /**
     * @return the length of the deepest non-root prefix of the path (itself included) that has a limits node,
     * or -1.
     */
    private int deepestQuotaPrefix(final PathScratch path)
    {
        final DirectBuffer buffer = path.buffer;
        for (int prefixLength = path.length; prefixLength > 1; prefixLength--)
        {
            if (prefixLength == path.length || '/' == buffer.getByte(prefixLength))
            {
                setQuotaKey(buffer, prefixLength, LIMIT_SUFFIX);
                if (store.exists(key, keyLength))
                {
                    return prefixLength;
                }
            }
        }
        return -1;
    }

    private void setQuotaKey(final DirectBuffer path, final int prefixLength, final byte[] suffix)
    {
        key.putBytes(0, QUOTA);
        key.putBytes(QUOTA.length, path, 0, prefixLength);
        key.putBytes(QUOTA.length + prefixLength, suffix);
        keyLength = QUOTA.length + prefixLength + suffix.length;
    }

    private boolean readQuotaNode(
        final DirectBuffer path, final int prefixLength, final byte[] suffix, final QuotaStats into)
    {
        setQuotaKey(path, prefixLength, suffix);
        if (!store.readRecord(key, keyLength, quotaRecord))
        {
            return false;
        }
        final int length = store.readData(quotaRecord, text, 0);
        return into.parse(text, 0, length);
    }

    private void writeStats(final DirectBuffer path, final int prefixLength)
    {
        setQuotaKey(path, prefixLength, STAT_SUFFIX);
        store.readRecord(key, keyLength, quotaRecord);
        final int length = stats.formatStats(text, 0);
        store.writeData(quotaRecord, text, 0, length);
        store.writeRecord(key, keyLength, quotaRecord);
    }

    /**
     * @return true if the node is {@code /zookeeper/quota<path>/<suffix name>} and its parent is at least
     * {@code minParentLength} long (more than {@code /zookeeper/quota} excludes the root's quota).
     */
    private static boolean isQuotaNode(
        final PathScratch path, final int parentLength, final byte[] suffix, final int minParentLength)
    {
        return parentLength >= minParentLength && '/' == path.buffer.getByte(QUOTA.length) &&
            path.length - parentLength == suffix.length && path.startsWith(QUOTA_BUFFER, 0, QUOTA.length) &&
            endsWith(path.buffer, path.length, suffix);
    }

    private static boolean endsWith(final DirectBuffer path, final int pathLength, final byte[] suffix)
    {
        final int offset = pathLength - suffix.length;
        if (offset < 0)
        {
            return false;
        }
        for (int i = 0; i < suffix.length; i++)
        {
            if (path.getByte(offset + i) != suffix[i])
            {
                return false;
            }
        }
        return true;
    }

    private static final UnsafeBuffer QUOTA_BUFFER = new UnsafeBuffer(QUOTA);
}
