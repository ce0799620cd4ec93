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
    /** Opened over the node's IPC endpoint: its reads are counted as IPC reads. */
    final boolean ipc;
    /** Opened over UDP from this node's own host: offered the IPC endpoint before the open answer. */
    final boolean offerIpc;
    /** The answer channel and stream the client declared, to know an open sent again to the same place. */
    final String declaredChannel;
    final int declaredStreamId;
    /** Until the client's subscription connects and the open is answered; then idle-time bookkeeping. */
    long deadlineNs;
    boolean isOpen;

    ReadConnection(
        final long clusterSessionId,
        final long token,
        final long openCorrelationId,
        final ReadReplies.Channel channel,
        final long deadlineNs,
        final boolean ipc,
        final boolean offerIpc,
        final String declaredChannel,
        final int declaredStreamId)
    {
        this.declaredChannel = declaredChannel;
        this.declaredStreamId = declaredStreamId;
        this.ipc = ipc;
        this.offerIpc = offerIpc;
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
