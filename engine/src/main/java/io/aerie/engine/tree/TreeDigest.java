package io.aerie.engine.tree;

import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Fnv1a;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * An order-independent 64-bit digest of the whole tree: the wrapping sum of one hash per node over its
 * path, stat, data (null apart from empty) and ACL. Internal ids and index slots are left out, so a replica that loaded a snapshot
 * and one that replayed the log agree whenever their visible state does.
 */
final class TreeDigest implements TreeWalker.Visitor
{
    private final NodeStore store;
    private final ExpandableArrayBuffer data = new ExpandableArrayBuffer(4096);
    private final AclList acl = new AclList();
    private long digest;

    TreeDigest(final NodeStore store)
    {
        this.store = store;
    }

    long compute(final TreeWalker walker)
    {
        digest = 0;
        walker.walk(this);
        return digest;
    }

    @Override
    public void visit(final DirectBuffer path, final int pathLength, final DirectBuffer record)
    {
        long hash = Fnv1a.hash(path, 0, pathLength);
        hash = Fnv1a.hashLong(hash, record.getLong(NodeRecord.CZXID_OFFSET));
        hash = Fnv1a.hashLong(hash, record.getLong(NodeRecord.MZXID_OFFSET));
        hash = Fnv1a.hashLong(hash, record.getLong(NodeRecord.PZXID_OFFSET));
        hash = Fnv1a.hashLong(hash, record.getLong(NodeRecord.CTIME_OFFSET));
        hash = Fnv1a.hashLong(hash, record.getLong(NodeRecord.MTIME_OFFSET));
        hash = Fnv1a.hashLong(hash, NodeRecord.version(record));
        hash = Fnv1a.hashLong(hash, NodeRecord.cversion(record));
        hash = Fnv1a.hashLong(hash, NodeRecord.aversion(record));
        hash = Fnv1a.hashLong(hash, NodeRecord.ephemeralOwner(record));
        hash = Fnv1a.hashLong(hash, NodeRecord.numChildren(record));
        final int dataLength = store.readData(record, data, 0);
        // Null data hashes as length -1: apart from empty data, and unchanged digests for trees without it.
        hash = Fnv1a.hashLong(hash, NodeRecord.isDataNull(record) ? -1 : dataLength);
        hash = Fnv1a.hashBytes(hash, data, 0, dataLength);
        store.acls.read(NodeRecord.aclId(record), acl);
        hash = Fnv1a.hashBytes(hash, acl.buffer(), 0, acl.encodedLength());
        // SplitMix64 spreads FNV's weak high bits before summing.
        digest += Fnv1a.splitMix64(hash);
    }
}
