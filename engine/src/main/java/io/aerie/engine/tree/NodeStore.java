package io.aerie.engine.tree;

import io.aerie.codecs.model.Fnv1a;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The off-heap state of the tree and its primitive operations: node records by path, data chunks, member
 * indexes, ACL lists, and the scalar counters. Every map change goes through one {@link Journal}, so a
 * transaction over any mix of them can be undone.
 */
final class NodeStore implements AutoCloseable
{
    static final int DATA_CHUNK_LENGTH = 4096;
    private static final int NODES = 0;
    private static final int DATA = 1;
    private static final int MEMBERS = 2;
    private static final int ACLS = 3;
    private static final int DATA_KEY_LENGTH = 12;
    private static final int MAX_ACL_KEY_LENGTH = 64 * 1024;

    final Journal journal = new Journal();
    final JournaledMap nodes;
    final JournaledMap data;
    final JournaledMap[] maps;
    final MemberIndex members;
    final AclStore acls;

    private final UnsafeBuffer dataKey = new UnsafeBuffer(new byte[DATA_KEY_LENGTH]);
    private long nextNodeId = 1;
    private long nodeCount;
    private long ephemeralCount;
    private long approximateDataSize;

    private long quotaLimits;
    private long savedQuotaLimits;
    private long savedNextNodeId;
    private long savedNodeCount;
    private long savedNextAclId;
    private long savedEphemeralCount;
    private long savedApproximateDataSize;

    /**
     * @param files where the maps live as files ({@link MappedTreeFiles#MAP_NAMES}' working files, opened as they
     *              are: empty or a copy restored), or null for maps in memory.
     * @throws java.io.UncheckedIOException if a map file cannot be opened (a copy made with other sizes).
     */
    NodeStore(final ZnodeTreeContext ctx, final MappedTreeFiles files)
    {
        final JournaledMap[] opened = new JournaledMap[4];
        try
        {
            openMaps(ctx, files, opened);
        }
        catch (final RuntimeException | Error ex)
        {
            // A map that fails to open (a copy of other sizes, a corrupt file) must not leave the others mapped.
            closeAll(opened, ex);
            throw ex;
        }
        nodes = opened[NODES];
        data = opened[DATA];
        maps = opened;
        members = new MemberIndex(opened[MEMBERS]);
        acls = new AclStore(opened[ACLS]);
    }

    /**
     * @return a digest of the settings the maps are sized by: a copy of maps sized otherwise is not opened, as
     * Chronicle Map would keep the sizes the file was made with.
     */
    static long sizing(final ZnodeTreeContext ctx)
    {
        long hash = Fnv1a.splitMix64(ctx.maxZnodes());
        hash = Fnv1a.splitMix64(hash ^ ctx.maxPathLength());
        hash = Fnv1a.splitMix64(hash ^ ctx.averagePathLength());
        hash = Fnv1a.splitMix64(hash ^ ctx.averageDataLength());
        hash = Fnv1a.splitMix64(hash ^ ctx.largeDataCapacity());
        hash = Fnv1a.splitMix64(hash ^ ctx.maxAclLists());
        return Fnv1a.splitMix64(hash ^ Double.doubleToLongBits(ctx.maxBloatFactor()));
    }

