package io.aerie.engine.tree;

import io.aerie.codecs.model.AclList;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * An order-independent 64-bit digest of the whole tree: the wrapping sum of one hash per node over its
 * path, stat, data (null apart from empty) and ACL. Internal ids and index slots are left out, so a replica that loaded a snapshot
 * and one that replayed the log agree whenever their visible state does.
 */
final class TreeDigest implements TreeWalker.Visitor
{
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

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
        long hash = FNV_OFFSET;
        hash = hashBytes(hash, path, 0, pathLength);
        hash = hashLong(hash, record.getLong(NodeRecord.CZXID_OFFSET));
        hash = hashLong(hash, record.getLong(NodeRecord.MZXID_OFFSET));
        hash = hashLong(hash, record.getLong(NodeRecord.PZXID_OFFSET));
        hash = hashLong(hash, record.getLong(NodeRecord.CTIME_OFFSET));
        hash = hashLong(hash, record.getLong(NodeRecord.MTIME_OFFSET));
        hash = hashLong(hash, NodeRecord.version(record));
        hash = hashLong(hash, NodeRecord.cversion(record));
        hash = hashLong(hash, NodeRecord.aversion(record));
        hash = hashLong(hash, NodeRecord.ephemeralOwner(record));
        hash = hashLong(hash, NodeRecord.numChildren(record));
        final int dataLength = store.readData(record, data, 0);
        // Null data hashes as length -1: apart from empty data, and unchanged digests for trees without it.
        hash = hashLong(hash, NodeRecord.isDataNull(record) ? -1 : dataLength);
        hash = hashBytes(hash, data, 0, dataLength);
        store.acls.read(NodeRecord.aclId(record), acl);
        hash = hashBytes(hash, acl.buffer(), 0, acl.encodedLength());
        digest += mix(hash);
    }

    private static long hashBytes(final long seed, final DirectBuffer buffer, final int offset, final int length)
    {
        long hash = seed;
        for (int i = 0; i < length; i++)
        {
            hash = (hash ^ (buffer.getByte(offset + i) & 0xFF)) * FNV_PRIME;
        }
        return hash;
    }

    private static long hashLong(final long seed, final long value)
    {
        long hash = seed;
        for (int shift = 0; shift < 64; shift += 8)
        {
            hash = (hash ^ ((value >>> shift) & 0xFF)) * FNV_PRIME;
        }
        return hash;
    }

    private static long mix(final long value)
    {
        // SplitMix64 finaliser: spreads FNV's weak high bits before summing.
        long z = value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
