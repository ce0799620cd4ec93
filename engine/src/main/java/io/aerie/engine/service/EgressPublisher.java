package io.aerie.engine.service;

import io.aeron.Publication;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Offers encoded responses and events to client sessions with a bounded number of retries. A client that
 * stays back-pressured past the bound loses the message (counted): the state machine never blocks on one
 * slow client. On followers Aeron Cluster mocks the offer, so the same code runs on every node.
 */
final class EgressPublisher
{
    static final int MAX_OFFER_ATTEMPTS = 16;

    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(4096);
    private final AtomicCounter droppedMessages;
    private final AtomicCounter droppedEvents;
    private final AtomicCounter sentMessages;
    private Cluster cluster;

    EgressPublisher(final AtomicCounter droppedMessages, final AtomicCounter droppedEvents)
    {
        this(droppedMessages, droppedEvents, null);
    }

    /**
     * @param sentMessages counts messages a client was really sent (not the mocked offers of a follower); may be
     *                     null.
     */
    EgressPublisher(
        final AtomicCounter droppedMessages, final AtomicCounter droppedEvents, final AtomicCounter sentMessages)
    {
        this.droppedMessages = droppedMessages;
        this.droppedEvents = droppedEvents;
        this.sentMessages = sentMessages;
    }

    void cluster(final Cluster cluster)
    {
        this.cluster = cluster;
    }

    /**
     * @return the connection with this cluster session id, or null if it is closed.
     */
    ClientSession clientSession(final long clusterSessionId)
    {
        return cluster.getClientSession(clusterSessionId);
    }

    /**
     * @return the buffer to encode the next message into, from offset 0.
     */
    MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Offer {@code length} bytes from {@link #buffer()}.
     *
     * @return true if the message was accepted (or mocked on a follower).
     */
    boolean send(final ClientSession session, final int length)
    {
        return send(session, buffer, 0, length);
    }

    /**
     * Offer a watch event: once, and again only after an admin action (a term rotation). A watcher that is
     * back-pressured loses the event at once, counted, so a slow watcher costs the state machine one failed
     * offer per event, never the retries a response gets; the client finds the loss by the event's sequence.
     *
     * @return true if the message was accepted (or mocked on a follower).
     */
    boolean sendEvent(final ClientSession session, final DirectBuffer source, final int offset, final int length)
    {
        if (null == session)
        {
            return false;
        }
        long result = session.offer(source, offset, length);
        if (Publication.ADMIN_ACTION == result)
        {
            result = session.offer(source, offset, length);
        }
        if (result > 0 || ClientSession.MOCKED_OFFER == result)
        {
            countSent(result);
            return true;
        }
        droppedEvents.increment();
        return false;
    }

    boolean send(final ClientSession session, final DirectBuffer source, final int offset, final int length)
    {
        if (null == session)
        {
            return false;
        }
        final IdleStrategy idle = null == cluster ? null : cluster.idleStrategy();
        for (int attempt = 0; attempt < MAX_OFFER_ATTEMPTS; attempt++)
        {
            final long result = session.offer(source, offset, length);
            if (result > 0 || ClientSession.MOCKED_OFFER == result)
            {
                countSent(result);
                return true;
            }
            if (Publication.CLOSED == result || Publication.NOT_CONNECTED == result || Publication.MAX_POSITION_EXCEEDED == result)
            {
                break;
            }
            if (null != idle)
            {
                idle.idle();
            }
        }
        droppedMessages.increment();
        return false;
    }

    private void countSent(final long result)
    {
        if (null != sentMessages && ClientSession.MOCKED_OFFER != result)
        {
            sentMessages.incrementRelease();
        }
    }
}
