package io.aerie.client;

import io.aeron.cluster.client.EgressListener;
import io.aeron.security.CredentialsSupplier;
import org.agrona.DirectBuffer;

/**
 * The seam between a client and the cluster it talks to: how the client's conductor opens a cluster session,
 * offers requests into it and polls the answers and events out of it. Everything above it (requests, pending
 * queue, resends, keepalives, session resume, watches, threading) is the client's own and the same whatever is
 * below.
 * <p>
 * The default, used when {@link ClientConnection.Context#clusterTransport(ClusterTransport)} is not set, is Aeron Cluster
 * ({@code AeronCluster} over the media driver the context chose). Another implementation puts the client in front
 * of something else, for example {@code io.aerie.testkit.InMemoryAerie}, which runs the real state machine in the
 * test's own process with no Aeron at all, on a clock the test advances.
 * <p>
 * Threading: the client calls a transport, its connections and its connects from one thread at a time (its
 * conductor's; in invoker mode the application's thread that drives it), never concurrently. Each method has the
 * contract of the {@code AeronCluster} method of the same name.
 */
public interface ClusterTransport extends AutoCloseable
{
    /**
     * Open a cluster session, blocking until it is open.
     *
     * @param credentials    what to authenticate with; a new instance per attempt (it carries the token every
     *                       request on the connection is stamped with).
     * @param egressListener what {@link Connection#pollEgress()} delivers the cluster's messages to, and which is
     *                       told of a new leader; called on the thread that polls.
     * @return the open connection.
     * @throws io.aeron.security.AuthenticationException if the cluster refused the credentials.
     * @throws io.aeron.exceptions.TimeoutException      if the cluster could not be reached in time.
     */
    Connection connect(CredentialsSupplier credentials, EgressListener egressListener);

    /**
     * Start opening a cluster session without blocking: the client polls the attempt from its duty cycle.
     *
     * @param credentials    as {@link #connect(CredentialsSupplier, EgressListener)}.
     * @param egressListener as {@link #connect(CredentialsSupplier, EgressListener)}.
     * @return the attempt.
     */
    AsyncConnect asyncConnect(CredentialsSupplier credentials, EgressListener egressListener);

    /**
     * Release what the transport holds (for Aeron, an embedded media driver). The client calls it once, on close,
     * after closing its connection.
     */
    void close();

    /**
     * One open cluster session, as {@code AeronCluster}.
     */
    interface Connection extends AutoCloseable
    {
        /**
         * Offer one message to the cluster, once: never blocks and never calls the egress listener.
         *
         * @param buffer holding the message; the caller may reuse it when this returns.
         * @param offset of the message in the buffer.
         * @param length of the message, at most {@link #maxMessageLength()}.
         * @return a positive position if the message was taken; otherwise a non-positive code as
         * {@code Publication.offer}'s (back pressure, not connected, ...): the caller tries again later.
         */
        long offer(DirectBuffer buffer, int offset, int length);

        /**
         * Deliver the messages the cluster has sent since the last poll to the egress listener, on this thread.
         *
         * @return number of fragments delivered (work done, for an idle strategy).
         */
        int pollEgress();

        /**
         * @return true once the cluster session is closed (by the cluster, or by {@link #close()}); the client then
         * opens a new one and resumes its Aerie session on it.
         */
        boolean isClosed();

        /**
         * @return the longest message {@link #offer(DirectBuffer, int, int)} takes, bytes.
         */
        int maxMessageLength();

        /**
         * @return the cluster's id of this session (not the Aerie session id).
         */
        long clusterSessionId();

        /**
         * @return member id of the leader this connection talks to.
         */
        int leaderMemberId();

        /**
         * Close the cluster session; idempotent.
         */
        void close();
    }

    /**
     * An attempt to open a cluster session, polled until it gives the connection, as
     * {@code AeronCluster.AsyncConnect}.
     */
    interface AsyncConnect extends AutoCloseable
    {
        /**
         * Take the attempt one step further, without blocking.
         *
         * @return the open connection, or null while the attempt goes on.
         * @throws RuntimeException if this attempt failed (timed out, refused): the client starts another later.
         */
        Connection poll();

        /**
         * Give the attempt up, closing what it opened; idempotent.
         */
        void close();
    }
}
