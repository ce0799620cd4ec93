package io.aerie.client.difftest;

import io.aerie.client.AerieClient;
import io.aerie.client.TestClusters;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * The two systems of a differential test, side by side in this JVM: an in-process ZooKeeper server and a one-node
 * Aerie cluster with a media driver shared by its clients, each behind its {@link DiffDriver}. Cluster errors are
 * collected and fail {@link #close()}.
 */
final class DiffSystems implements AutoCloseable
{
    static final int SESSIONS = 3;
    private static final long STEP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private final InProcessZooKeeper zooKeeperServer;
    private final LocalCluster cluster;
    private final MediaDriver clientDriver;
    private final ZooKeeperDriver zooKeeper;
    private final AerieDriver aerie;

    /**
     * Start both systems.
     *
     * @param dir             directory for both, deleted by the caller.
     * @param portBase        first port of the Aerie cluster.
     * @param sweepIntervalMs Aerie's container/TTL sweep interval.
     * @throws Exception if either does not start.
     */
    DiffSystems(final File dir, final int portBase, final long sweepIntervalMs) throws Exception
    {
        InProcessZooKeeper server = null;
        LocalCluster launched = null;
        MediaDriver driver = null;
        try
        {
            server = new InProcessZooKeeper(dir);
            launched = LocalCluster.launch(new LocalCluster.Context()
                .nodeCount(1)
                .portBase(portBase)
                .dir(new File(dir, "cluster"))
                .serviceContextSupplier(() -> new AerieClusteredService.Context()
                    .minSessionTimeoutMs(100)
                    .sweepIntervalMs(sweepIntervalMs)
                    .treeContext(new ZnodeTreeContext().maxZnodes(20_000).largeDataCapacity(32L * 1024 * 1024)))
                .errorHandler(errors));
            launched.findLeader(System.nanoTime() + STEP_TIMEOUT_NS);
            driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(new File(dir, "client-driver").getAbsolutePath())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 100_000))
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
        }
        catch (final Exception ex)
        {
            CloseHelper.quietCloseAll(driver, launched, server);
            throw ex;
        }
        zooKeeperServer = server;
        cluster = launched;
        clientDriver = driver;
        zooKeeper = newZooKeeperDriver("");
        aerie = newAerieDriver("");
    }

    /**
     * @param chroot "" for none, else the chroot as it ends a connect string ("/app").
     * @return a new driver over ZooKeeper whose sessions connect with the chroot; the caller closes it.
     */
    ZooKeeperDriver newZooKeeperDriver(final String chroot)
    {
        return new ZooKeeperDriver(zooKeeperServer.connectString() + chroot, SESSIONS);
    }

    /**
     * @param chroot "" for none, else the chroot as it ends a connect string ("/app").
     * @return a new driver over Aerie whose sessions connect with the chroot in their connect string; the caller
     * closes it.
     */
    AerieDriver newAerieDriver(final String chroot)
    {
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.connection()
            .aeronDirectoryName(clientDriver.aeronDirectoryName())
            .ingressEndpoints(cluster.ingressEndpoints() + chroot)
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel());
        clientCtx.requests().requestTimeoutNs(STEP_TIMEOUT_NS);
        return new AerieDriver(() -> clientCtx, SESSIONS);
    }

    InProcessZooKeeper zooKeeperServer()
    {
        return zooKeeperServer;
    }

    DiffDriver zooKeeper()
    {
        return zooKeeper;
    }

    DiffDriver aerie()
    {
        return aerie;
    }

    /**
     * @throws AssertionError if the cluster reported an error so far.
     */
    void assertNoClusterErrors()
    {
        errors.assertNone();
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(aerie, zooKeeper, clientDriver, cluster, zooKeeperServer);
        errors.assertNone();
    }
}
