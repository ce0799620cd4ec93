package io.aerie.engine.node;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * A clustered service that answers every message with the same bytes, nothing else: the engine's node tests run it,
 * and the benchmark suite's floor measures the raw Aeron Cluster round trip with it. No state, so
 * nothing to snapshot. Public with a no-argument constructor so a node process loads it by name
 * ({@code aerie.node.service.class}); runs on the service container's thread. Part of the engine's published test
 * fixtures (the {@code tests} jar).
 */
public final class EchoService implements ClusteredService
{
    private IdleStrategy idleStrategy;

    /**
     * {@inheritDoc}
     */
    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        idleStrategy = cluster.idleStrategy();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
    }

    /**
     * Echo the message to its session (on followers the offer is a no-op, as Aeron intends).
     */
    @Override
    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        idleStrategy.reset();
        long result;
        while ((result = session.offer(buffer, offset, length)) < 0)
        {
            if (Publication.NOT_CONNECTED == result || Publication.CLOSED == result ||
                Publication.MAX_POSITION_EXCEEDED == result)
            {
                return;
            }
            idleStrategy.idle();
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTerminate(final Cluster cluster)
    {
    }
}
