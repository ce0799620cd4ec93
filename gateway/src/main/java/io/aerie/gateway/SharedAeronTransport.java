package io.aerie.gateway;

import io.aerie.client.AerieClient;
import io.aerie.client.AeronClusterConnections;
import io.aerie.client.ClusterTransport;
import io.aeron.Aeron;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.security.CredentialsSupplier;

/**
 * The cluster connection of one gateway session: Aeron Cluster's client over the gateway's one {@link Aeron}
 * instance (one media driver, one client conductor for every session), where an {@code AerieClient} alone would
 * start an Aeron client of its own. {@link #detach()} drops the connection without closing the Aerie session, as a
 * ZooKeeper server does when a client's TCP connection ends: the session lives on until its timeout and can be
 * resumed through another gateway.
 */
final class SharedAeronTransport implements ClusterTransport
{
    private final Aeron aeron;
    private final AerieClient.Context ctx;
    private volatile Connection current;

    /**
     * @param aeron the gateway's Aeron client; not closed here.
     * @param ctx   the session's client context: channels, endpoints, timeouts (read once concluded).
     */
    SharedAeronTransport(final Aeron aeron, final AerieClient.Context ctx)
    {
        this.aeron = aeron;
        this.ctx = ctx;
    }

    public Connection connect(final CredentialsSupplier credentials, final EgressListener egressListener)
    {
        final Connection connection = AeronClusterConnections.wrap(AeronCluster.connect(context(credentials, egressListener)));
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
                final Connection connection = AeronClusterConnections.wrap(cluster);
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
            .ingressChannel(ctx.connection().ingressChannel())
            .ingressEndpoints(ctx.connection().ingressEndpoints())
            .egressChannel(ctx.connection().egressChannel())
            .egressListener(listener)
            .messageTimeoutNs(ctx.requests().requestTimeoutNs())
            .newLeaderTimeoutNs(AeronClusterConnections.newLeaderTimeoutNs(ctx.session().sessionTimeoutMs()));
    }
}
