package io.aerie.client;

import io.aeron.exceptions.AeronException;
import io.aerie.codecs.EventType;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real Aerie clusters on loopback for client tests: small trees, errors collected so a test can fail on them,
 * and condition waits with deadlines. Public for the tests of the client's sub-packages.
 */
public final class TestClusters
{
    static final long STEP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final int CONNECT_ATTEMPTS = 3;

    private TestClusters()
    {
    }

    /**
     * Collects errors reported by the cluster's components. Aeron's WARN-category reports (such as the leader
     * heartbeat timeout of an election after a leader stops) are expected in failover tests and not kept.
     */
    public static final class Errors implements ErrorHandler
    {
        private final List<Throwable> errors = new ArrayList<>();

        @Override
        public synchronized void onError(final Throwable throwable)
        {
            if ((throwable instanceof AeronException &&
                AeronException.Category.WARN == ((AeronException)throwable).category()) ||
                isRetriedCatchupClash(throwable))
            {
                return;
            }
            errors.add(throwable);
        }

        /**
         * Aeron 1.51 refuses a leader's catch-up replay to a follower while the replay publication of that follower's
         * previous catch-up, stopped asynchronously, still lingers in the leader's driver ("existing publication has
         * clashing sessionId ... alias=catchup-followerId-N"): on a loaded machine a restarted follower's first
         * catch-up can time out and be tried again that soon. The follower canvasses again and catches up on a later
         * try, which the tests that restart a follower assert: a transient of a slow catch-up, not a fault.
         *
         * @param throwable as reported.
         * @return true if the report, or a cause of it, is that refusal.
         */
        public static boolean isRetriedCatchupClash(final Throwable throwable)
        {
            for (Throwable cause = throwable; null != cause; cause = cause.getCause())
            {
                final String message = cause.getMessage();
                if (null != message && message.contains("existing publication has clashing sessionId") &&
                    message.contains("alias=catchup-followerId-"))
                {
                    return true;
                }
            }
            return false;
        }

        /**
         * @throws AssertionError with every kept error suppressed in it, if any was reported.
         */
        public synchronized void assertNone()
        {
            if (!errors.isEmpty())
            {
                final AssertionError error = new AssertionError("cluster reported " + errors.size() + " error(s)");
                errors.forEach(error::addSuppressed);
                throw error;
            }
        }
    }

    /**
     * A cluster launched in {@code tempDir/cluster} with one client connected to it; closing closes the client,
     * then the cluster, then fails if the cluster reported an error.
     */
    static final class ClusterWithClient implements AutoCloseable
    {
        private final Errors errors = new Errors();
        private final LocalCluster cluster;
        private final AerieClient client;

        private ClusterWithClient(final int nodes, final int portBase, final File tempDir) throws AerieException
        {
            cluster = TestClusters.launch(nodes, portBase, new File(tempDir, "cluster"), errors);
            try
            {
                client = AerieClient.connect(TestClusters.clientContext(cluster));
            }
            catch (final AerieException | RuntimeException ex)
            {
                CloseHelper.quietClose(cluster);
                throw ex;
            }
        }

        static ClusterWithClient launch(final int nodes, final int portBase, final File tempDir)
            throws AerieException
        {
            return new ClusterWithClient(nodes, portBase, tempDir);
        }

        AerieClient client()
        {
            return client;
        }

        /**
         * @return a context for another client of the cluster, for the caller to adjust.
         */
        AerieClient.Context clientContext()
        {
            return TestClusters.clientContext(cluster);
        }

        @Override
        public void close()
        {
            CloseHelper.closeAll(client, cluster);
            errors.assertNone();
        }
    }

    static LocalCluster launch(final int nodes, final int portBase, final File dir, final Errors errors)
    {
        return launch(nodes, portBase, dir, errors, 0);
    }

    /**
     * @param snapshotLogBytes log growth after which the leader takes a snapshot; 0 for on demand only.
     */
    static LocalCluster launch(
        final int nodes, final int portBase, final File dir, final Errors errors, final long snapshotLogBytes)
    {
        return launch(new LocalCluster.Context(), nodes, portBase, dir, errors, snapshotLogBytes);
    }

