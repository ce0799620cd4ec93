package io.aerie.client;

import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import io.aerie.codecs.ConnectResponseDecoder;
import io.aerie.codecs.KeepAliveResponseDecoder;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionEventDecoder;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.WatchEventDecoder;
import io.aerie.codecs.WatcherType;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.IdleStrategy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client's connection and session machinery behind {@link AerieClient}: the cluster connection (through a
 * {@link ClusterTransport}: Aeron Cluster and any embedded driver by default), requests in flight and their
 * resends, keepalives, liveness, reconnecting and resuming, and the session state reported to the listener and
 * watchers. Watch events and the answers that set
 * or remove watches go to {@link ClientWatches}. Owned by one thread at a time (see {@link ClientThreading}): the
 * conductor thread in the default mode, the application's thread in invoker mode. Only the correlation id counter
 * and the session getters are read from other threads.
 * <p>
 * Sending never blocks and never runs a callback: a request is offered to the cluster once; if Aeron
 * back-pressures, or {@code maxInFlight} requests are already in flight, it waits in the pending queue and goes
 * out from a later {@link #poll()}.
 */
final class ClientConductor
{
    private final AerieClientContext ctx;
    private final ClientMediaDriver mediaDriver;
    private final ClusterTransport transport;
    private final RequestEncoder encoder;
    private final ResponseDecoder decoder;
    private final Response response = new Response();
    private final PendingRequests pending = new PendingRequests();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final SessionEventDecoder sessionEventDecoder = new SessionEventDecoder();
    private final Egress egress = new Egress();
    private final ClientWatches watches;
    private final SessionListeners sessionListeners = new SessionListeners();
    private final IdleStrategy idleStrategy;
    private final ResponseHandler resumeHandler = this::onResumed;
    private final LongArrayList oversizedIds = new LongArrayList();
    private final ArrayList<ResponseHandler> oversizedHandlers = new ArrayList<>();
    private final ArrayList<ResultCode> oversizedCodes = new ArrayList<>();
    private final ArrayList<LocalRemoval> localRemovals = new ArrayList<>();
    private ClusterTransport.Connection cluster;
    private ClusterTransport.AsyncConnect asyncConnect;
    private final AtomicLong nextCorrelationId = new AtomicLong(1);
    private volatile long sessionId;
    private byte[] password = new byte[0];
    private final SecureRandom random = new SecureRandom();
    private AerieCredentials credentials;
    private volatile int sessionTimeoutMs;
    private volatile long lastZxid;
    private volatile SessionState state = SessionState.DISCONNECTED;
    private long lastReceivedNs;
    private long lastSentNs;
    private boolean awaitingResume;
    private LocalReads localReads;

    ClientConductor(final AerieClientContext ctx, final RequestEncoder encoder)
    {
        this.ctx = ctx;
        this.encoder = encoder;
        this.idleStrategy = ctx.idleStrategySupplier().get();
        this.decoder = new ResponseDecoder(ctx.chrootPath());
        this.sessionListeners.add(ctx.sessionListener());
        this.watches = new ClientWatches(sessionListeners, ctx.defaultWatcher(), ctx.chrootPath());
        // A transport of the application's own (an in-memory cluster for tests) needs no media driver.
        this.mediaDriver = null == ctx.clusterTransport() ? ClientMediaDriver.open(ctx) : null;
        this.transport = null == ctx.clusterTransport() ?
            new AeronClusterTransport(ctx, mediaDriver) : ctx.clusterTransport();
    }

    /**
     * @return a new correlation id; from any thread.
     */
    long nextCorrelationId()
    {
        return nextCorrelationId.getAndIncrement();
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
        return cluster.clusterSessionId();
    }

    int leaderMemberId()
    {
        return cluster.leaderMemberId();
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
        if (null != localReads)
        {
            localReads.abandon(correlationId);
        }
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
        final long deadlineNs = System.nanoTime() + ctx.requestTimeoutNs();
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
        if (SessionState.CONNECTED == state && null != cluster && !cluster.isClosed())
        {
            final long correlationId = nextCorrelationId();
            blocking.arm();
            send(correlationId, encoder.closeSession(correlationId), blocking);
            final long deadlineNs = System.nanoTime() + ctx.requestTimeoutNs();
            while (!blocking.done && System.nanoTime() < deadlineNs && !cluster.isClosed())
            {
                // Requests queued behind maxInFlight go first, the close last: keep sending as answers free room.
                int work = cluster.pollEgress();
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
        int work = oversizedIds.isEmpty() ? 0 : failOversized();
        if (null != localReads)
        {
            // Also while DISCONNECTED (no leader yet): a silent node's reads must move on, the session is still this.
            final boolean connected = null != cluster && !cluster.isClosed() && 0 != sessionId && !awaitingResume &&
                (SessionState.CONNECTED == state || SessionState.DISCONNECTED == state);
            work += localReads.poll(
                nowNs, connected ? cluster.clusterSessionId() : 0, connected ? credentials.token() : 0);
        }
        if (null == cluster)
        {
            return work;
        }
        if (cluster.isClosed())
        {
            return work + reconnect(nowNs);
        }
        work += cluster.pollEgress();
        if (pending.unsent() > 0)
        {
            work += sendUnsent();
        }
        if (SessionState.CONNECTED == state)
        {
            // A keepalive only when nothing waits to go out: what waits will count as traffic when it goes.
            if (nowNs - lastSentNs > ctx.keepAliveIntervalNs(sessionTimeoutMs) && 0 == pending.unsent())
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
        CloseHelper.quietClose(localReads);
        CloseHelper.quietClose(asyncConnect);
        CloseHelper.quietClose(cluster);
        CloseHelper.quietClose(transport);
        CloseHelper.quietClose(mediaDriver);
    }

    void connectCluster()
    {
        cluster = transport.connect(newCredentials(), egress);
        encoder.token(credentials.token());
        lastReceivedNs = System.nanoTime();
        // Local reads need an Aeron media driver for their own channel; behind a custom transport (no driver, as
        // the testkit's) every read goes through the transport, the linearizable path.
        if (ReadMode.LOCAL == ctx.readMode() && null == localReads && null != mediaDriver)
        {
            localReads = new LocalReads(this, ctx, mediaDriver.aeronDirectoryName(), random.nextInt(1 << 16));
        }
    }

    private AerieCredentials newCredentials()
    {
        // A new token and password seed for each connection: a request must carry its own connection's token.
        credentials = new AerieCredentials(random, ctx.digestAuth());
        return credentials;
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
        try
        {
            if (null == asyncConnect)
            {
                asyncConnect = transport.asyncConnect(newCredentials(), egress);
            }
            final ClusterTransport.Connection connected = asyncConnect.poll();
            if (null == connected)
            {
                return 1;
            }
            asyncConnect = null;
            CloseHelper.quietClose(cluster);
            cluster = connected;
            encoder.token(credentials.token());
        }
        catch (final RuntimeException ex)
        {
            // Not reachable yet (timed out or refused): try again on a later poll.
            CloseHelper.quietClose(asyncConnect);
            asyncConnect = null;
            return 0;
        }

        lastReceivedNs = nowNs;
        awaitingResume = true;
        pending.markAllUnsent();
        final long correlationId = nextCorrelationId();
        final int length = encoder.connect(correlationId, ctx.sessionTimeoutMs(), sessionId, password, lastZxid);
        final PendingRequests.Pending request = pending.add(correlationId, resumeHandler, encoder.buffer(), length);
        if (offer(request.request, request.length))
        {
            pending.markSent(request);
        }
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
        if (null != localReads && SessionState.CONNECTED == state && LocalReads.isLocalRead(buffer, length))
        {
            localReads.send(correlationId, buffer, length, handler);
            return correlationId;
        }
        return sendLogged(correlationId, buffer, length, handler);
    }

    /**
     * Send through the cluster's log, whatever the read mode: as {@link #send}.
     */
    long sendLogged(final long correlationId, final DirectBuffer buffer, final int length, final ResponseHandler handler)
    {
        if (length > maxRequestLength())
        {
            // Aeron would refuse it with an exception, now and at every resend: it fails at the next poll instead,
            // as the cluster fails data over its limit.
            answerAtNextPoll(correlationId, handler, ResultCode.DATA_TOO_LARGE);
            return correlationId;
        }
        if (pending.size() >= ctx.maxPending())
        {
            answerAtNextPoll(correlationId, handler, ResultCode.TOO_MANY_REQUESTS);
            return correlationId;
        }
        final PendingRequests.Pending request = pending.add(correlationId, handler, buffer, length);
        if (1 == pending.unsent() && pending.size() - 1 < ctx.maxInFlight())
        {
            if (offer(request.request, request.length))
            {
                pending.markSent(request);
            }
        }
        // Otherwise earlier requests are still waiting to go out, or enough are in flight: this one follows, in
        // order, from poll().
        return correlationId;
    }

    /**
     * Offer once: never waits and never polls, so no callback can run inside a send.
     *
     * @return true if the cluster took the message; false leaves it for a later {@link #poll()} (back pressure, or
     * no leader reachable now).
     */
    private boolean offer(final MutableDirectBuffer buffer, final int length)
    {
        if (null == cluster)
        {
            return false;
        }
        // Written before the connection changed, a request carries the old connection's token: give it this one's.
        encoder.stampToken(buffer);
        if (cluster.offer(buffer, 0, length) <= 0)
        {
            return false;
        }
        lastSentNs = System.nanoTime();
        return true;
    }

    private int sendUnsent()
    {
        final int count = pending.sortedIds();
        final long[] ids = pending.ids();
        int sent = 0;
        for (int i = 0; i < count; i++)
        {
            final PendingRequests.Pending request = pending.get(ids[i]);
            if (!request.sent && (!awaitingResume || resumeHandler == request.handler))
            {
                if (pending.size() - pending.unsent() >= ctx.maxInFlight() && resumeHandler != request.handler)
                {
                    break;
                }
                if (!offer(request.request, request.length))
                {
                    break;
                }
                pending.markSent(request);
                sent++;
            }
        }
        return sent;
    }

    private void onResponse(final Response response)
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
        return localReads;
    }

    private void onSessionEvent(final SessionState newState)
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
     * The largest request the ingress takes in one message.
     */
    private int maxRequestLength()
    {
        return null == cluster ? Integer.MAX_VALUE : cluster.maxMessageLength();
    }

    /**
     * Answer a request here, at the next poll, never inside the call that made it.
     */
    private void answerAtNextPoll(final long correlationId, final ResponseHandler handler, final ResultCode code)
    {
        answerAtNextPoll(correlationId, handler, code, null);
    }

    /**
     * @param removal null, or one watcher to remove just before the answer.
     */
    private void answerAtNextPoll(
        final long correlationId, final ResponseHandler handler, final ResultCode code, final LocalRemoval removal)
    {
        oversizedIds.addLong(correlationId);
        oversizedHandlers.add(handler);
        oversizedCodes.add(code);
        localRemovals.add(removal);
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
            answerAtNextPoll(correlationId, handler, ResultCode.NO_WATCHER);
        }
        else if (others > 0)
        {
            // Removed at the next poll, with the answer: no watcher is told inside the call.
            answerAtNextPoll(correlationId, handler, ResultCode.OK, new LocalRemoval(path.toString(), type, watcher));
        }
        else
        {
            watches.expectRemoval(correlationId, path, type, local);
            send(correlationId, buffer, length, handler);
        }
        return correlationId;
    }

    /**
     * Give the answers decided here (DATA_TOO_LARGE for requests too large to send, local removeWatches answers) in
     * the order the requests were made.
     */
    private int failOversized()
    {
        // A handler may make another oversized request: it is answered in this pass too.
        int count = 0;
        for (; count < oversizedIds.size(); count++)
        {
            final int i = count;
            final long correlationId = oversizedIds.getLong(i);
            final ResponseHandler handler = oversizedHandlers.get(i);
            final ResultCode code = oversizedCodes.get(i);
            final LocalRemoval removal = localRemovals.get(i);
            if (null != removal)
            {
                watches.removeWatcher(removal.path, removal.type, removal.watcher, lastZxid);
            }
            else
            {
                watches.onRequestFailed(correlationId);
            }
            if (null != handler)
            {
                response.reset(0, correlationId, code, lastZxid);
                handler.onResponse(response);
            }
        }
        oversizedIds.clear();
        oversizedHandlers.clear();
        oversizedCodes.clear();
        localRemovals.clear();
        return count;
    }

    private void failPending(final ResultCode code)
    {
        if (null != localReads)
        {
            localReads.failAll(code, lastZxid);
        }
        final int count = pending.sortedIds();
        final long[] ids = pending.ids();
        for (int i = 0; i < count; i++)
        {
            final ResponseHandler handler = pending.complete(ids[i]);
            final long callerId = pending.completedCallerId();
            watches.onRequestFailed(callerId);
            if (null != handler)
            {
                response.reset(0, callerId, code, lastZxid);
                handler.onResponse(response);
            }
        }
    }

    /**
     * Receives egress from the cluster: answers, watch events, session events, new-leader notices.
     */
    private final class Egress implements EgressListener
    {
        @Override
        public void onMessage(
            final long clusterSessionId,
            final long timestamp,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final Header header)
        {
            lastReceivedNs = System.nanoTime();
            if (SessionState.DISCONNECTED == state && 0 != sessionId && !awaitingResume)
            {
                changeState(SessionState.CONNECTED);
            }
            if (decoder.decode(buffer, offset, response))
            {
                onResponse(response);
                return;
            }
            headerDecoder.wrap(buffer, offset);
            if (MessageHeaderDecoder.SCHEMA_ID != headerDecoder.schemaId())
            {
                return;
            }
            final int templateId = headerDecoder.templateId();
            if (WatchEventDecoder.TEMPLATE_ID == templateId)
            {
                // An event's change counts as seen: a local read after it must show that change, as ZooKeeper's.
                lastZxid = Math.max(lastZxid, buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH,
                    java.nio.ByteOrder.LITTLE_ENDIAN));
                watches.onWatchEvent(buffer, offset, sessionId);
            }
            else if (SessionEventDecoder.TEMPLATE_ID == templateId)
            {
                sessionEventDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
                ClientConductor.this.onSessionEvent(sessionEventDecoder.state());
            }
        }

        @Override
        public void onNewLeader(
            final long clusterSessionId, final long leadershipTermId, final int leaderMemberId, final String ingressEndpoints)
        {
            // Requests sent to the old leader may not have reached the log: send them all again. The cluster
            // answers a write it already applied from memory instead of applying it twice.
            pending.markAllUnsent();
        }
    }
}
