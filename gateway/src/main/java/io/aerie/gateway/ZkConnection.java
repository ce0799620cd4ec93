package io.aerie.gateway;

import io.aerie.client.AerieClient;
import io.aerie.client.Response;
import io.aerie.client.ResponseHandler;
import io.aerie.client.SessionListener;
import io.aerie.client.WatchedEvent;
import io.aerie.client.Watcher;
import io.aerie.codecs.EventType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.agrona.collections.Long2ObjectHashMap;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.ConnectResponse;

import java.util.ArrayDeque;

/**
 * One ZooKeeper client connection and the Aerie session behind it. Owned by the gateway agent's thread: requests
 * are sent, and answers, watch events and session changes arrive (the client is in invoker mode, polled by the
 * agent), all on that thread. The Aerie client itself is the watcher of every watch the connection sets, so the
 * cluster's one event per session and change becomes ZooKeeper's one notification per connection and change.
 * <p>
 * Ordering: Aerie answers a session's requests in log order and sends a watch event before any later answer; the
 * gateway writes each event as it arrives and each reply in the order of its request, so a notification reaches
 * the ZooKeeper client before any reply to a request applied after the change, as ZooKeeper guarantees.
 */
final class ZkConnection implements ResponseHandler, Watcher, SessionListener
{
    /** Where the connection is in its life. */
    enum State
    {
        AWAITING_CONNECT, CONNECTING, OPEN, CLOSING, CLOSED
    }

    final Channel channel;
    private final GatewayAgent agent;
    private final ArrayDeque<PendingReply> replies = new ArrayDeque<>();
    private final Long2ObjectHashMap<PendingReply> byCorrelationId = new Long2ObjectHashMap<>();
    private final ArrayDeque<ByteBuf> early = new ArrayDeque<>();
    private volatile State state = State.AWAITING_CONNECT;
    private AerieClient client;
    private SharedAeronTransport transport;
    private long sessionId;
    private int timeoutMs;
    private long lastReadNs;
    private long lastZxid;
    private boolean dirty;
    private boolean closeAfterFlush;

    ZkConnection(final Channel channel, final GatewayAgent agent, final long nowNs)
    {
        this.channel = channel;
        this.agent = agent;
        this.lastReadNs = nowNs;
    }

    State state()
    {
        return state;
    }

    AerieClient client()
    {
        return client;
    }

    long sessionId()
    {
        return sessionId;
    }

    long lastZxid()
    {
        return lastZxid;
    }

    /**
     * A packet from the ZooKeeper client; the connection takes the buffer (and releases it).
     */
    void onPacket(final ByteBuf packet, final long nowNs)
    {
        lastReadNs = nowNs;
        switch (state)
        {
            case AWAITING_CONNECT:
                try
                {
                    state = State.CONNECTING;
                    agent.connect(this, ZkRequests.connectRequest(packet));
                }
                finally
                {
                    packet.release();
                }
                break;
            case CONNECTING:
                // A client may pipeline requests behind its connect: they wait for the session.
                early.add(packet);
                break;
            case OPEN:
                if (closeAfterFlush)
                {
                    // Closing (an Unimplemented request, a failed auth): what the client sent after it is not served.
                    packet.release();
                    break;
                }
                agent.requests().dispatch(this, packet);
                break;
            default:
                packet.release();
                break;
        }
    }

    /**
     * The session is open (new or resumed): answer the connect and serve what waited for it.
     */
    void onConnected(final AerieClient client, final SharedAeronTransport transport, final boolean readOnlyField)
    {
        this.client = client;
        this.transport = transport;
        if (State.CONNECTING != state)
        {
            // The ZooKeeper client went away while the session was being opened: leave the session to its timeout.
            agent.detach(client, transport);
            return;
        }
        sessionId = client.sessionId();
        timeoutMs = client.sessionTimeoutMs();
        lastZxid = Math.max(lastZxid, client.lastZxid());
        write(ZkReplies.record(channel.alloc(),
            new ConnectResponse(0, timeoutMs, sessionId, client.sessionPassword(), false)), readOnlyField);
        state = State.OPEN;
        while (!early.isEmpty() && State.OPEN == state)
        {
            agent.requests().dispatch(this, early.poll());
        }
    }

    /**
     * The session could not be opened: {@code expired} as ZooKeeper says so (timeout 0, then close), anything
     * else by closing the connection, after which the client tries again.
     */
    void onConnectFailed(final boolean expired)
    {
        if (expired && channel.isActive())
        {
            write(ZkReplies.record(channel.alloc(), new ConnectResponse(0, 0, 0, new byte[16], false)), true);
        }
        closeAfterFlush = true;
        dirty = true;
    }

