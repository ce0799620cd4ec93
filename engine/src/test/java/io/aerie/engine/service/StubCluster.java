package io.aerie.engine.service;

import io.aeron.Aeron;
import io.aeron.DirectBufferVector;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The cluster as the service sees it, without Aeron: a leader whose clock the test sets (in ms), whose client
 * sessions the test opens, and which records the timers the service schedules (correlation id to deadline;
 * scheduling an id again replaces its deadline, as Aeron Cluster does). No Aeron client: the service then
 * keeps its counters locally.
 * <p>
 * Every client session the cluster opens appends each message it accepts to one send log, so a test can see
 * the order in which the service sent messages to different sessions, which per-session lists cannot show; or,
 * once {@link #captureEgress(boolean)} is off, only counts them ({@link #egressMessages()}), so a benchmark of the
 * service's apply path measures the service alone: keeping timers allocates nothing either.
 * <p>
 * Part of the engine's published test fixtures (the {@code tests} jar): the service's tests and the service
 * benchmarks share it. One thread at a time, the service's.
 */
public final class StubCluster implements Cluster
{
    private Role role = Role.LEADER;
    private ClusteredServiceContainer.Context context;
    /**
     * One message a client session accepted, and the id of that session (its connection).
     *
     * @param connectionId the cluster session id.
     * @param message      a copy of the message.
     */
    public record Sent(long connectionId, byte[] message)
    {
    }

    /** Open sessions in the order they were added, and the same by id: a lookup boxes nothing. */
    private final List<StubClientSession> clientSessions = new ArrayList<>();
    private final Long2ObjectHashMap<StubClientSession> clientSessionById = new Long2ObjectHashMap<>();
    private final List<Sent> sendLog = new ArrayList<>();
    private final Long2LongHashMap timers = new Long2LongHashMap(Long.MIN_VALUE);
    private final IdleStrategy idleStrategy = NoOpIdleStrategy.INSTANCE;
    private long timeMs;
    private int scheduleCount;
    private boolean refuseTimers;
    private boolean captureEgress = true;
    private long egressMessages;

    /**
     * @param timeMs the cluster time from now on, ms.
     */
    public void time(final long timeMs)
    {
        this.timeMs = timeMs;
    }

    /**
     * @return a new client session with this id, known to {@link #getClientSession(long)}.
     */
    public StubClientSession addClientSession(final long clusterSessionId)
    {
        final StubClientSession session = new StubClientSession(clusterSessionId, this);
        final StubClientSession replaced = clientSessionById.put(clusterSessionId, session);
        if (null != replaced)
        {
            clientSessions.remove(replaced);
        }
        clientSessions.add(session);
        return session;
    }

    /**
     * Forget a client session, as the cluster does once it has closed.
     */
    public void removeClientSession(final long clusterSessionId)
    {
        final StubClientSession removed = clientSessionById.remove(clusterSessionId);
        if (null != removed)
        {
            clientSessions.remove(removed);
        }
    }

    /**
     * @return every message accepted by any client session of this cluster so far, oldest first, across
     * sessions in the order they were sent; the list is live and read-only.
     */
    public List<Sent> sendLog()
    {
        return Collections.unmodifiableList(sendLog);
    }

    /**
     * @return a mark of the send log as it stands, for {@link #sentSince(int)}: the number of messages in it.
     */
    public int sendLogMark()
    {
        return sendLog.size();
    }

    /**
     * @return the messages accepted by any client session of this cluster since {@code mark}, in the order they
     * were sent, as a new list.
     */
    public List<Sent> sentSince(final int mark)
    {
        return new ArrayList<>(sendLog.subList(mark, sendLog.size()));
    }

    /**
     * @return the deadline of the pending timer with this correlation id, or null if none is pending.
     */
    public Long timerDeadline(final long correlationId)
    {
        final long deadline = timers.get(correlationId);
        return timers.missingValue() == deadline ? null : deadline;
    }

    /**
     * Remove a pending timer, as the cluster does when it fires it.
     *
     * @return its deadline, or null if none was pending.
     */
    public Long takeTimer(final long correlationId)
    {
        final long deadline = timers.remove(correlationId);
        return timers.missingValue() == deadline ? null : deadline;
    }

    /**
     * Refuse every timer from now on, as Aeron does when the service's channel to the consensus module is
     * back-pressured ({@link #scheduleTimer(long, long)} returns false and keeps nothing), or accept them again.
     */
    public void refuseTimers(final boolean refuse)
    {
        this.refuseTimers = refuse;
    }

    /**
     * @return how many times {@link #scheduleTimer(long, long)} has been called.
     */
    public int scheduleCount()
    {
        return scheduleCount;
    }

    /**
     * Keep a copy of every message the client sessions accept (the default), or only count them from now on.
     *
     * @param capture false for a benchmark: offers then allocate nothing.
     * @return this.
     */
    public StubCluster captureEgress(final boolean capture)
    {
        this.captureEgress = capture;
        return this;
    }

    /**
     * @return messages accepted by any client session of this cluster so far, captured or only counted.
     */
    public long egressMessages()
    {
        return egressMessages;
    }

    /**
     * A client session accepted a message: count it, and log the copy made while egress is captured.
     */
    void onAccepted(final long connectionId, final byte[] copy)
    {
        egressMessages++;
        if (null != copy)
        {
            sendLog.add(new Sent(connectionId, copy));
        }
    }

    boolean isCapturingEgress()
    {
        return captureEgress;
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
    public void role(final Role role)
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
    public void context(final ClusteredServiceContainer.Context context)
    {
        this.context = context;
    }

    @Override
    public ClientSession getClientSession(final long clusterSessionId)
    {
        return clientSessionById.get(clusterSessionId);
    }

    @Override
    public Collection<ClientSession> clientSessions()
    {
        return new ArrayList<>(clientSessions);
    }

    @Override
    public void forEachClientSession(final Consumer<? super ClientSession> action)
    {
        clientSessions.forEach(action);
    }

    @Override
    public boolean closeClientSession(final long clusterSessionId)
    {
        final StubClientSession session = clientSessionById.get(clusterSessionId);
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
        return timers.missingValue() != timers.remove(correlationId);
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
