package io.aerie.client;

import io.aeron.cluster.client.EgressListener;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import java.security.SecureRandom;

/**
 * The client's cluster connection, for {@link ClientConductor}: the {@link ClusterTransport} (Aeron Cluster over the
 * media driver the context chose, embedded or not, unless the application gave its own), the open cluster session,
 * the attempt to open a new one without blocking after the cluster closed it, and the credentials of each (a new
 * random token and password seed per connection). Which session it carries, and resuming it, is the conductor's.
 * Conductor thread only.
 */
final class ClusterConnection implements AutoCloseable
{
    private final AerieClient.Context ctx;
    private final ClientMediaDriver mediaDriver;
    private final ClusterTransport transport;
    private final EgressListener egress;
    private final SecureRandom random = new SecureRandom();
    private ClusterTransport.Connection cluster;
    private ClusterTransport.AsyncConnect asyncConnect;
    private AerieCredentials credentials;

    /**
     * @param egress what the cluster's messages are delivered to, from {@link #pollEgress()}.
     */
    ClusterConnection(final AerieClient.Context ctx, final EgressListener egress)
    {
        this.ctx = ctx;
        this.egress = egress;
        // A transport of the application's own (an in-memory cluster for tests) needs no media driver.
        this.mediaDriver = null == ctx.connection().clusterTransport() ? ClientMediaDriver.open(ctx) : null;
        this.transport = null == ctx.connection().clusterTransport() ?
            new AeronClusterTransport(ctx, mediaDriver) : ctx.connection().clusterTransport();
    }

    /**
     * Open a cluster session, blocking until it is open.
     *
     * @throws io.aeron.security.AuthenticationException if the cluster refused the credentials.
     * @throws io.aeron.exceptions.TimeoutException      if the cluster could not be reached in time.
     */
    void connect()
    {
        cluster = transport.connect(newCredentials(), egress);
    }

    /**
     * Take the attempt to open a new cluster session one step further, without blocking; an attempt that failed
     * (timed out, refused) is given up and a new one starts at the next call.
     *
     * @return true once the new session is open (the old one closed): it is then this connection's.
     */
    boolean pollReconnect()
    {
        try
        {
            if (null == asyncConnect)
            {
                asyncConnect = transport.asyncConnect(newCredentials(), egress);
            }
            final ClusterTransport.Connection connected = asyncConnect.poll();
            if (null == connected)
            {
                return false;
            }
            asyncConnect = null;
            CloseHelper.quietClose(cluster);
            cluster = connected;
            return true;
        }
        catch (final RuntimeException ex)
        {
            // Not reachable yet (timed out or refused): try again on a later poll.
            CloseHelper.quietClose(asyncConnect);
            asyncConnect = null;
            return false;
        }
    }

    /**
     * @return true once a session was opened (it may have closed since).
     */
    boolean isStarted()
    {
        return null != cluster;
    }

    /**
     * @return true when there is a session and the cluster has not closed it.
     */
    boolean isOpen()
    {
        return null != cluster && !cluster.isClosed();
    }

    /**
     * Offer one message to the cluster, once: never blocks.
     *
     * @return true if the cluster took it; false on back pressure or with no session.
     */
    boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return null != cluster && cluster.offer(buffer, offset, length) > 0;
    }

    /**
     * @return number of fragments delivered to the egress listener.
     */
    int pollEgress()
    {
        return cluster.pollEgress();
    }

    /**
     * @return the token every request on this session carries.
     */
    long token()
    {
        return credentials.token();
    }

    long clusterSessionId()
    {
        return cluster.clusterSessionId();
    }

    int leaderMemberId()
    {
        return cluster.leaderMemberId();
    }

    /**
     * @return the longest request the ingress takes in one message; unbounded before the first session.
     */
    int maxMessageLength()
    {
        return null == cluster ? Integer.MAX_VALUE : cluster.maxMessageLength();
    }

    /**
     * @return the embedded or external media driver's directory, or null behind an application's own transport.
     */
    String aeronDirectoryName()
    {
        return null == mediaDriver ? null : mediaDriver.aeronDirectoryName();
    }

    /**
     * @return a random number below {@code bound}, from the connection's secure random.
     */
    int nextRandom(final int bound)
    {
        return random.nextInt(bound);
    }

    /**
     * Close the session, any attempt to open one, the transport and any embedded driver.
     */
    @Override
    public void close()
    {
        CloseHelper.quietClose(asyncConnect);
        CloseHelper.quietClose(cluster);
        CloseHelper.quietClose(transport);
        CloseHelper.quietClose(mediaDriver);
    }

    private AerieCredentials newCredentials()
    {
        // A new token and password seed for each connection: a request must carry its own connection's token.
        credentials = new AerieCredentials(random, ctx.session().digestAuth());
        return credentials;
    }
}
