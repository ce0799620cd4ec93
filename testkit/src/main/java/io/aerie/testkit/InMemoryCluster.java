package io.aerie.testkit;

import io.aeron.Aeron;
import io.aeron.DirectBufferVector;
import io.aeron.Publication;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.logbuffer.BufferClaim;
import io.aerie.codecs.KeepAliveRequestEncoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.model.SessionCredentials;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.session.Principal;
import io.aerie.engine.session.Session;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A one-member Aeron Cluster stand-in, in process: it drives Aerie's real {@link AerieClusteredService} as the
 * clustered service container would (start, a leadership term, session open and close, messages, timers), with
 * connections authenticated by the node's own {@link AerieAuthenticator}. Its log is the order in which calls take
 * its lock; its clock moves only when told ({@link #advanceTo(long)}), firing due timers in deadline order.
 * <p>
 * While time moves, the cluster sends a keepalive request on behalf of every open connection that is not silenced
 * before each timer fires and at the end: a connected client's session stays alive however far time jumps, as
 * with a client whose conductor keeps it alive. The answers to those keepalives are not delivered.
 * <p>
 * Any thread may call; every call holds the lock for its length, so the service runs on one thread at a time.
 */
final class InMemoryCluster implements Cluster
{
    /** Longest ingress message: what the client's default ingress channel (16 MiB terms) carries, less Aeron's header. */
    static final int MAX_MESSAGE_LENGTH = 16 * 1024 * 1024 / 8 - 32;
    private static final int FRAME_HEADER_LENGTH = 32;

    private final ReentrantLock lock = new ReentrantLock();
    private final AerieClusteredService service;
    private final ConnectAuthentication authentication = new ConnectAuthentication();
    private final Principal principal = new Principal();
    private final TreeMap<Long, InMemoryClientSession> sessions = new TreeMap<>();
    private final ClusterTimers timers = new ClusterTimers();
    private final ArrayList<InMemoryClientSession> closeRequested = new ArrayList<>();
    private final ExpandableArrayBuffer ingress = new ExpandableArrayBuffer(4096);
    private final ExpandableArrayBuffer keepAlive = new ExpandableArrayBuffer(64);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final KeepAliveRequestEncoder keepAliveEncoder = new KeepAliveRequestEncoder();
    private volatile long timeMs;
    private volatile int leaderMemberId;
    private volatile long leadershipTermId;
    private long logPosition;
    private long nextClusterSessionId = 1;
    private long nextKeepAliveId = Long.MIN_VALUE;
    private boolean closed;

    /**
     * Start the service, empty, at this time, and open the first leadership term.
     */
    InMemoryCluster(final AerieClusteredService.Context serviceContext, final long startTimeMs)
    {
        timeMs = startTimeMs;
        service = new AerieClusteredService(serviceContext);
        lock.lock();
        try
        {
            service.onStart(this, null);
            // As in a real cluster the first leadership term event follows the start: the service's timers begin there.
            service.onNewLeadershipTermEvent(0, 0, startTimeMs, 0, 0, 0, TimeUnit.MILLISECONDS, 0);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Open a cluster session, authenticated as a node authenticates it.
     *
     * @param encodedCredentials what the client's credentials supplier gave.
     * @return the session.
     * @throws io.aeron.security.AuthenticationException if the authenticator refused the credentials.
     * @throws IllegalStateException   once the cluster is closed.
     */
    InMemoryClientSession open(final byte[] encodedCredentials)
    {
        lock.lock();
        try
        {
            checkOpen();
            final long id = nextClusterSessionId++;
            final byte[] encodedPrincipal = authentication.authenticate(id, encodedCredentials, timeMs);
            principal.decode(encodedPrincipal);
            final InMemoryClientSession session = new InMemoryClientSession(id, encodedPrincipal, principal.token());
            sessions.put(id, session);
            service.onSessionOpen(session, timeMs);
            return session;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * End a cluster session, as the cluster does when the client closes it or goes silent: the Aerie session bound
     * to it stays until it times out. Idempotent.
     */
    void close(final InMemoryClientSession session, final CloseReason reason)
    {
        lock.lock();
        try
        {
            if (!session.isClosed() && !closed)
            {
                session.markClosed();
                sessions.remove(session.id());
                service.onSessionClose(session, timeMs, reason);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Append a message from a client to the log and apply it at once, at the current time.
     *
     * @return the new log position, or {@link Publication#CLOSED} if the session has ended.
     */
    long ingress(final InMemoryClientSession session, final DirectBuffer buffer, final int offset, final int length)
    {
        lock.lock();
        try
        {
            if (session.isClosed() || closed)
            {
                return Publication.CLOSED;
            }
            ingress.putBytes(0, buffer, offset, length);
            return apply(session, length);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Move time forward to {@code targetMs}, firing every timer due by then at its deadline, in deadline order
     * (then timer id), each preceded by keepalives of the open connections that are not silenced.
     *
     * @throws IllegalArgumentException if {@code targetMs} is before the current time.
     */
    void advanceTo(final long targetMs)
    {
        lock.lock();
        try
        {
            checkOpen();
            if (targetMs < timeMs)
            {
                throw new IllegalArgumentException("time never goes back: " + targetMs + " < " + timeMs);
            }
            long timerId;
            while (ClusterTimers.NONE != (timerId = timers.nextDueBy(targetMs)))
            {
                timeMs = Math.max(timeMs, timers.takenDeadlineMs());
                keepAliveConnections();
                service.onTimerEvent(timerId, timeMs);
                closeRequestedSessions();
            }
            if (targetMs > timeMs)
            {
                timeMs = targetMs;
                keepAliveConnections();
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Let the session's keepalives stop reaching the cluster and move time to its deadline, where the service expires
     * it (its ephemerals deleted in the same step) and tells the client EXPIRED.
     *
     * @throws IllegalStateException if no Aerie session is open on this connection.
     */
    void expire(final InMemoryClientSession session)
    {
        lock.lock();
        try
        {
            checkOpen();
            final Session aerieSession = session.isClosed() ? null : service.sessions().boundTo(session.id());
            if (null == aerieSession)
            {
                throw new IllegalStateException("no Aerie session is open on cluster session " + session.id());
            }
            final long sessionId = aerieSession.id();
            session.silent(true);
            try
            {
                advanceTo(aerieSession.deadlineMs());
            }
            finally
            {
                session.silent(false);
            }
            if (null != service.sessions().get(sessionId))
            {
                throw new IllegalStateException("session " + sessionId + " outlived its deadline");
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * A new leader: the service sees a new leadership term in the log (no session's silence is held against it), and
     * every open connection is told, in order with its messages, so its client sends its requests in flight again.
     */
    void newLeader()
    {
        lock.lock();
        try
        {
            checkOpen();
            leadershipTermId++;
            leaderMemberId++;
            service.onNewLeadershipTermEvent(
                leadershipTermId, logPosition, timeMs, logPosition, leaderMemberId, 0, TimeUnit.MILLISECONDS, 0);
            for (final InMemoryClientSession session : sessions.values())
            {
                session.newLeader(leaderMemberId);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Run an action on the service, under the lock: for reading its state between steps.
     */
    void withService(final Consumer<AerieClusteredService> action)
    {
        lock.lock();
        try
        {
            checkOpen();
            action.accept(service);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Close every session and release the service's memory; idempotent.
     */
    void shutdown()
    {
        lock.lock();
        try
        {
            if (!closed)
            {
                for (final InMemoryClientSession session : new ArrayList<>(sessions.values()))
                {
                    close(session, CloseReason.SERVICE_ACTION);
                }
                closed = true;
                service.close();
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    long leadershipTermId()
    {
        return leadershipTermId;
    }

    @Override
    public int memberId()
    {
        return leaderMemberId;
    }

    @Override
    public Role role()
    {
        return Role.LEADER;
    }

    @Override
    public long logPosition()
    {
        return logPosition;
    }

    @Override
    public Aeron aeron()
    {
        // None: the service keeps its counters to itself.
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
        return new ArrayList<>(sessions.values());
    }

    @Override
    public void forEachClientSession(final Consumer<? super ClientSession> action)
    {
        sessions.values().forEach(action);
    }

    @Override
    public boolean closeClientSession(final long clusterSessionId)
    {
        final InMemoryClientSession session = sessions.get(clusterSessionId);
        if (null == session || session.isClosing())
        {
            return false;
        }
        // Closed once the current log entry is done, as the consensus module closes it after the service asks.
        session.close();
        closeRequested.add(session);
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
        timers.schedule(correlationId, deadline);
        return true;
    }

    @Override
    public boolean cancelTimer(final long correlationId)
    {
        return timers.cancel(correlationId);
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        throw new UnsupportedOperationException("the Aerie service sends nothing to its own log");
    }

    @Override
    public long offer(final DirectBufferVector[] vectors)
    {
        throw new UnsupportedOperationException("the Aerie service sends nothing to its own log");
    }

    @Override
    public long tryClaim(final int length, final BufferClaim bufferClaim)
    {
        throw new UnsupportedOperationException("the Aerie service sends nothing to its own log");
    }

    @Override
    public IdleStrategy idleStrategy()
    {
        return NoOpIdleStrategy.INSTANCE;
    }

    private long apply(final InMemoryClientSession session, final int length)
    {
        logPosition += BitUtil.align(FRAME_HEADER_LENGTH + length, FRAME_HEADER_LENGTH);
        service.onSessionMessage(session, timeMs, ingress, 0, length, null);
        closeRequestedSessions();
        return logPosition;
    }

    private void keepAliveConnections()
    {
        for (final InMemoryClientSession session : new ArrayList<>(sessions.values()))
        {
            if (!session.isSilent() && !session.isClosed())
            {
                int length = SessionCredentials.putSessionHeader(ingress, 0, session.token());
                keepAliveEncoder.wrapAndApplyHeader(ingress, length, headerEncoder).correlationId(nextKeepAliveId++);
                length += MessageHeaderEncoder.ENCODED_LENGTH + keepAliveEncoder.encodedLength();
                apply(session, length);
            }
        }
    }

    private void closeRequestedSessions()
    {
        for (int i = 0; i < closeRequested.size(); i++)
        {
            close(closeRequested.get(i), CloseReason.SERVICE_ACTION);
        }
        closeRequested.clear();
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("the in-memory cluster is closed");
        }
    }
}
