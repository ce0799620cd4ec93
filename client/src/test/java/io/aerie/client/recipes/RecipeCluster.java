package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.SessionListener;
import io.aerie.client.TestClusters;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real 3-node Aerie cluster on loopback for recipe tests (as the client tests' {@code TestClusters}, which is
 * package-private there), plus one media driver shared by every client the test connects: clients are cheap, so a
 * test can have many. Cluster errors are collected and fail the test at {@link #close()}.
 */
final class RecipeCluster implements AutoCloseable
{
    static final long STEP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    static final int LONG_SESSION_MS = 10_000;
    static final int SHORT_SESSION_MS = 2_000;

    private final Errors errors = new Errors();
    private final List<AerieClient> clients = new ArrayList<>();
    private final LocalCluster cluster;
    private final MediaDriver driver;

    /**
     * @param ctx      cluster configuration (node count, node configurator); port base and dir are set here.
     * @param portBase first port; members use portBase + 100 * i + 0..5.
     * @param dir      directory for the nodes and the client driver, deleted on close.
     */
    RecipeCluster(final LocalCluster.Context ctx, final int portBase, final File dir)
    {
        LocalCluster launched = null;
        MediaDriver clientDriver = null;
        try
        {
            launched = LocalCluster.launch(ctx
                .portBase(portBase)
                .dir(new File(dir, "cluster"))
                .serviceContextSupplier(() -> new AerieClusteredService.Context()
                    .minSessionTimeoutMs(100)
                    .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(8L * 1024 * 1024)))
                .errorHandler(errors));
            launched.findLeader(System.nanoTime() + STEP_TIMEOUT_NS);
            clientDriver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(new File(dir, "client-driver").getAbsolutePath())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(clientDriver, launched);
            throw ex;
        }
        this.cluster = launched;
        this.driver = clientDriver;
    }

    RecipeCluster(final int portBase, final File dir)
    {
        this(new LocalCluster.Context().nodeCount(3), portBase, dir);
    }

    LocalCluster cluster()
    {
        return cluster;
    }

    /**
     * @return context for a client of this cluster on the shared driver; not yet connected.
     */
    AerieClient.Context clientContext(final int sessionTimeoutMs)
    {
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.connection()
            .aeronDirectoryName(driver.aeronDirectoryName())
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel());
        clientCtx.session().sessionTimeoutMs(sessionTimeoutMs);
        clientCtx.requests().requestTimeoutNs(STEP_TIMEOUT_NS);
        return clientCtx;
    }

    AerieClient connect(final int sessionTimeoutMs) throws AerieException
    {
        return register(TestClusters.connect(() -> clientContext(sessionTimeoutMs)));
    }

    AerieClient connect(final int sessionTimeoutMs, final SessionListener listener) throws AerieException
    {
        return register(TestClusters.connect(() -> clientContext(sessionTimeoutMs).sessionListener(listener)));
    }

    /**
     * Connect a client that is closed with the cluster, or by {@link #closeClients()}.
     */
    AerieClient connect(final AerieClient.Context ctx) throws AerieException
    {
        return register(AerieClient.connect(ctx));
    }

    private AerieClient register(final AerieClient client)
    {
        synchronized (clients)
        {
            clients.add(client);
        }
        return client;
    }

    /**
     * Close every client connected so far (between tests sharing the cluster), then check the cluster's errors.
     */
    void closeClients()
    {
        synchronized (clients)
        {
            Collections.reverse(clients);
            CloseHelper.closeAll(clients);
            clients.clear();
        }
        errors.assertNone();
    }

    @Override
    public void close()
    {
        try
        {
            closeClients();
        }
        finally
        {
            CloseHelper.closeAll(driver, cluster);
        }
        errors.assertNone();
    }

    /**
     * Poll the given clients until the condition holds, failing after {@link #STEP_TIMEOUT_NS}.
     */
    static void await(final String what, final BooleanSupplier condition, final AerieClient... clients)
    {
        final long deadlineNs = System.nanoTime() + STEP_TIMEOUT_NS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out waiting for " + what);
            }
            pollOnce(clients);
        }
    }

    /**
     * Poll the given clients for a while (to let anything that would happen, happen), with no condition.
     */
    static void pollFor(final long durationNs, final AerieClient... clients)
    {
        final long untilNs = System.nanoTime() + durationNs;
        while (System.nanoTime() - untilNs < 0)
        {
            pollOnce(clients);
        }
    }

    private static void pollOnce(final AerieClient... clients)
    {
        int work = 0;
        for (final AerieClient client : clients)
        {
            work += client.poll();
        }
        if (0 == work)
        {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
    }

    /**
     * Collects errors reported by the cluster's components; Aeron's WARN-category reports are expected (a client
     * that stops polling or dies is timed out) and not kept, nor a retried catch-up's refusal
     * ({@link TestClusters.Errors#isRetriedCatchupClash(Throwable)}).
     */
    static final class Errors implements ErrorHandler
    {
        private final List<Throwable> errors = new ArrayList<>();

        @Override
        public synchronized void onError(final Throwable throwable)
        {
            if ((throwable instanceof AeronException &&
                AeronException.Category.WARN == ((AeronException)throwable).category()) ||
                TestClusters.Errors.isRetriedCatchupClash(throwable))
            {
                return;
            }
            errors.add(throwable);
        }

        synchronized void assertNone()
        {
            if (!errors.isEmpty())
            {
                final AssertionError error = new AssertionError("cluster reported " + errors.size() + " error(s)");
                errors.forEach(error::addSuppressed);
                throw error;
            }
        }
    }
}
