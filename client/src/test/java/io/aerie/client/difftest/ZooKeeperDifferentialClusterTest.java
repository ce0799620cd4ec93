package io.aerie.client.difftest;

import io.aerie.client.AerieClientContext;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The differential test: the same seeded random operations against an in-process Apache ZooKeeper 3.9 server and a
 * one-node Aerie cluster, every answer compared after normalization (see {@link DifferentialRun}). Known
 * differences are listed in {@link KnownDifference}, counted and printed; anything else fails with what is needed
 * to replay it.
 * <p>
 * Sizes: {@value #SEEDS_DEFAULT} seeds of {@value #OPS_DEFAULT} ops by default, more by command:
 * {@code -Daerie.difftest.seeds=N -Daerie.difftest.ops=N -Daerie.difftest.seed=FIRST}.
 * <p>
 * Container and TTL sweeps are kept out of both systems: they are timers, so their deletions are not ordered against
 * the ops (ZooKeeper runs no container manager here, Aerie's sweep interval is a day). Containers and TTL nodes are
 * still created, read, written and deleted like any node.
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZooKeeperDifferentialClusterTest
{
    static final String SEEDS_PROP_NAME = "aerie.difftest.seeds";
    static final String OPS_PROP_NAME = "aerie.difftest.ops";
    static final String SEED_PROP_NAME = "aerie.difftest.seed";
    static final int SEEDS_DEFAULT = 3;
    static final int OPS_DEFAULT = 1500;
    private static final int PORT_BASE = 23200;
    private static final int SESSIONS = 3;
    private static final long STEP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final Errors errors = new Errors();
    private InProcessZooKeeper zooKeeperServer;
    private LocalCluster cluster;
    private MediaDriver clientDriver;
    private ZooKeeperDriver zooKeeper;
    private AerieDriver aerie;

    @BeforeAll
    void start(@TempDir final File dir) throws Exception
    {
        zooKeeperServer = new InProcessZooKeeper(dir);
        cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(1)
            .portBase(PORT_BASE)
            .dir(new File(dir, "cluster"))
            .clusteredServiceSupplier(() -> new AerieClusteredService(new AerieClusteredService.Context()
                .minSessionTimeoutMs(100)
                .sweepIntervalMs(TimeUnit.DAYS.toMillis(1))
                .treeContext(new ZnodeTreeContext().maxZnodes(20_000).largeDataCapacity(32L * 1024 * 1024))))
            .errorHandler(errors));
        cluster.findLeader(System.nanoTime() + STEP_TIMEOUT_NS);
        clientDriver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(new File(dir, "client-driver").getAbsolutePath())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 100_000))
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        zooKeeper = new ZooKeeperDriver(zooKeeperServer.connectString(), SESSIONS);
        aerie = new AerieDriver(() -> new AerieClientContext()
            .aeronDirectoryName(clientDriver.aeronDirectoryName())
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel())
            .requestTimeoutNs(STEP_TIMEOUT_NS), SESSIONS);
    }

    @AfterAll
    void stop()
    {
        CloseHelper.closeAll(aerie, zooKeeper, clientDriver, cluster, zooKeeperServer);
        errors.assertNone();
    }

    @Test
    void shouldAnswerSeededRandomOperationsAsZooKeeperDoes() throws Exception
    {
        final int seeds = Integer.getInteger(SEEDS_PROP_NAME, SEEDS_DEFAULT);
        final int ops = Integer.getInteger(OPS_PROP_NAME, OPS_DEFAULT);
        final long firstSeed = Long.getLong(SEED_PROP_NAME, 1);
        final DifferentialRun run = new DifferentialRun(zooKeeper, aerie, SESSIONS);
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            run.runSeed(seed, ops);
        }

        System.out.printf("Differential test: %d ops compared over %d seeds from %d; known differences:%n%s",
            run.compared(), seeds, firstSeed, run.describeKnownCounts());
        assertEquals((long)seeds * ops + seeds, run.compared());
        errors.assertNone();
    }

    /**
     * Collects errors reported by the cluster's components; Aeron's WARN-category reports are not kept.
     */
    private static final class Errors implements ErrorHandler
    {
        private final List<Throwable> errors = new ArrayList<>();

        @Override
        public synchronized void onError(final Throwable throwable)
        {
            if (throwable instanceof AeronException && AeronException.Category.WARN == ((AeronException)throwable).category())
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
