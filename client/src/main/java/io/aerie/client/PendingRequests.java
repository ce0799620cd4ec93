package io.aerie.client;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;

/**
 * Requests sent and not yet answered, each with a copy of its bytes so it can be sent again after a leader
 * change. Entries are pooled: steady state allocates nothing.
 */
final class PendingRequests
{
    static final class Pending
    {
        long correlationId;
        ResponseHandler handler;
        final ExpandableArrayBuffer request = new ExpandableArrayBuffer(256);
        int length;
        boolean sent;
    }

    private final Long2ObjectHashMap<Pending> byCorrelationId = new Long2ObjectHashMap<>();
    private Pending[] pool = new Pending[16];
    private int poolSize;
    private long[] ids = new long[16];
    private int unsent;

    void add(final long correlationId, final ResponseHandler handler, final DirectBuffer request, final int length)
    {
        final Pending pending = 0 == poolSize ? new Pending() : pool[--poolSize];
        pending.correlationId = correlationId;
        pending.handler = handler;
        pending.request.putBytes(0, request, 0, length);
        pending.length = length;
        pending.sent = false;
        byCorrelationId.put(correlationId, pending);
        unsent++;
    }

    void markSent(final Pending pending)
    {
        if (!pending.sent)
        {
            pending.sent = true;
            unsent--;
        }
    }

    /**
     * After a leader change nothing in flight is known to have reached the log: everything goes out again.
     */
    void markAllUnsent()
    {
        for (final Pending pending : byCorrelationId.values())
        {
            pending.sent = false;
        }
        unsent = byCorrelationId.size();
    }

    /**
     * @return number of pending requests not yet sent (since the last leader change).
     */
    int unsent()
    {
        return unsent;
    }

    /**
     * Remove an entry and return its handler.
     *
     * @return the handler, null if the id is not pending (or was sent without one).
     */
    ResponseHandler complete(final long correlationId)
    {
        final Pending pending = byCorrelationId.remove(correlationId);
        if (null == pending)
        {
            return null;
        }
        final ResponseHandler handler = pending.handler;
        pending.handler = null;
        if (!pending.sent)
        {
            unsent--;
        }
        if (poolSize == pool.length)
        {
            pool = Arrays.copyOf(pool, poolSize * 2);
        }
        pool[poolSize++] = pending;
        return handler;
    }

    boolean isPending(final long correlationId)
    {
        return byCorrelationId.containsKey(correlationId);
    }

    int size()
    {
        return byCorrelationId.size();
    }

    /**
     * @return the pending correlation ids in ascending order (the order they were sent), in {@link #ids()}.
     */
    int sortedIds()
    {
        if (ids.length < byCorrelationId.size())
        {
            ids = new long[byCorrelationId.size() * 2];
        }
        int count = 0;
        for (final Long2ObjectHashMap<Pending>.KeyIterator it = byCorrelationId.keySet().iterator(); it.hasNext(); )
        {
            ids[count++] = it.nextLong();
        }
        Arrays.sort(ids, 0, count);
        return count;
    }

    long[] ids()
    {
        return ids;
    }

    Pending get(final long correlationId)
    {
        return byCorrelationId.get(correlationId);
    }
}
