package io.aerie.reliability.cluster;

import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.ChildJvmCommand;
import io.aerie.engine.node.NodeCounters;
import io.aerie.engine.node.NodeProcessCounters;
import io.aerie.engine.node.NodeService;
import io.aerie.engine.node.NodeStorage;
import io.aerie.engine.node.NodeTransport;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Three (or N) Aerie node processes, each a child JVM running {@link AerieNode#main(String[])} with the
 * {@link DigestRecordingService}: on loopback, or each in its own network namespace ({@link NetworkNamespaces}).
 * Members can be killed ({@code kill -9}), restarted on their directories, paused ({@code SIGSTOP}) and resumed.
 * A node's directory survives its kill, so a restarted node recovers from its own log and snapshot. Nodes run with
 * the node defaults for timing (heartbeats, elections), so the suite measures what a user gets.
 * <p>
 * Called from the suite's control thread; {@link #leader()} and {@link #counters(int)} from any.
 */
public final class NodeCluster implements AutoCloseable
{
    private static final String NODE_HEAP = "-Xmx384m";
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final Runnable NO_OP = () -> { };

    private final int nodes;
    private final int portBase;
    private final File dir;
    private final NetworkNamespaces namespaces;
    private final Map<String, String> extraProperties;
    private final Process[] processes;
    private final boolean[] isPaused;
    private final boolean[] isKilledByUs;
    private final List<String> unexpectedExits = new ArrayList<>();

    /**
     * @param nodes           cluster size.
     * @param portBase        first port of member 0 (member i: base + 100·i + 0..5).
     * @param dir             parent of the node directories and logs; the caller deletes it.
     * @param namespaces      the namespaces the nodes run in (created), or null for loopback.
     * @param extraProperties further {@code aerie.*} properties for every node.
     */
    public NodeCluster(
        final int nodes,
        final int portBase,
        final File dir,
        final NetworkNamespaces namespaces,
        final Map<String, String> extraProperties)
    {
        this.nodes = nodes;
        this.portBase = portBase;
        this.dir = dir.getAbsoluteFile();
        this.namespaces = namespaces;
        this.extraProperties = extraProperties;
        this.processes = new Process[nodes];
        this.isPaused = new boolean[nodes];
        this.isKilledByUs = new boolean[nodes];
    }

    /**
     * @return the number of members.
     */
    public int nodes()
    {
        return nodes;
    }

    /**
     * @param member a member.
     * @return its host as clients and peers reach it.
     */
    public String host(final int member)
    {
        return null == namespaces ? "127.0.0.1" : NetworkNamespaces.address(member);
    }

    /**
     * @return the address clients send from and receive on.
     */
    public String clientHost()
    {
        return null == namespaces ? "127.0.0.1" : NetworkNamespaces.CLIENT_HOST;
    }

    /**
     * @return the ingress endpoints for clients: {@code 0=host:port,...}.
     */
    public String ingressEndpoints()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nodes; i++)
        {
            sb.append(i > 0 ? "," : "").append(i).append('=').append(host(i)).append(':').append(
                portBase + i * NodeTransport.Configuration.PORTS_PER_MEMBER + NodeTransport.Configuration.INGRESS_PORT_OFFSET);
        }
        return sb.toString();
    }

    /**
     * Write every member's properties and start them all.
     *
     * @throws IOException if a file cannot be written or a process started.
     */
    public void start() throws IOException
    {
        Files.createDirectories(dir.toPath());
        for (int i = 0; i < nodes; i++)
        {
            writeProperties(i);
        }
        for (int i = 0; i < nodes; i++)
        {
            start(i);
        }
    }

    /**
     * Start (or restart, on its directory) one member. Its log is appended to.
     *
     * @param member the member, not running.
     * @throws IOException if it cannot be started.
     */
    public synchronized void start(final int member) throws IOException
    {
        final List<String> command = new ArrayList<>();
        if (null != namespaces)
        {
            command.addAll(NetworkNamespaces.inNamespace(member));
        }
        command.addAll(ChildJvmCommand.of(AerieNode.class.getName())
            .inheritAlso(ChildJvmCommand::isXxFlag)
            .jvmOptions(NODE_HEAP, "-D" + DigestRecordingService.DIGEST_FILE_PROP_NAME + "=" + digestFile(member).getPath())
            .args(new File(dir, "node-" + member + ".properties").getPath())
            .build());
        final File log = new File(dir, "node-" + member + ".log");
        processes[member] = new ProcessBuilder(command)
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        isPaused[member] = false;
        isKilledByUs[member] = false;
    }

    /**
     * {@code kill -9} of a member, waiting for it to end; its directory stays.
     *
     * @param member the member.
     */
    public synchronized void kill(final int member)
    {
        final Process process = processes[member];
        if (null == process)
        {
            return;
        }
        isKilledByUs[member] = true;
        process.destroyForcibly();
        try
        {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        isPaused[member] = false;
    }

    /**
     * {@code SIGSTOP} of a member.
     *
     * @param member the member.
     */
    public synchronized void pause(final int member)
    {
        Shell.run(List.of("kill", "-STOP", Long.toString(processes[member].pid())));
        isPaused[member] = true;
    }

    /**
     * {@code SIGCONT} of a member, if paused.
     *
     * @param member the member.
     */
    public synchronized void resume(final int member)
    {
        if (isPaused[member])
        {
            Shell.run(List.of("kill", "-CONT", Long.toString(processes[member].pid())));
            isPaused[member] = false;
        }
    }

    /**
     * {@code SIGSTOP} of every running member by one {@code kill} command, so that they stop (and, by
     * {@link #resumeAll()}, go on) within the same instant, as a stall of a whole host or JVM would stop them.
     */
    public synchronized void pauseAll()
    {
        signalAll("-STOP");
        for (int i = 0; i < nodes; i++)
        {
            isPaused[i] = isRunning(i);
        }
    }

    /**
     * {@code SIGCONT} of every member by one {@code kill} command.
     */
    public synchronized void resumeAll()
    {
        signalAll("-CONT");
        Arrays.fill(isPaused, false);
    }

    private void signalAll(final String signal)
    {
        final List<String> command = new ArrayList<>(List.of("kill", signal));
        for (int i = 0; i < nodes; i++)
        {
            if (isRunning(i))
            {
                command.add(Long.toString(processes[i].pid()));
            }
        }
        Shell.run(command);
    }

    /**
     * @param member a member.
     * @return true if its process runs (paused or not).
     */
    public synchronized boolean isRunning(final int member)
    {
        return null != processes[member] && processes[member].isAlive();
    }

    /**
     * @return the member that leads the newest established term among the running, unpaused members, or -1.
     */
    public synchronized int leader()
    {
        int leader = -1;
        long newestTerm = Long.MIN_VALUE;
        for (int i = 0; i < nodes; i++)
        {
            if (!isRunning(i) || isPaused[i])
            {
                continue;
            }
            final NodeCounters counters = counters(i);
            if (null != counters && Cluster.Role.LEADER == counters.role() &&
                ElectionState.CLOSED == counters.electionState())
            {
                final long term = counters.value(NodeCounters.Metric.LEADERSHIP_TERM_ID, -1);
                if (term > newestTerm)
                {
                    newestTerm = term;
                    leader = i;
                }
            }
        }
        return leader;
    }

    /**
     * Wait until every running member is in one established term with one leader.
     *
     * @param timeoutNs how long to wait.
     * @return the leader.
     * @throws IllegalStateException at the deadline, or if a member exited unexpectedly.
     */
    public int awaitStableLeader(final long timeoutNs)
    {
        return awaitStableLeader(timeoutNs, NO_OP);
    }

    /**
     * {@link #awaitStableLeader(long)}, running {@code onPoll} at each poll (every 20 ms) while it waits.
     *
     * @param timeoutNs how long to wait.
     * @param onPoll    run on the calling thread at each poll, for example to sample a member's election state.
     * @return the leader.
     * @throws IllegalStateException at the deadline, or if a member exited unexpectedly.
     */
    public int awaitStableLeader(final long timeoutNs, final Runnable onPoll)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (true)
        {
            final int leader = stableLeader();
            if (leader >= 0)
            {
                return leader;
            }
            if (System.nanoTime() - deadlineNs > 0 || allExited())
            {
                throw new IllegalStateException("no stable leader in " + TimeUnit.NANOSECONDS.toMillis(timeoutNs) +
                    " ms; unexpected exits: " + unexpectedExits());
            }
            onPoll.run();
            LockSupport.parkNanos(POLL_NS);
        }
    }

    /**
     * Wait until every running member has applied the log as far as the furthest one had when this was called: a
     * restarted or partitioned member has caught up.
     *
     * @param timeoutNs how long to wait.
     * @return true if they all got there in time.
     */
    public boolean awaitCaughtUp(final long timeoutNs)
    {
        return awaitCaughtUp(timeoutNs, NO_OP);
    }

    /**
     * {@link #awaitCaughtUp(long)}, running {@code onPoll} at each poll while it waits.
     *
     * @param timeoutNs how long to wait.
     * @param onPoll    run on the calling thread at each poll.
     * @return true if they all got there in time.
     */
    public boolean awaitCaughtUp(final long timeoutNs, final Runnable onPoll)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        long target = Long.MIN_VALUE;
        for (int i = 0; i < nodes; i++)
        {
            target = Math.max(target, lastZxid(i));
        }
        while (true)
        {
            long behind = Long.MAX_VALUE;
            for (int i = 0; i < nodes; i++)
            {
                behind = isRunning(i) ? Math.min(behind, lastZxid(i)) : behind;
            }
            if (behind >= target)
            {
                return true;
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            onPoll.run();
            LockSupport.parkNanos(POLL_NS);
        }
    }

    /**
     * @return the newest leadership term id any running member has seen (its counter), or -1 if none can be read.
     */
    public long newestTermId()
    {
        long newest = -1;
        for (int i = 0; i < nodes; i++)
        {
            final NodeCounters counters = isRunning(i) ? counters(i) : null;
            if (null != counters)
            {
                newest = Math.max(newest, counters.value(NodeCounters.Metric.LEADERSHIP_TERM_ID, -1));
            }
        }
        return newest;
    }

    private long lastZxid(final int member)
    {
        final NodeCounters counters = isRunning(member) ? counters(member) : null;
        return null == counters ? Long.MIN_VALUE : counters.value(NodeCounters.Metric.LAST_ZXID, Long.MIN_VALUE);
    }

    private synchronized boolean allExited()
    {
        for (int i = 0; i < nodes; i++)
        {
            if (isRunning(i) || isKilledByUs[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Copy the members' logs (appended across restarts) into a directory.
     *
     * @param to the directory (made if missing).
     */
    public void copyLogs(final File to)
    {
        try
        {
            Files.createDirectories(to.toPath());
            for (int i = 0; i < nodes; i++)
            {
                final File log = new File(dir, "node-" + i + ".log");
                if (log.exists())
                {
                    Files.copy(log.toPath(), new File(to, log.getName()).toPath(),
                        StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        catch (final IOException ex)
        {
            // the results say where the run failed; the logs are a help, not a must
        }
    }

    private int stableLeader()
    {
        long term = Long.MIN_VALUE;
        int leader = -1;
        for (int i = 0; i < nodes; i++)
        {
            if (!isRunning(i))
            {
                continue;
            }
            final NodeCounters counters = counters(i);
            if (null == counters || ElectionState.CLOSED != counters.electionState())
            {
                return -1;
            }
            final long memberTerm = counters.value(NodeCounters.Metric.LEADERSHIP_TERM_ID, -1);
            if (Long.MIN_VALUE != term && memberTerm != term)
            {
                return -1;
            }
            term = memberTerm;
            leader = Cluster.Role.LEADER == counters.role() ? i : leader;
        }
        return leader;
    }

    /**
     * @param member a member.
     * @return its counters read from its CnC file now, or null if it has none.
     */
    public NodeCounters counters(final int member)
    {
        final Process process = processes[member];
        return null == process ? null : NodeProcessCounters.read(aeronDir(member), process.pid());
    }

    /**
     * @param member a member.
     * @return {@code count zxid digest} of the last DigestRequest it applied, or null if none yet.
     */
    public long[] lastDigest(final int member)
    {
        try
        {
            final File file = digestFile(member);
            if (!file.exists())
            {
                return null;
            }
            final String[] fields = Files.readString(file.toPath(), StandardCharsets.US_ASCII).trim().split(" ");
            return new long[]{ Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]) };
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * @return members whose process ended without this class killing it, with their exit status; empty if none.
     */
    public synchronized List<String> unexpectedExits()
    {
        for (int i = 0; i < nodes; i++)
        {
            if (null != processes[i] && !processes[i].isAlive() && !isKilledByUs[i])
            {
                unexpectedExits.add("node " + i + " exited " + processes[i].exitValue() + " (log " +
                    new File(dir, "node-" + i + ".log") + ")");
                isKilledByUs[i] = true; // reported once
            }
        }
        return new ArrayList<>(unexpectedExits);
    }

    /**
     * Resume and kill every member, and remove their Aeron directories. Never throws.
     */
    @Override
    public void close()
    {
        for (int i = 0; i < nodes; i++)
        {
            if (isRunning(i))
            {
                Shell.tryRun(List.of("kill", "-CONT", Long.toString(processes[i].pid())));
                kill(i);
            }
            deleteTree(new File(aeronDir(i)));
        }
    }

    private void writeProperties(final int member) throws IOException
    {
        final List<String> hosts = new ArrayList<>();
        for (int i = 0; i < nodes; i++)
        {
            hosts.add(host(i));
        }
        final Properties properties = new Properties();
        properties.setProperty(AerieNode.Configuration.MEMBER_ID_PROP_NAME, Integer.toString(member));
        properties.setProperty(NodeTransport.Configuration.CLUSTER_HOSTS_PROP_NAME, String.join(",", hosts));
        properties.setProperty(NodeTransport.Configuration.PORT_BASE_PROP_NAME, Integer.toString(portBase));
        properties.setProperty(NodeStorage.Configuration.DIR_PROP_NAME, nodeDir(member).getPath());
        properties.setProperty(NodeStorage.Configuration.AERON_DIR_PROP_NAME, aeronDir(member));
        properties.setProperty(NodeService.Configuration.SERVICE_CLASS_PROP_NAME, DigestRecordingService.class.getName());
        properties.setProperty(NodeStorage.Configuration.DURABILITY_PROP_NAME, System.getProperty(
            NodeStorage.Configuration.DURABILITY_PROP_NAME, "none"));
        properties.putAll(extraProperties);
        try (Writer writer = Files.newBufferedWriter(
            new File(dir, "node-" + member + ".properties").toPath(), StandardCharsets.UTF_8))
        {
            properties.store(writer, "reliability suite node " + member);
        }
    }

    private File nodeDir(final int member)
    {
        return new File(dir, "node-" + member);
    }

    private File digestFile(final int member)
    {
        return new File(dir, "node-" + member + ".digest");
    }

    private String aeronDir(final int member)
    {
        return NodeStorage.Configuration.defaultAeronDirectoryName(nodeDir(member));
    }

    static void deleteTree(final File file)
    {
        final File[] children = file.isDirectory() && !Files.isSymbolicLink(file.toPath()) ? file.listFiles() : null;
        if (null != children)
        {
            for (final File child : children)
            {
                deleteTree(child);
            }
        }
        if (file.exists() && !file.delete())
        {
            file.deleteOnExit();
        }
    }
}
