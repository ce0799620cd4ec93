package io.aerie.tools.admin;

import io.aerie.client.AerieClient;
import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aerie.tools.cli.ExitCodes;
import io.aeron.cluster.ElectionState;
import io.aeron.exceptions.AeronException;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
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
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code aerie admin} and the nodes' HTTP metrics endpoints against a real 3-node cluster in this JVM (its own
 * port base, metrics ports and directory): status (table and JSON), snapshot through the leader, ruok, srvr,
 * mntr, {@code /metrics} and {@code /ruok}; last, a stopped member. Values that follow the log on the followers
 * are awaited, each wait bounded by a deadline.
 */
@Tag("slow")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminClusterTest
{
    private static final int PORT_BASE = 27600;
    private static final int METRICS_PORT_BASE = 27690;
    private static final int NODE_COUNT = 3;
    private static final long STEP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(20);
    private static final long POLL_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern JSON_NODE = Pattern.compile(
        "\\{\"memberId\":(\\d+),.*?\"running\":(true|false),.*?\"role\":(null|\"[A-Z]+\")," +
        ".*?\"leaderMemberId\":(null|\\d+),.*?\"sessions\":(null|\\d+),\"znodes\":(null|\\d+)," +
        ".*?\"recordedSnapshots\":(\\d+),\"lastSnapshotPosition\":(null|\\d+)");

    @TempDir
    static File tempDir;

    private static final Errors ERRORS = new Errors();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
    private static LocalCluster cluster;
    private static String clusterDir;
    private static int leaderId;

    @BeforeAll
    static void startCluster()
    {
        cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(NODE_COUNT)
            .portBase(PORT_BASE)
            .dir(new File(tempDir, "cluster"))
            .deleteDirsOnStart(true)
            .deleteOnClose(true)
            .nodeConfigurator((node, memberId) -> node.transport().metricsPort(METRICS_PORT_BASE + memberId))
            .serviceContextSupplier(() -> new AerieClusteredService.Context()
                .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(32L * 1024 * 1024)))
            .errorHandler(ERRORS));
        clusterDir = cluster.context().dir().getPath();
        leaderId = cluster.findLeader(deadline()).memberId();
        awaitAllInTheLeadersTerm();
    }

    @AfterAll
    static void stopCluster()
    {
        CloseHelper.close(cluster);
        ERRORS.assertNone();
    }

    @Test
    void shouldShowExactlyOneLeaderThatEveryMemberKnows()
    {
        final AdminRun run = awaitStatus((nodes) -> nodes.stream().allMatch((n) -> n.leaderMemberId == leaderId));
        final List<JsonNode> nodes = JsonNode.parseAll(run.out);

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertEquals(NODE_COUNT, nodes.size()),
            () -> assertEquals(1, nodes.stream().filter((n) -> "\"LEADER\"".equals(n.role)).count()),
            () -> assertEquals("\"LEADER\"", nodes.get(leaderId).role),
            () -> assertTrue(nodes.stream().allMatch((n) -> n.isRunning)));
    }

    @Test
    void shouldPrintATableWithOneRunningRowPerMember()
    {
        final AdminRun run = AdminRun.execute("status", "--dir", clusterDir);
        final List<String> lines = run.out.lines().toList();

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertEquals(NODE_COUNT + 1, lines.size()),
            () -> assertTrue(lines.get(0).startsWith("MEMBER  STATUS ")),
            () -> assertTrue(lines.get(1 + leaderId).matches(leaderId + " +running +LEADER +CLOSED .*")),
            () -> assertTrue(lines.get(1).endsWith(new File(clusterDir, "node-0").getPath())));
    }

    @Test
    void shouldCountTheZnodeAndSessionOfAClientOnEveryMember() throws Exception
    {
        final List<JsonNode> before = JsonNode.parseAll(AdminRun.execute("status", "-d", clusterDir, "--json").out);
        try (AerieClient client = connectClient())
        {
            client.create("/admin-count", "x".getBytes(StandardCharsets.UTF_8));

            final AdminRun run = awaitStatus((nodes) -> nodes.stream().allMatch(
                (n) -> n.znodes > before.get(n.memberId).znodes && n.sessions > before.get(n.memberId).sessions));

            assertEquals(0, run.exitCode, run.toString());
        }
    }

    @Test
    void shouldTakeASnapshotThroughTheLeaderOnEveryMember()
    {
        final List<JsonNode> before = JsonNode.parseAll(AdminRun.execute("status", "-d", clusterDir, "--json").out);

        final AdminRun snapshot = AdminRun.execute("snapshot", "--dir", clusterDir);
        final AdminRun after = awaitStatus((nodes) -> nodes.stream().allMatch(
            (n) -> n.recordedSnapshots > before.get(n.memberId).recordedSnapshots &&
                n.lastSnapshotPosition > before.get(n.memberId).lastSnapshotPosition));

        assertAll(snapshot + "\n" + after,
            () -> assertEquals(0, snapshot.exitCode),
            () -> assertTrue(snapshot.out.startsWith("snapshot taken: leader member " + leaderId + ", term ")),
            () -> assertTrue(snapshot.err.isEmpty()));
    }

    @Test
    void shouldShowTheDiskUseOfEveryMember()
    {
        final Pattern disk = Pattern.compile(
            "\"archiveBytes\":[1-9]\\d*,\"snapshotsKept\":\\d+,\"logBytesSinceSnapshot\":\\d+," +
            "\"logStartPosition\":\\d+,\"logPurgeHeld\":0");
        final long deadlineNs = deadline();
        AdminRun run = AdminRun.execute("status", "--dir", clusterDir, "--json");
        while (disk.matcher(run.out).results().count() != NODE_COUNT)
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                fail("no disk use of every member, purge not held; last:\n" + run);
            }
            LockSupport.parkNanos(POLL_INTERVAL_NS);
            run = AdminRun.execute("status", "--dir", clusterDir, "--json");
        }

        final String header = AdminRun.execute("status", "--dir", clusterDir).out.lines().findFirst().orElseThrow();
        assertTrue(header.matches(".* DISK +KEPT +LOG-SINCE-SNAP +DIR"), header);
    }

    @Test
    void shouldRefuseASnapshotGivenOnlyAFollowerAndNameTheLeader()
    {
        final AdminRun run = AdminRun.execute("snapshot", "--dir", nodeDir(followerId()));

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("member " + leaderId + " leads, give its directory")),
            () -> assertTrue(run.out.isEmpty()));
    }

    @Test
    void shouldAnswerImok()
    {
        final AdminRun run = AdminRun.execute("ruok", "--dir", clusterDir, "--member", String.valueOf(followerId()));

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertEquals("imok\n", run.out),
            () -> assertTrue(run.err.isEmpty()));
    }

    @Test
    void shouldSummarizeTheLeaderWithSrvr()
    {
        final AdminRun run = AdminRun.execute("srvr", "--dir", nodeDir(leaderId));

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.out.contains("\nMode: leader\n")),
            () -> assertTrue(run.out.contains("\nMember id: " + leaderId + "\n")),
            () -> assertTrue(run.out.contains("\nLeader: " + leaderId + "\n")),
            () -> assertTrue(run.out.contains("\nElection state: CLOSED\n")));
    }

    @Test
    void shouldSummarizeAFollowerWithSrvrNamingTheLeader()
    {
        final int followerId = followerId();
        final AdminRun run = AdminRun.execute("srvr", "--dir", clusterDir, "-m", String.valueOf(followerId));

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.out.contains("\nMode: follower\n")),
            () -> assertTrue(run.out.contains("\nMember id: " + followerId + "\n")),
            () -> assertTrue(run.out.contains("\nLeader: " + leaderId + "\n")));
    }

    @Test
    void shouldMonitorAMemberWithMntr()
    {
        final AdminRun run = AdminRun.execute("mntr", "--dir", nodeDir(leaderId));

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.out.contains("\nzk_server_state\tleader\n")),
            () -> assertTrue(run.out.matches("(?s).*\nzk_znode_count\t\\d+\n.*")),
            () -> assertTrue(run.out.matches("(?s).*\nzk_watch_count\t\\d+\n.*")),
            () -> assertTrue(run.out.matches("(?s).*\nzk_num_alive_connections\t\\d+\n.*")),
            () -> assertTrue(run.out.matches("(?s).*\naerie_cluster_commit_position\t\\d+\n.*")),
            () -> assertTrue(run.out.lines().allMatch((line) -> line.matches("[a-z_]+\t[^\t]+"))));
    }

    @Test
    void shouldServePrometheusMetricsOverHttp() throws Exception
    {
        final HttpResponse<String> response = get(leaderId, "/metrics");
        final String member = "{member=\"" + leaderId + "\"} ";

        assertAll(response.body(),
            () -> assertEquals(200, response.statusCode()),
            () -> assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain")),
            () -> assertTrue(response.body().contains("# TYPE aerie_znodes gauge\n")),
            () -> assertTrue(response.body().contains("\naerie_cluster_role" + member + "2\n")),
            () -> assertTrue(response.body().contains(
                "\naerie_cluster_election_state" + member + ElectionState.CLOSED.code() + "\n")),
            () -> assertTrue(response.body().contains("# TYPE aerie_cluster_snapshots_total counter\n")),
            () -> assertTrue(response.body().contains("\naerie_node_errors_total" + member)),
            () -> assertTrue(response.body().contains("\naerie_cluster_commit_position" + member)));
    }

    @Test
    void shouldAnswerImokOverHttp() throws Exception
    {
        final HttpResponse<String> response = get(followerId(), "/ruok");

        assertAll(response.body(),
            () -> assertEquals(200, response.statusCode()),
            () -> assertEquals("imok", response.body()));
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownPath() throws Exception
    {
        assertEquals(404, get(leaderId, "/nope").statusCode());
    }

    @Test
    @Order(Integer.MAX_VALUE) // Last: the member stays stopped.
    void shouldShowAStoppedMemberAsNotRunningAndCloseItsMetricsPort()
    {
        final int followerId = followerId();
        final AerieNode follower = cluster.node(followerId);
        final int metricsPort = follower.metricsAddress().getPort();
        cluster.stopNode(followerId);
        // status fails while quorum is lost: on a loaded machine the other two may be in an election for a while.
        awaitInTheLeadersTerm(leaderId);
        awaitInTheLeadersTerm((followerId + 1) % NODE_COUNT);

        final AdminRun run = AdminRun.execute("status", "--dir", clusterDir);
        final String row = run.out.lines().toList().get(1 + followerId);

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(row.startsWith(followerId + "       not running")),
            () -> assertTrue(row.matches(".*node-" + followerId + " \\(.+\\)")),
            () -> assertThrows(ConnectException.class, () -> HTTP.send(
                request(metricsPort, "/metrics"), HttpResponse.BodyHandlers.ofString())));
    }

    private static int followerId()
    {
        return (leaderId + 1) % NODE_COUNT;
    }

    private static String nodeDir(final int memberId)
    {
        return new File(clusterDir, "node-" + memberId).getPath();
    }

    private static AerieClient connectClient() throws Exception
    {
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.connection()
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel());
        return AerieClient.connect(clientCtx);
    }

    private static HttpResponse<String> get(final int memberId, final String path)
        throws IOException, InterruptedException
    {
        final int port = cluster.node(memberId).metricsAddress().getPort();
        return HTTP.send(request(port, path), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(final int port, final String path)
    {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(HTTP_TIMEOUT)
            .GET()
            .build();
    }

    private static AdminRun awaitStatus(final Predicate<List<JsonNode>> condition)
    {
        final long deadlineNs = deadline();
        while (true)
        {
            final AdminRun run = AdminRun.execute("status", "--dir", clusterDir, "--json");
            if (0 == run.exitCode && condition.test(JsonNode.parseAll(run.out)))
            {
                return run;
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                fail("status never as expected; last:\n" + run);
            }
            LockSupport.parkNanos(POLL_INTERVAL_NS);
        }
    }

    private static void awaitAllInTheLeadersTerm()
    {
        for (int i = 0; i < NODE_COUNT; i++)
        {
            awaitInTheLeadersTerm(i);
        }
    }

    private static void awaitInTheLeadersTerm(final int memberId)
    {
        final long deadlineNs = deadline();
        while (ElectionState.CLOSED != cluster.node(memberId).electionState())
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                fail("member " + memberId + " never joined the leader's term");
            }
            LockSupport.parkNanos(POLL_INTERVAL_NS);
        }
    }

    private static long deadline()
    {
        return System.nanoTime() + STEP_TIMEOUT_NS;
    }

    /**
     * The fields of one node in {@code status --json} that these tests look at; unknown numbers as -1.
     */
    static final class JsonNode
    {
        final int memberId;
        final boolean isRunning;
        final String role;
        final int leaderMemberId;
        final long sessions;
        final long znodes;
        final int recordedSnapshots;
        final long lastSnapshotPosition;

        private JsonNode(final Matcher matcher)
        {
            memberId = Integer.parseInt(matcher.group(1));
            isRunning = Boolean.parseBoolean(matcher.group(2));
            role = matcher.group(3);
            leaderMemberId = (int)number(matcher.group(4));
            sessions = number(matcher.group(5));
            znodes = number(matcher.group(6));
            recordedSnapshots = Integer.parseInt(matcher.group(7));
            lastSnapshotPosition = number(matcher.group(8));
        }

        static List<JsonNode> parseAll(final String json)
        {
            final List<JsonNode> nodes = new ArrayList<>();
            final Matcher matcher = JSON_NODE.matcher(json);
            while (matcher.find())
            {
                nodes.add(new JsonNode(matcher));
            }

            return nodes;
        }

        private static long number(final String text)
        {
            return "null".equals(text) ? -1 : Long.parseLong(text);
        }
    }

    /**
     * Errors the cluster reports, from its threads; Aeron's warnings (election events when a member stops) are not
     * kept.
     */
    static final class Errors implements ErrorHandler
    {
        private final List<Throwable> errors = new ArrayList<>();

        public synchronized void onError(final Throwable throwable)
        {
            if (!(throwable instanceof AeronException &&
                AeronException.Category.WARN == ((AeronException)throwable).category()))
            {
                errors.add(throwable);
            }
        }

        synchronized void assertNone()
        {
            if (!errors.isEmpty())
            {
                fail(errors.size() + " cluster error(s), first: " + errors.get(0), errors.get(0));
            }
        }
    }
}