    /**
     * The channel closed: leave the Aerie session to its timeout (the ZooKeeper client may resume it elsewhere).
     */
    void onInactive()
    {
        final State was = state;
        state = State.CLOSED;
        releaseQueued();
        if (State.OPEN == was && null != client)
        {
            agent.detach(client, transport);
        }
    }

    /**
     * ZooKeeper's server expires a session that stayed silent for its timeout; the gateway ends the Aerie session
     * at the same moment, and closes the connection.
     */
    boolean isSilentSince(final long nowNs)
    {
        return State.OPEN == state && nowNs - lastReadNs > timeoutMs * 1_000_000L;
    }

    void expireSilent()
    {
        state = State.CLOSING;
        agent.closeSession(this, client, -1);
    }

    /**
     * Expect the answer to an Aerie request as the reply to a ZooKeeper request.
     */
    PendingReply expect(final long correlationId, final int xid, final int op, final int[] subOps)
    {
        final PendingReply pending = new PendingReply(xid, op, subOps, 1);
        replies.add(pending);
        byCorrelationId.put(correlationId, pending);
        agent.counters().awaitedChanged(1);
        return pending;
    }

    /**
     * Queue a reply the gateway makes itself (ping, unsupported requests) behind those still awaited.
     */
    void replyNow(final int xid, final int err, final Record body)
    {
        final PendingReply pending = new PendingReply(xid, OpCodes.PING, null, 0);
        pending.reply = ZkReplies.packet(channel.alloc(), xid, lastZxid, err, body);
        replies.add(pending);
        flushReplies();
    }

    /**
     * Queue a reply the gateway makes itself, after which the connection is closed (its session left to its
     * timeout), as ZooKeeper's server does for a request type it does not know.
     */
    void replyNowAndClose(final int xid, final int err)
    {
        final PendingReply pending = new PendingReply(xid, OpCodes.PING, null, 0);
        pending.reply = ZkReplies.packet(channel.alloc(), xid, lastZxid, err, null);
        pending.closeAfter = true;
        replies.add(pending);
        flushReplies();
    }

    /**
     * A reply whose answer comes from several Aerie requests (setWatches): one more awaited.
     */
    void expectMore(final long correlationId, final PendingReply pending)
    {
        byCorrelationId.put(correlationId, pending);
        agent.counters().awaitedChanged(1);
    }

    /**
     * setWatches: its reply waits for the answers of the watched reads it sends.
     */
    PendingReply expectSetWatches(final int xid, final long relativeZxid)
    {
        // ZooKeeper's client stamps setWatches with an ordinary xid when it sends it; the reply carries that xid.
        final PendingReply pending = expectParts(xid, OpCodes.SET_WATCHES);
        pending.relativeZxid = relativeZxid;
        return pending;
    }

    /**
     * A reply made of several answers (setWatches, multiRead), each added with {@link #expectMore}.
     */
    PendingReply expectParts(final int xid, final int op)
    {
        final PendingReply pending = new PendingReply(xid, op, null, 0);
        replies.add(pending);
        return pending;
    }

    /**
     * closeSession: answered once every earlier request is, then the Aerie session is closed.
     */
    void expectClose(final int xid)
    {
        replies.add(new PendingReply(xid, OpCodes.CLOSE_SESSION, null, 1));
        flushReplies();
    }

    public void onResponse(final Response response)
    {
        if (State.OPEN != state)
        {
            return;
        }
        final PendingReply pending = byCorrelationId.remove(response.correlationId());
        if (null == pending)
        {
            return;
        }
        lastZxid = Math.max(lastZxid, response.zxid());
        if (OpCodes.SET_WATCHES == pending.op)
        {
            SetWatchesChecks.onAnswer(this, pending, response);
        }
        else if (OpCodes.MULTI_READ == pending.op)
        {
            MultiReads.onAnswer(this, pending, response);
        }
        else if (OpCodes.CHECK_WATCHES == pending.op)
        {
            final int err = ResultCode.OK != response.code() ? ErrorCodes.zooKeeperCode(response.code()) :
                client.isWatching(pending.watchPath, pending.watcherType, this) ? 0 : ErrorCodes.NO_WATCHER;
            pending.reply = ZkReplies.packet(channel.alloc(), pending.xid, response.zxid(), err, null);
        }
        else
        {
            pending.reply = ZkRequests.reply(channel.alloc(), pending, response);
            if (OpCodes.AUTH == pending.op && ResultCode.AUTH_FAILED == response.code())
            {
                // As ZooKeeper: the failed auth is answered, then the connection is closed.
                closeAfterFlush = true;
            }
        }
        pending.remaining--;
        agent.counters().awaitedChanged(-1);
        flushReplies();
    }