    private void openMaps(final ZnodeTreeContext ctx, final MappedTreeFiles files, final JournaledMap[] opened)
    {
        final int maxPathLength = ctx.maxPathLength();
        opened[NODES] = journaled(NODES, open(files, "nodes", ChronicleMapBuilder.of(byte[].class, byte[].class)
            .name("aerie-nodes")
            .entries(ctx.maxZnodes() + 1L + ReservedNodes.COUNT)
            .averageKeySize(ctx.averagePathLength())
            .averageValueSize(NodeRecord.HEADER_LENGTH + Math.min(ctx.averageDataLength(), NodeRecord.INLINE_DATA_MAX))
            .maxBloatFactor(ctx.maxBloatFactor())
            .skipCloseOnExitHook(true)), maxPathLength, NodeRecord.MAX_LENGTH);

        opened[DATA] = journaled(DATA, open(files, "data", ChronicleMapBuilder.of(byte[].class, byte[].class)
            .name("aerie-data")
            .entries(Math.max(64, ctx.largeDataCapacity() / DATA_CHUNK_LENGTH))
            .constantKeySizeBySample(new byte[DATA_KEY_LENGTH])
            .averageValueSize(DATA_CHUNK_LENGTH)
            .maxBloatFactor(ctx.maxBloatFactor())
            .skipCloseOnExitHook(true)), DATA_KEY_LENGTH, DATA_CHUNK_LENGTH);

        opened[MEMBERS] = journaled(MEMBERS, open(files, "members", ChronicleMapBuilder.of(byte[].class, byte[].class)
            .name("aerie-members")
            .entries(2L * ctx.maxZnodes() + 1024)
            .constantKeySizeBySample(new byte[MemberIndex.KEY_LENGTH])
            .averageValueSize(Math.max(8, ctx.averagePathLength() / 2))
            .maxBloatFactor(ctx.maxBloatFactor())
            .skipCloseOnExitHook(true)), MemberIndex.KEY_LENGTH, maxPathLength);

        opened[ACLS] = journaled(ACLS, open(files, "acls", ChronicleMapBuilder.of(byte[].class, byte[].class)
            .name("aerie-acls")
            .entries(2L * ctx.maxAclLists())
            .averageKeySize(48)
            .averageValueSize(48)
            .maxBloatFactor(ctx.maxBloatFactor())
            .skipCloseOnExitHook(true)), MAX_ACL_KEY_LENGTH, MAX_ACL_KEY_LENGTH);
    }

    private JournaledMap journaled(
        final int mapId, final ChronicleMap<byte[], byte[]> map, final int maxKeyLength, final int maxValueLength)
    {
        try
        {
            return new JournaledMap(mapId, map, journal, maxKeyLength, maxValueLength);
        }
        catch (final RuntimeException | Error ex)
        {
            map.close();
            throw ex;
        }
    }

    private static void closeAll(final JournaledMap[] opened, final Throwable failure)
    {
        for (final JournaledMap map : opened)
        {
            if (null != map)
            {
                try
                {
                    map.close();
                }
                catch (final RuntimeException | Error ex)
                {
                    failure.addSuppressed(ex);
                }
            }
        }
    }

    long nodeCount()
    {
        return nodeCount;
    }

    /**
     * Note the counters kept beside the maps in a copy's tag.
     */
    void describe(final MappedTreeFiles.CopyTag tag)
    {
        tag.nodeCount = nodeCount;
        tag.nextNodeId = nextNodeId;
        tag.nextAclId = acls.nextAclId();
        tag.ephemeralCount = ephemeralCount;
        tag.approximateDataSize = approximateDataSize;
    }

    /**
     * Take the counters kept beside the maps from the tag of the copy the maps were restored from; the quota count
     * is rebuilt by the caller.
     */
    void restoreCounters(final MappedTreeFiles.CopyTag tag)
    {
        resetCounters(tag.nextNodeId, tag.nodeCount, tag.nextAclId);
        ephemeralCount = tag.ephemeralCount;
        approximateDataSize = tag.approximateDataSize;
        quotaLimits = 0;
        acls.clearCache();
    }

    long allocateNodeId()
    {
        nodeCount++;
        return nextNodeId++;
    }

    /**
     * Count a node unlinked from the tree; its data is counted out by {@link #removeData(DirectBuffer)}.
     *
     * @param record     its record.
     * @param pathLength its path length in bytes.
     */
    void nodeRemoved(final DirectBuffer record, final int pathLength)
    {
        nodeCount--;
        approximateDataSize -= pathLength;
        if (NodeRecord.MODE_EPHEMERAL == NodeRecord.mode(record))
        {
            ephemeralCount--;
        }
    }

