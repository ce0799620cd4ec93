package io.aerie.testkit;

import io.aeron.DirectBufferVector;
import io.aeron.Publication;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.service.ClientSession;
import io.aeron.logbuffer.BufferClaim;
import io.aerie.codecs.ErrorResponseDecoder;
import io.aerie.codecs.KeepAliveResponseDecoder;
import io.aerie.codecs.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.ExpandableRingBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One cluster session of the in-memory cluster, as the service sees it (a {@link ClientSession}) and as the client's
 * connection reads it: what the service offers is kept, in order, in an inbox that the client's poll drains.
 * <p>
 * The service appends on whichever thread drives the cluster (under the cluster's lock); the client's poll drains
 * on its own thread. The inbox is swapped out under a small lock of its own and its records are delivered outside
 * it, so a callback may call the client (and so the cluster) again. Nothing is allocated per message once the
 * buffers have grown. The record scratch buffer, the silence flag and the answer filter belong to whoever holds the
 * cluster's lock.
 */
final class InMemoryClientSession implements ClientSession
{
    /** The response channel declared: a client on the cluster's own host, as the engine reads it (127.0.0.1). */
    static final String RESPONSE_CHANNEL = "aeron:ipc";
    private static final int RESPONSE_STREAM_ID = 102;
    private static final int KIND_MESSAGE = 1;
    private static final int KIND_NEW_LEADER = 2;
    private static final int RECORD_HEADER_LENGTH = 2 * Integer.BYTES;
    private static final int CORRELATION_ID_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final ExpandableRingBuffer.MessageConsumer DISCARD = (buffer, offset, length, headOffset) -> true;

    private final long id;
    private final byte[] encodedPrincipal;
    private final long token;
    private final ReentrantLock inboxLock = new ReentrantLock();
    private final ExpandableArrayBuffer record = new ExpandableArrayBuffer(256);
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final Delivery delivery = new Delivery();
    private ExpandableRingBuffer inbox = new ExpandableRingBuffer();
    private ExpandableRingBuffer reading = new ExpandableRingBuffer();
    private long position;
    private volatile boolean closed;
    private boolean closing;
    private boolean silent;

    /**
     * @param id               the cluster session id.
     * @param encodedPrincipal what the authenticator made of the connection's credentials.
     * @param token            the token in that principal: every request on this connection carries it.
     */
    InMemoryClientSession(final long id, final byte[] encodedPrincipal, final long token)
    {
        this.id = id;
        this.encodedPrincipal = encodedPrincipal;
        this.token = token;
    }

    long token()
    {
        return token;
    }

    /**
     * @return true while the cluster is not to keep this session alive on its behalf (cluster's lock held).
     */
    boolean isSilent()
    {
        return silent;
    }

    void silent(final boolean silent)
    {
        this.silent = silent;
    }

    /**
     * The cluster session ended: the client's connection reports closed and later offers are refused.
     */
    void markClosed()
    {
        closed = true;
    }

    boolean isClosed()
    {
        return closed;
    }

    /**
     * Tell the client a new leader took over. What the old leader had sent and the client has not yet received is
     * lost with it: the notice is the first thing the client reads next.
     */
    void newLeader(final int leaderMemberId)
    {
        inboxLock.lock();
        try
        {
            inbox.consume(DISCARD, Integer.MAX_VALUE);
        }
        finally
        {
            inboxLock.unlock();
        }
        record.putInt(0, KIND_NEW_LEADER);
        record.putInt(Integer.BYTES, leaderMemberId);
        appendRecord(RECORD_HEADER_LENGTH);
    }

    /**
     * Deliver everything the service has sent since the last call, in order, on the calling thread.
     *
     * @return the number of messages and notices delivered.
     */
    int poll(final EgressListener listener, final long leadershipTermId, final long timestamp)
    {
        inboxLock.lock();
        try
        {
            if (inbox.isEmpty())
            {
                return 0;
            }
            final ExpandableRingBuffer full = inbox;
            inbox = reading;
            reading = full;
        }
        finally
        {
            inboxLock.unlock();
        }
        delivery.listener = listener;
        delivery.leadershipTermId = leadershipTermId;
        delivery.timestamp = timestamp;
        delivery.count = 0;
        reading.consume(delivery, Integer.MAX_VALUE);
        return delivery.count;
    }

    @Override
    public long id()
    {
        return id;
    }

    @Override
    public int responseStreamId()
    {
        return RESPONSE_STREAM_ID;
    }

    @Override
    public String responseChannel()
    {
        return RESPONSE_CHANNEL;
    }

    @Override
    public byte[] encodedPrincipal()
    {
        return encodedPrincipal;
    }

    @Override
    public void close()
    {
        closing = true;
    }

    @Override
    public boolean isClosing()
    {
        return closing;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            return Publication.NOT_CONNECTED;
        }
        if (isOwnKeepAliveAnswer(buffer, offset, length))
        {
            // The cluster's answer to a keepalive it sent on the client's behalf: the client never asked.
            return position;
        }
        record.putInt(0, KIND_MESSAGE);
        record.putInt(Integer.BYTES, 0);
        record.putBytes(RECORD_HEADER_LENGTH, buffer, offset, length);
        appendRecord(RECORD_HEADER_LENGTH + length);
        position += length;
        return position;
    }

    @Override
    public long offer(final DirectBufferVector[] vectors)
    {
        if (closed)
        {
            return Publication.NOT_CONNECTED;
        }
        // As Aeron's: the first vector is where the cluster's egress header goes, not part of the message.
        int length = 0;
        for (int i = 1; i < vectors.length; i++)
        {
            vectors[i].buffer().getBytes(vectors[i].offset(), record, RECORD_HEADER_LENGTH + length, vectors[i].length());
            length += vectors[i].length();
        }
        record.putInt(0, KIND_MESSAGE);
        record.putInt(Integer.BYTES, 0);
        appendRecord(RECORD_HEADER_LENGTH + length);
        position += length;
        return position;
    }

    @Override
    public long tryClaim(final int length, final BufferClaim bufferClaim)
    {
        throw new UnsupportedOperationException("the Aerie service offers its messages; tryClaim is not supported here");
    }

    private void appendRecord(final int length)
    {
        inboxLock.lock();
        try
        {
            inbox.append(record, 0, length);
        }
        finally
        {
            inboxLock.unlock();
        }
    }

    private boolean isOwnKeepAliveAnswer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < CORRELATION_ID_OFFSET + Long.BYTES)
        {
            return false;
        }
        headerDecoder.wrap(buffer, offset);
        final int templateId = headerDecoder.templateId();
        return MessageHeaderDecoder.SCHEMA_ID == headerDecoder.schemaId() &&
            (KeepAliveResponseDecoder.TEMPLATE_ID == templateId || ErrorResponseDecoder.TEMPLATE_ID == templateId) &&
            buffer.getLong(offset + CORRELATION_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) < 0;
    }

    /**
     * Hands each record of the inbox to the client's egress listener.
     */
    private final class Delivery implements ExpandableRingBuffer.MessageConsumer
    {
        EgressListener listener;
        long leadershipTermId;
        long timestamp;
        int count;

        @Override
        public boolean onMessage(final MutableDirectBuffer buffer, final int offset, final int length, final int headOffset)
        {
            count++;
            if (KIND_NEW_LEADER == buffer.getInt(offset))
            {
                listener.onNewLeader(id, leadershipTermId, buffer.getInt(offset + Integer.BYTES), "in-memory");
            }
            else
            {
                listener.onMessage(
                    id, timestamp, buffer, offset + RECORD_HEADER_LENGTH, length - RECORD_HEADER_LENGTH, null);
            }
            return true;
        }
    }
}
