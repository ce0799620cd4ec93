package io.aerie.engine.service;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Local reads a node cannot answer yet: it has not applied the client's last seen zxid, or not yet the connect that
 * bound the client's session. Each is a copy of the request, kept in arrival order (so one client's reads are
 * answered in the order it sent them) up to a fixed capacity; slots and their buffers are reused, so holding
 * allocates nothing once a buffer has grown to the largest request. Service thread only.
 */
final class HeldReads
{
    private final long[] clusterSessionIds;
    private final long[] minZxids;
    private final long[] deadlinesNs;
    private final int[] lengths;
    private final ExpandableArrayBuffer[] requests;
    private int size;

    HeldReads(final int capacity)
    {
        clusterSessionIds = new long[capacity];
        minZxids = new long[capacity];
        deadlinesNs = new long[capacity];
        lengths = new int[capacity];
        requests = new ExpandableArrayBuffer[capacity];
        for (int i = 0; i < capacity; i++)
        {
            requests[i] = new ExpandableArrayBuffer(128);
        }
    }

    /**
     * Hold a copy of a request.
     *
     * @return false, holding nothing, if the store is full.
     */
    boolean hold(
        final long clusterSessionId,
        final long minZxid,
        final long deadlineNs,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        if (size == requests.length)
        {
            return false;
        }
        clusterSessionIds[size] = clusterSessionId;
        minZxids[size] = minZxid;
        deadlinesNs[size] = deadlineNs;
        lengths[size] = length;
        requests[size].putBytes(0, buffer, offset, length);
        size++;
        return true;
    }

    int size()
    {
        return size;
    }

    int capacity()
    {
        return requests.length;
    }

    long clusterSessionId(final int index)
    {
        return clusterSessionIds[index];
    }

    long minZxid(final int index)
    {
        return minZxids[index];
    }

    long deadlineNs(final int index)
    {
        return deadlinesNs[index];
    }

    DirectBuffer request(final int index)
    {
        return requests[index];
    }

    int length(final int index)
    {
        return lengths[index];
    }

    /**
     * Keep only the entries {@code keep} marks, in their order; a scan after each has been looked at.
     *
     * @param keep one flag per entry, {@link #size()} long at least.
     */
    void retain(final boolean[] keep)
    {
        int to = 0;
        for (int from = 0; from < size; from++)
        {
            if (keep[from])
            {
                if (to != from)
                {
                    final ExpandableArrayBuffer request = requests[to];
                    requests[to] = requests[from];
                    requests[from] = request;
                    clusterSessionIds[to] = clusterSessionIds[from];
                    minZxids[to] = minZxids[from];
                    deadlinesNs[to] = deadlinesNs[from];
                    lengths[to] = lengths[from];
                }
                to++;
            }
        }
        size = to;
    }
}
