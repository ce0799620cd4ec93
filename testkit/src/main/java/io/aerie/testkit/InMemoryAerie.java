package io.aerie.testkit;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aerie.testkit.InMemoryTransport.InMemoryConnection;
import org.agrona.CloseHelper;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * An Aerie cluster in the test's own process, for fast unit tests of code built on {@link AerieClient} (recipes,
 * application state machines): Aerie's real state machine ({@link AerieClusteredService}: the same tree, versions,
 * sequential names, ephemerals, watches, ACLs, session expiry) behind the client's {@link
 * io.aerie.client.ClusterTransport} seam, with no Aeron, no media driver, no ports and no files. A client made here
 * is a real {@link AerieClient}, in either threading mode, and behaves as one connected to a one-node cluster.
 *
 * <h2>Time</h2>
 * The cluster's clock (ctime, mtime, session deadlines, TTLs, container sweeps) starts at
 * {@link Context#startTimeMs()} and moves only when the test calls {@link #advanceTimeMs(long)}: nothing inside
 * reads the wall clock, so the same test does the same thing every time. While time moves, every connected client's
 * session is kept alive, as a client's own keepalives would keep it; a session ends only when the test says so:
 * {@link #expireSession(AerieClient)}, or {@link #disconnect(AerieClient)} and then time past its timeout. The
 * client's own timers (request timeout, its notice of a silent cluster) stay on the wall clock and, in a test that
 * does not wait for seconds, never fire.
 *
 * <h2>Order</h2>
 * A request is applied when the client offers it, in the order requests are offered; its answer (and any watch
 * event it triggers, for any client) waits in the receiving client's inbox until that client polls: in invoker mode
 * inside {@link AerieClient#poll()} or a blocking call on the test's thread, else on the client's conductor thread.
 * A test that drives invoker-mode clients from one thread is therefore deterministic.
 *
 * <h2>What it does not model</h2>
 * Replication, snapshots and back pressure: every offer is taken and, but across a leader change, every answer
 * delivered. A leader change ({@link #electNewLeader()}) loses what the old leader sent that clients had not yet
 * read; clients resend their requests in flight, which the state machine answers without applying twice, and a client
 * that missed a watch event hears EVENTS_LOST, as on a real cluster.
 * <p>
 * Thread-safe: the test's thread and clients' conductor threads may call at once; the state machine runs under one
 * lock. The testkit needs the JVM flags of the engine (Chronicle Map's, see the README), not only the client's.
 */
public final class InMemoryAerie implements AutoCloseable
{
    private final Context ctx;
    private final InMemoryCluster cluster;
    private final Map<AerieClient, InMemoryTransport> transports = new IdentityHashMap<>();
    private final List<AerieClient> clients = new ArrayList<>();

    private InMemoryAerie(final Context ctx)
    {
        this.ctx = ctx;
        this.cluster = new InMemoryCluster(ctx.serviceContext(), ctx.startTimeMs());
    }

    /**
     * Start an in-memory cluster with the default configuration.
     *
     * @return the running cluster; close it at the end of the test.
     */
    public static InMemoryAerie launch()
    {
        return launch(new Context());
    }

    /**
     * Start an in-memory cluster.
     *
     * @param ctx configuration; concluded here.
     * @return the running cluster; close it at the end of the test.
     */
    public static InMemoryAerie launch(final Context ctx)
    {
        return new InMemoryAerie(ctx.conclude());
    }

    /**
     * Connect a new client, with a session of its own, in the default threading mode (a conductor thread).
     *
     * @return the connected client; closed by {@link #close()} if the test does not close it.
     * @throws AerieException if the session could not be opened.
     */
    public AerieClient newClient() throws AerieException
    {
        return newClient(new AerieClient.Context());
    }

    /**
     * Connect a new client with the given settings (threading mode, session timeout, chroot, credentials,
     * listeners, ...); its transport is set here, so the context's endpoints, channels and media driver settings are
     * not used. Each client has its own session.
     *
     * @param clientContext the client's configuration; its {@link io.aerie.client.ClientConnection.Context#clusterTransport} is set here.
     * @return the connected client; closed by {@link #close()} if the test does not close it.
     * @throws AerieException if the session could not be opened (for example AUTH_FAILED).
     */
    public AerieClient newClient(final AerieClient.Context clientContext) throws AerieException
    {
        final InMemoryTransport transport = new InMemoryTransport(cluster);
        clientContext.connection().clusterTransport(transport);
        final AerieClient client = AerieClient.connect(clientContext);
        synchronized (transports)
        {
            transports.put(client, transport);
            clients.add(client);
        }
        return client;
    }

    /**
     * @return the cluster's time, ms since the epoch.
     */
    public long timeMs()
    {
        return cluster.time();
    }

    /**
     * Move the cluster's clock forward: session deadlines, TTLs and container sweeps due by then happen, in order, at
     * their own times. Connected clients' sessions are kept alive throughout. Watch events and session events these
     * cause wait for their clients' next poll.
     *
     * @param durationMs how far, ms, &gt;= 0.
     * @throws IllegalArgumentException if negative.
     */
    public void advanceTimeMs(final long durationMs)
    {
        if (durationMs < 0)
        {
            throw new IllegalArgumentException("durationMs must be >= 0: " + durationMs);
        }
        cluster.advanceTo(cluster.time() + durationMs);
    }

    /**
     * Move the cluster's clock forward, as {@link #advanceTimeMs(long)}.
     *
     * @param duration how far, &gt;= 0.
     * @param unit     unit of {@code duration}.
     */
    public void advanceTime(final long duration, final TimeUnit unit)
    {
        advanceTimeMs(unit.toMillis(duration));
    }

    /**
     * Expire the client's session now, as a cluster does when a client falls silent (a long GC pause): its
     * keepalives stop counting and the clock moves to the session's deadline (other clients' sessions kept alive),
     * where the state machine expires it, deleting its ephemerals in the same step and telling its watchers. The
     * client hears EXPIRED at its next poll; every later request of its fails with SESSION_EXPIRED.
     *
     * @param client a client of this cluster with an open session.
     * @throws IllegalStateException if the client has no open session here.
     */
    public void expireSession(final AerieClient client)
    {
        final InMemoryConnection connection = transportOf(client).connection();
        if (null == connection)
        {
            throw new IllegalStateException("the client has no connection");
        }
        cluster.expire(connection.session());
    }

    /**
     * Cut the client off the cluster, as a network partition does: its connection closes (it reports DISCONNECTED
     * at its next poll and keeps trying to connect again) and its session lives on until its timeout passes on the
     * cluster's clock. {@link #reconnect(AerieClient)} lets it back: it resumes the session if it still exists, or
     * hears EXPIRED.
     *
     * @param client a client of this cluster.
     */
    public void disconnect(final AerieClient client)
    {
        transportOf(client).partition();
    }

    /**
     * Let a client cut off by {@link #disconnect(AerieClient)} connect again: its next attempt (from its conductor,
     * or its next poll in invoker mode) opens a new connection and resumes its session.
     *
     * @param client a client of this cluster.
     */
    public void reconnect(final AerieClient client)
    {
        transportOf(client).heal();
    }

    /**
     * A leader change: the state machine sees a new leadership term (which holds no session's silence against it);
     * what the old leader sent that a client has not yet read is lost, and every connected client is told of the new
     * leader and sends its requests in flight again, which the state machine answers from memory rather than applying
     * twice. A client that missed a watch event this way hears EVENTS_LOST at its next keepalive answer.
     */
    public void electNewLeader()
    {
        cluster.newLeader();
    }

    /**
     * Read the state machine between steps, under its lock (for example its digest, {@code service.tree().digest()},
     * or its session count); do not keep what it hands out.
     *
     * @param query runs on the calling thread with the service.
     * @return what the query returns.
     */
    public long query(final ToLongFunction<AerieClusteredService> query)
    {
        final long[] result = new long[1];
        cluster.withService((service) -> result[0] = query.applyAsLong(service));
        return result[0];
    }

    /**
     * Close every client still open (each closes its session), then the state machine; idempotent.
     */
    @Override
    public void close()
    {
        final List<AerieClient> open;
        synchronized (transports)
        {
            open = new ArrayList<>(clients);
            clients.clear();
            transports.clear();
        }
        try
        {
            CloseHelper.closeAll(open);
        }
        finally
        {
            cluster.shutdown();
        }
    }

    /**
     * @return the configuration.
     */
    public Context context()
    {
        return ctx;
    }

    private InMemoryTransport transportOf(final AerieClient client)
    {
        synchronized (transports)
        {
            final InMemoryTransport transport = transports.get(client);
            if (null == transport)
            {
                throw new IllegalArgumentException("not a client of this in-memory cluster: " + client);
            }
            return transport;
        }
    }

    /**
     * Configuration of an in-memory cluster: fluent setters, same-named getters, {@link #conclude()} fills defaults.
     */
    public static final class Context
    {
        /** Default {@link #startTimeMs()}: 2026-01-01T00:00:00Z. */
        public static final long START_TIME_MS_DEFAULT = 1_767_225_600_000L;
        /** Default most znodes of the tree: plenty for a unit test, small enough to start in milliseconds. */
        public static final long MAX_ZNODES_DEFAULT = 10_000;
        /** Default room for data values above the inline size, bytes. */
        public static final long LARGE_DATA_CAPACITY_DEFAULT = 8L * 1024 * 1024;

        private boolean concluded;
        private long startTimeMs = START_TIME_MS_DEFAULT;
        private AerieClusteredService.Context serviceContext;

        /**
         * Fill defaults and check invariants once.
         *
         * @return this.
         * @throws IllegalArgumentException on a value out of range.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (startTimeMs < 0)
            {
                throw new IllegalArgumentException("startTimeMs must be >= 0: " + startTimeMs);
            }
            if (null == serviceContext)
            {
                serviceContext = new AerieClusteredService.Context()
                    .treeContext(new ZnodeTreeContext()
                        .maxZnodes(MAX_ZNODES_DEFAULT)
                        .largeDataCapacity(LARGE_DATA_CAPACITY_DEFAULT));
            }
            serviceContext.conclude();
            concluded = true;
            return this;
        }

        /** @return the cluster's time at start, ms since the epoch. */
        public long startTimeMs()
        {
            return startTimeMs;
        }

        /**
         * @param startTimeMs the cluster's time at start, ms since the epoch; a fixed date by default, so ctimes
         *                    repeat from run to run.
         * @return this.
         */
        public Context startTimeMs(final long startTimeMs)
        {
            this.startTimeMs = startTimeMs;
            return this;
        }

        /** @return the state machine's configuration (session timeout bounds, tree limits, ...). */
        public AerieClusteredService.Context serviceContext()
        {
            return serviceContext;
        }

        /**
         * @param serviceContext the state machine's configuration, as a node's; null for defaults with a small tree
         *                       ({@link #MAX_ZNODES_DEFAULT} znodes).
         * @return this.
         */
        public Context serviceContext(final AerieClusteredService.Context serviceContext)
        {
            this.serviceContext = serviceContext;
            return this;
        }
    }
}
