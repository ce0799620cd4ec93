package io.aerie.client;

import io.aerie.codecs.EventType;
import io.aerie.codecs.WatcherType;
import io.aerie.codecs.model.Fnv1a;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * This client's watchers on one path, one {@link WatcherList} per kind, found by the 64-bit hash of the
 * path's UTF-8 bytes. Pooled by {@link ClientWatches}: a released entry keeps its buffers and lists.
 */
final class PathWatches
{
    /** One-time watches set by exists and getData. */
    static final int DATA = 0;
    /** One-time watches set by getChildren. */
    static final int CHILD = 1;
    /** Persistent watches (addWatch PERSISTENT). */
    static final int PERSISTENT = 2;
    /** Persistent recursive watches (addWatch PERSISTENT_RECURSIVE). */
    static final int RECURSIVE = 3;
    /** Number of kinds. */
    static final int KINDS = 4;

    final WatcherList[] lists = new WatcherList[KINDS];
    final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(64);
    int length;
    long hash;
    String path;
    /** Next entry whose path has the same hash. */
    PathWatches next;
    /** Index in the live entries of {@link ClientWatches}, -1 when pooled. */
    int index = -1;

    PathWatches()
    {
        for (int i = 0; i < KINDS; i++)
        {
            lists[i] = new WatcherList();
        }
    }

    void set(final String path, final DirectBuffer buffer, final int offset, final int length, final long hash)
    {
        this.path = path;
        this.length = length;
        this.hash = hash;
        bytes.putBytes(0, buffer, offset, length);
    }

    void clear()
    {
        for (int i = 0; i < KINDS; i++)
        {
            lists[i].clear();
        }
        path = null;
        next = null;
        index = -1;
    }

    boolean isEmpty()
    {
        return lists[DATA].isEmpty() && lists[CHILD].isEmpty() && lists[PERSISTENT].isEmpty() && lists[RECURSIVE].isEmpty();
    }

    boolean matches(final DirectBuffer buffer, final int offset, final int length)
    {
        if (this.length != length)
        {
            return false;
        }
        final byte[] own = bytes.byteArray();
        for (int i = 0; i < length; i++)
        {
            if (own[i] != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return 64-bit FNV-1a hash of the bytes.
     */
    static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        return Fnv1a.hash(buffer, offset, length);
    }

    /**
     * One step of {@link #hash}: the hash of a prefix extended by one byte, so ancestors' hashes come from one
     * pass over a path.
     */
    static long mix(final long hash, final byte b)
    {
        return Fnv1a.step(hash, b);
    }

    static long emptyHash()
    {
        return Fnv1a.OFFSET_BASIS;
    }

    /**
     * @return true if a removeWatches of this type covers watches of this kind.
     */
    static boolean isNamedBy(final WatcherType type, final int kind)
    {
        switch (type)
        {
            case DATA: return DATA == kind;
            case CHILDREN: return CHILD == kind;
            case PERSISTENT: return PERSISTENT == kind;
            case PERSISTENT_RECURSIVE: return RECURSIVE == kind;
            case ANY: return true;
            default: return false;
        }
    }

    /**
     * @return the event a watcher of this kind is told when its watch is removed.
     */
    static EventType removedEvent(final int kind)
    {
        return DATA == kind ? EventType.DATA_WATCH_REMOVED :
            CHILD == kind ? EventType.CHILD_WATCH_REMOVED : EventType.PERSISTENT_WATCH_REMOVED;
    }
}
