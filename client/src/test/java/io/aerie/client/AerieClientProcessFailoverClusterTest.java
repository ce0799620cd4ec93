package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;
import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.NodeStorage;
import io.aerie.engine.node.NodeTransport;
import io.aeron.CncFileDescriptor;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The client against three node processes ({@link AerieNode#main(String[])}, one JVM each): the leader's process
 * is killed with {@code kill -9}, the client carries on through the election with its session and ephemeral,
 * nothing acknowledged is lost or applied twice, and the killed member restarts and is a member again: with
 * another member killed, the cluster can only commit with it.
 * <p>
 * Roles, election states and commit positions of the processes are read from the counters in each node's media
 * driver CnC file, as AeronStat does, without touching the nodes.
 */
@Tag("slow")
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class AerieClientProcessFailoverClusterTest
{
    private static final int PORT_BASE = 26400;
    private static final int NODES = 3;
    private static final long STEP_TIMEOUT_NS = TestClusters.STEP_TIMEOUT_NS;
    /**
     * Bound for node JVMs to start and elect: three at once each compile Chronicle Map's classes, which at load
     * average 30 on 2 cores took longer than a step's bound.
     */
    private static final long START_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);
    private static final int LOG_TAIL_CHARS = 12 * 1024;

    @TempDir
    File tempDir;

    private final Process[] processes = new Process[NODES];
    private final List<Process> started = new ArrayList<>();
    private final List<File> logs = new ArrayList<>();
    private AerieClient client;

    @AfterEach
    @Timeout(value = 360, unit = TimeUnit.SECONDS)
    void stop() throws InterruptedException
    {
        CloseHelper.quietClose(client);
        for (final Process process : started)
        {
            process.destroy();
        }
        for (final Process process : started)
        {
            if (!process.waitFor(15, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                process.waitFor();
            }
        }
        // Every process is dead now: a killed node leaves mark files and its driver directory in /dev/shm.
        for (int i = 0; i < NODES; i++)
        {
            AerieNode.removeStaleMarkFiles(nodeDir(i), aeronDir(i));
        }
    }

    @Test
    void shouldKeepWritesSessionAndEphemeralWhenTheLeaderProcessIsKilledAndRestarted() throws Exception
    {
        try
        {
            killLeaderWriteThroughAndRestart();
        }
        catch (final Throwable t)
        {
            t.addSuppressed(new AssertionError("node process output:\n" + processLogs()));
            throw t;
        }
    }

    private void killLeaderWriteThroughAndRestart() throws Exception
    {
        // 1. Three node processes, all in an established term, then a client.
        for (int i = 0; i < NODES; i++)
        {
            writeProperties(i);
            startNode(i);
        }
        awaitCondition(
            "a leader and two followers among the node processes", START_TIMEOUT_NS, () -> leaderProcess() >= 0);
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.connection()
            .ingressEndpoints(ingressEndpoints())
            .ingressChannel("aeron:udp?term-length=16m")
            .egressChannel("aeron:udp?endpoint=localhost:0|term-length=16m");
        clientCtx.requests().requestTimeoutNs(STEP_TIMEOUT_NS);
        clientCtx.session().sessionTimeoutMs(10_000);
        client = connect(clientCtx);

        // 2. Writes acknowledged before the failover, and an ephemeral.
        client.create("/log", null);
        final List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            acknowledged.add(createSequential());
        }
        client.create("/leader-lease", null, AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1);
        final long sessionId = client.sessionId();
        assertEquals(sessionId, client.exists("/leader-lease").ephemeralOwner());

        // 3. kill -9 of the leader's process. On a loaded machine a stall can move the leadership at any time (the
        // nodes' failure detector cannot tell a stall from a crash): wait until the client's leader is the process
        // that leads, so that the kill is of the leader the client writes to.
        awaitCondition("the client's leader to be the process that leads",
            () -> client.leaderMemberId() == leaderProcess());
        final int oldLeader = client.leaderMemberId();
        final long killNs = System.nanoTime();
        processes[oldLeader].destroyForcibly();
        awaitExit(oldLeader);
        final long exitedNs = System.nanoTime();

        // 4. The same client keeps writing: blocking calls ride through the election.
        for (int i = 0; i < 20; i++)
        {
            acknowledged.add(createSequential());
            if (0 == i)
            {
                final long ackNs = System.nanoTime();
                System.out.printf(
                    "AerieClientProcessFailoverClusterTest: leader %d killed; process gone after %d ms, " +
                    "next write acknowledged %d ms after the kill (new leader %d)%n",
                    oldLeader,
                    TimeUnit.NANOSECONDS.toMillis(exitedNs - killNs),
                    TimeUnit.NANOSECONDS.toMillis(ackNs - killNs),
                    client.leaderMemberId());
            }
        }
        assertNotEquals(oldLeader, client.leaderMemberId());
        assertAcknowledgedExactlyOnce(acknowledged, 40);
        assertSession(sessionId);

        // 5. Restart the killed member: same properties, its stale mark files removed at start.
        startNode(oldLeader);
        awaitCondition("restarted member " + oldLeader + " following in an established term", START_TIMEOUT_NS,
            () -> isFollowing(oldLeader));
        client.create("/after-restart", null);
        final long digest = client.digest();
        final int leader = client.leaderMemberId();
        final long leaderCommitPosition = commitPositionOf(leader);
        awaitCondition("restarted member " + oldLeader + " at the leader's commit position " + leaderCommitPosition,
            () -> commitPositionOf(oldLeader) >= leaderCommitPosition);
        assertEquals(digest, client.digest(), "no write between the digests");
        assertTrue(processes[oldLeader].isAlive(), "restarted member is alive");

        // The restarted member is a member again: with the third member killed, nothing commits without it.
        int third = 0;
        while (third == oldLeader || third == leader)
        {
            third++;
        }
        processes[third].destroyForcibly();
        awaitExit(third);
        final long thirdKilledNs = System.nanoTime();
        for (int i = 0; i < 2; i++)
        {
            acknowledged.add(createSequential());
        }
        System.out.printf(
            "AerieClientProcessFailoverClusterTest: member %d killed, members %d (restarted) and %d commit; " +
            "two writes in %d ms%n",
            third, oldLeader, client.leaderMemberId(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - thirdKilledNs));
        assertAcknowledgedExactlyOnce(acknowledged, 42);
        assertSession(sessionId);
        assertTrue(processes[oldLeader].isAlive(), "restarted member is alive");
        assertNotNull(client.exists("/after-restart"));
    }

    private String createSequential() throws AerieException
    {
        return client.create("/log/e-", null, AclList.openAclUnsafe(), CreateMode.PERSISTENT_SEQUENTIAL, -1);
    }

    private void assertAcknowledgedExactlyOnce(final List<String> acknowledged, final int count) throws AerieException
    {
        assertEquals(count, acknowledged.size());
        assertEquals(count, new HashSet<>(acknowledged).size(), "acknowledged paths are distinct");
        final List<String> children = client.getChildren("/log");
        assertEquals(count, children.size(), "children of /log: " + children);
        assertEquals(count, new HashSet<>(children).size(), "children of /log are distinct");
        for (final String path : acknowledged)
        {
            assertTrue(children.contains(path.substring("/log/".length())), path);
        }
        assertEquals(count, client.exists("/log").cversion(), "no create was applied twice");
    }

    private void assertSession(final long sessionId) throws AerieException
    {
        assertEquals(sessionId, client.sessionId());
        final Stat lease = client.exists("/leader-lease");
        assertNotNull(lease, "the ephemeral outlived the failover");
        assertEquals(sessionId, lease.ephemeralOwner());
        assertEquals(SessionState.CONNECTED, client.state());
    }

    private AerieClient connect(final AerieClient.Context ctx)
    {
        final long deadlineNs = System.nanoTime() + STEP_TIMEOUT_NS;
        while (true)
        {
            try
            {
                return AerieClient.connect(ctx);
            }
            catch (final AerieException | RuntimeException ex)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new AssertionError("no client connection; node process output:\n" + processLogs(), ex);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }

    private void writeProperties(final int memberId) throws IOException
    {
        final Properties properties = new Properties();
        properties.setProperty(AerieNode.Configuration.MEMBER_ID_PROP_NAME, Integer.toString(memberId));
        properties.setProperty(NodeTransport.Configuration.CLUSTER_HOSTS_PROP_NAME, "localhost,localhost,localhost");
        properties.setProperty(NodeTransport.Configuration.PORT_BASE_PROP_NAME, Integer.toString(PORT_BASE));
        properties.setProperty(NodeStorage.Configuration.DIR_PROP_NAME, nodeDir(memberId).getPath());
        properties.setProperty(NodeStorage.Configuration.AERON_DIR_PROP_NAME, aeronDir(memberId));
        properties.setProperty(NodeStorage.Configuration.REMOVE_STALE_MARK_FILES_PROP_NAME, "true");
        // The node processes run with the test JVM's durability (the build sets none), as in-process test nodes do,
        // not the node default's fsync: at load 25-30, three fsyncing processes were seen not to elect in time.
        final String durability = System.getProperty(NodeStorage.Configuration.DURABILITY_PROP_NAME);
        if (null != durability)
        {
            properties.setProperty(NodeStorage.Configuration.DURABILITY_PROP_NAME, durability);
        }
        properties.setProperty("aerie.tree.max.znodes", "10000");
        properties.setProperty("aerie.tree.large.data.capacity", "8m");
        try (Writer writer = Files.newBufferedWriter(propertiesFile(memberId).toPath(), StandardCharsets.UTF_8))
        {
            properties.store(writer, "AerieClientProcessFailoverClusterTest member " + memberId);
        }
    }

    /**
     * A node in its own JVM, as NodeProcessClusterTest starts one: this JVM's java, its module flags, the test
     * class path and the member's properties file; output to a file in the temp dir.
     */
    private void startNode(final int memberId) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") ||
                arg.startsWith("--enable-native-access") || arg.startsWith("--sun-misc-unsafe-memory-access") ||
                arg.startsWith("-Dchronicle"))
            {
                command.add(arg);
            }
        }
        command.add("-cp");
        final String surefireClassPath = System.getProperty("surefire.test.class.path");
        command.add(null != surefireClassPath ? surefireClassPath : System.getProperty("java.class.path"));
        command.add(AerieNode.class.getName());
        command.add(propertiesFile(memberId).getPath());

        final File log = new File(tempDir, "node-" + memberId + "-" + logs.size() + ".log");
        logs.add(log);
        final Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log)
            .start();
        processes[memberId] = process;
        started.add(process);
    }

    private void awaitExit(final int memberId) throws InterruptedException
    {
        if (!processes[memberId].waitFor(STEP_TIMEOUT_NS, TimeUnit.NANOSECONDS))
        {
            fail("node process " + memberId + " did not exit; node process output:\n" + processLogs());
        }
    }

    /**
     * Wait for the condition, polling the client (if connected) so its session stays alive.
     */
    private void awaitCondition(final String what, final BooleanSupplier condition)
    {
        awaitCondition(what, STEP_TIMEOUT_NS, condition);
    }

    private void awaitCondition(final String what, final long timeoutNs, final BooleanSupplier condition)
    {
        final long startNs = System.nanoTime();
        final long deadlineNs = startNs + timeoutNs;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out waiting for " + what + "; node states " + nodeStates() +
                    "; node process output:\n" + processLogs());
            }
            if (null != client)
            {
                client.poll();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        System.out.printf("AerieClientProcessFailoverClusterTest: %s after %d ms%n",
            what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
    }

    /**
     * @return the member id of the leader of an established term in which every other live process follows, or -1.
     */
    private int leaderProcess()
    {
        int leader = -1;
        for (int i = 0; i < NODES; i++)
        {
            if (null == processes[i] || !processes[i].isAlive())
            {
                continue;
            }
            final NodeState state = nodeState(i);
            if (null == state || ElectionState.CLOSED != state.election)
            {
                return -1;
            }
            if (Cluster.Role.LEADER == state.role)
            {
                leader = i;
            }
        }
        return leader;
    }

    private boolean isFollowing(final int memberId)
    {
        final NodeState state = nodeState(memberId);
        return null != state && Cluster.Role.FOLLOWER == state.role && ElectionState.CLOSED == state.election;
    }

    private long commitPositionOf(final int memberId)
    {
        final NodeState state = nodeState(memberId);
        return null == state ? -1 : state.commitPosition;
    }

    private String nodeStates()
    {
        final StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < NODES; i++)
        {
            sb.append(i).append('=').append(null == processes[i] || !processes[i].isAlive() ? "dead" : nodeState(i))
                .append(i < NODES - 1 ? ", " : "]");
        }
        return sb.toString();
    }

    /**
     * Role, election state and commit position of a live node process from the counters in its media driver's
     * CnC file (mapped read-only), or null while the file is missing, not ready or left by an earlier process.
     */
    private NodeState nodeState(final int memberId)
    {
        final Process process = processes[memberId];
        final File cncFile = new File(aeronDir(memberId), CncFileDescriptor.CNC_FILE);
        if (null == process || !process.isAlive() || cncFile.length() < CncFileDescriptor.END_OF_METADATA_OFFSET)
        {
            return null;
        }

        MappedByteBuffer cnc = null;
        try
        {
            cnc = IoUtil.mapExistingFile(cncFile, FileChannel.MapMode.READ_ONLY, "cnc");
            final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cnc);
            if (CncFileDescriptor.CNC_VERSION != metaData.getIntVolatile(CncFileDescriptor.cncVersionOffset(0)) ||
                CncFileDescriptor.pid(metaData) != process.pid() ||
                !CncFileDescriptor.isCncFileLengthSufficient(metaData, cnc.capacity()))
            {
                return null;
            }

            final CountersReader counters = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(cnc, metaData),
                CncFileDescriptor.createCountersValuesBuffer(cnc, metaData));
            final long[] values = { -1, -1, -1 };
            counters.forEach((counterId, typeId, keyBuffer, label) ->
            {
                switch (typeId)
                {
                    case io.aeron.AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID -> values[0] = counters.getCounterValue(counterId);
                    case io.aeron.AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID ->
                        values[1] = counters.getCounterValue(counterId);
                    case io.aeron.AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID ->
                        values[2] = counters.getCounterValue(counterId);
                    default ->
                    {
                    }
                }
            });
            if (values[0] < 0 || values[1] < 0)
            {
                return null;
            }
            return new NodeState(Cluster.Role.get(values[0]), ElectionState.get(values[1]), values[2]);
        }
        catch (final RuntimeException ex)
        {
            return null; // the file went away or is being written: not ready
        }
        finally
        {
            IoUtil.unmap(cnc);
        }
    }

    private record NodeState(Cluster.Role role, ElectionState election, long commitPosition)
    {
    }

    private String processLogs()
    {
        final StringBuilder sb = new StringBuilder();
        for (final File log : logs)
        {
            sb.append("--- ").append(log.getName()).append('\n');
            try
            {
                final String text = new String(Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8);
                sb.append(text.length() > LOG_TAIL_CHARS ?
                    "[...]" + text.substring(text.length() - LOG_TAIL_CHARS) : text).append('\n');
            }
            catch (final IOException ex)
            {
                sb.append("cannot read ").append(log).append(": ").append(ex).append('\n');
            }
        }
        return sb.toString();
    }

    private static String ingressEndpoints()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < NODES; i++)
        {
            sb.append(i > 0 ? "," : "").append(i).append("=localhost:")
                .append(PORT_BASE + i * NodeTransport.Configuration.PORTS_PER_MEMBER + NodeTransport.Configuration.INGRESS_PORT_OFFSET);
        }
        return sb.toString();
    }

    private File nodeDir(final int memberId)
    {
        return new File(tempDir, "node-" + memberId);
    }

    private String aeronDir(final int memberId)
    {
        return NodeStorage.Configuration.defaultAeronDirectoryName(nodeDir(memberId));
    }

    private File propertiesFile(final int memberId)
    {
        return new File(tempDir, "node-" + memberId + ".properties");
    }
}
