package io.aerie.engine.service;

import io.aeron.Aeron;
import io.aeron.DirectBufferVector;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The cluster as the service sees it, without Aeron: a leader whose clock the test sets (in ms), whose client
 * sessions the test opens, and which records the timers the service schedules (correlation id to deadline;
 * scheduling an id again replaces its deadline, as Aeron Cluster does). No Aeron client: the service then
 * keeps its counters locally.
 * <p>
 * Every client session the cluster opens appends each message it accepts to one send log, so a test can see
 * the order in which the service sent messages to different sessions, which per-session lists cannot show.
 */
final class StubCluster implements Cluster
{
    private Role role = Role.LEADER;
    private ClusteredServiceContainer.Context context;
    /** One message a client session accepted, and the id of that session (its connection). */
    record Sent(long connectionId, byte[] message)
    {
    }

    private final Map<Long, StubClientSession> clientSessions = new LinkedHashMap<>();
    private final List<Sent> sendLog = new ArrayList<>();
    private final TreeMap<Long, Long> timers = new TreeMap<>();
    private final IdleStrategy idleStrategy = NoOpIdleStrategy.INSTANCE;
    private long timeMs;
    private int scheduleCount;
    private boolean refuseTimers;

    /**
     * @param timeMs the cluster time from now on, ms.
     */
    void time(final long timeMs)
    {
        this.timeMs = timeMs;
    }

    /**
     * @return a new client session with this id, known to {@link #getClientSession(long)}.
     */
    StubClientSession addClientSession(final long clusterSessionId)
    {
        final StubClientSession session = new StubClientSession(clusterSessionId, sendLog);
        clientSessions.put(clusterSessionId, session);
        return session;
    }

    /**
     * Forget a client session, as the cluster does once it has closed.
     */
    void removeClientSession(final long clusterSessionId)
    {
        clientSessions.remove(clusterSessionId);
    }

    /**
     * @return every message accepted by any client session of this cluster so far, oldest first, across
     * sessions in the order they were sent; the list is live and read-only.
     */
    List<Sent> sendLog()
    {
        return Collections.unmodifiableList(sendLog);
    }

    /**
     * @return a mark of the send log as it stands, for {@link #sentSince(int)}: the number of messages in it.
     */
    int sendLogMark()
    {
        return sendLog.size();
    }

    /**
     * @return the messages accepted by any client session of this cluster since {@code mark}, in the order they
     * were sent, as a new list.
     */
    List<Sent> sentSince(final int mark)
    {
        return new ArrayList<>(sendLog.subList(mark, sendLog.size()));
    }

    /**
     * @return the deadline of the pending timer with this correlation id, or null if none is pending.
     */
    Long timerDeadline(final long correlationId)
    {
        return timers.get(correlationId);
    }

    /**
     * Remove a pending timer, as the cluster does when it fires it.
     *
     * @return its deadline, or null if none was pending.
     */
    Long takeTimer(final long correlationId)
    {
        return timers.remove(correlationId);
    }

    /**
     * Refuse every timer from now on, as Aeron does when the service's channel to the consensus module is
     * back-pressured ({@link #scheduleTimer(long, long)} returns false and keeps nothing), or accept them again.
     */
    void refuseTimers(final boolean refuse)
    {
        this.refuseTimers = refuse;
    }

    /**
     * @return how many times {@link #scheduleTimer(long, long)} has been called.
     */
    int scheduleCount()
    {
        return scheduleCount;
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

    /**
     * @param role the role the service sees from now on (LEADER until set).
     */
    void role(final Role role)
    {
        this.role = role;
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
        return context;
    }

    /**
     * @param context what {@link #context()} returns: null (the default) as if the cluster had none.
     */
    void context(final ClusteredServiceContainer.Context context)
    {
        this.context = context;
    }

    @Override
    public ClientSession getClientSession(final long clusterSessionId)
    {
        return clientSessions.get(clusterSessionId);
    }

    @Override
    public Collection<ClientSession> clientSessions()
    {
        return new ArrayList<>(clientSessions.values());
    }

    @Override
    public void forEachClientSession(final Consumer<? super ClientSession> action)
    {
        clientSessions.values().forEach(action);
    }

    @Override
    public boolean closeClientSession(final long clusterSessionId)
    {
        final StubClientSession session = clientSessions.get(clusterSessionId);
        if (null == session)
        {
            return false;
        }
        session.close();
        return true;
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
        scheduleCount++;
        if (refuseTimers)
        {
            return false;
        }
        timers.put(correlationId, deadline);
        return true;
    }

    @Override
    public boolean cancelTimer(final long correlationId)
    {
        return null != timers.remove(correlationId);
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        throw new UnsupportedOperationException("service-to-cluster messages are not stubbed");
    }

    @Override
    public long offer(final DirectBufferVector[] vectors)
    {
        throw new UnsupportedOperationException("service-to-cluster messages are not stubbed");
    }

    @Override
    public long tryClaim(final int length, final BufferClaim bufferClaim)
    {
        throw new UnsupportedOperationException("service-to-cluster messages are not stubbed");
    }

    @Override
    public IdleStrategy idleStrategy()
    {
        return idleStrategy;
    }
}