    /**
     * @return ephemeral nodes in the tree, all sessions together.
     */
    long ephemeralCount()
    {
        return ephemeralCount;
    }

    /**
     * @return ZooKeeper's approximate data size: the bytes of every node's path and data, the root's path aside.
     */
    long approximateDataSize()
    {
        return approximateDataSize;
    }

    /**
     * @return how many quotas (limits nodes under {@code /zookeeper/quota}, the root's aside) the tree holds.
     */
    long quotaLimits()
    {
        return quotaLimits;
    }

    void quotaLimitsChanged(final long delta)
    {
        quotaLimits += delta;
    }

    long nextNodeId()
    {
        return nextNodeId;
    }

    void resetCounters(final long nextNodeId, final long nodeCount, final long nextAclId)
    {
        this.nextNodeId = nextNodeId;
        this.nodeCount = nodeCount;
        acls.nextAclId(nextAclId);
    }

    void begin()
    {
        journal.begin();
        savedNextNodeId = nextNodeId;
        savedNodeCount = nodeCount;
        savedNextAclId = acls.nextAclId();
        savedEphemeralCount = ephemeralCount;
        savedApproximateDataSize = approximateDataSize;
        savedQuotaLimits = quotaLimits;
    }

    void commit()
    {
        journal.end();
    }

    void rollback()
    {
        journal.rollback(maps);
        acls.forgetLast();
        resetCounters(savedNextNodeId, savedNodeCount, savedNextAclId);
        ephemeralCount = savedEphemeralCount;
        approximateDataSize = savedApproximateDataSize;
        quotaLimits = savedQuotaLimits;
    }

    boolean readRecord(final DirectBuffer path, final int pathLength, final MutableDirectBuffer record)
    {
        return nodes.get(path, 0, pathLength, record, 0) >= 0;
    }

    boolean exists(final DirectBuffer path, final int pathLength)
    {
        return nodes.containsKey(path, 0, pathLength);
    }

    void writeRecord(final DirectBuffer path, final int pathLength, final DirectBuffer record)
    {
        nodes.put(path, 0, pathLength, record, 0, NodeRecord.length(record));
    }

    void removeRecord(final DirectBuffer path, final int pathLength)
    {
        nodes.remove(path, 0, pathLength);
    }

    /**
     * Store new data for a node: inline in the record when small, in chunks otherwise, removing the chunks
     * of the old data that the new data no longer uses. The caller writes the record afterwards.
     *
     * @param source the data, or null for null data (ZooKeeper's null, kept apart from empty): then
     *               {@code offset} and {@code length} are ignored.
     */
    void writeData(final MutableDirectBuffer record, final DirectBuffer source, final int offset, final int dataLength)
    {
        final boolean isNull = null == source;
        final int length = isNull ? 0 : dataLength;
        NodeRecord.dataNull(record, isNull);
        final long nodeId = NodeRecord.nodeId(record);
        final int oldLength = Math.max(0, NodeRecord.dataLength(record));
        final int oldChunks = chunkCount(oldLength);
        final int newChunks = chunkCount(length);
        approximateDataSize += Math.max(0, length) - oldLength;
        if (NodeRecord.isInline(length))
        {
            if (length > 0)
            {
                record.putBytes(NodeRecord.HEADER_LENGTH, source, offset, length);
            }
        }
        else
        {
            for (int chunk = 0; chunk < newChunks; chunk++)
            {
                final int chunkOffset = chunk * DATA_CHUNK_LENGTH;
                setDataKey(nodeId, chunk);
                data.put(dataKey, 0, DATA_KEY_LENGTH, source, offset + chunkOffset,
                    Math.min(DATA_CHUNK_LENGTH, length - chunkOffset));
            }
        }
        for (int chunk = newChunks; chunk < oldChunks; chunk++)
        {
            setDataKey(nodeId, chunk);
            data.remove(dataKey, 0, DATA_KEY_LENGTH);
        }
        record.putInt(NodeRecord.DATA_LENGTH_OFFSET, length);
    }

