package io.aerie.client;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;

/**
 * The local reads {@link LocalReads} has not had answered yet: each one's request (kept to send again to another
 * node, or through the log), handler and send time, by correlation id, and those still to send in the order they
 * were made. Entries are pooled: nothing is allocated per read in steady state. Conductor thread only.
 */
final class LocalReadTable
{
    private static final Comparator<Read> BY_ID = Comparator.comparingLong((read) -> read.id);

    /**
     * One read: its request as {@link RequestEncoder} wrote it (behind a session header), its handler, and where it is.
     */
    static final class Read
    {
        final ExpandableArrayBuffer request = new ExpandableArrayBuffer(128);
        long id;
        ResponseHandler handler;
        int length;
        long sentNs;
        boolean sent;
        boolean live;
        boolean queued;
    }

    private final Long2ObjectHashMap<Read> byId = new Long2ObjectHashMap<>();
    private final ArrayDeque<Read> queue = new ArrayDeque<>();
    private final ArrayDeque<Read> pool = new ArrayDeque<>();
    private final ArrayList<Read> scratch = new ArrayList<>();

    /**
     * Keep a read, queued to be sent.
     *
     * @param buffer the request from offset 0; copied.
     */
    void add(final long id, final DirectBuffer buffer, final int length, final ResponseHandler handler, final long nowNs)
    {
        final Read read = pool.isEmpty() ? new Read() : pool.pollFirst();
        read.id = id;
        read.handler = handler;
        read.request.putBytes(0, buffer, 0, length);
        read.length = length;
        read.sent = false;
        read.sentNs = nowNs;
        read.live = true;
        read.queued = true;
        byId.put(id, read);
        queue.addLast(read);
    }

    /**
     * @return the oldest read still to send, or null; reads given up meanwhile are dropped from the queue here.
     */
    Read nextToSend()
    {
        while (!queue.isEmpty())
        {
            final Read read = queue.peekFirst();
            if (read.live)
            {
                return read;
            }
            queue.pollFirst();
            read.queued = false;
            pool.addLast(read);
        }
        return null;
    }

    /**
     * The read {@link #nextToSend()} gave went out.
     */
    void sent(final Read read, final long nowNs)
    {
        queue.pollFirst();
        read.queued = false;
        read.sent = true;
        read.sentNs = nowNs;
    }

    /**
     * @return the read with that id, now no longer kept (give it back with {@link #release(Read)}), or null if it was
     * answered already or given up.
     */
    Read take(final long id)
    {
        return byId.remove(id);
    }

    /**
     * Forget a read: its entry goes back to the pool once out of the queue.
     */
    void release(final Read read)
    {
        byId.remove(read.id);
        read.live = false;
        read.handler = null;
        if (!read.queued)
        {
            pool.addLast(read);
        }
    }

    /**
     * @return true if a read was sent, or has waited to be, for longer than {@code timeoutNs}.
     */
    boolean anyOlderThan(final long nowNs, final long timeoutNs)
    {
        for (final Read read : byId.values())
        {
            if (nowNs - read.sentNs > timeoutNs)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Every read not answered yet is to be sent again, in the order they were made (another node will answer).
     */
    void requeueAll(final long nowNs)
    {
        collectLive();
        queue.clear();
        for (int i = 0; i < scratch.size(); i++)
        {
            final Read read = scratch.get(i);
            read.sent = false;
            read.sentNs = nowNs;
            read.queued = true;
            queue.addLast(read);
        }
        scratch.clear();
    }

    /**
     * Take every read not answered yet out of the table, in the order they were made; read them with
     * {@link #taken(int)} and give each back with {@link #release(Read)}.
     *
     * @return how many.
     */
    int takeAll()
    {
        collectLive();
        queue.clear();
        for (int i = 0; i < scratch.size(); i++)
        {
            scratch.get(i).queued = false;
        }
        return scratch.size();
    }

    /**
     * @return the i-th read {@link #takeAll()} took.
     */
    Read taken(final int i)
    {
        return scratch.get(i);
    }

    private void collectLive()
    {
        scratch.clear();
        for (final Read read : byId.values())
        {
            scratch.add(read);
        }
        scratch.sort(BY_ID);
    }
}
