package io.aerie.client;

import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.Header;
import io.aerie.codecs.ConnectResponseDecoder;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionEventDecoder;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The thin client of an Aerie cluster: one session, requests and their answers.
 * <p>
 * {@link #connect(Context)} reaches the cluster over Aeron (an embedded media driver, or an external one) and
 * opens a session. Every operation exists in two forms: asynchronous, returning the request's correlation
 * id and answering a {@link ResponseHandler} later from {@link #poll()} (nothing allocated per call in steady
 * state), and blocking, for scripts and tests, returning the result or throwing {@link AerieException}.
 * <p>
 * The client survives a leader change: requests in flight are sent again to the new leader, and the cluster
 * answers a resent write with its original answer rather than applying it twice. It keeps its session alive
 * with keepalives from {@link #poll()}, so a client must be polled at least every third of its session
 * timeout. If the cluster stays silent longer than the session timeout the client reports DISCONNECTED.
 * <p>
 * Not thread safe: one thread sends, polls and receives callbacks.
 */
public final class AerieClient implements AutoCloseable
{
    private final Context ctx;
    private final MediaDriver driver;
    private final RequestEncoder encoder = new RequestEncoder();
    private final ResponseDecoder decoder = new ResponseDecoder();
    private final Response response = new Response();
    private final PendingRequests pending = new PendingRequests();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final SessionEventDecoder sessionEventDecoder = new SessionEventDecoder();
    private final Egress egress = new Egress();
    private final BlockingResult blocking = new BlockingResult();
    private final IdleStrategy idleStrategy;
    private AeronCluster cluster;
    private long nextCorrelationId = 1;
    private long sessionId;
    private long password;
    private int sessionTimeoutMs;
    private long lastZxid;
    private SessionState state = SessionState.DISCONNECTED;
    private long lastReceivedNs;
    private long lastSentNs;
    private boolean awaitingResume;
    private AeronCluster.AsyncConnect asyncConnect;
    private final ResponseHandler resumeHandler = this::onResumed;

    private AerieClient(final Context ctx)
    {
        this.ctx = ctx;
        this.idleStrategy = ctx.idleStrategySupplier().get();
        this.driver = null == ctx.aeronDirectoryName() ? launchEmbeddedDriver(ctx) : null;
    }

    /**
     * Connect to the cluster and open a session.
     *
     * @param ctx configuration; concluded here.
     * @return a connected client.
     * @throws AerieException if the session could not be opened (for example the cluster refused it).
     * @throws io.aeron.exceptions.TimeoutException if the cluster could not be reached in time.
     */
    public static AerieClient connect(final Context ctx) throws AerieException
    {
        final AerieClient client = new AerieClient(ctx.conclude());
        try
        {
            client.connectCluster();
            client.openSession(0, 0);
            return client;
        }
        catch (final AerieException | RuntimeException ex)
        {
            client.closeResources();
            throw ex;
        }
    }

    /**
     * Do the client's work: receive answers and events (callbacks run here), keep the session alive, notice
     * a silent cluster, send in-flight requests again after a leader change.
     *
     * @return amount of work done, for an idle strategy.
     */
    public int poll()
    {
        final long nowNs = System.nanoTime();
        if (cluster.isClosed())
        {
            return reconnect(nowNs);
        }
        int work = cluster.pollEgress();
        if (pending.unsent() > 0)
        {
            work += sendUnsent();
        }
        if (SessionState.CONNECTED == state)
        {
            if (nowNs - lastSentNs > ctx.keepAliveIntervalNs(sessionTimeoutMs))
            {
                final long correlationId = nextCorrelationId++;
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

    /**
     * @return the session id, as ZooKeeper's.
     */
    public long sessionId()
    {
        return sessionId;
    }

    /**
     * @return the session timeout the cluster granted, ms.
     */
    public int sessionTimeoutMs()
    {
        return sessionTimeoutMs;
    }

    /**
     * @return the session's state as the client knows it.
     */
    public SessionState state()
    {
        return state;
    }

    /**
     * @return the highest zxid this client has seen in an answer.
     */
    public long lastZxid()
    {
        return lastZxid;
    }

    /**
     * @return member id of the cluster leader the client talks to.
     */
    public int leaderMemberId()
    {
        return cluster.leaderMemberId();
    }

    /**
     * @return number of requests sent and not yet answered.
     */
    public int pendingRequests()
    {
        return pending.size();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Asynchronous API: each returns the request's correlation id; the handler is called from poll().
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Create a node; see ZooKeeper's create. The handler gets the created path and stat.
     *
     * @param ttlMs TTL for the TTL modes, -1 otherwise.
     * @return the correlation id.
     */
    public long create(
        final CharSequence path,
        final DirectBuffer data,
        final int dataOffset,
        final int dataLength,
        final AclList acl,
        final CreateMode mode,
        final long ttlMs,
        final ResponseHandler handler)
    {
        final long correlationId = nextCorrelationId++;
        return send(correlationId, encoder.create(correlationId, path, data, dataOffset, dataLength, acl, mode, ttlMs), handler);
    }

    /**
     * Delete a childless node, if its version matches (-1 for any).
     *
     * @return the correlation id.
     */
    public long delete(final CharSequence path, final int version, final ResponseHandler handler)
    {
        final long correlationId = nextCorrelationId++;
        return send(correlationId, encoder.delete(correlationId, path, version), handler);
    }

    /**
     * Read a node's stat; the answer's code is NO_NODE when it does not exist.
     *
     * @return the correlation id.
     */
    public long exists(final CharSequence path, final ResponseHandler handler)
    {
        final long correlationId = nextCorrelationId++;
        return send(correlationId, encoder.exists(correlationId, path, false), handler);
    }

    /**
     * Read a node's data and stat.
     *
     * @return the correlation id.
     */
    public long getData(final CharSequence path, final ResponseHandler handler)
    {
        final long correlationId = nextCorrelationId++;
        return send(correlationId, encoder.getData(correlationId, path, false), handler);
    }

    /**
     * Replace a node's data if its version matches (-1 for any).
     *
     * @return the correlation id.
     */
    public long setData(
        final CharSequence path,
        final DirectBuffer data,
        final int dataOffset,
        final int dataLength,
        final int version,
        final ResponseHandler handler)
    {
        final long correlationId = nextCorrelationId++;
        return send(correlationId, encoder.setData(correlationId, path, data, dataOffset, dataLength, version), handler);
    }

    /**
     * List a node's children, sorted, with its stat.
     *
     * @return the correlation id.
     */
    public long getChildren(final CharSequence path, final ResponseHandler handler)
    {
        final long correlationId = nextCorrelationId++;
        return send(correlationId, encoder.getChildren(correlationId, path, false), handler);
    }

    /**
     * Count all descendants of a node.
     *
     * @return the correlation id.
     */
    public long getAllChildrenNumber(final CharSequence path, final ResponseHandler handler)
    {
        final long correlationId = nextCorrelationId++;
        return send(correlationId, encoder.getAllChildrenNumber(correlationId, path), handler);
    }

    /**
     * List this session's ephemerals under a prefix ("/" for all).
     *
     * @return the correlation id.
     */
    public long getEphemerals(final CharSequence prefixPath, final ResponseHandler handler)
    {
        final long correlationId = nextCorrelationId++;
        return send(correlationId, encoder.getEphemerals(correlationId, prefixPath), handler);
    }

    /**
     * Read a node's ACL and stat.
     *
     * @return the correlation id.
     */
    public long getAcl(final CharSequence path, final ResponseHandler handler)
    {
        final long correlationId = nextCorrelationId++;
        return send(correlationId, encoder.getAcl(correlationId, path), handler);
    }

    /**
     * Replace a node's ACL if its ACL version matches (-1 for any).
     *
     * @return the correlation id.
     */
    public long setAcl(final CharSequence path, final AclList acl, final int aversion, final ResponseHandler handler)
    {
        final long correlationId = nextCorrelationId++;
        return send(correlationId, encoder.setAcl(correlationId, path, acl, aversion), handler);
    }

    /**
     * Answered once every write ordered before it has been applied.
     *
     * @return the correlation id.
     */
    public long sync(final CharSequence path, final ResponseHandler handler)
    {
        final long correlationId = nextCorrelationId++;
        return send(correlationId, encoder.sync(correlationId, path), handler);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Blocking API: for scripts, tools and tests. Allocates; throws AerieException with the error code.
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Create a node and wait for the answer.
     *
     * @param ttlMs TTL for the TTL modes, -1 otherwise.
     * @return the created path (with the sequence suffix for sequential modes).
     * @throws AerieException with the error code, e.g. NODE_EXISTS or NO_NODE.
     */
    public String create(final String path, final byte[] data, final AclList acl, final CreateMode mode, final long ttlMs)
        throws AerieException
    {
        final byte[] bytes = null == data ? new byte[0] : data;
        await(create(path, new UnsafeBuffer(bytes), 0, bytes.length, acl, mode, ttlMs, blocking), path);
        return blocking.path;
    }

    /**
     * Create a persistent node open to all.
     *
     * @return the created path.
     * @throws AerieException with the error code.
     */
    public String create(final String path, final byte[] data) throws AerieException
    {
        return create(path, data, AclList.openAclUnsafe(), CreateMode.PERSISTENT, -1);
    }

    /**
     * Delete a node and wait.
     *
     * @throws AerieException with the error code, e.g. NO_NODE, BAD_VERSION, NOT_EMPTY.
     */
    public void delete(final String path, final int version) throws AerieException
    {
        await(delete(path, version, blocking), path);
    }

    /**
     * @return the node's stat, or null if it does not exist.
     * @throws AerieException with the error code for other errors.
     */
    public Stat exists(final String path) throws AerieException
    {
        final long correlationId = exists(path, blocking);
        awaitAnswer(correlationId);
        if (ResultCode.NO_NODE == blocking.code)
        {
            return null;
        }
        throwIfError(path);
        return new Stat().set(blocking.stat);
    }

    /**
     * Read a node's data.
     *
     * @return the data.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public byte[] getData(final String path) throws AerieException
    {
        return getData(path, (Stat)null);
    }

    /**
     * Read a node's data.
     *
     * @param stat if not null, filled with the node's stat.
     * @return the data.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public byte[] getData(final String path, final Stat stat) throws AerieException
    {
        await(getData(path, blocking), path);
        if (null != stat)
        {
            stat.set(blocking.stat);
        }
        return blocking.data;
    }

    /**
     * Replace a node's data.
     *
     * @return the stat after the change.
     * @throws AerieException with the error code, e.g. NO_NODE, BAD_VERSION.
     */
    public Stat setData(final String path, final byte[] data, final int version) throws AerieException
    {
        final byte[] bytes = null == data ? new byte[0] : data;
        await(setData(path, new UnsafeBuffer(bytes), 0, bytes.length, version, blocking), path);
        return new Stat().set(blocking.stat);
    }

    /**
     * @return the node's children names, sorted.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public List<String> getChildren(final String path) throws AerieException
    {
        await(getChildren(path, blocking), path);
        return blocking.names;
    }

    /**
     * @return the number of descendants of the node.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public long getAllChildrenNumber(final String path) throws AerieException
    {
        await(getAllChildrenNumber(path, blocking), path);
        return blocking.count;
    }

    /**
     * @return this session's ephemeral paths under the prefix, sorted.
     * @throws AerieException with the error code.
     */
    public List<String> getEphemerals(final String prefixPath) throws AerieException
    {
        await(getEphemerals(prefixPath, blocking), prefixPath);
        return blocking.names;
    }

    /**
     * @return the node's ACL.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public AclList getAcl(final String path) throws AerieException
    {
        return getAcl(path, (Stat)null);
    }

    /**
     * @param stat if not null, filled with the node's stat.
     * @return the node's ACL.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public AclList getAcl(final String path, final Stat stat) throws AerieException
    {
        await(getAcl(path, blocking), path);
        if (null != stat)
        {
            stat.set(blocking.stat);
        }
        return new AclList().copyFrom(blocking.acl);
    }

    /**
     * Replace a node's ACL.
     *
     * @return the stat after the change.
     * @throws AerieException with the error code.
     */
    public Stat setAcl(final String path, final AclList acl, final int aversion) throws AerieException
    {
        await(setAcl(path, acl, aversion, blocking), path);
        return new Stat().set(blocking.stat);
    }

    /**
     * Wait until every write ordered before this call has been applied.
     *
     * @throws AerieException with the error code.
     */
    public void sync(final String path) throws AerieException
    {
        await(sync(path, blocking), path);
    }

    /**
     * Close the session (its ephemerals are deleted at once), then the connection and any embedded driver.
     */
    @Override
    public void close()
    {
        try
        {
            if (SessionState.CONNECTED == state && null != cluster && !cluster.isClosed())
            {
                final long correlationId = nextCorrelationId++;
                send(correlationId, encoder.closeSession(correlationId), blocking);
                blocking.reset(correlationId);
                final long deadlineNs = System.nanoTime() + ctx.requestTimeoutNs();
                while (!blocking.done && System.nanoTime() < deadlineNs && !cluster.isClosed())
                {
                    idleStrategy.idle(cluster.pollEgress());
                }
                changeState(SessionState.CLOSED);
            }
        }
        finally
        {
            closeResources();
        }
    }

    private void closeResources()
    {
        CloseHelper.quietClose(asyncConnect);
        CloseHelper.quietClose(cluster);
        CloseHelper.quietClose(driver);
    }

    private void connectCluster()
    {
        cluster = AeronCluster.connect(newClusterContext());
        lastReceivedNs = System.nanoTime();
    }

    private AeronCluster.Context newClusterContext()
    {
        return new AeronCluster.Context()
            .ingressChannel(ctx.ingressChannel())
            .ingressEndpoints(ctx.ingressEndpoints())
            .egressChannel(ctx.egressChannel())
            .egressListener(egress)
            .messageTimeoutNs(ctx.requestTimeoutNs())
            .aeronDirectoryName(null == driver ? ctx.aeronDirectoryName() : driver.aeronDirectoryName());
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
                asyncConnect = AeronCluster.asyncConnect(newClusterContext());
            }
            final AeronCluster connected = asyncConnect.poll();
            if (null == connected)
            {
                return 1;
            }
            asyncConnect = null;
            CloseHelper.quietClose(cluster);
            cluster = connected;
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
        final long correlationId = nextCorrelationId++;
        final int length = encoder.connect(correlationId, ctx.sessionTimeoutMs(), sessionId, password, lastZxid);
        pending.add(correlationId, resumeHandler, encoder.buffer(), length);
        final PendingRequests.Pending request = pending.get(correlationId);
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

    private void openSession(final long resumeSessionId, final long resumePassword) throws AerieException
    {
        final long correlationId = nextCorrelationId++;
        send(correlationId, encoder.connect(correlationId, ctx.sessionTimeoutMs(), resumeSessionId, resumePassword, lastZxid),
            blocking);
        awaitAnswer(correlationId);
        if (ResultCode.OK != blocking.code)
        {
            throw new AerieException(blocking.code, null);
        }
        changeState(SessionState.CONNECTED);
    }

    private long send(final long correlationId, final int length, final ResponseHandler handler)
    {
        pending.add(correlationId, handler, encoder.buffer(), length);
        if (1 == pending.unsent())
        {
            final PendingRequests.Pending request = pending.get(correlationId);
            if (offer(request.request, request.length))
            {
                pending.markSent(request);
            }
        }
        // Otherwise earlier requests are still waiting to go out: this one follows them, in order, from poll().
        return correlationId;
    }

    /**
     * @return true if the cluster took the message; false leaves it for a later {@link #poll()} (no leader
     * reachable now, or back pressure past the request timeout).
     */
    private boolean offer(final DirectBuffer buffer, final int length)
    {
        final long deadlineNs = System.nanoTime() + ctx.requestTimeoutNs();
        idleStrategy.reset();
        while (true)
        {
            final long result = cluster.offer(buffer, 0, length);
            if (result > 0)
            {
                lastSentNs = System.nanoTime();
                return true;
            }
            if (Publication.NOT_CONNECTED == result || Publication.CLOSED == result ||
                Publication.MAX_POSITION_EXCEEDED == result || System.nanoTime() > deadlineNs)
            {
                return false;
            }
            idleStrategy.idle(cluster.pollEgress());
        }
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

    private void await(final long correlationId, final String path) throws AerieException
    {
        awaitAnswer(correlationId);
        throwIfError(path);
    }

    private void throwIfError(final String path) throws AerieException
    {
        if (ResultCode.OK != blocking.code)
        {
            throw new AerieException(blocking.code, path);
        }
    }

    private void awaitAnswer(final long correlationId) throws AerieException
    {
        blocking.reset(correlationId);
        final long deadlineNs = System.nanoTime() + ctx.requestTimeoutNs();
        idleStrategy.reset();
        while (!blocking.done)
        {
            if (System.nanoTime() > deadlineNs)
            {
                pending.complete(correlationId);
                throw new AerieException(ResultCode.OPERATION_TIMEOUT, null);
            }
            idleStrategy.idle(poll());
        }
    }

    private void onResponse(final Response response)
    {
        lastZxid = Math.max(lastZxid, response.zxid());
        final int templateId = response.templateId();
        if (ConnectResponseDecoder.TEMPLATE_ID == templateId && ResultCode.OK == response.code())
        {
            sessionId = response.sessionId;
            password = response.password;
            sessionTimeoutMs = response.negotiatedTimeoutMs;
        }
        final ResponseHandler handler = pending.complete(response.correlationId());
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

    private void onSessionEvent(final SessionState newState)
    {
        if (SessionState.EXPIRED == newState)
        {
            changeState(SessionState.EXPIRED);
        }
    }

    private void changeState(final SessionState newState)
    {
        if (state != newState)
        {
            state = newState;
            if (SessionState.CONNECTED != newState && SessionState.DISCONNECTED != newState)
            {
                failPending(SessionState.EXPIRED == newState ? ResultCode.SESSION_EXPIRED : ResultCode.CONNECTION_LOSS);
            }
            ctx.sessionListener().onSessionStateChange(newState, sessionId);
        }
    }

    private void failPending(final ResultCode code)
    {
        final int count = pending.sortedIds();
        final long[] ids = pending.ids();
        for (int i = 0; i < count; i++)
        {
            final ResponseHandler handler = pending.complete(ids[i]);
            if (null != handler)
            {
                response.reset(0, ids[i], code, lastZxid);
                handler.onResponse(response);
            }
        }
    }

    private static MediaDriver launchEmbeddedDriver(final Context ctx)
    {
        return MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(ctx.embeddedAeronDirectoryName())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(ctx.idleStrategySupplier().get())
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    /**
     * Receives egress from the cluster: answers, session events, new-leader notices.
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
            if (SessionEventDecoder.TEMPLATE_ID == headerDecoder.templateId() &&
                MessageHeaderDecoder.SCHEMA_ID == headerDecoder.schemaId())
            {
                sessionEventDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
                AerieClient.this.onSessionEvent(sessionEventDecoder.state());
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

    /**
     * Copies what a blocking call needs out of the reusable {@link Response}.
     */
    private static final class BlockingResult implements ResponseHandler
    {
        long correlationId;
        boolean done;
        ResultCode code;
        final Stat stat = new Stat();
        final AclList acl = new AclList();
        String path;
        byte[] data;
        List<String> names;
        long count;

        void reset(final long correlationId)
        {
            this.correlationId = correlationId;
            done = false;
        }

        @Override
        public void onResponse(final Response response)
        {
            if (response.correlationId() != correlationId)
            {
                return;
            }
            code = response.code();
            stat.set(response.stat());
            path = response.path().toString();
            data = new byte[response.dataLength()];
            response.data().getBytes(0, data);
            names = response.names().toList();
            acl.copyFrom(response.acl());
            count = response.count();
            done = true;
        }
    }

    /**
     * Configuration of a client, with defaults from {@code aerie.client.*} system properties.
     */
    public static final class Context
    {
        /** Cluster members' ingress endpoints, "0=host:port,1=host:port,...". */
        public static final String INGRESS_ENDPOINTS_PROP_NAME = "aerie.client.ingress.endpoints";
        /** Ingress channel; the term length must fit the largest request (1 MiB data: 16 MiB terms). */
        public static final String INGRESS_CHANNEL_PROP_NAME = "aerie.client.ingress.channel";
        /** Default for {@link #INGRESS_CHANNEL_PROP_NAME}. */
        public static final String INGRESS_CHANNEL_DEFAULT = "aeron:udp?term-length=16m|sparse=true";
        /** Egress channel the cluster answers on. */
        public static final String EGRESS_CHANNEL_PROP_NAME = "aerie.client.egress.channel";
        /** Default for {@link #EGRESS_CHANNEL_PROP_NAME}. */
        public static final String EGRESS_CHANNEL_DEFAULT = "aeron:udp?endpoint=localhost:0|term-length=16m";
        /** Requested session timeout, ms (the cluster clamps it to its bounds). */
        public static final String SESSION_TIMEOUT_PROP_NAME = "aerie.client.session.timeout.ms";
        /** Default for {@link #SESSION_TIMEOUT_PROP_NAME}. */
        public static final int SESSION_TIMEOUT_DEFAULT = 10_000;
        /** How long a blocking call or a connect waits, ns. */
        public static final String REQUEST_TIMEOUT_PROP_NAME = "aerie.client.request.timeout.ns";
        /** Default for {@link #REQUEST_TIMEOUT_PROP_NAME}: 10 s. */
        public static final long REQUEST_TIMEOUT_DEFAULT = TimeUnit.SECONDS.toNanos(10);
        /** External media driver directory; unset launches an embedded driver. */
        public static final String AERON_DIRECTORY_PROP_NAME = "aerie.client.aeron.dir";

        private boolean concluded;
        private String ingressEndpoints = System.getProperty(INGRESS_ENDPOINTS_PROP_NAME);
        private String ingressChannel = System.getProperty(INGRESS_CHANNEL_PROP_NAME, INGRESS_CHANNEL_DEFAULT);
        private String egressChannel = System.getProperty(EGRESS_CHANNEL_PROP_NAME, EGRESS_CHANNEL_DEFAULT);
        private int sessionTimeoutMs = Integer.getInteger(SESSION_TIMEOUT_PROP_NAME, SESSION_TIMEOUT_DEFAULT);
        private long requestTimeoutNs = Long.getLong(REQUEST_TIMEOUT_PROP_NAME, REQUEST_TIMEOUT_DEFAULT);
        private String aeronDirectoryName = System.getProperty(AERON_DIRECTORY_PROP_NAME);
        private String embeddedAeronDirectoryName;
        private Supplier<IdleStrategy> idleStrategySupplier;
        private SessionListener sessionListener;

        /**
         * Fill defaults and check invariants once.
         *
         * @return this.
         * @throws IllegalArgumentException on missing or bad configuration.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (null == ingressEndpoints || ingressEndpoints.isEmpty())
            {
                throw new IllegalArgumentException("ingressEndpoints must be set, e.g. 0=localhost:20000");
            }
            if (sessionTimeoutMs <= 0 || requestTimeoutNs <= 0)
            {
                throw new IllegalArgumentException("sessionTimeoutMs and requestTimeoutNs must be > 0");
            }
            if (null == idleStrategySupplier)
            {
                idleStrategySupplier = () -> new BackoffIdleStrategy(10, 20, 1_000, 100_000);
            }
            if (null == sessionListener)
            {
                sessionListener = (state, id) -> {};
            }
            if (null == embeddedAeronDirectoryName)
            {
                embeddedAeronDirectoryName = io.aeron.CommonContext.getAeronDirectoryName() + "-aerie-client-" + UUID.randomUUID();
            }
            concluded = true;
            return this;
        }

        long keepAliveIntervalNs(final int sessionTimeoutMs)
        {
            return TimeUnit.MILLISECONDS.toNanos(Math.max(1, sessionTimeoutMs / 3));
        }

        /** @return the members' ingress endpoints. */
        public String ingressEndpoints()
        {
            return ingressEndpoints;
        }

        /** @param ingressEndpoints "0=host:port,1=host:port,..." @return this. */
        public Context ingressEndpoints(final String ingressEndpoints)
        {
            this.ingressEndpoints = ingressEndpoints;
            return this;
        }

        /** @return the ingress channel. */
        public String ingressChannel()
        {
            return ingressChannel;
        }

        /** @param ingressChannel the ingress channel. @return this. */
        public Context ingressChannel(final String ingressChannel)
        {
            this.ingressChannel = ingressChannel;
            return this;
        }

        /** @return the egress channel. */
        public String egressChannel()
        {
            return egressChannel;
        }

        /** @param egressChannel the egress channel. @return this. */
        public Context egressChannel(final String egressChannel)
        {
            this.egressChannel = egressChannel;
            return this;
        }

        /** @return requested session timeout, ms. */
        public int sessionTimeoutMs()
        {
            return sessionTimeoutMs;
        }

        /** @param sessionTimeoutMs requested session timeout, ms. @return this. */
        public Context sessionTimeoutMs(final int sessionTimeoutMs)
        {
            this.sessionTimeoutMs = sessionTimeoutMs;
            return this;
        }

        /** @return how long a blocking call waits, ns. */
        public long requestTimeoutNs()
        {
            return requestTimeoutNs;
        }

        /** @param requestTimeoutNs how long a blocking call waits, ns. @return this. */
        public Context requestTimeoutNs(final long requestTimeoutNs)
        {
            this.requestTimeoutNs = requestTimeoutNs;
            return this;
        }

        /** @return external media driver directory, or null for an embedded driver. */
        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /** @param aeronDirectoryName external media driver directory; null for an embedded one. @return this. */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /** @return directory of the embedded driver, when there is one. */
        public String embeddedAeronDirectoryName()
        {
            return embeddedAeronDirectoryName;
        }

        /** @param embeddedAeronDirectoryName directory of the embedded driver. @return this. */
        public Context embeddedAeronDirectoryName(final String embeddedAeronDirectoryName)
        {
            this.embeddedAeronDirectoryName = embeddedAeronDirectoryName;
            return this;
        }

        /** @return supplier of idle strategies (one per agent: they are stateful). */
        public Supplier<IdleStrategy> idleStrategySupplier()
        {
            return idleStrategySupplier;
        }

        /** @param idleStrategySupplier supplier of idle strategies. @return this. */
        public Context idleStrategySupplier(final Supplier<IdleStrategy> idleStrategySupplier)
        {
            this.idleStrategySupplier = idleStrategySupplier;
            return this;
        }

        /** @return the session state listener. */
        public SessionListener sessionListener()
        {
            return sessionListener;
        }

        /** @param sessionListener told of session state changes, on the polling thread. @return this. */
        public Context sessionListener(final SessionListener sessionListener)
        {
            this.sessionListener = sessionListener;
            return this;
        }
    }
}
