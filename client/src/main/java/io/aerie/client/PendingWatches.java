package io.aerie.client;

import io.aerie.codecs.WatcherType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;

/**
 * Watches asked for by requests not yet answered, by correlation id: a watch is registered (or removed) only
 * when the answer arrives. Entries are pooled: steady state allocates nothing.
 */
final class PendingWatches
{
    /**
     * One request's watch: what to register, or what to remove.
     */
    static final class Registration
    {
        final ExpandableArrayBuffer pathBytes = new ExpandableArrayBuffer(64);
        int pathLength;
        /** The caller's path when it was a String (kept so events can return that very String), else null. */
        String path;
        /** A {@link PathWatches} kind; for a removal unused. */
        int kind;
        /** exists: register on NO_NODE as well as on OK. */
        boolean onNoNode;
        Watcher watcher;
        /** Not null for a removeWatches request. */
        WatcherType removeType;
        boolean local;

        /**
         * @param path   the caller's path, relative to the chroot.
         * @param chroot prefixed to the path's bytes, which are the cluster's path.
         */
        void path(final CharSequence path, final Chroot chroot)
        {
            this.path = path instanceof String ? (String)path : null;
            pathLength = chroot.encode(path, pathBytes, 0);
        }

        void clear()
        {
            path = null;
            watcher = null;
            removeType = null;
            local = false;
            onNoNode = false;
        }
    }

    private final Long2ObjectHashMap<Registration> byCorrelationId = new Long2ObjectHashMap<>();
    private Registration[] pool = new Registration[8];
    private int poolSize;
    private Registration[] taken = new Registration[4];
    private int localRemovals;

    /**
     * @return a cleared registration recorded under the id, to fill in.
     */
    Registration add(final long correlationId)
    {
        final Registration registration = 0 == poolSize ? new Registration() : pool[--poolSize];
        byCorrelationId.put(correlationId, registration);
        return registration;
    }

    /**
     * @return the registration of the request, now forgotten, or null; give it back with {@link #release}.
     */
    Registration take(final long correlationId)
    {
        final Registration registration = byCorrelationId.remove(correlationId);
        if (null != registration && registration.local)
        {
            localRemovals--;
        }
        return registration;
    }

    /**
     * Count a registration just filled in as a local removal.
     */
    void addedLocalRemoval()
    {
        localRemovals++;
    }

    void release(final Registration registration)
    {
        registration.clear();
        if (poolSize == pool.length)
        {
            pool = Arrays.copyOf(pool, poolSize * 2);
        }
        pool[poolSize++] = registration;
    }

    /**
     * Take every pending local removal out (the connection was lost: they are done at once, as ZooKeeper's
     * client does); give each back with {@link #release}.
     *
     * @return how many were taken into {@link #taken()}.
     */
    int takeLocalRemovals()
    {
        int count = 0;
        if (localRemovals > 0)
        {
            for (final Long2ObjectHashMap<Registration>.ValueIterator it = byCorrelationId.values().iterator(); it.hasNext(); )
            {
                final Registration registration = it.next();
                if (null != registration.removeType && registration.local)
                {
                    it.remove();
                    if (count == taken.length)
                    {
                        taken = Arrays.copyOf(taken, count * 2);
                    }
                    taken[count++] = registration;
                }
            }
            localRemovals = 0;
        }
        return count;
    }

    Registration[] taken()
    {
        return taken;
    }

    int size()
    {
        return byCorrelationId.size();
    }
}
