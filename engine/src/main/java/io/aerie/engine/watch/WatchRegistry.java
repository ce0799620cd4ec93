package io.aerie.engine.watch;

import io.aerie.codecs.snapshot.MessageHeaderEncoder;
import io.aerie.codecs.snapshot.WatchDecoder;
import io.aerie.codecs.snapshot.WatchEncoder;
import io.aerie.codecs.snapshot.WatchesHeaderDecoder;
import io.aerie.codecs.snapshot.WatchesHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Every watch the cluster holds: replicated state, changed only by log entries and written to snapshots.
 * <p>
 * A watch entry is one (session, path) pair with a set of kinds: {@link #DATA} and {@link #CHILD} are
 * ZooKeeper's one-time watches (left by exists / getData and by getChildren), {@link #PERSISTENT} and
 * {@link #RECURSIVE} the ones {@code addWatch} leaves until removed. As in ZooKeeper, a session watches a path
 * once however many of its local watchers asked; the client fans out to those.
 * <p>
 * Entries sit in primitive arrays, linked two ways: every path's entries (to fire a change) and every
 * session's entries (to drop them all when it ends), so both cost what they touch. Path bytes live off-heap in
 * {@link WatchedPaths}. Nothing here allocates in steady state; arrays grow by doubling. Service thread only.
 */
public final class WatchRegistry
{
    /** One-time data watch: exists or getData with a watch. Fires on created, deleted, data changed. */
    public static final int DATA = 1;
    /** One-time child watch: getChildren with a watch. Fires on deleted, children changed. */
    public static final int CHILD = 2;
    /** Persistent watch on the path: fires on everything DATA and CHILD fire on, and stays. */
    public static final int PERSISTENT = 4;
    /** Persistent recursive watch: fires on created, deleted and data changed of the path and its descendants. */
    public static final int RECURSIVE = 8;
    static final int ALL = DATA | CHILD | PERSISTENT | RECURSIVE;

    private static final int NONE = WatchedPaths.NONE;

    private final WatchedPaths paths = new WatchedPaths();
    private final Long2LongHashMap sessions = new Long2LongHashMap(NONE);
    private final Long2LongHashMap sessionWatchCounts = new Long2LongHashMap(0);
    private long[] entrySession = new long[16];
    private int[] entryPath = new int[16];
    private byte[] entryKinds = new byte[16];
    private int[] nextInPath = new int[16];
    private int[] prevInPath = new int[16];
    private int[] nextInSession = new int[16];
    private int[] prevInSession = new int[16];
    private int highWater;
    private int freeHead = NONE;
    private int entryCount;
    private long watchCount;
    private int recursiveCount;
    private long[] sortedSessions = new long[16];
    private WatchDecoder watchDecoder;
    private UnsafeBuffer loadPath;

    /**
     * Leave watches of the given kinds on a path for a session; kinds it already has there are kept once.
     *
     * @param path   a valid path as UTF-8.
     * @param kinds  bits of {@link #DATA}, {@link #CHILD}, {@link #PERSISTENT}, {@link #RECURSIVE}.
     * @return true if a kind was added that the session did not already have on the path.
     */
    public boolean add(final long sessionId, final DirectBuffer path, final int offset, final int length, final int kinds)
    {
        final int pathId = paths.intern(path, offset, length, WatchedPaths.hash(path, offset, length));
        int entry = find(sessionId, pathId);
        if (NONE == entry)
        {
            entry = newEntry(sessionId, pathId);
        }
        final int before = entryKinds[entry];
        final int added = kinds & ~before;
        setKinds(entry, before | kinds);
        return 0 != added;
    }

    /**
     * Remove a session's watches of the given kinds on a path.
     *
     * @return the kinds that were there and are now removed; 0 if none (ZooKeeper's NoWatcher).
     */
    public int remove(final long sessionId, final DirectBuffer path, final int offset, final int length, final int kinds)
    {
        final int pathId = paths.find(path, offset, length, WatchedPaths.hash(path, offset, length));
        final int entry = NONE == pathId ? NONE : find(sessionId, pathId);
        if (NONE == entry)
        {
            return 0;
        }
        final int removed = entryKinds[entry] & kinds;
        setKinds(entry, entryKinds[entry] & ~kinds);
        return removed;
    }

    /**
     * Drop every watch of a session, when it closes or expires.
     */
    public void removeSession(final long sessionId)
    {
        int entry = (int)sessions.get(sessionId);
        while (NONE != entry)
        {
            final int next = nextInSession[entry];
            setKinds(entry, 0);
            entry = next;
        }
    }

    /**
     * Add to {@code out} the sessions with a watch of one of {@code matchKinds} on exactly this path, and take
     * {@code clearKinds} (the one-time kinds that fire) from every entry on it.
     */
    public void collect(
        final DirectBuffer path,
        final int offset,
        final int length,
        final int matchKinds,
        final int clearKinds,
        final SessionIds out)
    {
        final int pathId = paths.find(path, offset, length, WatchedPaths.hash(path, offset, length));
        if (NONE == pathId)
        {
            return;
        }
        int entry = paths.head(pathId);
        while (NONE != entry)
        {
            final int next = nextInPath[entry];
            final int kinds = entryKinds[entry];
            if (0 != (kinds & matchKinds))
            {
                out.add(entrySession[entry]);
                if (0 != (kinds & clearKinds))
                {
                    setKinds(entry, kinds & ~clearKinds);
                }
            }
            entry = next;
        }
    }

    /**
     * Add to {@code out} the sessions with a recursive watch on this path or any of its ancestors. One pass over
     * the path's bytes: the hash of each ancestor is the hash state at the '/' that ends it.
     */
    public void collectRecursive(final DirectBuffer path, final int offset, final int length, final SessionIds out)
    {
        if (0 == recursiveCount)
        {
            return;
        }
        long state = WatchedPaths.hashStart();
        for (int i = 0; i < length; i++)
        {
            final byte b = path.getByte(offset + i);
            if ('/' == b && i > 0)
            {
                collectRecursiveAt(path, offset, i, WatchedPaths.hashFinish(state), out);
            }
            state = WatchedPaths.hashStep(state, b);
            if (0 == i)
            {
                collectRecursiveAt(path, offset, 1, WatchedPaths.hashFinish(state), out);
            }
        }
        if (length > 1)
        {
            collectRecursiveAt(path, offset, length, WatchedPaths.hashFinish(state), out);
        }
    }

    /**
     * @return number of watches: each kind on each (session, path) counts once.
     */
    public long watchCount()
    {
        return watchCount;
    }

    /**
     * @return number of watches a session holds, counted as {@link #watchCount()} counts them.
     */
    public long watchCount(final long sessionId)
    {
        return sessionWatchCounts.get(sessionId);
    }

    /**
     * @return number of distinct watched paths.
     */
    public int pathCount()
    {
        return paths.count();
    }

    /**
     * @return number of sessions holding at least one watch.
     */
    public int sessionCount()
    {
        return sessions.size();
    }

    /**
     * @return the kinds a session has on a path, 0 if none; for tests and tools.
     */
    public int kinds(final long sessionId, final DirectBuffer path, final int offset, final int length)
    {
        final int pathId = paths.find(path, offset, length, WatchedPaths.hash(path, offset, length));
        final int entry = NONE == pathId ? NONE : find(sessionId, pathId);
        return NONE == entry ? 0 : entryKinds[entry];
    }

    /**
     * Write the registry as snapshot messages: a {@code WatchesHeader}, then a {@code Watch} per (session, path),
     * sessions ascending by id, each session's watches oldest first.
     *
     * @param out receives each encoded message (template id, buffer, offset 0, length); the buffer is reused.
     */
    public void writeSnapshot(final MessageHandler out)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final WatchesHeaderEncoder watchesHeader = new WatchesHeaderEncoder()
            .wrapAndApplyHeader(buffer, 0, header).watchCount(entryCount);
        out.onMessage(WatchesHeaderEncoder.TEMPLATE_ID, buffer, 0,
            MessageHeaderEncoder.ENCODED_LENGTH + watchesHeader.encodedLength());
        final WatchEncoder watch = new WatchEncoder();
        final int sessionCount = sortSessions();
        for (int i = 0; i < sessionCount; i++)
        {
            final long sessionId = sortedSessions[i];
            // Newest entries are at the head: write from the tail, so loading (which adds at the head) rebuilds
            // the same order.
            int tail = (int)sessions.get(sessionId);
            while (NONE != nextInSession[tail])
            {
                tail = nextInSession[tail];
            }
            for (int e = tail; NONE != e; e = prevInSession[e])
            {
                final int pathId = entryPath[e];
                watch.wrapAndApplyHeader(buffer, 0, header)
                    .sessionId(sessionId)
                    .kinds(entryKinds[e])
                    .putPath(paths.arena(), paths.offset(pathId), paths.length(pathId));
                out.onMessage(WatchEncoder.TEMPLATE_ID, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + watch.encodedLength());
            }
        }
    }

    /**
     * Load one snapshot message written by {@link #writeSnapshot}: the {@code WatchesHeader}, into an empty
     * registry, or a {@code Watch}.
     *
     * @param templateId  of the message.
     * @param buffer      holding the message.
     * @param offset      of its body, after the message header.
     * @param blockLength of its fixed block, from the header.
     * @param version     of the schema it was written with, from the header.
     * @throws IllegalStateException if the registry is not empty at the header, or the message is not a watch one.
     */
    public void loadSnapshot(
        final int templateId, final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        if (WatchesHeaderDecoder.TEMPLATE_ID == templateId)
        {
            if (0 != entryCount)
            {
                throw new IllegalStateException("load a snapshot into an empty registry");
            }
        }
        else if (WatchDecoder.TEMPLATE_ID == templateId)
        {
            if (null == watchDecoder)
            {
                watchDecoder = new WatchDecoder();
                loadPath = new UnsafeBuffer(0, 0);
            }
            final WatchDecoder watch = watchDecoder.wrap(buffer, offset, blockLength, version);
            final long sessionId = watch.sessionId();
            final int kinds = watch.kinds() & ALL;
            watch.wrapPath(loadPath);
            add(sessionId, loadPath, 0, loadPath.capacity(), kinds);
        }
        else
        {
            throw new IllegalStateException("not a watch snapshot message: " + templateId);
        }
    }

    private void collectRecursiveAt(
        final DirectBuffer path, final int offset, final int length, final long hash, final SessionIds out)
    {
        final int pathId = paths.find(path, offset, length, hash);
        if (NONE == pathId)
        {
            return;
        }
        for (int entry = paths.head(pathId); NONE != entry; entry = nextInPath[entry])
        {
            if (0 != (entryKinds[entry] & RECURSIVE))
            {
                out.add(entrySession[entry]);
            }
        }
    }

    /**
     * Find a session's entry on a path by walking the path's entries: as many as sessions watch that path.
     */
    private int find(final long sessionId, final int pathId)
    {
        for (int entry = paths.head(pathId); NONE != entry; entry = nextInPath[entry])
        {
            if (entrySession[entry] == sessionId)
            {
                return entry;
            }
        }
        return NONE;
    }

    private int newEntry(final long sessionId, final int pathId)
    {
        final int entry = allocateEntry();
        entrySession[entry] = sessionId;
        entryPath[entry] = pathId;
        entryKinds[entry] = 0;

        final int pathHead = paths.head(pathId);
        prevInPath[entry] = NONE;
        nextInPath[entry] = pathHead;
        if (NONE != pathHead)
        {
            prevInPath[pathHead] = entry;
        }
        paths.head(pathId, entry);

        final int sessionHead = (int)sessions.get(sessionId);
        prevInSession[entry] = NONE;
        nextInSession[entry] = sessionHead;
        if (NONE != sessionHead)
        {
            prevInSession[sessionHead] = entry;
        }
        sessions.put(sessionId, entry);
        entryCount++;
        return entry;
    }

    /**
     * Set an entry's kinds, keeping the counts; an entry left with none is unlinked, and a path left with no
     * entries is released.
     */
    private void setKinds(final int entry, final int kinds)
    {
        final int before = entryKinds[entry];
        final int diff = Integer.bitCount(kinds) - Integer.bitCount(before);
        watchCount += diff;
        if (0 != diff)
        {
            final long sessionId = entrySession[entry];
            final long sessionCount = sessionWatchCounts.get(sessionId) + diff;
            if (0 == sessionCount)
            {
                sessionWatchCounts.remove(sessionId);
            }
            else
            {
                sessionWatchCounts.put(sessionId, sessionCount);
            }
        }
        recursiveCount += ((kinds & RECURSIVE) >> 3) - ((before & RECURSIVE) >> 3);
        entryKinds[entry] = (byte)kinds;
        if (0 == kinds)
        {
            unlink(entry);
        }
    }

    private void unlink(final int entry)
    {
        final int pathId = entryPath[entry];
        final int prevPath = prevInPath[entry];
        final int nextPath = nextInPath[entry];
        if (NONE != prevPath)
        {
            nextInPath[prevPath] = nextPath;
        }
        else
        {
            paths.head(pathId, nextPath);
        }
        if (NONE != nextPath)
        {
            prevInPath[nextPath] = prevPath;
        }
        if (NONE == paths.head(pathId))
        {
            paths.release(pathId);
        }

        final long sessionId = entrySession[entry];
        final int prevSession = prevInSession[entry];
        final int nextSession = nextInSession[entry];
        if (NONE != prevSession)
        {
            nextInSession[prevSession] = nextSession;
        }
        else if (NONE == nextSession)
        {
            sessions.remove(sessionId);
        }
        else
        {
            sessions.put(sessionId, nextSession);
        }
        if (NONE != nextSession)
        {
            prevInSession[nextSession] = prevSession;
        }

        nextInPath[entry] = freeHead;
        freeHead = entry;
        entryCount--;
    }

    private int allocateEntry()
    {
        if (NONE != freeHead)
        {
            final int entry = freeHead;
            freeHead = nextInPath[entry];
            return entry;
        }
        if (highWater == entrySession.length)
        {
            final int capacity = highWater * 2;
            entrySession = Arrays.copyOf(entrySession, capacity);
            entryPath = Arrays.copyOf(entryPath, capacity);
            entryKinds = Arrays.copyOf(entryKinds, capacity);
            nextInPath = Arrays.copyOf(nextInPath, capacity);
            prevInPath = Arrays.copyOf(prevInPath, capacity);
            nextInSession = Arrays.copyOf(nextInSession, capacity);
            prevInSession = Arrays.copyOf(prevInSession, capacity);
        }
        return highWater++;
    }

    private int sortSessions()
    {
        final int count = sessions.size();
        if (sortedSessions.length < count)
        {
            sortedSessions = new long[count];
        }
        int i = 0;
        final Long2LongHashMap.KeyIterator keys = sessions.keySet().iterator();
        while (keys.hasNext())
        {
            sortedSessions[i++] = keys.nextValue();
        }
        Arrays.sort(sortedSessions, 0, count);
        return count;
    }
}
