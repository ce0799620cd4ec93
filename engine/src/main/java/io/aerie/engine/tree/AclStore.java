package io.aerie.engine.tree;

import io.aerie.codecs.model.AclList;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Distinct ACL lists, stored once off-heap and shared by reference count, as ZooKeeper's reference counted
 * ACL cache: a million nodes with the same ACL hold one copy.
 * <p>
 * Keys: {@code 'I', aclId:long} maps to the canonical ACL; {@code 'B', canonical ACL} maps back to
 * {@code aclId:long}. The reference counts are on the heap, one long per distinct list: they are derived state (a
 * snapshot load counts them again), and a create that shares the list of the create before it, as a replayed log of
 * creates nearly always does, then reads and writes no map for its ACL at all. While a transaction is open each
 * count change is remembered, so {@link #rollback()} undoes them with the maps' journal.
 * <p>
 * The lists checked on the apply path are also held decoded on the heap by id ({@link #cached(long)}), so a
 * permission check reads no map: an entry is made on first use and dropped when its id is freed or reused.
 */
final class AclStore
{
    private static final byte BY_ID = 'I';
    private static final byte BY_BYTES = 'B';
    private static final long NO_ACL = 0;

    private final JournaledMap map;
    private final Journal journal;
    private final ExpandableArrayBuffer key = new ExpandableArrayBuffer(256);
    private final ExpandableArrayBuffer value = new ExpandableArrayBuffer(256);
    private final UnsafeBuffer idBuffer = new UnsafeBuffer(new byte[8]);
    private final Long2ObjectHashMap<AclList> cache = new Long2ObjectHashMap<>();
    private final Long2LongHashMap refCounts = new Long2LongHashMap(0);
    /** (aclId, delta) pairs of the open transaction, to undo. */
    private final LongArrayList undo = new LongArrayList();
    private final ExpandableArrayBuffer lastAcl = new ExpandableArrayBuffer(64);
    private int lastAclLength;
    private long lastAclId = NO_ACL;
    private long nextAclId = 1;

    AclStore(final JournaledMap map, final Journal journal)
    {
        this.map = map;
        this.journal = journal;
    }

    long nextAclId()
    {
        return nextAclId;
    }

    void nextAclId(final long nextAclId)
    {
        this.nextAclId = nextAclId;
    }

    /**
     * Take a reference to an ACL list, storing it if it is new.
     *
     * @return the list's id.
     */
    long acquire(final AclList acl)
    {
        final long aclId = isLast(acl) ? lastAclId : intern(acl);
        count(aclId, 1);
        return aclId;
    }

    /**
     * Find or store a list without taking a reference: a bulk load counts its references itself and sets each
     * count once, with {@link #refCount(long, long)}, instead of changing the count for every node.
     *
     * @return the list's id; a new list is stored with no references.
     */
    long intern(final AclList acl)
    {
        final int keyLength = bytesKey(acl);
        final long aclId;
        if (map.get(key, 0, keyLength, idBuffer, 0) >= 0)
        {
            aclId = idBuffer.getLong(0);
        }
        else
        {
            aclId = nextAclId++;
            // An id given back by a rolled back transaction may come again with another list.
            cache.remove(aclId);
            idBuffer.putLong(0, aclId);
            map.put(key, 0, keyLength, idBuffer, 0, 8);
            map.put(idKey(aclId), 0, 9, acl.buffer(), 0, acl.encodedLength());
        }
        remember(aclId, acl.buffer(), acl.encodedLength());
        return aclId;
    }

    /**
     * Set the number of references to a stored list (see {@link #intern(AclList)}); outside any transaction.
     */
    void refCount(final long aclId, final long refCount)
    {
        if (refCount > 0)
        {
            refCounts.put(aclId, refCount);
        }
    }

    /**
     * Drop a reference; the list is removed with its last reference.
     */
    void release(final long aclId)
    {
        if (count(aclId, -1) <= 0)
        {
            cache.remove(aclId);
            if (aclId == lastAclId)
            {
                lastAclId = NO_ACL;
            }
            final int aclLength = map.get(idKey(aclId), 0, 9, value, 0);
            map.remove(key, 0, 9);
            key.putByte(0, BY_BYTES);
            key.putBytes(1, value, 0, aclLength);
            map.remove(key, 0, 1 + aclLength);
        }
    }

    /**
     * A transaction begins: count changes from here are undone by {@link #rollback()}.
     */
    void begin()
    {
        undo.clear();
    }

    /**
     * Undo the count changes of the open transaction; the maps' journal undoes the stored lists.
     */
    void rollback()
    {
        for (int i = undo.size() - 2; i >= 0; i -= 2)
        {
            final long aclId = undo.getLong(i);
            final long refCount = refCounts.get(aclId) - undo.getLong(i + 1);
            if (refCount > 0)
            {
                refCounts.put(aclId, refCount);
            }
            else
            {
                refCounts.remove(aclId);
            }
        }
        undo.clear();
        // The last list may be one the rollback removed, and its id may come again with another list.
        lastAclId = NO_ACL;
    }

    /**
     * Read an ACL list by id into {@code out}.
     */
    void read(final long aclId, final AclList out)
    {
        final int aclLength = map.get(idKey(aclId), 0, 9, value, 0);
        out.copyFrom(value, 0, aclLength);
    }

    /**
     * The list stored under an id, decoded once and kept: allocates only the first time an id is read.
     *
     * @return the list; the caller must not change it.
     */
    AclList cached(final long aclId)
    {
        AclList acl = cache.get(aclId);
        if (null == acl)
        {
            acl = new AclList();
            read(aclId, acl);
            cache.put(aclId, acl);
        }
        return acl;
    }

    /**
     * Forget every list and count held on the heap: the store was cleared.
     */
    void clearCache()
    {
        cache.clear();
        refCounts.clear();
        undo.clear();
        lastAclId = NO_ACL;
    }

    /**
     * Number of references to a list, for tests and admin.
     */
    int refCount(final long aclId)
    {
        return (int)refCounts.get(aclId);
    }

    private long count(final long aclId, final long delta)
    {
        if (journal.isActive())
        {
            undo.addLong(aclId);
            undo.addLong(delta);
        }
        final long refCount = refCounts.get(aclId) + delta;
        if (refCount > 0)
        {
            refCounts.put(aclId, refCount);
        }
        else
        {
            refCounts.remove(aclId); // the map's missing value, 0, cannot be stored
        }
        return refCount;
    }

    private boolean isLast(final AclList acl)
    {
        final int length = acl.encodedLength();
        if (NO_ACL == lastAclId || length != lastAclLength)
        {
            return false;
        }
        final DirectBuffer bytes = acl.buffer();
        int i = 0;
        for (final int words = length & ~7; i < words; i += 8)
        {
            if (bytes.getLong(i) != lastAcl.getLong(i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (bytes.getByte(i) != lastAcl.getByte(i))
            {
                return false;
            }
        }
        return true;
    }

    private void remember(final long aclId, final DirectBuffer acl, final int length)
    {
        lastAcl.putBytes(0, acl, 0, length);
        lastAclLength = length;
        lastAclId = aclId;
    }

    private ExpandableArrayBuffer idKey(final long aclId)
    {
        key.putByte(0, BY_ID);
        key.putLong(1, aclId);
        return key;
    }

    private int bytesKey(final AclList acl)
    {
        key.putByte(0, BY_BYTES);
        key.putBytes(1, acl.buffer(), 0, acl.encodedLength());
        return 1 + acl.encodedLength();
    }
}
