package io.aerie.gateway;

import io.aerie.client.AerieClientContext;
import io.aerie.client.ClusterTransport;
import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.security.CredentialsSupplier;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * The cluster connection of one gateway session: Aeron Cluster's client over the gateway's one {@link Aeron}
 * instance (one media driver, one client conductor for every session), where an {@code AerieClient} alone would
 * start an Aeron client of its own. {@link #detach()} drops the connection without closing the Aerie session, as a
 * ZooKeeper server does when a client's TCP connection ends: the session lives on until its timeout and can be
 * resumed through another gateway.
 */
final class SharedAeronTransport implements ClusterTransport
{
    private static final long MIN_NEW_LEADER_TIMEOUT_MS = 2_000;
    private static final long MAX_NEW_LEADER_TIMEOUT_MS = 10_000;

    private final Aeron aeron;
    private final AerieClientContext ctx;
    private volatile Connection current;

    /**
     * @param aeron the gateway's Aeron client; not closed here.
     * @param ctx   the session's client context: channels, endpoints, timeouts (read once concluded).
     */
    SharedAeronTransport(final Aeron aeron, final AerieClientContext ctx)
    {
        this.aeron = aeron;
        this.ctx = ctx;
    }

    public Connection connect(final CredentialsSupplier credentials, final EgressListener egressListener)
    {
        final Connection connection = new SharedConnection(AeronCluster.connect(context(credentials, egressListener)));
        current = connection;
        return connection;
    }

    public AsyncConnect asyncConnect(final CredentialsSupplier credentials, final EgressListener egressListener)
    {
        final AeronCluster.AsyncConnect asyncConnect = AeronCluster.asyncConnect(context(credentials, egressListener));
        return new AsyncConnect()
        {
            public Connection poll()
            {
                final AeronCluster cluster = asyncConnect.poll();
                if (null == cluster)
                {
                    return null;
                }
                final Connection connection = new SharedConnection(cluster);
                current = connection;
                return connection;
            }

            public void close()
            {
                asyncConnect.close();
            }
        };
    }

    /**
     * Close the current cluster connection, leaving the Aerie session open (it expires unless resumed). After this
     * the client's close sends no close-session request, as it finds its connection closed.
     */
    void detach()
    {
        final Connection connection = current;
        if (null != connection)
        {
            connection.close();
        }
    }

    public void close()
    {
        // The Aeron client is the gateway's.
    }

    private AeronCluster.Context context(final CredentialsSupplier credentials, final EgressListener listener)
    {
        return new AeronCluster.Context()
            .aeron(aeron)
            .ownsAeronClient(false)
            .credentialsSupplier(credentials)
            .ingressChannel(ctx.ingressChannel())
            .ingressEndpoints(ctx.ingressEndpoints())
            .egressChannel(ctx.egressChannel())
            .egressListener(listener)
            .messageTimeoutNs(ctx.requestTimeoutNs())
            .newLeaderTimeoutNs(TimeUnit.MILLISECONDS.toNanos(Math.max(MIN_NEW_LEADER_TIMEOUT_MS,
                Math.min(MAX_NEW_LEADER_TIMEOUT_MS, (long)ctx.sessionTimeoutMs()))));
    }

    /**
     * One {@link AeronCluster}; each method is the cluster client's own.
     */
    private static final class SharedConnection implements Connection
    {
        private final AeronCluster cluster;

        SharedConnection(final AeronCluster cluster)
        {
            this.cluster = cluster;
        }

        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            return cluster.offer(buffer, offset, length);
        }

        public int pollEgress()
        {
            return cluster.isClosed() ? 0 : cluster.pollEgress();
        }

        public boolean isClosed()
        {
            return cluster.isClosed();
        }

        public int maxMessageLength()
        {
            final Publication ingress = cluster.ingressPublication();
            return null == ingress ? Integer.MAX_VALUE : ingress.maxMessageLength() - AeronCluster.SESSION_HEADER_LENGTH;
        }

        public long clusterSessionId()
        {
            return cluster.clusterSessionId();
        }

        public int leaderMemberId()
        {
            return cluster.leaderMemberId();
        }

        public void close()
        {
            cluster.close();
        }
    }
}
