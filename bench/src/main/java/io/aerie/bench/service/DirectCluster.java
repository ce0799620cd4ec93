package io.aerie.bench.service;

import io.aeron.Aeron;
import io.aeron.DirectBufferVector;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The least of a {@link Cluster} a service needs to run outside Aeron: client sessions whose egress is counted
 * and discarded, timers ignored, time in ms set by the benchmark.
 */
final class DirectCluster implements Cluster
{
    long timeMs;
    long egressMessages;
    Role role = Role.LEADER;
    private final Long2ObjectHashMap<ClientSession> sessions = new Long2ObjectHashMap<>();

    /**
     * @return a new client session with this id, whose egress is counted with the others'.
     */
    ClientSession newClientSession(final long id)
    {
        final DirectClientSession session = new DirectClientSession(this, id);
        sessions.put(id, session);
        return session;
    }

    @Override
    public int memberId()
    {
        return 0;
    }

    @Override
    public Role role()
    {
        return role;
    }

    @Override
    public long logPosition()
    {
        return 0;
    }

    @Override
    public Aeron aeron()
    {
        return null;
    }

    @Override
    public ClusteredServiceContainer.Context context()
    {
        return null;
    }

    @Override
    public ClientSession getClientSession(final long clusterSessionId)
    {
        return sessions.get(clusterSessionId);
    }

    @Override
    public Collection<ClientSession> clientSessions()
    {
        return sessions.values();
    }

    @Override
    public void forEachClientSession(final Consumer<? super ClientSession> action)
    {
        sessions.values().forEach(action);
    }

    @Override
    public boolean closeClientSession(final long clusterSessionId)
    {
        return false;
    }

    @Override
    public long time()
    {
        return timeMs;
    }

    @Override
    public TimeUnit timeUnit()
    {
        return TimeUnit.MILLISECONDS;
    }

    @Override
    public boolean scheduleTimer(final long correlationId, final long deadline)
    {
        return true;
    }

    @Override
    public boolean cancelTimer(final long correlationId)
    {
        return true;
    }

    @Override
    public IdleStrategy idleStrategy()
    {
        return NoOpIdleStrategy.INSTANCE;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        throw new UnsupportedOperationException("the Aerie service sends nothing to the log itself");
    }

    @Override
    public long offer(final DirectBufferVector[] vectors)
    {
        throw new UnsupportedOperationException("the Aerie service sends nothing to the log itself");
    }

    @Override
    public long tryClaim(final int length, final BufferClaim bufferClaim)
    {
        throw new UnsupportedOperationException("the Aerie service sends nothing to the log itself");
    }
}
