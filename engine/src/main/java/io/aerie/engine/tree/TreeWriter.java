package io.aerie.engine.tree;

import io.aerie.codecs.model.Paths;
import io.aerie.codecs.model.Utf8;
import io.aerie.codecs.model.Stat;
import io.aerie.codecs.model.NameList;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The tree's changes: validate everything first, in ZooKeeper's order of checks, and only then apply.
 * Runs inside a transaction opened by {@link ZnodeTree}, which undoes a change that fails part way.
 */
final class TreeWriter
{
    private static final UnsafeBuffer SEQUENCE_PLACEHOLDER = new UnsafeBuffer("0000000000".getBytes(
        java.nio.charset.StandardCharsets.US_ASCII));

    private final NodeStore store;
    private final TreeChanges changes;
    private final QuotaTracker quotas;
    private final TreeAccess access;
    private final int maxPathLength;
    private final int maxDataLength;
    private final ZnodeCapacity capacity;
    private final int maxEphemeralsPerSession;
    private long ephemeralLimitCount;
    private final PathScratch path = new PathScratch();
    private final PathScratch movedPath = new PathScratch();
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[NodeRecord.MAX_LENGTH]);
    private final UnsafeBuffer parentRecord = new UnsafeBuffer(new byte[NodeRecord.MAX_LENGTH]);
    private final UnsafeBuffer movedRecord = new UnsafeBuffer(new byte[NodeRecord.MAX_LENGTH]);
    private final ExpandableArrayBuffer movedMember = new ExpandableArrayBuffer(256);
    private final PathScratch createdPath = new PathScratch();
    private final NameList expiring = new NameList();

    TreeWriter(
        final NodeStore store,
        final ZnodeTreeContext ctx,
        final TreeChanges changes,
        final QuotaTracker quotas,
        final TreeAccess access,
        final ZnodeCapacity capacity)
    {
        this.store = store;
        this.capacity = capacity;
        this.access = access;
        this.changes = changes;
        this.quotas = quotas;
        this.maxPathLength = ctx.maxPathLength();
        this.maxDataLength = ctx.maxDataLength();
        this.maxEphemeralsPerSession = ctx.maxEphemeralsPerSession();
    }

    long ephemeralLimitCount()
    {
        return ephemeralLimitCount;
    }

    /**
     * @return the path of the node the last create made, as UTF-8 from offset 0; {@link #createdPathLength()} long.
     */
    DirectBuffer createdPath()
    {
        return createdPath.buffer;
    }

    /**
     * @return length of {@link #createdPath()}: 0 unless the last create succeeded.
     */
    int createdPathLength()
    {
        return createdPath.length;
    }

    void forgetCreatedPath()
    {
        createdPath.length = 0;
    }

    ResultCode create(
        final long zxid,
        final long timeMs,
        final long sessionId,
        final DirectBuffer requestedPath,
        final int requestedPathOffset,
        final int requestedPathLength,
        final DirectBuffer data,
        final int dataOffset,
        final int dataLength,
        final AclList acl,
        final CreateMode mode,
        final long ttlMs,
        final StringBuilder createdPathOut,
        final Stat stat)
    {
        createdPath.length = 0;
        final ResultCode argumentCode = CreateModes.checkArguments(
            maxDataLength, sessionId, null == data ? 0 : dataLength, acl, mode, ttlMs);
        if (ResultCode.OK != argumentCode)
        {
            return argumentCode;
        }
        final AclList storedAcl = access.fixup(acl);
        if (null == storedAcl)
        {
            return ResultCode.INVALID_ACL;
        }

        final boolean sequential = CreateModes.isSequential(mode);
        // A sequential path is checked with its suffix in place, as ZooKeeper checks path + "1": "/a/" is valid.
        if (requestedPathLength > maxPathLength)
        {
            return ResultCode.INVALID_PATH;
        }
        path.setTrusted(requestedPath, requestedPathOffset, requestedPathLength);
        if (sequential)
        {
            path.append(SEQUENCE_PLACEHOLDER, 0, Paths.SEQUENCE_DIGITS);
        }
        if (!path.isValid(maxPathLength))
        {
            return ResultCode.INVALID_PATH;
        }
        if (path.isRoot())
        {
            return ResultCode.NODE_EXISTS;
        }

        final int parentLength = path.parentLength();
        if (!store.readRecord(path.buffer, parentLength, parentRecord))
        {
            return ResultCode.NO_NODE;
        }
        if (ReservedNodes.isConfig(path, parentLength) || !access.permits(parentRecord, AclList.CREATE))
        {
            return ResultCode.NO_AUTH;
        }
        if (sequential)
        {
            Paths.putSequence(path.buffer, path.length - Paths.SEQUENCE_DIGITS, NodeRecord.cversion(parentRecord));
        }
        if (store.exists(path.buffer, path.length))
        {
            return ResultCode.NODE_EXISTS;
        }
        if (NodeRecord.MODE_EPHEMERAL == NodeRecord.mode(parentRecord))
        {
            return ResultCode.NO_CHILDREN_FOR_EPHEMERALS;
        }
        // ZooKeeper checks the quota last, after the ephemeral parent; Aerie's own limits come after it.
        if (quotas.isOverHardLimit(path, 1, null == data ? 0 : dataLength))
        {
            return ResultCode.QUOTA_EXCEEDED;
        }
        if (CreateModes.isEphemeral(mode) && store.members.count(MemberIndex.EPHEMERALS, sessionId) >= maxEphemeralsPerSession)
        {
            ephemeralLimitCount++;
            return ResultCode.TOO_MANY_EPHEMERALS;
        }
        if (capacity.refuseCreate())
        {
            return ResultCode.ZNODE_LIMIT;
        }

        final byte storedMode = CreateModes.storedMode(mode);
        final long aclId = store.acls.acquire(storedAcl);
        NodeRecord.initialise(record, store.allocateNodeId(), zxid, timeMs, storedMode,
            NodeRecord.MODE_EPHEMERAL == storedMode ? sessionId : 0, NodeRecord.MODE_TTL == storedMode ? ttlMs : 0, aclId);
        store.writeData(record, data, dataOffset, dataLength);
        store.linkNode(path, record, parentRecord);
        store.writeRecord(path.buffer, path.length, record);

        parentRecord.putInt(NodeRecord.CVERSION_OFFSET, NodeRecord.cversion(parentRecord) + 1);
        parentRecord.putLong(NodeRecord.PZXID_OFFSET, zxid);
        parentRecord.putInt(NodeRecord.NUM_CHILDREN_OFFSET, NodeRecord.numChildren(parentRecord) + 1);
        store.writeRecord(path.buffer, parentLength, parentRecord);
        changes.add(TreeChanges.CREATED, path.buffer, path.length);

        NodeRecord.toStat(record, stat);
        createdPath.setTrusted(path.buffer, 0, path.length);
        if (null != createdPathOut)
        {
            Utf8.appendTrusted(path.buffer, 0, path.length, createdPathOut);
        }
        quotas.onCreated(path, null == data ? 0 : dataLength);
        return ResultCode.OK;
    }

    ResultCode delete(final long zxid, final DirectBuffer nodePath,
        final int nodePathOffset,
        final int nodePathLength, final int expectedVersion)
    {
        if (!path.set(nodePath, nodePathOffset, nodePathLength, maxPathLength))
        {
            return ResultCode.INVALID_PATH;
        }
        if (ReservedNodes.isUndeletable(path))
        {
            return ResultCode.BAD_ARGUMENTS;
        }
        if (ReservedNodes.isConfig(path, path.parentLength()))
        {
            return ResultCode.NO_AUTH;
        }
        // As ZooKeeper: the parent's DELETE permission is checked before the node is looked up.
        if (!store.readRecord(path.buffer, path.parentLength(), parentRecord))
        {
            return ResultCode.NO_NODE;
        }
        if (!access.permits(parentRecord, AclList.DELETE))
        {
            return ResultCode.NO_AUTH;
        }
        if (!store.readRecord(path.buffer, path.length, record))
        {
            return ResultCode.NO_NODE;
        }
        if (isVersionMismatch(expectedVersion, NodeRecord.version(record)))
        {
            return ResultCode.BAD_VERSION;
        }
        if (NodeRecord.numChildren(record) > 0)
        {
            return ResultCode.NOT_EMPTY;
        }
        removeNode(zxid);
        return ResultCode.OK;
    }

    ResultCode setData(
        final long zxid,
        final long timeMs,
        final DirectBuffer nodePath,
        final int nodePathOffset,
        final int nodePathLength,
        final DirectBuffer data,
        final int dataOffset,
        final int dataLength,
        final int expectedVersion,
        final Stat stat)
    {
        if (!path.set(nodePath, nodePathOffset, nodePathLength, maxPathLength))
        {
            return ResultCode.INVALID_PATH;
        }
        if (null != data && (dataLength > maxDataLength || dataLength < 0))
        {
            return ResultCode.DATA_TOO_LARGE;
        }
        if (!store.readRecord(path.buffer, path.length, record))
        {
            return ResultCode.NO_NODE;
        }
        if (ReservedNodes.isConfig(path, path.length) || !access.permits(record, AclList.WRITE))
        {
            return ResultCode.NO_AUTH;
        }
        final int oldDataLength = NodeRecord.dataLength(record);
        // As ZooKeeper: the quota is checked before the version.
        if (quotas.isOverHardLimit(path, 0, (null == data ? 0 : dataLength) - oldDataLength))
        {
            return ResultCode.QUOTA_EXCEEDED;
        }
        if (isVersionMismatch(expectedVersion, NodeRecord.version(record)))
        {
            return ResultCode.BAD_VERSION;
        }

        store.writeData(record, data, dataOffset, dataLength);
        record.putLong(NodeRecord.MZXID_OFFSET, zxid);
        record.putLong(NodeRecord.MTIME_OFFSET, timeMs);
        record.putInt(NodeRecord.VERSION_OFFSET, NodeRecord.version(record) + 1);
        store.writeRecord(path.buffer, path.length, record);
        changes.add(TreeChanges.DATA_CHANGED, path.buffer, path.length);
        NodeRecord.toStat(record, stat);
        quotas.onDataChanged(path, oldDataLength, null == data ? 0 : dataLength);
        return ResultCode.OK;
    }

    ResultCode setAcl(final DirectBuffer nodePath,
        final int nodePathOffset,
        final int nodePathLength, final AclList acl, final int expectedAversion, final Stat stat)
    {
        if (!path.set(nodePath, nodePathOffset, nodePathLength, maxPathLength))
        {
            return ResultCode.INVALID_PATH;
        }
        final AclList storedAcl = access.fixup(acl);
        if (null == storedAcl)
        {
            return ResultCode.INVALID_ACL;
        }
        if (!store.readRecord(path.buffer, path.length, record))
        {
            return ResultCode.NO_NODE;
        }
        if (ReservedNodes.isConfig(path, path.length) || !access.permits(record, AclList.ADMIN))
        {
            return ResultCode.NO_AUTH;
        }
        if (isVersionMismatch(expectedAversion, NodeRecord.aversion(record)))
        {
            return ResultCode.BAD_VERSION;
        }

        // Acquire before release: setting the same list again must not free it in between.
        final long oldAclId = NodeRecord.aclId(record);
        record.putLong(NodeRecord.ACL_ID_OFFSET, store.acls.acquire(storedAcl));
        store.acls.release(oldAclId);
        record.putInt(NodeRecord.AVERSION_OFFSET, NodeRecord.aversion(record) + 1);
        store.writeRecord(path.buffer, path.length, record);
        NodeRecord.toStat(record, stat);
        return ResultCode.OK;
    }

    ResultCode check(final DirectBuffer nodePath,
        final int nodePathOffset,
        final int nodePathLength, final int expectedVersion)
    {
        if (!path.set(nodePath, nodePathOffset, nodePathLength, maxPathLength))
        {
            return ResultCode.INVALID_PATH;
        }
        if (!store.readRecord(path.buffer, path.length, record))
        {
            return ResultCode.NO_NODE;
        }
        if (!access.permits(record, AclList.READ))
        {
            return ResultCode.NO_AUTH;
        }
        return isVersionMismatch(expectedVersion, NodeRecord.version(record)) ?
            ResultCode.BAD_VERSION : ResultCode.OK;
    }

    /**
     * Delete every ephemeral of a session, in path order, and list what was deleted.
     */
    void deleteEphemerals(final long zxid, final long sessionId, final NameList deleted)
    {
        deleted.clear();
        collectMembers(MemberIndex.EPHEMERALS, sessionId, deleted);
        deleted.sort();
        for (int i = 0, n = deleted.size(); i < n; i++)
        {
            path.setTrusted(deleted.buffer(), deleted.offset(i), deleted.length(i));
            store.readRecord(path.buffer, path.length, record);
            removeNode(zxid);
        }
    }

    /**
     * Delete containers that have had a child and are empty, and TTL nodes that are childless and unchanged
     * for longer than their TTL, as ZooKeeper's container manager does: candidates are chosen first, in path
     * order, then deleted; a parent emptied by this sweep goes in the next one.
     */
    void sweepExpired(final long zxid, final long nowMs, final NameList deleted)
    {
        deleted.clear();
        expiring.clear();
        collectMembers(MemberIndex.EXPIRING, 0, expiring);
        expiring.sort();
        for (int i = 0, n = expiring.size(); i < n; i++)
        {
            path.setTrusted(expiring.buffer(), expiring.offset(i), expiring.length(i));
            store.readRecord(path.buffer, path.length, record);
            if (isExpired(record, nowMs))
            {
                deleted.add(expiring.buffer(), expiring.offset(i), expiring.length(i));
            }
        }
        for (int i = 0, n = deleted.size(); i < n; i++)
        {
            path.setTrusted(deleted.buffer(), deleted.offset(i), deleted.length(i));
            store.readRecord(path.buffer, path.length, record);
            removeNode(zxid);
        }
    }

    /**
     * Install the root node of an empty tree.
     */
    void createRoot(final AclList acl)
    {
        path.setTrusted(ROOT_PATH, 0, 1);
        NodeRecord.initialise(record, store.allocateNodeId(), 0, 0, NodeRecord.MODE_PERSISTENT, 0, 0,
            store.acls.acquire(acl));
        store.writeRecord(path.buffer, path.length, record);
    }

    static boolean isStorable(final AclList acl)
    {
        return null != acl && acl.isValid();
    }

    /**
     * Remove the node held in {@link #path} / {@link #record} (childless) and update its parent as ZooKeeper
     * does: numChildren down, pzxid to this zxid, stored cversion unchanged (it counts child creations, which
     * is what numbers sequential children; clients see creations + deletions, derived in
     * {@link NodeRecord#clientCversion}).
     */
    private void removeNode(final long zxid)
    {
        // Unlink from the ephemeral/expiry index first: the member moved into the freed slot may be the parent
        // (a container or TTL node), whose record must be read only after that move rewrote it.
        final byte mode = NodeRecord.mode(record);
        if (NodeRecord.MODE_EPHEMERAL == mode)
        {
            unlinkAux(MemberIndex.EPHEMERALS, NodeRecord.ownerSession(record));
        }
        else if (NodeRecord.MODE_CONTAINER == mode || NodeRecord.MODE_TTL == mode)
        {
            unlinkAux(MemberIndex.EXPIRING, 0);
        }

        final int parentLength = path.parentLength();
        store.readRecord(path.buffer, parentLength, parentRecord);
        final long parentId = NodeRecord.nodeId(parentRecord);

        // The child moved into the freed slot is a sibling, never the parent.
        final int childSlot = NodeRecord.childSlot(record);
        final int lastSlot = NodeRecord.numChildren(parentRecord) - 1;
        final int movedChildLength = store.members.removeAt(
            MemberIndex.CHILDREN, parentId, childSlot, lastSlot, movedMember);
        if (movedChildLength >= 0)
        {
            movedPath.setTrusted(path.buffer, 0, path.nameOffset());
            movedPath.buffer.putBytes(movedPath.length, movedMember, 0, movedChildLength);
            movedPath.length += movedChildLength;
            updateSlot(NodeRecord.CHILD_SLOT_OFFSET, childSlot);
        }

        store.removeData(record);
        store.acls.release(NodeRecord.aclId(record));
        store.removeRecord(path.buffer, path.length);
        store.nodeRemoved(record, path.length);

        parentRecord.putLong(NodeRecord.PZXID_OFFSET, zxid);
        parentRecord.putInt(NodeRecord.NUM_CHILDREN_OFFSET, NodeRecord.numChildren(parentRecord) - 1);
        store.writeRecord(path.buffer, parentLength, parentRecord);
        changes.add(TreeChanges.DELETED, path.buffer, path.length);
        quotas.onDeleted(path, NodeRecord.dataLength(record));
    }

    private void unlinkAux(final byte kind, final long owner)
    {
        final int auxSlot = NodeRecord.auxSlot(record);
        final int movedLength = store.members.remove(kind, owner, auxSlot, movedMember);
        if (movedLength >= 0)
        {
            movedPath.setTrusted(movedMember, 0, movedLength);
            updateSlot(NodeRecord.AUX_SLOT_OFFSET, auxSlot);
        }
    }

    private void updateSlot(final int slotOffset, final int slot)
    {
        store.readRecord(movedPath.buffer, movedPath.length, movedRecord);
        movedRecord.putInt(slotOffset, slot);
        store.writeRecord(movedPath.buffer, movedPath.length, movedRecord);
    }

    private void collectMembers(final byte kind, final long owner, final NameList out)
    {
        for (int slot = 0, n = store.members.count(kind, owner); slot < n; slot++)
        {
            final int offset = out.reserve(maxPathLength);
            out.commit(store.members.read(kind, owner, slot, out.mutableBuffer(), offset));
        }
    }

    private static boolean isExpired(final DirectBuffer record, final long nowMs)
    {
        if (NodeRecord.numChildren(record) > 0)
        {
            return false;
        }
        if (NodeRecord.MODE_CONTAINER == NodeRecord.mode(record))
        {
            return NodeRecord.cversion(record) > 0;
        }
        return nowMs - NodeRecord.mtime(record) > NodeRecord.ttlMs(record);
    }

    private static boolean isVersionMismatch(final int expectedVersion, final int actualVersion)
    {
        return -1 != expectedVersion && expectedVersion != actualVersion;
    }

    private static final UnsafeBuffer ROOT_PATH = new UnsafeBuffer(new byte[]{ '/' });
}
