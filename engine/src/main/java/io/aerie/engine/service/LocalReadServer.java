package io.aerie.engine.service;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.cluster.service.Cluster;
import io.aeron.logbuffer.Header;
import io.aerie.codecs.BooleanType;
import io.aerie.codecs.ExistsRequestDecoder;
import io.aerie.codecs.GetACLRequestDecoder;
import io.aerie.codecs.GetAllChildrenNumberRequestDecoder;
import io.aerie.codecs.GetChildrenRequestDecoder;
import io.aerie.codecs.GetDataRequestDecoder;
import io.aerie.codecs.GetEphemeralsRequestDecoder;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.ReadHeaderDecoder;
import io.aerie.codecs.ReadOpenRequestDecoder;
import io.aerie.codecs.RequestTypes;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.session.Session;
import io.aerie.engine.session.SessionTokens;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * The node's read path beside the log (docs/local-reads.md): reads that leave no watch, answered from this node's
 * own state by the service thread between log fragments ({@code doBackgroundWork}), over a read channel of its own.
 * <p>
 * A client first opens a read connection ({@link ReadConnections}, by a {@code ReadOpenRequest}: its cluster session
 * id, that connection's token and a response channel on the host of its egress); then each read comes as {@code ReadHeader} + the request the log path
 * takes. The token must be the one the cluster session authenticated with (from the log, as {@link RequestBinding}
 * checks it), the read is answered as that session, ACLs included, by {@link ReadRequests}' own handlers, and it is
 * held until this node has applied the client's last seen zxid and bound its session. Nothing here changes
 * replicated state. Service thread only, and never while a log entry is being applied.
 */
final class LocalReadServer implements AutoCloseable
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int FRAGMENT_LIMIT = 16;
    private static final long HOUSEKEEPING_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ServiceState state;
    private final ReadRequests reads;
    private final SessionTokens tokens;
    private final Cluster cluster;
    private final LocalReadsContext ctx;
    private final LocalReadCounters counters;
    private final ReadConnections connections;
    private final Subscription subscription;
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private final FragmentAssembler ipcAssembler = new FragmentAssembler(this::onIpcFragment);
    private final boolean ipcWanted;
    private ReadIpcEndpoint ipc;
    private final HeldReads held;
    private final boolean[] keep;
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ReadHeaderDecoder readHeaderDecoder = new ReadHeaderDecoder();
    private final UnsafeBuffer message = new UnsafeBuffer(0, 0);
    private boolean viaIpc;
    private long nowNs;
    private long nextHousekeepingNs;

    LocalReadServer(
        final LocalReadsContext ctx,
        final ServiceState state,
        final ReadRequests reads,
        final SessionTokens tokens,
        final Cluster cluster)
    {
        this.ctx = ctx;
        this.state = state;
        this.reads = reads;
        this.tokens = tokens;
        this.cluster = cluster;
        this.counters = new LocalReadCounters(cluster.aeron());
        this.connections = new ReadConnections(ctx, state, tokens, cluster, counters,
            null != ctx.replies() ? ctx.replies() : new AeronReadReplies(cluster.aeron()));
        this.subscription = null == ctx.channel() || null == cluster.aeron() ?
            null : cluster.aeron().addSubscription(ctx.channel(), ctx.streamId());
        this.ipcWanted = null != subscription && ctx.ipc();
        this.held = new HeldReads(ctx.maxHeld());
        this.keep = new boolean[ctx.maxHeld()];
    }

    /**
     * Answer what can be answered: held reads the node has caught up with, then new messages on the read channel.
     *
     * @param nowNs the container's clock.
     * @return work done.
     */
    int poll(final long nowNs)
    {
        this.nowNs = nowNs;
        int work = 0;
        if (held.size() > 0)
        {
            work += releaseHeld();
        }
        if (null != subscription)
        {
            work += subscription.poll(assembler, FRAGMENT_LIMIT);
        }
        if (null != ipc)
        {
            work += ipc.poll(ipcAssembler, FRAGMENT_LIMIT);
        }
        else if (ipcWanted && cluster.memberId() >= 0)
        {
            // The container learns its member id when it joins the log, after onStart: the endpoint is keyed by it.
            ipc = new ReadIpcEndpoint(cluster.aeron(), cluster.memberId(), ctx.streamId());
            work++;
        }
        if (connections.isAnyOpening() || nowNs - nextHousekeepingNs >= 0)
        {
            nextHousekeepingNs = nowNs + HOUSEKEEPING_INTERVAL_NS;
            work += connections.housekeeping(ipc, nowNs);
        }
        return work;
    }

    /**
     * A cluster session closed (from the log): its read connection closes too; its held reads are dropped.
     */
    void onSessionClose(final long clusterSessionId)
    {
        connections.onSessionClose(clusterSessionId);
    }

    /**
     * @return reads held now, for tests.
     */
    int heldCount()
    {
        return held.size();
    }

    LocalReadCounters counters()
    {
        return counters;
    }

    @Override
    public void close()
    {
        connections.close();
        CloseHelper.closeAll(ipc, subscription, counters);
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        viaIpc = false;
        onMessage(buffer, offset, length);
    }

    private void onIpcFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        viaIpc = true;
        try
        {
            onMessage(buffer, offset, length);
        }
        finally
        {
            viaIpc = false;
        }
    }

    /**
     * @return the incarnation the node's IPC read endpoint offers, or 0 with none; for tests.
     */
    long ipcIncarnation()
    {
        return null == ipc ? 0 : ipc.incarnation();
    }

    /**
     * One message from the read channel: a ReadOpenRequest, or a ReadHeader and its read. Anything else, or one that does
     * not name a known session with its token, is refused unanswered and counted: its answer would go to a victim.
     */
    void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            if (length >= HEADER)
            {
                headerDecoder.wrap(buffer, offset);
                final int templateId = headerDecoder.templateId();
                final int blockLength = headerDecoder.blockLength();
                if (MessageHeaderDecoder.SCHEMA_ID == headerDecoder.schemaId())
                {
                    if (ReadHeaderDecoder.TEMPLATE_ID == templateId && blockLength >= ReadHeaderDecoder.BLOCK_LENGTH &&
                        length >= HEADER + blockLength + HEADER)
                    {
                        onRead(buffer, offset, length, blockLength, headerDecoder.version());
                        return;
                    }
                    if (ReadOpenRequestDecoder.TEMPLATE_ID == templateId && blockLength >= ReadOpenRequestDecoder.BLOCK_LENGTH)
                    {
                        connections.onOpen(
                            buffer, offset + HEADER, blockLength, headerDecoder.version(), viaIpc, ipc, nowNs);
                        return;
                    }
                }
            }
        }
        catch (final IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException ex)
        {
            // Malformed: counted below, never answered.
        }
        counters.forged.increment();
    }

    private void onRead(final DirectBuffer buffer, final int offset, final int length, final int blockLength, final int version)
    {
        readHeaderDecoder.wrap(buffer, offset + HEADER, blockLength, version);
        final long clusterSessionId = readHeaderDecoder.clusterSessionId();
        final long token = readHeaderDecoder.token();
        final ReadConnection connection = connections.get(clusterSessionId);
        if (null == connection || !connection.isOpen || token != connection.token ||
            !tokens.matches(clusterSessionId, token))
        {
            counters.forged.increment();
            return;
        }
        final int requestOffset = offset + HEADER + blockLength;
        final int requestLength = length - HEADER - blockLength;
        final long lastZxidSeen = readHeaderDecoder.lastZxidSeen();
        final Session session = state.sessions.boundTo(clusterSessionId);
        if (null == session || state.lastZxid < lastZxidSeen)
        {
            if (held.hold(clusterSessionId, lastZxidSeen, nowNs + ctx.holdTimeoutNs(), buffer, requestOffset, requestLength))
            {
                counters.held.increment();
            }
            else
            {
                counters.refused.increment();
                answerError(connection, buffer, requestOffset, requestLength, ResultCode.THROTTLED);
            }
            return;
        }
        serve(connection, session, buffer, requestOffset, requestLength);
    }

    private int releaseHeld()
    {
        int work = 0;
        final int size = held.size();
        for (int i = 0; i < size; i++)
        {
            final ReadConnection connection = connections.get(held.clusterSessionId(i));
            final Session session = null == connection ? null : state.sessions.boundTo(connection.clusterSessionId);
            keep[i] = false;
            if (null == connection)
            {
                continue; // Closed meanwhile: nobody to answer.
            }
            if (null != session && state.lastZxid >= held.minZxid(i))
            {
                serve(connection, session, held.request(i), 0, held.length(i));
                work++;
            }
            else if (nowNs - held.deadlineNs(i) >= 0)
            {
                counters.timedOut.increment();
                answerError(connection, held.request(i), 0, held.length(i), ResultCode.REQUEST_TIMEOUT);
                work++;
            }
            else
            {
                keep[i] = true;
            }
        }
        held.retain(keep);
        return work;
    }

    private void serve(
        final ReadConnection connection, final Session session, final DirectBuffer buffer, final int offset, final int length)
    {
        message.wrap(buffer, offset, length);
        int templateId = 0;
        try
        {
            headerDecoder.wrap(message, 0);
            templateId = headerDecoder.templateId();
            final int blockLength = headerDecoder.blockLength();
            final int minBlockLength = RequestTypes.minBlockLength(templateId);
            if (MessageHeaderDecoder.SCHEMA_ID != headerDecoder.schemaId() || blockLength < minBlockLength)
            {
                state.sendError(connection, correlationIdOf(message), templateId, ResultCode.MALFORMED_REQUEST);
            }
            else if (session.deadlineMs() <= state.logTimeMs)
            {
                // Past its deadline, its expiry not yet through the log: expired for reads too (nothing changes here).
                state.sendError(connection, correlationIdOf(message), templateId, ResultCode.SESSION_EXPIRED);
            }
            else
            {
                state.tree.actingAs(session.identities());
                dispatch(connection, session, templateId, blockLength, headerDecoder.version());
            }
            counters.served.increment();
            if (connection.ipc)
            {
                counters.servedIpc.increment();
            }
        }
        catch (final IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException ex)
        {
            state.sendError(connection, correlationIdOf(message), templateId, ResultCode.MALFORMED_REQUEST);
        }
        finally
        {
            state.tree.actingAs(null);
        }
    }

    private void dispatch(
        final ReadConnection connection, final Session session, final int templateId, final int blockLength,
        final int version)
    {
        if (!RequestTypes.is(templateId, RequestTypes.LOCAL_READ))
        {
            // Writes, sync, watches and session requests change replicated state or order: the log's alone.
            state.sendError(connection, correlationIdOf(message), templateId, ResultCode.UNIMPLEMENTED);
            return;
        }
        final int watchOffset = RequestTypes.watchFlagOffset(templateId);
        if (watchOffset >= 0 && BooleanType.TRUE.value() == message.getByte(HEADER + watchOffset))
        {
            // A read that would leave a watch is refused: watches are replicated state, left through the log.
            state.sendError(connection, correlationIdOf(message), templateId, ResultCode.BAD_ARGUMENTS);
            return;
        }
        switch (templateId)
        {
            case ExistsRequestDecoder.TEMPLATE_ID:
                reads.onExists(connection, session, message, 0, blockLength, version);
                break;
            case GetDataRequestDecoder.TEMPLATE_ID:
                reads.onGetData(connection, session, message, 0, blockLength, version);
                break;
            case GetChildrenRequestDecoder.TEMPLATE_ID:
                reads.onGetChildren(connection, session, message, 0, blockLength, version);
                break;
            case GetAllChildrenNumberRequestDecoder.TEMPLATE_ID:
                reads.onGetAllChildrenNumber(connection, message, 0, blockLength, version);
                break;
            case GetEphemeralsRequestDecoder.TEMPLATE_ID:
                reads.onGetEphemerals(connection, session, message, 0, blockLength, version);
                break;
            case GetACLRequestDecoder.TEMPLATE_ID:
                reads.onGetAcl(connection, message, 0, blockLength, version);
                break;
            default:
                state.sendError(connection, correlationIdOf(message), templateId, ResultCode.UNIMPLEMENTED);
        }
    }

    private void answerError(
        final ReadConnection connection, final DirectBuffer buffer, final int offset, final int length, final ResultCode code)
    {
        message.wrap(buffer, offset, length);
        final int templateId = length >= HEADER ? message.getShort(2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF : 0;
        state.sendError(connection, correlationIdOf(message), templateId, code);
    }

    private static long correlationIdOf(final DirectBuffer request)
    {
        return request.capacity() >= HEADER + Long.BYTES ? request.getLong(HEADER, ByteOrder.LITTLE_ENDIAN) : 0;
    }
}
