package io.aerie.engine.tree;

import io.aerie.codecs.model.AclList;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Distinct ACL lists, stored once off-heap and shared by reference count, as ZooKeeper's reference counted
 * ACL cache: a million nodes with the same ACL hold one copy.
 * <p>
 * Keys: {@code 'I', aclId:long} maps to {@code refCount:int, canonical ACL}; {@code 'B', canonical ACL}
 * maps back to {@code aclId:long}.
 * <p>
 * The lists checked on the apply path are also held decoded on the heap by id ({@link #cached(long)}), so a
 * permission check reads no map: an entry is made on first use and dropped when its id is freed or reused. The list
 * the last {@link #acquire} took is remembered with its id, so a run of creates under one ACL (a log replay of a bulk
 * load: every node {@code OPEN_ACL_UNSAFE}) finds its id without a map lookup and counts the reference in one map
 * update; it is forgotten whenever the list may have gone (its last reference released, the store cleared, a
 * transaction rolled back).
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
    private byte[] lastKey = new byte[256];
    private int lastKeyLength = -1;
    private long lastAclId;
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
        if (isLast(keyLength))
        {
            map.addInt(idKey(lastAclId), 0, 9, 0, 1);
            return lastAclId;
        }
        long aclId;
        if (map.get(key, 0, keyLength, idBuffer, 0) < 0)
        {
            aclId = nextAclId++;
            // An id given back by a rolled back transaction may come again with another list.
            cache.remove(aclId);
            idBuffer.putLong(0, aclId);
            map.put(key, 0, keyLength, idBuffer, 0, 8);
            remember(keyLength, aclId);
            value.putInt(0, 1);
            value.putBytes(4, acl.buffer(), 0, acl.encodedLength());
            map.put(idKey(aclId), 0, 9, value, 0, 4 + acl.encodedLength());
        }
        else
        {
            aclId = idBuffer.getLong(0);
            remember(keyLength, aclId);
            map.addInt(idKey(aclId), 0, 9, 0, 1);
        }
        return aclId;
    }

    /**
     * Forget the list the last {@link #acquire} took: a transaction that may have stored it was rolled back.
     */
    void forgetLast()
    {
        lastKeyLength = -1;
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
            if (aclId == lastAclId)
            {
                forgetLast();
            }
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
        forgetLast();
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

    private boolean isLast(final int keyLength)
    {
        return keyLength == lastKeyLength && Arrays.equals(key.byteArray(), 0, keyLength, lastKey, 0, keyLength);
    }

    private void remember(final int keyLength, final long aclId)
    {
        if (lastKey.length < keyLength)
        {
            lastKey = new byte[keyLength];
        }
        System.arraycopy(key.byteArray(), 0, lastKey, 0, keyLength);
        lastKeyLength = keyLength;
        lastAclId = aclId;
    }

    private int bytesKey(final AclList acl)
    {
        key.putByte(0, BY_BYTES);
        key.putBytes(1, acl.buffer(), 0, acl.encodedLength());
        return 1 + acl.encodedLength();
    }
}
