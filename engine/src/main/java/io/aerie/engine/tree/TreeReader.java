package io.aerie.engine.tree;

import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.NameList;
import io.aerie.codecs.model.Stat;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.MutableLong;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The tree's reads, on paths given as UTF-8 bytes: each validates the path, looks the node up and checks the
 * caller's permission before it fills any output. Changes nothing; {@link ZnodeTree} documents each.
 */
final class TreeReader
{
    private final NodeStore store;
    private final TreeAccess access;
    private final TreeWalker walker;
    private final int maxPathLength;
    private final AclList aclScratch = new AclList();
    private final PathScratch path = new PathScratch();
    private final PathScratch prefix = new PathScratch();
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[NodeRecord.MAX_LENGTH]);
    private boolean isLastDataNull;

    TreeReader(final NodeStore store, final TreeAccess access, final TreeWalker walker, final int maxPathLength)
    {
        this.store = store;
        this.access = access;
        this.walker = walker;
        this.maxPathLength = maxPathLength;
    }

    ResultCode exists(final DirectBuffer nodePath, final int offset, final int length, final Stat stat)
    {
        final ResultCode code = readRecord(nodePath, offset, length, AclList.READ);
        if (ResultCode.OK == code)
        {
            NodeRecord.toStat(record, stat);
        }
        return code;
    }

    ResultCode getData(
        final DirectBuffer nodePath, final int offset, final int length, final MutableDirectBuffer dataOut, final Stat stat)
    {
        isLastDataNull = false;
        final ResultCode code = readRecord(nodePath, offset, length, AclList.READ);
        if (ResultCode.OK == code)
        {
            store.readData(record, dataOut, 0);
            isLastDataNull = NodeRecord.isDataNull(record);
            NodeRecord.toStat(record, stat);
        }
        return code;
    }

    boolean isLastDataNull()
    {
        return isLastDataNull;
    }

    ResultCode getChildren(
        final DirectBuffer nodePath, final int offset, final int length, final NameList children, final Stat stat)
    {
        children.clear();
        final ResultCode code = readRecord(nodePath, offset, length, AclList.READ);
        if (ResultCode.OK == code)
        {
            final long nodeId = NodeRecord.nodeId(record);
            for (int slot = 0, n = NodeRecord.numChildren(record); slot < n; slot++)
            {
                final int at = children.reserve(maxPathLength);
                children.commit(store.members.read(MemberIndex.CHILDREN, nodeId, slot, children.mutableBuffer(), at));
            }
            children.sort();
            NodeRecord.toStat(record, stat);
        }
        return code;
    }

    ResultCode getAllChildrenNumber(final DirectBuffer nodePath, final int offset, final int length, final MutableLong count)
    {
        final ResultCode code = readRecord(nodePath, offset, length, AclList.READ);
        if (ResultCode.OK == code)
        {
            count.set(walker.count(path.buffer, path.length) - 1);
        }
        return code;
    }

    ResultCode getEphemerals(
        final long sessionId, final DirectBuffer prefixPath, final int offset, final int length, final NameList paths)
    {
        paths.clear();
        if (!prefix.set(prefixPath, offset, length, maxPathLength))
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

    ResultCode getAcl(final DirectBuffer nodePath, final int offset, final int length, final AclList acl, final Stat stat)
    {
        final ResultCode code = readRecord(nodePath, offset, length, AclList.READ | AclList.ADMIN);
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

    int aclRefCount(final DirectBuffer nodePath, final int offset, final int length)
    {
        return ResultCode.OK == readRecord(nodePath, offset, length) ? store.acls.refCount(NodeRecord.aclId(record)) : 0;
    }

    private ResultCode readRecord(final DirectBuffer nodePath, final int offset, final int length, final int perm)
    {
        final ResultCode code = readRecord(nodePath, offset, length);
        return ResultCode.OK != code || access.permits(record, perm) ? code : ResultCode.NO_AUTH;
    }

    private ResultCode readRecord(final DirectBuffer nodePath, final int offset, final int length)
    {
        if (!path.set(nodePath, offset, length, maxPathLength))
        {
            return ResultCode.INVALID_PATH;
        }
        return store.readRecord(path.buffer, path.length, record) ? ResultCode.OK : ResultCode.NO_NODE;
    }
}
