package io.aerie.tools.admin;

import io.aerie.client.AerieClient;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.model.AclList;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aerie.tools.cli.ExitCodes;
import io.aeron.cluster.ElectionState;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code aerie admin srvr} and {@code mntr} fill ZooKeeper 3.9's fields from a real 3-node cluster (its own port
 * base 22800 and directory); {@code ruok} without {@code --member} asks every member; {@code status} fails once
 * quorum is lost. Values that follow the log or the followers' acknowledgements are awaited within a deadline.
 */
@Tag("slow")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminParityClusterTest
{
    private static final int PORT_BASE = 22800;
    private static final int NODE_COUNT = 3;
    private static final long STEP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final long POLL_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(50);

    @TempDir
    static File tempDir;

    private static final AdminClusterTest.Errors ERRORS = new AdminClusterTest.Errors();
    private static LocalCluster cluster;
    private static AerieClient client;
    private static String clusterDir;
    private static int leaderId;

    @BeforeAll
    static void startCluster() throws Exception
    {
        cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(NODE_COUNT)
            .portBase(PORT_BASE)
            .dir(new File(tempDir, "cluster"))
            .deleteDirsOnStart(true)
            .deleteOnClose(true)
            .serviceContextSupplier(() -> new AerieClusteredService.Context()
                .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(32L * 1024 * 1024)))
            .errorHandler(ERRORS));
        clusterDir = cluster.context().dir().getPath();
        leaderId = cluster.findLeader(System.nanoTime() + STEP_TIMEOUT_NS).memberId();
        awaitAllInTheLeadersTerm();

        final AerieClient.Context clientCtx = new AerieClient.Context();

        clientCtx.agents().useConductorInvoker(true);

        clientCtx.connection()

            .ingressEndpoints(cluster.ingressEndpoints())

            .ingressChannel(cluster.ingressChannel())

            .egressChannel(cluster.egressChannel());

        client = AerieClient.connect(clientCtx);
        client.create("/parity", "12345".getBytes(StandardCharsets.UTF_8));
        client.create("/parity/e", null, AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1);
        client.getData("/parity");
    }

    @AfterAll
    static void stopCluster()
    {
        CloseHelper.closeAll(client, cluster);
        ERRORS.assertNone();
    }

    @Test
    void shouldFillZooKeeperSrvrLinesOnTheLeader()
    {
        final AdminRun run = AdminRun.execute("srvr", "--dir", clusterDir, "--member", String.valueOf(leaderId));

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.out.startsWith("Zookeeper version: Aerie ")),
            () -> assertTrue(run.out.matches("(?s).*\nLatency min/avg/max: \\d+/\\d+\\.\\d+(E-?\\d+)?/\\d+\n.*")),
            () -> assertTrue(value(run.out, "Received: (\\d+)") >= 4, "connect, 2 creates, getData"),
            () -> assertTrue(value(run.out, "Sent: (\\d+)") >= 4),
            () -> assertTrue(value(run.out, "Connections: (\\d+)") >= 1),
            () -> assertTrue(run.out.contains("\nOutstanding: 0\n")),
            () -> assertTrue(run.out.matches("(?s).*\nZxid: 0x[0-9a-f]+\n.*")),
            () -> assertTrue(run.out.contains("\nMode: leader\n")),
            () -> assertTrue(value(run.out, "Node count: (\\d+)") >= 3));
    }

    @Test
    void shouldFillZooKeeperMntrKeysOnAFollower()
    {
        final AdminRun run = awaitMntr(followerId(), (out) -> value(out, "zk_ephemerals_count\t(\\d+)") >= 1);

        assertAll(run.toString(),
            () -> assertTrue(run.out.contains("\nzk_server_state\tfollower\n")),
            () -> assertTrue(run.out.contains("\nzk_peer_state\tfollowing - broadcast\n")),
            () -> assertTrue(value(run.out, "zk_approximate_data_size\t(\\d+)") >= "/parity".length() + 5),
            () -> assertTrue(value(run.out, "zk_open_file_descriptor_count\t(\\d+)") > 0),
            () -> assertTrue(value(run.out, "zk_max_file_descriptor_count\t(\\d+)") > 0),
            () -> assertTrue(value(run.out, "zk_uptime\t(\\d+)") >= 0),
            () -> assertEquals(0, value(run.out, "zk_packets_received\t(\\d+)"), "clients talk to the leader"),
            () -> assertTrue(run.out.contains("\nzk_outstanding_requests\t0\n")),
            () -> assertTrue(run.out.lines().allMatch((line) -> line.matches("[a-z_]+\t[^\t]+"))));
    }

    @Test
    void shouldCountSyncedFollowersOnTheLeader()
    {
        final AdminRun run = awaitMntr(leaderId, (out) -> value(out, "zk_synced_followers\t(\\d+)") == 2);

        assertAll(run.toString(),
            () -> assertTrue(run.out.contains("\nzk_peer_state\tleading - broadcast\n")),
            () -> assertTrue(run.out.contains("\nzk_learners\t2\n")),
            () -> assertTrue(value(run.out, "zk_packets_received\t(\\d+)") >= 4),
            () -> assertTrue(value(run.out, "zk_max_latency\t(\\d+)") >= value(run.out, "zk_min_latency\t(\\d+)")));
    }

    @Test
    void shouldAnswerRuokForEveryMemberWithoutMemberOption()
    {
        final AdminRun run = AdminRun.execute("ruok", "--dir", clusterDir);

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertEquals("# member 0: " + new File(clusterDir, "node-0") + "\nimok\n\n" +
                "# member 1: " + new File(clusterDir, "node-1") + "\nimok\n\n" +
                "# member 2: " + new File(clusterDir, "node-2") + "\nimok\n", run.out));
    }

    @Test
    @Order(Integer.MAX_VALUE) // Last: two members stay stopped.
    void shouldFailStatusOnceQuorumIsLost()
    {
        // A loaded machine may hold an election now and then: start from all three in the leader's term.
        awaitAllInTheLeadersTerm();
        final AdminRun withQuorum = AdminRun.execute("status", "--dir", clusterDir);
        cluster.stopNode((leaderId + 1) % NODE_COUNT);
        cluster.stopNode((leaderId + 2) % NODE_COUNT);

        final AdminRun run = AdminRun.execute("status", "--dir", clusterDir);
        final AdminRun mntr = AdminRun.execute("mntr", "--dir", clusterDir);

        assertAll(withQuorum + "\n" + run + "\n" + mntr,
            () -> assertEquals(0, withQuorum.exitCode),
            () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
            () -> assertTrue(run.err.matches("(?s).*quorum lost: [01] of 3 members in a term with a leader, a " +
                "majority needs 2\n")),
            () -> assertEquals(ExitCodes.FAILURE, mntr.exitCode),
            () -> assertTrue(mntr.out.contains("# member " + leaderId + ": ")),
            () -> assertEquals(1, mntr.errLines()),
            () -> assertTrue(mntr.err.contains(" is not running: ")));
    }

    private static int followerId()
    {
        return (leaderId + 1) % NODE_COUNT;
    }

    private static long value(final String text, final String regex)
    {
        final Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static AdminRun awaitMntr(final int memberId, final Predicate<String> condition)
    {
        final long deadlineNs = System.nanoTime() + STEP_TIMEOUT_NS;
        while (true)
        {
            final AdminRun run = AdminRun.execute("mntr", "--dir", clusterDir, "--member", String.valueOf(memberId));
            if (0 == run.exitCode && condition.test(run.out))
            {
                return run;
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                fail("mntr never as expected; last:\n" + run);
            }
            LockSupport.parkNanos(POLL_INTERVAL_NS);
        }
    }

    private static void awaitAllInTheLeadersTerm()
    {
        final long deadlineNs = System.nanoTime() + STEP_TIMEOUT_NS;
        for (int i = 0; i < NODE_COUNT; i++)
        {
            while (ElectionState.CLOSED != cluster.node(i).electionState())
            {
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    fail("member " + i + " never joined the leader's term");
                }
                LockSupport.parkNanos(POLL_INTERVAL_NS);
            }
        }
    }
}
