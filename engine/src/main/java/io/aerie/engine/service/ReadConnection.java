package io.aerie.engine.service;

import io.aeron.DirectBufferVector;
import io.aeron.Publication;
import io.aeron.cluster.service.ClientSession;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.DirectBuffer;

/**
 * One client connection's read channel on this node, keyed by the cluster session it belongs to. It stands in for
 * the {@link ClientSession} while a local read is answered, so {@link ReadRequests}' handlers answer on the read
 * channel exactly as they answer on egress. Service thread only.
 */
final class ReadConnection implements ClientSession
{
    final long clusterSessionId;
    final long token;
    final long openCorrelationId;
    final ReadReplies.Channel channel;
    /** Until the client's subscription connects and the open is answered; then idle-time bookkeeping. */
    long deadlineNs;
    boolean isOpen;

    ReadConnection(
        final long clusterSessionId,
        final long token,
        final long openCorrelationId,
        final ReadReplies.Channel channel,
        final long deadlineNs)
    {
        this.clusterSessionId = clusterSessionId;
        this.token = token;
        this.openCorrelationId = openCorrelationId;
        this.channel = channel;
        this.deadlineNs = deadlineNs;
    }

    @Override
    public long id()
    {
        return clusterSessionId;
    }

    @Override
    public int responseStreamId()
    {
        return 0;
    }

    @Override
    public String responseChannel()
    {
        return null;
    }

    @Override
    public byte[] encodedPrincipal()
    {
        return null;
    }

    @Override
    public void close()
    {
        channel.close();
    }

    @Override
    public boolean isClosing()
    {
        return false;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return channel.offer(buffer, offset, length);
    }

    @Override
    public long offer(final DirectBufferVector[] vectors)
    {
        return Publication.CLOSED;
    }

    @Override
    public long tryClaim(final int length, final BufferClaim bufferClaim)
    {
        return Publication.CLOSED;
    }
}
