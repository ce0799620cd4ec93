package io.aerie.client;

import io.aeron.cluster.client.EgressListener;
import io.aerie.codecs.ConnectResponseDecoder;
import io.aerie.codecs.KeepAliveResponseDecoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.WatcherType;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The client's session machinery behind {@link AerieClient}: the session's state (reported to the listener and
 * watchers), requests in flight and their resends, keepalives, liveness, reconnecting and resuming. Its pieces: the
 * cluster connection ({@link ClusterConnection}), the requests' ids ({@link CorrelationIds}), the ordered send path into the log ({@link RequestPublisher}),
 * egress decoding ({@link EgressAdapter}), answers decided here ({@link DeferredAnswers}), which path a read takes
 * ({@link ReadRouter}), and the watches ({@link ClientWatches}), which get watch events and the answers that set or
 * remove watches. Owned by one thread at a time (see {@link ClientThreading}): the conductor thread in the default
 * mode, the application's thread in invoker mode. Only the correlation id counter and the session getters are read
 * from other threads.
 * <p>
 * Sending never blocks and never runs a callback: a request is offered to the cluster once; if Aeron
 * back-pressures, or {@code maxInFlight} requests are already in flight, it waits in the pending queue and goes
 * out from a later {@link #poll()}.
 */
final class ClientConductor
{
    private final AerieClient.Context ctx;
    private final ClusterConnection connection;
    private final RequestPublisher publisher;
    private final ReadRouter reads;
    private final RequestEncoder encoder;
    private final Response response = new Response();
    private final PendingRequests pending = new PendingRequests();
    private final EgressAdapter egress;
    private final DeferredAnswers deferred = new DeferredAnswers();
    private final ClientWatches watches;
    private final SessionListeners sessionListeners = new SessionListeners();
    private final IdleStrategy idleStrategy;
    private final ResponseHandler resumeHandler = this::onResumed;
    private final CorrelationIds correlationIds;
    private volatile long sessionId;
    private byte[] password = new byte[0];
    private volatile int sessionTimeoutMs;
    private volatile long lastZxid;
    private volatile SessionState state = SessionState.DISCONNECTED;
    private long lastReceivedNs;
    private boolean awaitingResume;

    ClientConductor(final AerieClient.Context ctx, final RequestEncoder encoder)
    {
        this.ctx = ctx;
        this.encoder = encoder;
        this.idleStrategy = ctx.agents().idleStrategySupplier().get();
        this.correlationIds = new CorrelationIds(ctx.session().resumeSessionId(), System.currentTimeMillis());
        this.egress = new EgressAdapter(this, ctx.connection().chrootPath());
        this.sessionListeners.add(ctx.sessionListener());
        this.watches = new ClientWatches(sessionListeners, ctx.defaultWatcher(), ctx.connection().chrootPath());
        this.connection = new ClusterConnection(ctx, egress);
        this.publisher = new RequestPublisher(ctx, pending, connection, encoder, deferred);
        this.reads = new ReadRouter(this, ctx, connection);
    }

    /**
     * @return a new correlation id; from any thread.
     */
    long nextCorrelationId()
    {
        return correlationIds.next();
    }

    SessionListeners sessionListeners()
    {
        return sessionListeners;
    }

    long sessionId()
    {
        return sessionId;
    }

    int sessionTimeoutMs()
    {
        return sessionTimeoutMs;
    }

    byte[] password()
    {
        return password.clone();
    }

    SessionState state()
    {
        return state;
    }

    long lastZxid()
    {
        return lastZxid;
    }

    /**
     * @return the Aeron cluster session id of the current connection (tests name it in forged frames).
     */
    long clusterSessionId()
    {
        return connection.clusterSessionId();
    }

    int leaderMemberId()
    {
        return connection.leaderMemberId();
    }

    int pendingRequests()
    {
        return pending.size();
    }

    int inFlight()
    {
        return pending.size() - pending.unsent();
    }

    ClientWatches watches()
    {
        return watches;
    }

    /**
     * @return what receives the cluster's egress; tests feed it messages directly.
     */
    EgressListener egressListener()
    {
        return egress;
    }

    /**
     * Forget a request whose answer is no longer awaited.
     */
    void abandon(final long correlationId)
    {
        reads.abandon(correlationId);
        final long wireId = pending.wireIdOf(correlationId);
        if (0 != wireId)
        {
            pending.complete(wireId);
        }
        watches.onRequestFailed(correlationId);
    }

    /**
     * Poll until the request is answered into {@code blocking}, or give it up after the request timeout.
     *
     * @throws AerieException OPERATION_TIMEOUT if no answer came in time.
     */
    void await(final long correlationId, final BlockingResult blocking) throws AerieException
    {
        final long deadlineNs = System.nanoTime() + ctx.requests().requestTimeoutNs();
        idleStrategy.reset();
        while (!blocking.done)
        {
            if (System.nanoTime() > deadlineNs)
            {
                abandon(correlationId);
                throw AerieException.create(ResultCode.OPERATION_TIMEOUT, null);
            }
            idleStrategy.idle(poll());
        }
    }

    /**
     * Close the session if it is open, waiting a bounded time for the answer, and report CLOSED.
     */
    void closeSession(final BlockingResult blocking)
    {
        if (SessionState.CONNECTED == state && connection.isOpen())
        {
            final long correlationId = nextCorrelationId();
            blocking.arm();
            send(correlationId, encoder.closeSession(correlationId), blocking);
            final long deadlineNs = System.nanoTime() + ctx.requests().requestTimeoutNs();
            while (!blocking.done && System.nanoTime() < deadlineNs && connection.isOpen())
            {
                // Requests queued behind maxInFlight go first, the close last: keep sending as answers free room.
                int work = connection.pollEgress();
                if (pending.unsent() > 0)
                {
                    work += sendUnsent();
                }
                idleStrategy.idle(work);
            }
            changeState(SessionState.CLOSED);
        }
    }

    int poll()
    {
        final long nowNs = System.nanoTime();
        int work = deferred.isEmpty() ? 0 : deferred.answer(watches, response, lastZxid);
        if (reads.isOpen())
        {
            // Also while DISCONNECTED (no leader yet): a silent node's reads must move on, the session is still this.
            final boolean connected = connection.isOpen() && 0 != sessionId && !awaitingResume &&
                (SessionState.CONNECTED == state || SessionState.DISCONNECTED == state);
            work += reads.poll(
                nowNs, connected ? connection.clusterSessionId() : 0, connected ? connection.token() : 0);
        }
        if (!connection.isStarted())
        {
            return work;
        }
        if (!connection.isOpen())
        {
            return work + reconnect(nowNs);
        }
        work += connection.pollEgress();
        if (pending.unsent() > 0)
        {
            work += sendUnsent();
        }
        if (SessionState.CONNECTED == state)
        {
            // A keepalive only when nothing waits to go out: what waits will count as traffic when it goes.
            if (nowNs - publisher.lastSentNs() > ctx.session().keepAliveIntervalNs(sessionTimeoutMs) && 0 == pending.unsent())
            {
                final long correlationId = nextCorrelationId();
                send(correlationId, encoder.keepAlive(correlationId), null);
                work++;
            }
            if (nowNs - lastReceivedNs > TimeUnit.MILLISECONDS.toNanos(sessionTimeoutMs))
            {
                changeState(SessionState.DISCONNECTED);
            }
        }
        return work;
    }

    void closeResources()
    {
        CloseHelper.quietClose(reads);
        CloseHelper.quietClose(connection);
    }

    void connectCluster()
    {
        connection.connect();
        encoder.token(connection.token());
        lastReceivedNs = System.nanoTime();
        reads.onConnected();
    }

    /**
     * The cluster closed this client's connection (for example it was silent past the cluster's own session
     * timeout): connect again without blocking, then resume the Aerie session by id and password. Requests
     * in flight wait for the resume, then go out again in order.
     */
    private int reconnect(final long nowNs)
    {
        if (SessionState.CONNECTED == state)
        {
            changeState(SessionState.DISCONNECTED);
        }
        if (SessionState.DISCONNECTED != state || 0 == sessionId)
        {
            return 0;
        }
        if (!connection.pollReconnect())
        {
            return 0;
        }
        encoder.token(connection.token());
        lastReceivedNs = nowNs;
        awaitingResume = true;
        pending.markAllUnsent();
        final long correlationId = nextCorrelationId();
        final int length = encoder.connect(correlationId, ctx.session().sessionTimeoutMs(), sessionId, password, lastZxid);
        publisher.sendResume(correlationId, resumeHandler, encoder.buffer(), length);
        return 1;
    }

    private void onResumed(final Response response)
    {
        awaitingResume = false;
        if (ResultCode.OK == response.code())
        {
            changeState(SessionState.CONNECTED);
        }
        else
        {
            changeState(SessionState.EXPIRED);
        }
    }

    long send(final long correlationId, final int length, final ResponseHandler handler)
    {
        return send(correlationId, encoder.buffer(), length, handler);
    }

    /**
     * Send an encoded request once, or leave it queued for {@link #poll()}; never blocks, never runs a callback.
     *
     * @param buffer the request from offset 0, copied here: the caller may reuse it at once.
     * @return the correlation id.
     */
    long send(final long correlationId, final DirectBuffer buffer, final int length, final ResponseHandler handler)
    {
        return send(correlationId, buffer, length, handler, null);
    }

    /**
     * As {@link #send(long, DirectBuffer, int, ResponseHandler)}, a read that leaves no watch served as asked: from
     * one node's own state (LOCAL, when the local read path can be opened and the session is CONNECTED) or through
     * the log (LINEARIZABLE, and every other request).
     *
     * @param readMode null for the client's {@link ClientReads.Context#readMode()}.
     */
    long send(
        final long correlationId,
        final DirectBuffer buffer,
        final int length,
        final ResponseHandler handler,
        final ReadMode readMode)
    {
        if (SessionState.CONNECTED == state && reads.trySendLocal(correlationId, buffer, length, handler, readMode))
        {
            return correlationId;
        }
        return sendLogged(correlationId, buffer, length, handler);
    }

    /**
     * Send through the cluster's log, whatever the read mode: as {@link #send}.
     */
    long sendLogged(final long correlationId, final DirectBuffer buffer, final int length, final ResponseHandler handler)
    {
        return publisher.send(correlationId, buffer, length, handler);
    }

    private int sendUnsent()
    {
        return publisher.sendUnsent(awaitingResume ? resumeHandler : null);
    }

    /**
     * Something came from the cluster: it is alive, and a session that was DISCONNECTED (and is not resuming) is
     * CONNECTED again.
     */
    void onEgressReceived()
    {
        lastReceivedNs = System.nanoTime();
        if (SessionState.DISCONNECTED == state && 0 != sessionId && !awaitingResume)
        {
            changeState(SessionState.CONNECTED);
        }
    }

    /**
     * A watch event: its change counts as seen (a local read after it must show that change, as ZooKeeper's), then
     * it goes to the watchers.
     */
    void onWatchEvent(final DirectBuffer buffer, final int offset, final long zxid)
    {
        lastZxid = Math.max(lastZxid, zxid);
        watches.onWatchEvent(buffer, offset, sessionId);
    }

    /**
     * Requests sent to the old leader may not have reached the log: all are sent again. The cluster answers a write
     * it already applied from memory instead of applying it twice.
     */
    void onNewLeader()
    {
        pending.markAllUnsent();
    }

    void onResponse(final Response response)
    {
        lastZxid = Math.max(lastZxid, response.zxid());
        final int templateId = response.templateId();
        if (ConnectResponseDecoder.TEMPLATE_ID == templateId && ResultCode.OK == response.code())
        {
            sessionId = response.sessionId;
            password = Arrays.copyOf(response.password, response.passwordLength);
            sessionTimeoutMs = response.negotiatedTimeoutMs;
        }
        // A resume answer counts the events sent while the client was away, as a keepalive answer does.
        if ((KeepAliveResponseDecoder.TEMPLATE_ID == templateId || ConnectResponseDecoder.TEMPLATE_ID == templateId) &&
            ResultCode.OK == response.code())
        {
            watches.onKeepAlive(response.eventSequence, sessionId);
        }
        final ResponseHandler handler = pending.complete(response.correlationId());
        // The handler and the watch table know the request by the id its caller was given.
        response.correlationId = pending.completedCallerId();
        // As ZooKeeper's client: the watch is registered (or removed, and its watchers told) before the handler runs.
        watches.onAnswer(response.correlationId(), response.code(), response.zxid());
        if (null != handler)
        {
            handler.onResponse(response);
        }
        // A failed resume is reported by openSession; any other SESSION_EXPIRED answer means the session is gone.
        if (ResultCode.SESSION_EXPIRED == response.code() && ConnectResponseDecoder.TEMPLATE_ID != templateId &&
            SessionState.CONNECTED == state)
        {
            changeState(SessionState.EXPIRED);
        }
    }

    /**
     * An answer to a local read: it counts towards what the client has seen, as any answer.
     */
    void onLocalAnswer(final Response response, final ResponseHandler handler)
    {
        lastZxid = Math.max(lastZxid, response.zxid());
        if (null != handler)
        {
            handler.onResponse(response);
        }
    }

    /** @return the local read path, null for LINEARIZABLE reads or before the first connect. */
    LocalReads localReads()
    {
        return reads.localReads();
    }

    void onSessionEvent(final SessionState newState)
    {
        if (SessionState.EXPIRED == newState || SessionState.AUTH_FAILED == newState)
        {
            changeState(newState);
        }
    }

    void changeState(final SessionState newState)
    {
        if (state != newState)
        {
            state = newState;
            if (SessionState.CONNECTED != newState && SessionState.DISCONNECTED != newState)
            {
                failPending(SessionState.EXPIRED == newState ? ResultCode.SESSION_EXPIRED :
                    SessionState.AUTH_FAILED == newState ? ResultCode.AUTH_FAILED : ResultCode.CONNECTION_LOSS);
            }
            watches.onSessionStateChange(newState, sessionId);
        }
    }

    /**
     * ZooKeeper's removeWatches(path, watcher, type, local): remove one watcher. Not held here: NO_WATCHER, as
     * ZooKeeper's client finds. Other watchers of those kinds stay on the path: the cluster's watch stays (ZooKeeper
     * only checks it, with checkWatches), the watcher is removed here and the answer is OK. The last one: the
     * cluster is asked to remove the watch, and the answer removes the watcher as removeWatches does.
     */
    long removeWatcher(
        final long correlationId,
        final DirectBuffer buffer,
        final int length,
        final ResponseHandler handler,
        final CharSequence path,
        final WatcherType type,
        final boolean local,
        final Watcher watcher)
    {
        final int others = watches.othersOfType(path, type, watcher);
        if (others < 0)
        {
            deferred.add(correlationId, handler, ResultCode.NO_WATCHER, null);
        }
        else if (others > 0)
        {
            // Removed at the next poll, with the answer: no watcher is told inside the call.
            deferred.add(correlationId, handler, ResultCode.OK, new LocalRemoval(path.toString(), type, watcher));
        }
        else
        {
            watches.expectRemoval(correlationId, path, type, local);
            send(correlationId, buffer, length, handler);
        }
        return correlationId;
    }

    private void failPending(final ResultCode code)
    {
        reads.failAll(code, lastZxid);
        publisher.failAll(code, watches, response, lastZxid);
    }
}
