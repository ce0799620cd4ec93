package io.aerie.engine.service;

import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ReadOpenRequestDecoder;
import io.aerie.codecs.ReadOpenResponseEncoder;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.session.SessionTokens;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Iterator;

/**
 * The read channel's connections on this node, one per cluster session: opened by a {@code ReadOpenRequest} that
 * names a session with the token it authenticated with and an answer channel on that session's host (or IPC, taken
 * only over IPC); answered with a {@code ReadOpenResponse} once the client's subscription connects (after the IPC
 * offer, to a client on this host); closed when the session closes, or when the client never connects or goes.
 * An open that fails any check is refused unanswered and counted as forged. Service thread only; allocates only when
 * a connection opens.
 */
final class ReadConnections implements AutoCloseable
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final LocalReadsContext ctx;
    private final ServiceState state;
    private final SessionTokens tokens;
    private final Cluster cluster;
    private final LocalReadCounters counters;
    private final ReadReplies replies;
    private final Long2ObjectHashMap<ReadConnection> connections = new Long2ObjectHashMap<>();
    private final ReadOpenRequestDecoder openDecoder = new ReadOpenRequestDecoder();
    private final ReadOpenResponseEncoder openResponseEncoder = new ReadOpenResponseEncoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ExpandableArrayBuffer openResponse = new ExpandableArrayBuffer(64);
    private int opening;

    ReadConnections(
        final LocalReadsContext ctx,
        final ServiceState state,
        final SessionTokens tokens,
        final Cluster cluster,
        final LocalReadCounters counters,
        final ReadReplies replies)
    {
        this.ctx = ctx;
        this.state = state;
        this.tokens = tokens;
        this.cluster = cluster;
        this.counters = counters;
        this.replies = replies;
    }

    /**
     * @return the connection of that cluster session, or null.
     */
    ReadConnection get(final long clusterSessionId)
    {
        return connections.get(clusterSessionId);
    }

    /**
     * @return true while some connection waits for its open to be answered.
     */
    boolean isAnyOpening()
    {
        return opening > 0;
    }

    /**
     * A {@code ReadOpenRequest} (after the message header): open a connection, replacing that session's earlier one.
     *
     * @param viaIpc whether it came over the node's IPC endpoint.
     * @param ipc    the node's IPC endpoint, or null with none.
     */
    void onOpen(
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version,
        final boolean viaIpc,
        final ReadIpcEndpoint ipc,
        final long nowNs)
    {
        openDecoder.wrap(buffer, offset, blockLength, version);
        final long clusterSessionId = openDecoder.clusterSessionId();
        final long token = openDecoder.token();
        final long correlationId = openDecoder.correlationId();
        final int streamId = openDecoder.responseStreamId();
        final String channel = openDecoder.responseChannel(); // A handshake, not the read path: a String is fine.
        final ClientSession clusterSession = cluster.getClientSession(clusterSessionId);
        // Over IPC the answers stay in this host's shared memory, which the client already writes to: no host to
        // check. An IPC answer channel is taken only from IPC, a UDP one only from UDP.
        final boolean ipcChannel = ResponseHosts.isIpc(channel);
        if (!tokens.matches(clusterSessionId, token) || null == clusterSession || ipcChannel != viaIpc ||
            (!viaIpc && !ResponseHosts.sameHost(channel, clusterSession.responseChannel())))
        {
            counters.forged.increment();
            return;
        }
        final ReadConnection previous = connections.remove(clusterSessionId);
        // An open sent again to the same answer channel keeps the channel: a client's IPC answer channel names its
        // session id, which the driver would find clashing with the one still closing.
        final boolean reuse = null != previous && previous.ipc == viaIpc && previous.declaredStreamId == streamId &&
            channel.equals(previous.declaredChannel);
        if (null != previous)
        {
            if (reuse)
            {
                forget(previous);
            }
            else
            {
                closeConnection(previous);
            }
        }
        if (connections.size() >= ctx.maxConnections())
        {
            if (reuse)
            {
                previous.channel.close();
            }
            counters.refused.increment();
            return;
        }
        final ReadReplies.Channel replyChannel;
        try
        {
            replyChannel = reuse ? previous.channel : replies.open(channel, streamId);
        }
        catch (final RuntimeException ex)
        {
            counters.forged.increment();
            return;
        }
        final boolean offerIpc = null != ipc && !viaIpc && ResponseHosts.isThisHost(channel);
        connections.put(clusterSessionId, new ReadConnection(clusterSessionId, token, correlationId, replyChannel,
            nowNs + ctx.connectTimeoutNs(), viaIpc, offerIpc, channel, streamId));
        opening++;
        counters.connections.setRelease(connections.size());
    }

    /**
     * Answer connections whose client subscription has connected; close those that never connect, or whose client
     * has gone.
     *
     * @param ipc the node's IPC endpoint, or null with none.
     * @return work done.
     */
    int housekeeping(final ReadIpcEndpoint ipc, final long nowNs)
    {
        int work = 0;
        for (final Iterator<ReadConnection> it = connections.values().iterator(); it.hasNext(); )
        {
            final ReadConnection connection = it.next();
            final boolean connected = connection.channel.isConnected();
            if (!connection.isOpen && connected && answerOpen(connection, ipc))
            {
                connection.isOpen = true;
                opening--;
                work++;
            }
            if (connected && connection.isOpen)
            {
                connection.deadlineNs = nowNs + ctx.connectTimeoutNs();
            }
            else if (nowNs - connection.deadlineNs >= 0)
            {
                it.remove();
                if (!connection.isOpen)
                {
                    opening--;
                }
                connection.close();
                work++;
            }
        }
        counters.connections.setRelease(connections.size());
        return work;
    }

    /**
     * A cluster session closed (from the log): its read connection closes too.
     */
    void onSessionClose(final long clusterSessionId)
    {
        final ReadConnection connection = connections.remove(clusterSessionId);
        if (null != connection)
        {
            closeConnection(connection);
        }
    }

    /**
     * Close every connection.
     */
    @Override
    public void close()
    {
        for (final ReadConnection connection : connections.values())
        {
            connection.close();
        }
        connections.clear();
    }

    private boolean answerOpen(final ReadConnection connection, final ReadIpcEndpoint ipc)
    {
        if (connection.offerIpc && !ipc.offerTo(connection))
        {
            return false;
        }
        openResponseEncoder.wrapAndApplyHeader(openResponse, 0, headerEncoder)
            .correlationId(connection.openCorrelationId)
            .code(ResultCode.OK)
            .zxid(state.lastZxid)
            .memberId(cluster.memberId());
        return connection.offer(openResponse, 0, HEADER + openResponseEncoder.encodedLength()) > 0;
    }

    private void closeConnection(final ReadConnection connection)
    {
        forget(connection);
        connection.close();
    }

    private void forget(final ReadConnection connection)
    {
        if (!connection.isOpen)
        {
            opening--;
        }
        counters.connections.setRelease(connections.size());
    }
}
