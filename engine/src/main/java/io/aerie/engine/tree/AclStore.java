package io.aerie.engine.tree;

import io.aerie.codecs.model.AclList;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Distinct ACL lists, stored once off-heap and shared by reference count, as ZooKeeper's reference counted
 * ACL cache: a million nodes with the same ACL hold one copy.
 * <p>
 * Keys: {@code 'I', aclId:long} maps to {@code refCount:int, canonical ACL}; {@code 'B', canonical ACL}
 * maps back to {@code aclId:long}.
 * <p>
 * The lists checked on the apply path are also held decoded on the heap by id ({@link #cached(long)}), so a
 * permission check reads no map: an entry is made on first use and dropped when its id is freed or reused.
 */
final class AclStore
{
    private static final byte BY_ID = 'I';
    private static final byte BY_BYTES = 'B';

    private final JournaledMap map;
    private final ExpandableArrayBuffer key = new ExpandableArrayBuffer(256);
    private final ExpandableArrayBuffer value = new ExpandableArrayBuffer(256);
    private final UnsafeBuffer idBuffer = new UnsafeBuffer(new byte[8]);
    private final Long2ObjectHashMap<AclList> cache = new Long2ObjectHashMap<>();
    private long nextAclId = 1;

    AclStore(final JournaledMap map)
    {
        this.map = map;
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
        final int keyLength = bytesKey(acl);
        long aclId;
        if (map.get(key, 0, keyLength, idBuffer, 0) < 0)
        {
            aclId = nextAclId++;
            // An id given back by a rolled back transaction may come again with another list.
            cache.remove(aclId);
            idBuffer.putLong(0, aclId);
            map.put(key, 0, keyLength, idBuffer, 0, 8);
            value.putInt(0, 1);
            value.putBytes(4, acl.buffer(), 0, acl.encodedLength());
            map.put(idKey(aclId), 0, 9, value, 0, 4 + acl.encodedLength());
        }
        else
        {
            aclId = idBuffer.getLong(0);
            final int valueLength = map.get(idKey(aclId), 0, 9, value, 0);
            value.putInt(0, value.getInt(0) + 1);
            map.put(key, 0, 9, value, 0, valueLength);
        }
        return aclId;
    }

    /**
     * Find or store a list without taking a reference: a bulk load counts its references itself and sets each
     * count once, with {@link #refCount(long, long)}, instead of rewriting the count for every node.
     *
     * @return the list's id; a new list is stored with no references.
     */
    long intern(final AclList acl)
    {
        final int keyLength = bytesKey(acl);
        if (map.get(key, 0, keyLength, idBuffer, 0) >= 0)
        {
            return idBuffer.getLong(0);
        }
        final long aclId = nextAclId++;
        cache.remove(aclId);
        idBuffer.putLong(0, aclId);
        map.put(key, 0, keyLength, idBuffer, 0, 8);
        value.putInt(0, 0);
        value.putBytes(4, acl.buffer(), 0, acl.encodedLength());
        map.put(idKey(aclId), 0, 9, value, 0, 4 + acl.encodedLength());
        return aclId;
    }

    /**
     * Set the number of references to a stored list (see {@link #intern(AclList)}).
     */
    void refCount(final long aclId, final long refCount)
    {
        final int valueLength = map.get(idKey(aclId), 0, 9, value, 0);
        value.putInt(0, (int)refCount);
        map.put(key, 0, 9, value, 0, valueLength);
    }

    /**
     * Drop a reference; the list is removed with its last reference.
     */
    void release(final long aclId)
    {
        final int valueLength = map.get(idKey(aclId), 0, 9, value, 0);
        final int refCount = value.getInt(0) - 1;
        if (refCount > 0)
        {
            value.putInt(0, refCount);
            map.put(key, 0, 9, value, 0, valueLength);
        }
        else
        {
            cache.remove(aclId);
            map.remove(key, 0, 9);
            key.putByte(0, BY_BYTES);
            key.putBytes(1, value, 4, valueLength - 4);
            map.remove(key, 0, valueLength - 3);
        }
    }

    /**
     * Read an ACL list by id into {@code out}.
     */
    void read(final long aclId, final AclList out)
    {
        final int valueLength = map.get(idKey(aclId), 0, 9, value, 0);
        out.copyFrom(value, 4, valueLength - 4);
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
     * Forget every decoded list: the store was cleared.
     */
    void clearCache()
    {
        cache.clear();
    }

    /**
     * Number of references to a list, for tests.
     */
    int refCount(final long aclId)
    {
        return map.get(idKey(aclId), 0, 9, value, 0) < 0 ? 0 : value.getInt(0);
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
