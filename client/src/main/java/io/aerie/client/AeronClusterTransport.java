package io.aerie.client;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.RethrowingErrorHandler;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.security.CredentialsSupplier;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * The default {@link ClusterTransport}: Aeron Cluster's client ({@link AeronCluster}) over the client's media
 * driver, with the channels, endpoints and timeouts of the client's context. The media driver is the client's
 * (it outlives a connection and may serve other channels): this transport opens connections through it and
 * closes nothing else.
 */
final class AeronClusterTransport implements ClusterTransport
{
    static final long MIN_NEW_LEADER_TIMEOUT_MS = 2_000;
    static final long MAX_NEW_LEADER_TIMEOUT_MS = 10_000;

    private final AerieClient.Context ctx;
    private final ClientMediaDriver mediaDriver;

    AeronClusterTransport(final AerieClient.Context ctx, final ClientMediaDriver mediaDriver)
    {
        this.ctx = ctx;
        this.mediaDriver = mediaDriver;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the context names an external media driver that is not running.
     */
    public Connection connect(final CredentialsSupplier credentials, final EgressListener egressListener)
    {
        mediaDriver.checkActive();
        return new AeronConnection(AeronCluster.connect(clusterContext(credentials, egressListener)));
    }

    /**
     * {@inheritDoc}
     */
    public AsyncConnect asyncConnect(final CredentialsSupplier credentials, final EgressListener egressListener)
    {
        return new AeronAsyncConnect(AeronCluster.asyncConnect(clusterContext(credentials, egressListener)));
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        // Connections are closed by the client; the media driver is the client's.
    }

    private AeronCluster.Context clusterContext(final CredentialsSupplier credentials, final EgressListener listener)
    {
        return new AeronCluster.Context()
            .aeron(aeronClient())
            .ownsAeronClient(true)
            .credentialsSupplier(credentials)
            .ingressChannel(ctx.connection().ingressChannel())
            .ingressEndpoints(ctx.connection().ingressEndpoints())
            .egressChannel(ctx.connection().egressChannel())
            .egressListener(listener)
            .messageTimeoutNs(ctx.requests().requestTimeoutNs())
            .newLeaderTimeoutNs(newLeaderTimeoutNs(ctx.session().sessionTimeoutMs()))
            .aeronDirectoryName(mediaDriver.aeronDirectoryName());
    }

    /**
     * The connection's Aeron client, as {@link AeronCluster.Context#conclude()} would make it but with the client's
     * error handler and driver timeout. Aeron's default error handler exits the JVM when the media driver times out:
     * an application that embeds the client must not die because a driver did.
     */
    private Aeron aeronClient()
    {
        return Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(mediaDriver.aeronDirectoryName())
            .driverTimeoutMs(ctx.connection().driverTimeoutMs())
            .errorHandler(ctx.errorHandler())
            .subscriberErrorHandler(RethrowingErrorHandler.INSTANCE)
            .clientName("aerie-client"));
    }

    /**
     * One {@link AeronCluster}: each method is the cluster client's own.
     */
    static final class AeronConnection implements Connection
    {
        private final AeronCluster cluster;

        AeronConnection(final AeronCluster cluster)
        {
            this.cluster = cluster;
        }

        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            return cluster.offer(buffer, offset, length);
        }

        public int pollEgress()
        {
            // A connection another thread closed (the gateway's detach) polls nothing rather than a closed image.
            return cluster.isClosed() ? 0 : cluster.pollEgress();
        }

        public boolean isClosed()
        {
            return cluster.isClosed();
        }

        /**
         * The ingress publication's max message length less the cluster's session header, which Aeron puts
         * before the message.
         */
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

    /**
     * One {@link AeronCluster.AsyncConnect}.
     */
    static final class AeronAsyncConnect implements AsyncConnect
    {
        private final AeronCluster.AsyncConnect asyncConnect;

        AeronAsyncConnect(final AeronCluster.AsyncConnect asyncConnect)
        {
            this.asyncConnect = asyncConnect;
        }

        public Connection poll()
        {
            final AeronCluster cluster = asyncConnect.poll();
            return null == cluster ? null : new AeronConnection(cluster);
        }

        public void close()
        {
            asyncConnect.close();
        }
    }

    /**
     * How long the Aeron client keeps its connection, once it has lost the leader, waiting for the new leader's
     * NEW_LEADER event (which re-points it at once, no timeout involved) before it closes and this conductor
     * connects afresh. Aeron's default, twice the cluster's leader heartbeat timeout, is shorter than an election on
     * a loaded machine can take, and a new connection costs more than the wait: the requested session timeout,
     * within 2 s to 10 s, as the session can live that long without the cluster.
     */
    static long newLeaderTimeoutNs(final int sessionTimeoutMs)
    {
        return TimeUnit.MILLISECONDS.toNanos(Math.max(MIN_NEW_LEADER_TIMEOUT_MS, Math.min(MAX_NEW_LEADER_TIMEOUT_MS,
            (long)sessionTimeoutMs)));
    }
}