    /**
     * Copy a node's data to {@code out} at {@code outOffset}.
     *
     * @return the data length.
     */
    int readData(final DirectBuffer record, final MutableDirectBuffer out, final int outOffset)
    {
        final int length = NodeRecord.dataLength(record);
        if (NodeRecord.isInline(length))
        {
            out.putBytes(outOffset, record, NodeRecord.HEADER_LENGTH, length);
        }
        else
        {
            final long nodeId = NodeRecord.nodeId(record);
            for (int chunk = 0, n = chunkCount(length); chunk < n; chunk++)
            {
                setDataKey(nodeId, chunk);
                data.get(dataKey, 0, DATA_KEY_LENGTH, out, outOffset + chunk * DATA_CHUNK_LENGTH);
            }
        }
        return length;
    }

    void removeData(final DirectBuffer record)
    {
        approximateDataSize -= Math.max(0, NodeRecord.dataLength(record));
        final long nodeId = NodeRecord.nodeId(record);
        for (int chunk = 0, n = chunkCount(NodeRecord.dataLength(record)); chunk < n; chunk++)
        {
            setDataKey(nodeId, chunk);
            data.remove(dataKey, 0, DATA_KEY_LENGTH);
        }
    }

    /**
     * Link a new node into its parent's children (at slot numChildren, which the caller then bumps) and, by
     * its mode, into its session's ephemerals or the expiring set, recording the slots in its record.
     */
    void linkNode(final PathScratch path, final MutableDirectBuffer record, final DirectBuffer parentRecord)
    {
        final int childSlot = NodeRecord.numChildren(parentRecord);
        members.putAt(MemberIndex.CHILDREN, NodeRecord.nodeId(parentRecord), childSlot,
            path.buffer, path.nameOffset(), path.nameLength());
        record.putInt(NodeRecord.CHILD_SLOT_OFFSET, childSlot);
        approximateDataSize += path.length;

        final byte mode = NodeRecord.mode(record);
        if (NodeRecord.MODE_EPHEMERAL == mode)
        {
            ephemeralCount++;
            record.putInt(NodeRecord.AUX_SLOT_OFFSET,
                members.add(MemberIndex.EPHEMERALS, NodeRecord.ownerSession(record), path.buffer, 0, path.length));
        }
        else if (NodeRecord.MODE_CONTAINER == mode || NodeRecord.MODE_TTL == mode)
        {
            record.putInt(NodeRecord.AUX_SLOT_OFFSET, members.add(MemberIndex.EXPIRING, 0, path.buffer, 0, path.length));
        }
    }

    void clear()
    {
        for (final JournaledMap map : maps)
        {
            map.clear();
        }
        resetCounters(1, 0, 1);
        acls.clearCache();
        ephemeralCount = 0;
        approximateDataSize = 0;
        quotaLimits = 0;
    }

    @Override
    public void close()
    {
        for (final JournaledMap map : maps)
        {
            map.close();
        }
    }

    private static ChronicleMap<byte[], byte[]> open(
        final MappedTreeFiles files, final String name, final ChronicleMapBuilder<byte[], byte[]> builder)
    {
        if (null == files)
        {
            return builder.create();
        }
        try
        {
            // Per-entry checksums would cost every put on the apply path; a copy is verified by its digest instead.
            return builder.checksumEntries(false).createPersistedTo(files.workFile(name));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static int chunkCount(final int dataLength)
    {
        return NodeRecord.isInline(dataLength) ? 0 : (dataLength + DATA_CHUNK_LENGTH - 1) / DATA_CHUNK_LENGTH;
    }

    private void setDataKey(final long nodeId, final int chunk)
    {
        dataKey.putLong(0, nodeId);
        dataKey.putInt(8, chunk);
    }
}
