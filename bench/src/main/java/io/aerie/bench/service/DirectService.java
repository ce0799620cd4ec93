package io.aerie.bench.service;

import io.aerie.codecs.ConnectRequestEncoder;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.CreateRequestEncoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.service.StubCluster;
import io.aerie.engine.service.StubClientSession;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aerie.codecs.SessionHeaderEncoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;

/**
 * An {@link AerieClusteredService} driven directly, with no Aeron: requests are handed to
 * {@code onSessionMessage} one after the other, each a millisecond of log time after the last, and answers are
 * counted and discarded by the engine's {@link StubCluster} (a test fixture), which then allocates nothing. What
 * the service benchmarks share.
 */
final class DirectService implements AutoCloseable
{
    /** Where a request starts in a buffer given to {@link #deliver}: after the session header it writes. */
    static final int REQUEST_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + SessionHeaderEncoder.BLOCK_LENGTH;
    /** Where a request's fields start (its correlation id first): after the session and message headers. */
    static final int HEADER = REQUEST_OFFSET + MessageHeaderEncoder.ENCODED_LENGTH;

    private final StubCluster cluster = new StubCluster().captureEgress(false);
    private final AerieClusteredService service;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SessionHeaderEncoder sessionHeader = new SessionHeaderEncoder();
    private final UnsafeBuffer setup = new UnsafeBuffer(new byte[512]);
    private long setupCorrelationId = 1;
    private long timeMs;

    /**
     * A started service, leader of term 0, with room for 10,000 znodes.
     */
    DirectService()
    {
        this(new ZnodeTreeContext());
    }

    /**
     * A started service, leader of term 0, on a tree of this configuration sized for 10,000 znodes.
     */
    DirectService(final ZnodeTreeContext treeContext)
    {
        this(treeContext, 10_000);
    }

    /**
     * A started service, leader of term 0, on a tree of this configuration sized for {@code maxZnodes}.
     */
    DirectService(final ZnodeTreeContext treeContext, final long maxZnodes)
    {
        service = new AerieClusteredService(new AerieClusteredService.Context()
            .treeContext(treeContext.maxZnodes(maxZnodes).largeDataCapacity(8L * 1024 * 1024)));
        service.onStart(cluster, null);
        service.onNewLeadershipTermEvent(0, 0, 0, 0, 0, 0, TimeUnit.MILLISECONDS, 0);
    }

    /**
     * @return a new connection with this cluster session id, on which a new Aerie session is open.
     */
    ClientSession connect(final long clusterSessionId)
    {
        final ClientSession session = cluster.addClientSession(clusterSessionId);
        service.onSessionOpen(session, timeMs);
        final ConnectRequestEncoder connect = new ConnectRequestEncoder().wrapAndApplyHeader(setup, REQUEST_OFFSET, header)
            .correlationId(setupCorrelationId++).lastZxidSeen(0).sessionId(0).requestedTimeoutMs(600_000);
        connect.authCount(0);
        connect.putPassword(setup, 0, 0);
        deliver(session, setup, HEADER + connect.encodedLength());
        return session;
    }

    /**
     * Create a persistent znode open to all with {@code dataLength} zero bytes.
     */
    void create(final ClientSession session, final String path, final int dataLength)
    {
        create(session, path, new byte[dataLength]);
    }

    /**
     * Create a persistent znode open to all holding {@code data}.
     */
    void create(final ClientSession session, final String path, final byte[] data)
    {
        final int dataLength = data.length;
        final CreateRequestEncoder create = new CreateRequestEncoder().wrapAndApplyHeader(setup, REQUEST_OFFSET, header)
            .correlationId(setupCorrelationId++).ttlMs(-1).mode(CreateMode.PERSISTENT)
            .dataIsNull(io.aerie.codecs.BooleanType.FALSE);
        create.aclsCount(1).next().perms(31).scheme("world").id("anyone");
        create.path(path).putData(data, 0, dataLength);
        deliver(session, setup, HEADER + create.encodedLength());
    }

    /**
     * Add credentials to the session, as addAuth.
     */
    void addAuth(final ClientSession session, final String scheme, final String auth)
    {
        final byte[] bytes = auth.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        final io.aerie.codecs.AddAuthRequestEncoder addAuth = new io.aerie.codecs.AddAuthRequestEncoder()
            .wrapAndApplyHeader(setup, REQUEST_OFFSET, header).correlationId(setupCorrelationId++).scheme(scheme);
        addAuth.putAuth(bytes, 0, bytes.length);
        deliver(session, setup, HEADER + addAuth.encodedLength());
    }

    /**
     * Replace a znode's ACL with the given (perms, scheme, id) entries.
     */
    void setAcl(final ClientSession session, final String path, final Object... entries)
    {
        final io.aerie.codecs.SetACLRequestEncoder setAcl = new io.aerie.codecs.SetACLRequestEncoder()
            .wrapAndApplyHeader(setup, REQUEST_OFFSET, header).correlationId(setupCorrelationId++).version(-1);
        final io.aerie.codecs.SetACLRequestEncoder.AclsEncoder acls = setAcl.aclsCount(entries.length / 3);
        for (int i = 0; i < entries.length; i += 3)
        {
            acls.next().perms((Integer)entries[i]).scheme((String)entries[i + 1]).id((String)entries[i + 2]);
        }
        setAcl.path(path);
        deliver(session, setup, HEADER + setAcl.encodedLength());
    }

    /**
     * @return a buffer holding further setup requests, encoded by the caller from {@link #REQUEST_OFFSET}.
     */
    UnsafeBuffer setupBuffer()
    {
        return setup;
    }

    /**
     * @return a correlation id never used before on this service: setup requests take them in turn, and a
     * benchmark starts its own from the last, so no write of it is taken for a resend.
     */
    long nextSetupCorrelationId()
    {
        return setupCorrelationId++;
    }

    /**
     * @return the header encoder to encode requests with.
     */
    MessageHeaderEncoder header()
    {
        return header;
    }

    /**
     * Apply one request, a millisecond of log time after the last, preceded by the session header a client
     * writes: the request is encoded at {@link #REQUEST_OFFSET} of the buffer, the header is written before it.
     */
    void deliver(final ClientSession session, final MutableDirectBuffer buffer, final int length)
    {
        sessionHeader.wrapAndApplyHeader(buffer, 0, header).token(StubClientSession.tokenFor(session.id()));
        cluster.time(++timeMs);
        service.onSessionMessage(session, timeMs, buffer, 0, length, null);
    }

    /**
     * Play this role from now on: a follower's service sends nothing, as on a member replaying its log.
     */
    void role(final Cluster.Role role)
    {
        cluster.role(role);
    }

    /**
     * @return messages the service has sent so far, answers and events.
     */
    long egressMessages()
    {
        return cluster.egressMessages();
    }

    /**
     * @return the service, to snapshot or inspect.
     */
    AerieClusteredService service()
    {
        return service;
    }

    @Override
    public void close()
    {
        service.close();
    }
}