    static LocalCluster launch(
        final LocalCluster.Context ctx,
        final int nodes,
        final int portBase,
        final File dir,
        final Errors errors,
        final long snapshotLogBytes)
    {
        return launch(ctx, nodes, portBase, dir, errors, snapshotLogBytes, null);
    }

    /**
     * @param services if not null, receives every service instance started (restarts included), in order.
     */
    static LocalCluster launch(
        final LocalCluster.Context ctx,
        final int nodes,
        final int portBase,
        final File dir,
        final Errors errors,
        final long snapshotLogBytes,
        final List<AerieClusteredService> services)
    {
        final LocalCluster cluster = LocalCluster.launch(ctx
            .nodeCount(nodes)
            .portBase(portBase)
            .dir(dir)
            .clusteredServiceSupplier(() ->
            {
                final AerieClusteredService service = new AerieClusteredService(new AerieClusteredService.Context()
                    .minSessionTimeoutMs(100)
                    .snapshotLogBytes(snapshotLogBytes)
                    .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(32L * 1024 * 1024)));
                if (null != services)
                {
                    synchronized (services)
                    {
                        services.add(service);
                    }
                }
                return service;
            })
            .errorHandler(errors));
        cluster.findLeader(System.nanoTime() + STEP_TIMEOUT_NS);
        return cluster;
    }

    /**
     * Connect a client, with a fresh context for each attempt, trying again (three attempts in all) when Aeron's
     * connect times out waiting for the cluster's answer: at load 45 on 2 cores connects right after a cluster's start
     * waited their whole 30 s in {@code POLL_RESPONSE} (AerieClientRestartClusterTest, SharedCounterClusterTest),
     * where a leader change while the request was on its way leaves it unanswered and Aeron does not send it again.
     *
     * @param contexts a new, unconcluded context per call.
     * @return the connected client.
     * @throws AerieException as {@link AerieClient#connect(AerieClient.Context)}.
     */
    public static AerieClient connect(final Supplier<AerieClient.Context> contexts) throws AerieException
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return AerieClient.connect(contexts.get());
            }
            catch (final io.aeron.exceptions.TimeoutException ex)
            {
                if (attempt >= CONNECT_ATTEMPTS)
                {
                    throw ex;
                }
                System.out.println("TestClusters: connect attempt " + attempt + " timed out, trying again: " +
                    ex.getMessage());
            }
        }
    }

    static AerieClient.Context clientContext(final LocalCluster cluster)
    {
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.connection()
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel());
        clientCtx.requests().requestTimeoutNs(STEP_TIMEOUT_NS);
        return clientCtx;
    }

    /**
     * A watcher that keeps every event it is told as "TYPE path" (node events and removals) or "NONE state" (session
     * events), with the event's zxid, and optionally also in a journal shared with other watchers, prefixed with its
     * name, to check the order of events across watchers.
     */
    static final class RecordingWatcher implements Watcher
    {
        final List<String> events = new ArrayList<>();
        final List<Long> zxids = new ArrayList<>();
        private final String name;
        private final List<String> journal;

        RecordingWatcher()
        {
            this(null, null);
        }

        RecordingWatcher(final String name, final List<String> journal)
        {
            this.name = name;
            this.journal = journal;
        }

        @Override
        public void onEvent(final WatchedEvent event)
        {
            final String described = EventType.NONE == event.type() ?
                "NONE " + event.state() : event.type() + " " + event.path();
            events.add(described);
            zxids.add(event.zxid());
            if (null != journal)
            {
                journal.add(name + " " + described);
            }
        }
    }

    /**
     * Poll the given clients until the condition holds.
     */
    static void awaitCondition(final String what, final BooleanSupplier condition, final AerieClient... clients)
    {
        final long deadlineNs = System.nanoTime() + STEP_TIMEOUT_NS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out waiting for " + what);
            }
            for (final AerieClient client : clients)
            {
                client.poll();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