    /**
     * A node event becomes a notification carrying the change's zxid. Session events are the connection's own, and
     * a watch removal is not sent at all: ZooKeeper's server sends none, its client makes the removal event itself
     * when its {@code removeWatches} is answered (and drops the connection on a removal type arriving as a
     * notification).
     */
    public void onEvent(final WatchedEvent event)
    {
        if (State.OPEN == state && isNodeEvent(event.type()))
        {
            notify(event.type().value(), event.path(), event.zxid());
        }
    }

    private static boolean isNodeEvent(final EventType type)
    {
        switch (type)
        {
            case NODE_CREATED:
            case NODE_DELETED:
            case NODE_DATA_CHANGED:
            case NODE_CHILDREN_CHANGED:
                return true;
            default:
                return false;
        }
    }

    /**
     * Send a watch notification now, ahead of replies still awaited.
     *
     * @param zxid of the change that fired the watch, or -1 for an event from no change.
     */
    void notify(final int eventType, final String path, final long zxid)
    {
        write(ZkReplies.notification(channel.alloc(), eventType, path, zxid), true);
    }

    public void onSessionStateChange(final SessionState sessionState, final long id)
    {
        if (State.OPEN != state)
        {
            return;
        }
        switch (sessionState)
        {
            case EXPIRED:
            case CLOSED:
            case AUTH_FAILED:
                // ZooKeeper's server closes the connection; the client learns the session's end when it reconnects.
                closeAfterFlush = true;
                dirty = true;
                break;
            case EVENTS_LOST:
                // Reconnecting makes the ZooKeeper client send setWatches with the last zxid it saw, which finds
                // the changes it missed, as after any reconnect.
                closeAfterFlush = true;
                dirty = true;
                break;
            default:
                break;
        }
    }

    /**
     * Write every reply at the head that is ready; a closeSession at the head closes the session.
     */
    void flushReplies()
    {
        while (!replies.isEmpty())
        {
            final PendingReply head = replies.peek();
            if (OpCodes.CLOSE_SESSION == head.op && State.OPEN == state)
            {
                replies.poll();
                state = State.CLOSING;
                agent.closeSession(this, client, head.xid);
                return;
            }
            if (!head.isDone())
            {
                return;
            }
            replies.poll();
            write(head.reply, true);
            if (head.closeAfter)
            {
                closeAfterFlush = true;
                return;
            }
        }
    }

    /**
     * After the session is closed on request: answer the closeSession, then close the connection.
     */
    void onSessionClosed(final int xid)
    {
        if (xid != -1 && channel.isActive())
        {
            write(ZkReplies.packet(channel.alloc(), xid, lastZxid, 0, null), true);
        }
        closeAfterFlush = true;
        dirty = true;
    }

    /**
     * Flush what was written this duty cycle; close if asked to.
     *
     * @return 1 if anything was flushed.
     */
    int flush()
    {
        if (!dirty)
        {
            return 0;
        }
        dirty = false;
        if (closeAfterFlush)
        {
            channel.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
                .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        }
        else
        {
            channel.flush();
        }
        return 1;
    }

    boolean isDirty()
    {
        return dirty;
    }

    private void write(final ByteBuf packet, final boolean include)
    {
        if (!include)
        {
            // An old client that sent no read-only flag gets none back.
            packet.writerIndex(packet.writerIndex() - 1);
            packet.setInt(0, packet.writerIndex() - 4);
        }
        channel.write(packet, channel.voidPromise());
        agent.counters().packetsSent.increment();
        agent.counters().lastZxid.proposeMax(lastZxid);
        dirty = true;
    }

    private void releaseQueued()
    {
        ByteBuf packet;
        while (null != (packet = early.poll()))
        {
            packet.release();
        }
        for (final PendingReply pending : replies)
        {
            if (null != pending.reply)
            {
                pending.reply.release();
            }
        }
        agent.counters().awaitedChanged(-byCorrelationId.size());
        replies.clear();
        byCorrelationId.clear();
    }
}
