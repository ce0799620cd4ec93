package io.aerie.client;

import io.aerie.codecs.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Requests sent and not yet answered, each with a copy of its bytes so it can be sent again after a leader
 * change. Entries are pooled: steady state allocates nothing.
 * <p>
 * Two ids per request. The caller's id is the one returned to the application and given back to its handler; the
 * wire id is the one sent, and it increases in the order requests are added here, because the cluster takes a
 * write whose id is not above the session's last write as a resend. With one thread the two are equal; when
 * threads take caller ids in one order and hand their requests to the conductor in another, the wire id is the
 * next one up and is patched into the copied request.
 */
final class PendingRequests
{
    /** Where a request's correlation id sits: after the session header and the request's own message header. */
    private static final int CORRELATION_ID_OFFSET =
        RequestEncoder.SESSION_HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH;

    static final class Pending
    {
        long correlationId;
        long callerId;
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
    private long lastWireId;
    private long completedCallerId;

    /**
     * @param callerId the id the caller holds, encoded in the request (every request's first field).
     * @return the entry, keyed by its wire id.
     */
    Pending add(final long callerId, final ResponseHandler handler, final DirectBuffer request, final int length)
    {
        final long wireId = Math.max(callerId, lastWireId + 1);
        lastWireId = wireId;
        final Pending pending = 0 == poolSize ? new Pending() : pool[--poolSize];
        pending.correlationId = wireId;
        pending.callerId = callerId;
        pending.handler = handler;
        pending.request.putBytes(0, request, 0, length);
        if (wireId != callerId)
        {
            pending.request.putLong(CORRELATION_ID_OFFSET, wireId, ByteOrder.LITTLE_ENDIAN);
        }
        pending.length = length;
        pending.sent = false;
        byCorrelationId.put(wireId, pending);
        unsent++;
        return pending;
    }

    /**
     * @return the caller's id of the entry {@link #complete(long)} last removed, or the wire id it was given if it
     * found none.
     */
    long completedCallerId()
    {
        return completedCallerId;
    }

    /**
     * @return the wire id of the pending request with this caller's id, or 0 if none; a scan, for the rare request
     * given up.
     */
    long wireIdOf(final long callerId)
    {
        for (final Pending pending : byCorrelationId.values())
        {
            if (pending.callerId == callerId)
            {
                return pending.correlationId;
            }
        }
        return 0;
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
     * Remove an entry, by wire id, and return its handler; its caller's id is then {@link #completedCallerId()}.
     *
     * @return the handler, null if the id is not pending (or was sent without one).
     */
    ResponseHandler complete(final long correlationId)
    {
        final Pending pending = byCorrelationId.remove(correlationId);
        if (null == pending)
        {
            completedCallerId = correlationId;
            return null;
        }
        completedCallerId = pending.callerId;
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
