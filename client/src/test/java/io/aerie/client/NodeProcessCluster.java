package io.aerie.client;

import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.ChildJvmCommand;
import io.aerie.engine.node.NodeCounters;
import io.aerie.engine.node.NodeProcessCounters;
import io.aerie.engine.node.NodeStorage;
import io.aerie.engine.node.NodeTransport;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three (or N) Aerie nodes on loopback, each a process of its own ({@link AerieNode#main(String[])} or another main
 * taking a properties file), for tests that kill a node as an operator's {@code kill -9} would. Roles, election
 * states and commit positions are read from the counters in each node's media driver CnC file, as AeronStat does,
 * without touching the nodes ({@link NodeProcessCounters}). {@link #close()} ends every process and removes what killed ones left behind.
 * Public, in the client's test jar, for other modules' tests (the gateway's).
 */
public final class NodeProcessCluster implements AutoCloseable
{
    /**
     * Bound for node JVMs to start and elect: three at once each compile Chronicle Map's classes, which at load
     * average 30 on 2 cores took longer than a step's bound.
     */
    public static final long START_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);
    private static final int LOG_TAIL_CHARS = 12 * 1024;

    private final int nodes;
    private final int portBase;
    private final File dir;
    private final String mainClass;
    private final IntFunction<Properties> extraProperties;
    private final Process[] processes;
    private final List<Process> started = new ArrayList<>();
    private final List<File> logs = new ArrayList<>();

    /**
     * @param nodes           members.
     * @param portBase        first UDP port (member i takes base + 100·i + 0..5).
     * @param dir             directory for the nodes' state, properties files and output; deleted by the caller.
     * @param mainClass       the node JVM's main class, given the member's properties file as its one argument.
     * @param extraProperties further properties of a member (by member id), e.g. its gateway port.
     */
    public NodeProcessCluster(
        final int nodes,
        final int portBase,
        final File dir,
        final String mainClass,
        final IntFunction<Properties> extraProperties)
    {
        this.nodes = nodes;
        this.portBase = portBase;
        this.dir = dir;
        this.mainClass = mainClass;
        this.extraProperties = extraProperties;
        this.processes = new Process[nodes];
    }

    /**
     * Write every member's properties and start every node process.
     *
     * @throws IOException if a file cannot be written or a process cannot start.
     */
    public void startAll() throws IOException
    {
        for (int i = 0; i < nodes; i++)
        {
            writeProperties(i);
            start(i);
        }
    }

    /**
     * Start (or restart) a member's process with its properties file; stale mark files of a killed predecessor are
     * removed by the node at start.
     *
     * @param memberId the member.
     * @throws IOException if the process cannot start.
     */
    public void start(final int memberId) throws IOException
    {
        final File log = new File(dir, "node-" + memberId + "-" + logs.size() + ".log");
        logs.add(log);
        final Process process = ChildJvmCommand.of(mainClass)
            .inheritAlso("-XX:+PerfDisableSharedMem"::equals)
            .args(propertiesFile(memberId).getPath())
            .processBuilder()
            .redirectOutput(log)
            .start();
        processes[memberId] = process;
        started.add(process);
    }

    /**
     * {@code kill -9} of a member's process, and wait until it has exited.
     *
     * @param memberId     the member.
     * @param stepTimeoutNs longest wait for the exit.
     * @throws InterruptedException if interrupted while waiting.
     */
    public void kill(final int memberId, final long stepTimeoutNs) throws InterruptedException
    {
        processes[memberId].destroyForcibly();
        if (!processes[memberId].waitFor(stepTimeoutNs, TimeUnit.NANOSECONDS))
        {
            fail("node process " + memberId + " did not exit; node process output:\n" + processLogs());
        }
    }

    /**
     * @param memberId the member.
     * @return true if its latest process is running.
     */
    public boolean isAlive(final int memberId)
    {
        return null != processes[memberId] && processes[memberId].isAlive();
    }

    /**
     * Wait for a condition, calling {@code whileWaiting} between polls (e.g. to poll a client so its session stays
     * alive); fail with the node states and their output once {@code timeoutNs} has passed.
     *
     * @param what         what is awaited, for the failure and the progress line.
     * @param timeoutNs    bound.
     * @param condition    what must become true.
     * @param whileWaiting run between polls.
     */
    public void awaitCondition(
        final String what, final long timeoutNs, final BooleanSupplier condition, final Runnable whileWaiting)
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
            whileWaiting.run();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        System.out.printf("NodeProcessCluster: %s after %d ms%n",
            what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
    }

    /**
     * @return the member id of the leader of an established term in which every other live process follows, or -1.
     */
    public int leaderProcess()
    {
        int leader = -1;
        for (int i = 0; i < nodes; i++)
        {
            if (!isAlive(i))
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

    /**
     * @param memberId the member.
     * @return true if it is alive and follows in an established term.
     */
    public boolean isFollowing(final int memberId)
    {
        final NodeState state = nodeState(memberId);
        return null != state && Cluster.Role.FOLLOWER == state.role && ElectionState.CLOSED == state.election;
    }

    /**
     * @param memberId the member.
     * @return its commit position, or -1 while it cannot be read.
     */
    public long commitPositionOf(final int memberId)
    {
        final NodeState state = nodeState(memberId);
        return null == state ? -1 : state.commitPosition;
    }

    /**
     * @return each member's role, election state and commit position, or dead.
     */
    public String nodeStates()
    {
        final StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < nodes; i++)
        {
            sb.append(i).append('=').append(isAlive(i) ? nodeState(i) : "dead").append(i < nodes - 1 ? ", " : "]");
        }
        return sb.toString();
    }

    /**
     * @return the tail of every node process's output so far, for a failure message.
     */
    public String processLogs()
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

    /**
     * @return the members' ingress endpoints, for a client's {@code ingressEndpoints}.
     */
    public String ingressEndpoints()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nodes; i++)
        {
            sb.append(i > 0 ? "," : "").append(i).append("=localhost:").append(portBase +
                i * NodeTransport.Configuration.PORTS_PER_MEMBER + NodeTransport.Configuration.INGRESS_PORT_OFFSET);
        }
        return sb.toString();
    }

    /**
     * End every process started (SIGTERM, then SIGKILL after 15 s) and remove the mark files and driver directories
     * killed ones left.
     *
     * @throws InterruptedException if interrupted while waiting for the processes.
     */
    @Override
    public void close() throws InterruptedException
    {
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
        for (int i = 0; i < nodes; i++)
        {
            AerieNode.removeStaleMarkFiles(nodeDir(i), aeronDir(i));
        }
    }

    private void writeProperties(final int memberId) throws IOException
    {
        final Properties properties = new Properties();
        properties.setProperty(AerieNode.Configuration.MEMBER_ID_PROP_NAME, Integer.toString(memberId));
        final StringBuilder hosts = new StringBuilder("localhost");
        for (int i = 1; i < nodes; i++)
        {
            hosts.append(",localhost");
        }
        properties.setProperty(NodeTransport.Configuration.CLUSTER_HOSTS_PROP_NAME, hosts.toString());
        properties.setProperty(NodeTransport.Configuration.PORT_BASE_PROP_NAME, Integer.toString(portBase));
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
        properties.putAll(extraProperties.apply(memberId));
        try (Writer writer = Files.newBufferedWriter(propertiesFile(memberId).toPath(), StandardCharsets.UTF_8))
        {
            properties.store(writer, "NodeProcessCluster member " + memberId);
        }
    }

    /**
     * Role, election state and commit position of a live node process from the counters in its media driver's
     * CnC file, or null while the file is missing, not ready or left by an earlier process.
     */
    private NodeState nodeState(final int memberId)
    {
        final Process process = processes[memberId];
        if (null == process || !process.isAlive())
        {
            return null;
        }
        final NodeCounters counters = NodeProcessCounters.read(aeronDir(memberId), process.pid());
        if (null == counters || null == counters.role() || null == counters.electionState())
        {
            return null;
        }
        return new NodeState(counters.role(), counters.electionState(),
            counters.value(NodeCounters.Metric.COMMIT_POSITION, -1));
    }

    private record NodeState(Cluster.Role role, ElectionState election, long commitPosition)
    {
    }

    private File nodeDir(final int memberId)
    {
        return new File(dir, "node-" + memberId);
    }

    private String aeronDir(final int memberId)
    {
        return NodeStorage.Configuration.defaultAeronDirectoryName(nodeDir(memberId));
    }

    private File propertiesFile(final int memberId)
    {
        return new File(dir, "node-" + memberId + ".properties");
    }
}
