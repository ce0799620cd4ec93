package io.aerie.engine.service;

import io.aeron.cluster.codecs.CloseReason;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.engine.service.Replies.AclReply;
import io.aerie.engine.service.Replies.Children;
import io.aerie.engine.service.Replies.Created;
import io.aerie.engine.service.Replies.DataReply;
import io.aerie.engine.service.Replies.MultiReply;
import io.aerie.engine.service.Replies.Reply;
import io.aerie.engine.service.Replies.StatReply;
import io.aerie.engine.service.Replies.Synced;
import io.aerie.engine.service.Wire.Acl;
import io.aerie.engine.service.Wire.Op;
import io.aerie.engine.tree.ZnodeTree;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One {@link AerieClusteredService} driven as Aeron Cluster drives it: started on a {@link StubCluster} whose
 * clock the test advances, fed encoded messages on {@link StubClientSession}s, and fired the timers it
 * scheduled. Messages are delivered from inside a larger zero-filled buffer at a non-zero offset, as from a
 * log buffer, so a decoder that reads past its message would see plausible zeros rather than fail.
 * <p>
 * The request helpers ({@link #create}, {@link #getData}, ...) send one request on a client's connection with
 * the next correlation id and decode its answer.
 */
final class ServiceFixture implements AutoCloseable
{
    /** The reserved nodes every tree holds: /zookeeper, /zookeeper/quota and /zookeeper/config. */
    static final int RESERVED_NODES = 3;
    /** Nodes of a new tree: the root and the reserved nodes. */
    static final long BASE_NODES = 1 + RESERVED_NODES;

    static final int MIN_TIMEOUT_MS = 100;
    static final int MAX_TIMEOUT_MS = 10_000;
    static final int MAX_DATA_LENGTH = 1024;
    static final int REMEMBERED_WRITES = 4;
    static final long SWEEP_INTERVAL_MS = 1000;
    static final long START_MS = 1_000_000;
    static final int MESSAGE_OFFSET = 96;
    static final Acl DIGEST = new Acl(AclList.READ | AclList.ADMIN, "digest", "alice:c2VjcmV0");
    /** {@link #DIGEST} as getACL shows it to a session without ADMIN on the node (ZooKeeper 3.9 masks the hash). */
    static final Acl DIGEST_MASKED = new Acl(AclList.READ | AclList.ADMIN, "digest", "alice:x");
    static final Acl WORLD_READ = new Acl(AclList.READ, "world", "anyone");

    final StubCluster cluster = new StubCluster();
    final Wire wire = new Wire();
    final AerieClusteredService service;
    private final List<StubClientSession> connections = new ArrayList<>();
    private long nextClusterSessionId = 500;
    private long nowMs = START_MS;
    private long correlationId;

    /** A connection carrying an open Aerie session. */
    record Client(StubClientSession connection, long sessionId, byte[] password)
    {
    }

    ServiceFixture()
    {
        this(context());
    }

    ServiceFixture(final AerieClusteredService.Context ctx)
    {
        service = new AerieClusteredService(ctx);
        cluster.time(nowMs);
        service.onStart(cluster, null);
        // As in a real cluster, the first leadership term event follows start: timers begin there.
        service.onNewLeadershipTermEvent(0, 0, nowMs, 0, 0, 0, java.util.concurrent.TimeUnit.MILLISECONDS, 0);
    }

    static AerieClusteredService.Context context()
    {
        return new AerieClusteredService.Context()
            .minSessionTimeoutMs(MIN_TIMEOUT_MS)
            .maxSessionTimeoutMs(MAX_TIMEOUT_MS)
            .rememberedWrites(REMEMBERED_WRITES)
            .sweepIntervalMs(SWEEP_INTERVAL_MS)
            .treeContext(new ZnodeTreeContext()
                .maxZnodes(10_000)
                .largeDataCapacity(8L * 1024 * 1024)
                .maxAclLists(64)
                .maxDataLength(MAX_DATA_LENGTH));
    }

    long nowMs()
    {
        return nowMs;
    }

    /**
     * Move log time forward.
     */
    void advanceTo(final long timeMs)
    {
        assertTrue(timeMs >= nowMs, "log time never goes back");
        nowMs = timeMs;
        cluster.time(timeMs);
    }

    StubClientSession openConnection()
    {
        return openConnection(null);
    }

    /**
     * Open a connection authenticated with this encoded principal (null: its own token and password seed).
     */
    StubClientSession openConnection(final byte[] principal)
    {
        final StubClientSession connection = cluster.addClientSession(nextClusterSessionId++);
        if (null != principal)
        {
            connection.principal(principal);
        }
        connections.add(connection);
        service.onSessionOpen(connection, nowMs);
        return connection;
    }

    void closeConnection(final StubClientSession connection)
    {
        cluster.removeClientSession(connection.id());
        service.onSessionClose(connection, nowMs, CloseReason.CLIENT_ACTION);
    }

    /**
     * Open a connection and a new session on it.
     */
    Client connect(final int requestedTimeoutMs)
    {
        final StubClientSession connection = openConnection();
        final Replies.Connected connected = Replies.connected(request(connection, wire.connect(0, 0, requestedTimeoutMs, new byte[0])));
        assertEquals(ResultCode.OK, connected.code());
        return new Client(connection, connected.sessionId(), connected.password());
    }

    /**
     * Deliver one message at the current log time.
     *
     * @return the messages the service sent, to any connection, while handling it.
     */
    List<byte[]> deliver(final StubClientSession connection, final byte[] message)
    {
        return deliverRaw(connection, withHeader(connection.token(), message));
    }

    /**
     * @return the message preceded by a session header carrying this token, as a client sends it.
     */
    static byte[] withHeader(final long token, final byte[] message)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RequestBinding.SESSION_HEADER_LENGTH + message.length]);
        new io.aerie.codecs.SessionHeaderEncoder()
            .wrapAndApplyHeader(buffer, 0, new io.aerie.codecs.MessageHeaderEncoder())
            .token(token);
        buffer.putBytes(RequestBinding.SESSION_HEADER_LENGTH, message);
        return buffer.byteArray();
    }

    /**
     * Deliver one message exactly as given, with no session header added, at the current log time.
     *
     * @return the messages the service sent, to any connection, while handling it.
     */
    List<byte[]> deliverRaw(final StubClientSession connection, final byte[] message)
    {
        final int[] before = mark();
        final UnsafeBuffer log = new UnsafeBuffer(new byte[MESSAGE_OFFSET + message.length + 4096]);
        log.setMemory(0, MESSAGE_OFFSET, (byte)0xEE);
        log.putBytes(MESSAGE_OFFSET, message);
        service.onSessionMessage(connection, nowMs, log, MESSAGE_OFFSET, message.length, null);
        return messagesSince(before);
    }

    /**
     * Deliver one message and expect exactly one answer, on the connection it came from.
     *
     * @return the answer.
     */
    byte[] request(final StubClientSession connection, final byte[] message)
    {
        final int before = connection.messageCount();
        final int allBefore = totalMessages();
        deliver(connection, message);
        assertEquals(1, totalMessages() - allBefore, "one answer per request");
        assertEquals(before + 1, connection.messageCount(), "the answer goes to the requesting connection");
        return connection.messages().get(before);
    }

    /**
     * Fire a pending timer at its deadline, as the cluster does, moving log time to it if it is later.
     *
     * @return the messages the service sent while handling it.
     */
    List<byte[]> fireTimer(final long correlationId)
    {
        final Long deadlineMs = cluster.takeTimer(correlationId);
        assertNotNull(deadlineMs, "timer " + correlationId + " is scheduled");
        if (deadlineMs > nowMs)
        {
            advanceTo(deadlineMs);
        }
        final int[] before = mark();
        service.onTimerEvent(correlationId, nowMs);
        return messagesSince(before);
    }

    Long expiryDeadline()
    {
        return cluster.timerDeadline(AerieClusteredService.EXPIRY_TIMER_ID);
    }

    Long sweepDeadline()
    {
        return cluster.timerDeadline(AerieClusteredService.SWEEP_TIMER_ID);
    }

    long digest()
    {
        return service.tree().digest();
    }

    long lastZxid()
    {
        return service.lastZxid();
    }

    /**
     * @return the service's counters.
     */
    ServiceCounters counters()
    {
        return service.counters();
    }

    /**
     * @return every message sent so far, connection by connection in the order they were opened, each prefixed
     * by a marker naming its connection: a transcript to compare between runs.
     */
    List<byte[]> transcript()
    {
        final List<byte[]> transcript = new ArrayList<>();
        for (final StubClientSession connection : connections)
        {
            transcript.add(Long.toString(connection.id()).getBytes(StandardCharsets.US_ASCII));
            transcript.addAll(connection.messages());
        }
        return transcript;
    }

    private int totalMessages()
    {
        int total = 0;
        for (final StubClientSession connection : connections)
        {
            total += connection.messageCount();
        }
        return total;
    }

    private int[] mark()
    {
        final int[] counts = new int[connections.size()];
        for (int i = 0; i < counts.length; i++)
        {
            counts[i] = connections.get(i).messageCount();
        }
        return counts;
    }

    private List<byte[]> messagesSince(final int[] mark)
    {
        final List<byte[]> since = new ArrayList<>();
        for (int i = 0; i < mark.length; i++)
        {
            since.addAll(connections.get(i).messagesSince(mark[i]));
        }
        return since;
    }

    @Override
    public void close()
    {
        service.close();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Requests from a client, each with the next correlation id, answered on its connection and decoded

    long nextCorrelationId()
    {
        return ++correlationId;
    }

    /**
     * @return the correlation id the last request helper used.
     */
    long lastCorrelationId()
    {
        return correlationId;
    }

    Created create(final Client c, final String path, final String data, final CreateMode mode)
    {
        return Replies.created(request(c.connection(), wire.create(nextCorrelationId(), path, data, mode)));
    }

    Created createTtl(final Client c, final String path, final CreateMode mode, final long ttlMs)
    {
        return Replies.created(request(c.connection(), wire.create(nextCorrelationId(), path, mode, ttlMs)));
    }

    StatReply setData(final Client c, final String path, final String data, final int version)
    {
        return Replies.setDataReply(request(c.connection(), wire.setData(nextCorrelationId(), path, data, version)));
    }

    Reply delete(final Client c, final String path, final int version)
    {
        return Replies.deleted(request(c.connection(), wire.delete(nextCorrelationId(), path, version)));
    }

    StatReply setAcl(final Client c, final String path, final int version, final List<Acl> acls)
    {
        return Replies.setAclReply(request(c.connection(), wire.setAcl(nextCorrelationId(), path, version, acls)));
    }

    MultiReply multi(final Client c, final Op... ops)
    {
        return Replies.multiReply(request(c.connection(), wire.multi(nextCorrelationId(), ops)));
    }

    StatReply exists(final Client c, final String path)
    {
        return Replies.existsReply(request(c.connection(), wire.exists(nextCorrelationId(), path)));
    }

    DataReply getData(final Client c, final String path)
    {
        return Replies.dataReply(request(c.connection(), wire.getData(nextCorrelationId(), path)));
    }

    Children children(final Client c, final String path, final boolean includeStat)
    {
        return Replies.children(request(c.connection(), wire.getChildren(nextCorrelationId(), path, includeStat)));
    }

    Replies.Count count(final Client c, final String path)
    {
        return Replies.count(request(c.connection(), wire.getAllChildrenNumber(nextCorrelationId(), path)));
    }

    Replies.PathList ephemerals(final Client c, final String prefix)
    {
        return Replies.ephemerals(request(c.connection(), wire.getEphemerals(nextCorrelationId(), prefix)));
    }

    Reply addAuth(final Client c, final String scheme, final String auth)
    {
        return Replies.addAuthReply(request(c.connection(), wire.addAuth(nextCorrelationId(), scheme, auth)));
    }

    List<String> whoAmI(final Client c)
    {
        return Replies.whoAmI(request(c.connection(), wire.whoAmI(nextCorrelationId())));
    }

    AclReply aclOf(final Client c, final String path)
    {
        return Replies.aclReply(request(c.connection(), wire.getAcl(nextCorrelationId(), path)));
    }

    Synced sync(final Client c, final String path)
    {
        return Replies.synced(request(c.connection(), wire.sync(nextCorrelationId(), path)));
    }
}
