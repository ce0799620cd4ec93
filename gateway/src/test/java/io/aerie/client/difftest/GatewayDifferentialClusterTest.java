package io.aerie.client.difftest;

import io.aerie.client.TestClusters;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aerie.gateway.ZooKeeperGateway;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The differential test's seeded random operation sequences ({@link DifferentialRun}, the client module's
 * {@code ZooKeeperDifferentialClusterTest}) run with the real ZooKeeper 3.9.5 Java client on both sides: against an
 * in-process ZooKeeper 3.9.5 server, and through the ZooKeeper gateway to a one-node Aerie cluster. Every answer is
 * compared after the same normalization (codes and exception types, paths, data, children, every Stat field, zxids as
 * relations, session ids as sessions, multi's per-op results); only the server differs. Lives in the difftest's
 * package (the client module's test jar) to use its package-private pieces.
 * <p>
 * Sizes: {@value #SEEDS_DEFAULT} seeds of {@value #OPS_DEFAULT} ops in CI; more by command, with the client's
 * properties: {@code -Daerie.difftest.seeds=20 -Daerie.difftest.ops=5000 -Daerie.difftest.seed=FIRST}.
 */
@Tag("slow")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class GatewayDifferentialClusterTest
{
    static final int SEEDS_DEFAULT = 2;
    static final int OPS_DEFAULT = 1000;
    /** The one node at 6400..6405, the gateway on TCP 6410 (the gateway suites' range is 6000-6799). */
    private static final int PORT_BASE = 6400;
    private static final int GATEWAY_PORT = 6410;
    private static final long LEADER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);

    @TempDir
    File dir;

    @Test
    void shouldAnswerSeededRandomOperationsThroughTheGatewayAsZooKeeperDoes() throws Exception
    {
        final int seeds = Integer.getInteger(ZooKeeperDifferentialClusterTest.SEEDS_PROP_NAME, SEEDS_DEFAULT);
        final int ops = Integer.getInteger(ZooKeeperDifferentialClusterTest.OPS_PROP_NAME, OPS_DEFAULT);
        final long firstSeed = Long.getLong(ZooKeeperDifferentialClusterTest.SEED_PROP_NAME, 1);
        final TestClusters.Errors errors = new TestClusters.Errors();
        try (InProcessZooKeeper zooKeeperServer = new InProcessZooKeeper(dir);
            LocalCluster cluster = LocalCluster.launch(new LocalCluster.Context()
                .nodeCount(1)
                .portBase(PORT_BASE)
                .dir(new File(dir, "cluster"))
                .serviceContextSupplier(() -> new AerieClusteredService.Context()
                    .sweepIntervalMs(TimeUnit.DAYS.toMillis(1))
                    .treeContext(new ZnodeTreeContext().maxZnodes(20_000).largeDataCapacity(32L * 1024 * 1024)))
                .errorHandler(errors)))
        {
            cluster.findLeader(System.nanoTime() + LEADER_TIMEOUT_NS);
            final ZooKeeperGateway.Context gatewayCtx = new ZooKeeperGateway.Context()
                .host("127.0.0.1")
                .port(GATEWAY_PORT)
                .aeronDirectoryName(cluster.node(0).context().storage().aeronDirectoryName())
                .errorHandler(errors);
            gatewayCtx.client().connection()
                .ingressEndpoints(cluster.ingressEndpoints())
                .ingressChannel(cluster.ingressChannel())
                .egressChannel(cluster.egressChannel());
            final ZooKeeperGateway gateway = ZooKeeperGateway.launch(gatewayCtx);
            final ZooKeeperDriver zooKeeper =
                new ZooKeeperDriver(zooKeeperServer.connectString(), DiffSystems.SESSIONS);
            final ZooKeeperDriver throughGateway = new ZooKeeperDriver(
                "127.0.0.1:" + gateway.port(), DiffSystems.SESSIONS);
            try
            {
                final DifferentialRun run = new DifferentialRun(zooKeeper, throughGateway, DiffSystems.SESSIONS);
                for (long seed = firstSeed; seed < firstSeed + seeds; seed++)
                {
                    run.runSeed(seed, ops);
                }
                System.out.printf("Differential test through the gateway: %d ops compared over %d seeds from %d; " +
                    "known differences:%n%s", run.compared(), seeds, firstSeed, run.describeKnownCounts());
                assertEquals((long)seeds * (ops + 1), run.compared());
            }
            finally
            {
                CloseHelper.closeAll(throughGateway, zooKeeper, gateway);
            }
        }
        errors.assertNone();
    }
}
