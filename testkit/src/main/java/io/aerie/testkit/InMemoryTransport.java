package io.aerie.testkit;

import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.security.CredentialsSupplier;
import io.aerie.client.ClusterTransport;
import org.agrona.DirectBuffer;

/**
 * One client's way into the {@link InMemoryCluster}: its connections are cluster sessions of that cluster, its
 * offers are applied at once (the answers wait in the connection's inbox until the client polls), and the test can
 * cut it off ({@link #partition()}: the connection closes and no new one opens) and let it back
 * ({@link #heal()}: the client's next connect attempt opens one, on which it resumes its session).
 * <p>
 * The client calls it from one thread at a time; the test's calls may come from another.
 */
final class InMemoryTransport implements ClusterTransport
{
    private final InMemoryCluster cluster;
    private volatile boolean partitioned;
    private volatile InMemoryConnection connection;

    InMemoryTransport(final InMemoryCluster cluster)
    {
        this.cluster = cluster;
    }

    /**
     * {@inheritDoc}
     *
     * @throws io.aeron.exceptions.TimeoutException while the transport is partitioned.
     */
    public Connection connect(final CredentialsSupplier credentials, final EgressListener egressListener)
    {
        if (partitioned)
        {
            throw new io.aeron.exceptions.TimeoutException("the in-memory cluster is cut off from this client");
        }
        return open(credentials, egressListener);
    }

    /**
     * {@inheritDoc}
     */
    public AsyncConnect asyncConnect(final CredentialsSupplier credentials, final EgressListener egressListener)
    {
        return new PendingConnect(credentials, egressListener);
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        final InMemoryConnection current = connection;
        if (null != current)
        {
            current.close();
        }
    }

    /**
     * Cut the client off: its connection is closed by the cluster (its Aerie session stays until it times out) and
     * no new one opens until {@link #heal()}.
     */
    void partition()
    {
        partitioned = true;
        final InMemoryConnection current = connection;
        if (null != current)
        {
            cluster.close(current.session(), CloseReason.TIMEOUT);
        }
    }

    /**
     * Let the client connect again.
     */
    void heal()
    {
        partitioned = false;
    }

    /**
     * @return the client's current connection, or null before the first.
     */
    InMemoryConnection connection()
    {
        return connection;
    }

    private InMemoryConnection open(final CredentialsSupplier credentials, final EgressListener egressListener)
    {
        final InMemoryConnection opened = new InMemoryConnection(
            cluster, cluster.open(credentials.encodedCredentials()), egressListener);
        connection = opened;
        return opened;
    }

    /**
     * A connect attempt: it succeeds at the first poll while the transport is not partitioned.
     */
    private final class PendingConnect implements AsyncConnect
    {
        private final CredentialsSupplier credentials;
        private final EgressListener egressListener;

        PendingConnect(final CredentialsSupplier credentials, final EgressListener egressListener)
        {
            this.credentials = credentials;
            this.egressListener = egressListener;
        }

        public Connection poll()
        {
            return partitioned ? null : open(credentials, egressListener);
        }

        public void close()
        {
        }
    }

    /**
     * One cluster session as the client sees it.
     */
    static final class InMemoryConnection implements Connection
    {
        private final InMemoryCluster cluster;
        private final InMemoryClientSession session;
        private final EgressListener egressListener;

        InMemoryConnection(
            final InMemoryCluster cluster, final InMemoryClientSession session, final EgressListener egressListener)
        {
            this.cluster = cluster;
            this.session = session;
            this.egressListener = egressListener;
        }

        InMemoryClientSession session()
        {
            return session;
        }

        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            return cluster.ingress(session, buffer, offset, length);
        }

        public int pollEgress()
        {
            return session.poll(egressListener, cluster.leadershipTermId(), cluster.time());
        }

        public boolean isClosed()
        {
            return session.isClosed();
        }

        public int maxMessageLength()
        {
            return InMemoryCluster.MAX_MESSAGE_LENGTH;
        }

        public long clusterSessionId()
        {
            return session.id();
        }

        public int leaderMemberId()
        {
            return cluster.memberId();
        }

        public void close()
        {
            cluster.close(session, CloseReason.CLIENT_ACTION);
        }
    }
}
