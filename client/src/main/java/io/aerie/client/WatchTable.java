package io.aerie.client;

import io.aerie.codecs.EventType;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;

/**
 * The registry behind {@link ClientWatches}: one {@link PathWatches} per watched path, found by the 64-bit hash of
 * the path's UTF-8 bytes (behind the chroot), collisions chained and resolved by comparing bytes, so an event finds
 * its watchers without decoding its path. Entries live in a dense array (for session-wide walks) and come from a
 * pool: nothing is allocated in steady state. Counts the recursive watchers, so an event walks its ancestors only
 * when one may wait there. Owned by the client's polling thread.
 */
final class WatchTable
{
    private static final int POOL_MAX = 1024;

    private final Chroot chroot;
    private final Long2ObjectHashMap<PathWatches> byHash = new Long2ObjectHashMap<>();
    private final StringBuilder decoded = new StringBuilder(64);
    private PathWatches[] live = new PathWatches[16];
    private int liveCount;
    private PathWatches[] pool = new PathWatches[16];
    private int poolSize;
    private int recursiveWatchers;

    /**
     * @param chroot decodes a path's bytes into the String watchers are told, when the caller has none.
     */
    WatchTable(final Chroot chroot)
    {
        this.chroot = chroot;
    }

    /**
     * @return number of paths with at least one watcher.
     */
    int size()
    {
        return liveCount;
    }

    /**
     * @param index from 0 to {@link #size()} - 1; releasing an entry moves the last one into its place.
     * @return the entry there.
     */
    PathWatches at(final int index)
    {
        return live[index];
    }

    /**
     * @return true if some path holds a recursive watcher.
     */
    boolean hasRecursive()
    {
        return recursiveWatchers > 0;
    }

    /**
     * @return the entry of the path, or null when no watcher waits there.
     */
    PathWatches find(final DirectBuffer buffer, final int offset, final int length)
    {
        return find(PathWatches.hash(buffer, offset, length), buffer, offset, length);
    }

    PathWatches find(final long hash, final DirectBuffer buffer, final int offset, final int length)
    {
        PathWatches entry = byHash.get(hash);
        while (null != entry && !entry.matches(buffer, offset, length))
        {
            entry = entry.next;
        }
        return entry;
    }

    /**
     * Add a watcher of a kind to an entry; one already in that list is not added again.
     */
    void add(final int kind, final PathWatches entry, final Watcher watcher)
    {
        if (entry.lists[kind].add(watcher) && PathWatches.RECURSIVE == kind)
        {
            recursiveWatchers++;
        }
    }

    /**
     * @return true if the watcher was in the entry's list of that kind, and is now removed.
     */
    boolean remove(final PathWatches entry, final int kind, final Watcher watcher)
    {
        if (entry.lists[kind].remove(watcher))
        {
            recursiveWatchers -= PathWatches.RECURSIVE == kind ? 1 : 0;
            return true;
        }
        return false;
    }

    /**
     * Empty the entry's list of a kind.
     */
    void clearKind(final PathWatches entry, final int kind)
    {
        final WatcherList list = entry.lists[kind];
        if (PathWatches.RECURSIVE == kind)
        {
            recursiveWatchers -= list.size();
        }
        list.clear();
    }

    /**
     * Gather the recursive watchers of every proper ancestor of the path ("/a/b/c": "/a/b", "/a", "/"), their hashes
     * built in one pass over the bytes.
     */
    void gatherAncestors(
        final WatchDispatch dispatch, final EventType type, final DirectBuffer buffer, final int offset, final int length)
    {
        long hash = PathWatches.emptyHash();
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if ('/' == b && i > 1)
            {
                gatherRecursive(dispatch, type, hash, buffer, offset, i);
            }
            hash = PathWatches.mix(hash, b);
            if (0 == i && length > 1)
            {
                gatherRecursive(dispatch, type, hash, buffer, offset, 1);
            }
        }
    }

    /**
     * @param path the path as a String if the caller has one, else null and decoded from the bytes.
     * @return the entry of the path, created (from the pool) if there is none.
     */
    PathWatches entry(final String path, final DirectBuffer buffer, final int offset, final int length)
    {
        final long hash = PathWatches.hash(buffer, offset, length);
        PathWatches entry = find(hash, buffer, offset, length);
        if (null == entry)
        {
            entry = 0 == poolSize ? new PathWatches() : pool[--poolSize];
            pool[poolSize] = null;
            entry.set(null != path ? path : decode(buffer, offset, length), buffer, offset, length, hash);
            final PathWatches head = byHash.get(hash);
            if (null == head)
            {
                byHash.put(hash, entry);
            }
            else
            {
                entry.next = head.next;
                head.next = entry;
            }
            if (liveCount == live.length)
            {
                live = Arrays.copyOf(live, liveCount * 2);
            }
            entry.index = liveCount;
            live[liveCount++] = entry;
        }
        return entry;
    }

    /**
     * Forget the entry if no watcher is left in it: out of its hash chain and the dense array, back to the pool.
     */
    void releaseIfEmpty(final PathWatches entry)
    {
        if (!entry.isEmpty())
        {
            return;
        }
        unlink(entry);
        final PathWatches last = live[--liveCount];
        live[entry.index] = last;
        last.index = entry.index;
        live[liveCount] = null;
        entry.clear();
        if (poolSize < POOL_MAX)
        {
            if (poolSize == pool.length)
            {
                pool = Arrays.copyOf(pool, poolSize * 2);
            }
            pool[poolSize++] = entry;
        }
    }

    private void unlink(final PathWatches entry)
    {
        final PathWatches head = byHash.get(entry.hash);
        if (head == entry)
        {
            if (null == entry.next)
            {
                byHash.remove(entry.hash);
            }
            else
            {
                byHash.put(entry.hash, entry.next);
            }
        }
        else
        {
            PathWatches previous = head;
            while (previous.next != entry)
            {
                previous = previous.next;
            }
            previous.next = entry.next;
        }
    }

    private void gatherRecursive(
        final WatchDispatch dispatch,
        final EventType type,
        final long hash,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final PathWatches ancestor = find(hash, buffer, offset, length);
        if (null != ancestor)
        {
            dispatch.addAll(ancestor.lists[PathWatches.RECURSIVE], type);
        }
    }

    private String decode(final DirectBuffer buffer, final int offset, final int length)
    {
        chroot.decode(buffer, offset, length, decoded);
        return decoded.toString();
    }
}
