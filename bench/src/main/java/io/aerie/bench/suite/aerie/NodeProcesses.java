package io.aerie.bench.suite.aerie;

import io.aerie.bench.suite.ChildJvm;
import io.aerie.bench.suite.RigException;
import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.ClusterTiming;
import io.aerie.engine.node.Durability;
import io.aerie.engine.node.NodeAgents;
import io.aerie.engine.node.NodeLimits;
import io.aerie.engine.node.NodeService;
import io.aerie.engine.node.NodeStorage;
import io.aerie.engine.node.NodeTransport;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * N Aeron Cluster nodes on loopback, each its own JVM running {@link AerieNode#main(String[])} with a generated
 * {@code aerie.node.*} properties file: its own node directory, Aeron directory and ports
 * ({@code portBase + 100·member + 0..5}), the given clustered service class, the backoff idle strategy
 * (PLATFORM.md: never busy-spin on 2 cores) and explicit 16 MiB sparse terms. Aerie and the echo floor use this
 * same class, so they run in the same configuration. Used from the rig thread.
 */
public final class NodeProcesses implements AutoCloseable
{
    /** Idle strategy of every node agent. */
    public static final String IDLE_STRATEGY = "backoff";
    /** Term length of log, ingress and egress. */
    public static final String TERM_LENGTH = "16m";
    /** Heap of each node JVM. */
    public static final String NODE_HEAP = "-Xmx512m";

    /**
     * System property of the suite's JVM: further options for every node JVM, space separated, for diagnosis
     * (e.g. {@code -Xlog:gc*,safepoint:file=/tmp/node-%p.log}).
     */
    public static final String NODE_JVM_OPTIONS_PROP_NAME = "aerie.bench.node.jvm.options";

    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(20);

    private final int nodes;
    private final int portBase;
    private final File dir;
    private final String serviceClass;
    private final Map<String, String> extraProperties;
    private final Durability durability;
    private final String mainClass;
    private final Process[] processes;
    private final File[] logs;
    private final boolean[] stoppedOnPurpose;

    /**
     * @param nodes           cluster size (1 or 3).
     * @param portBase        first port of member 0.
     * @param dir             parent of the node directories and logs, under the temporary directory; deleted on
     *                        close.
     * @param serviceClass    the clustered service's class name ({@code aerie.node.service.class}).
     * @param extraProperties further properties for every node (tree sizing...).
     * @param durability      when the nodes force their log to disk.
     */
    public NodeProcesses(
        final int nodes,
        final int portBase,
        final File dir,
        final String serviceClass,
        final Map<String, String> extraProperties,
        final Durability durability)
    {
        this(nodes, portBase, dir, serviceClass, extraProperties, durability, AerieNode.class.getName());
    }

    /**
     * @param mainClass the node JVM's main class, given the properties file as its one argument: {@link AerieNode}
     *                  or one that runs more beside the node (a ZooKeeper gateway).
     * @see #NodeProcesses(int, int, File, String, Map, Durability)
     */
    public NodeProcesses(
        final int nodes,
        final int portBase,
        final File dir,
        final String serviceClass,
        final Map<String, String> extraProperties,
        final Durability durability,
        final String mainClass)
    {
        this.mainClass = mainClass;
        this.durability = durability;
        this.nodes = nodes;
        this.portBase = portBase;
        this.dir = dir.getAbsoluteFile();
        this.serviceClass = serviceClass;
        this.extraProperties = extraProperties;
        this.processes = new Process[nodes];
        this.logs = new File[nodes];
        this.stoppedOnPurpose = new boolean[nodes];
    }

    /**
     * @return what the nodes run with, for the results.
     */
    public String description()
    {
        return nodes + " node JVM(s) (" + NODE_HEAP + ", driver+archive SHARED, idle " + IDLE_STRATEGY +
            " spin 10/yield 20/park 1 us.." + NodeAgents.Configuration.profile().maxParkNs() / 1000 + " us, profile " +
            profileName() + "), terms " + TERM_LENGTH + " sparse, leader heartbeat timeout " +
            TimeUnit.NANOSECONDS.toMillis(ClusterTiming.Configuration.leaderHeartbeatTimeoutNs()) + " ms, interval " +
            TimeUnit.NANOSECONDS.toMillis(ClusterTiming.Configuration.leaderHeartbeatIntervalNs()) + " ms, election timeout " +
            TimeUnit.NANOSECONDS.toMillis(ClusterTiming.Configuration.electionTimeoutNs()) + " ms, durability " +
            durability.name().toLowerCase(Locale.ROOT) + ", ports from " + portBase + ", service " + serviceClass +
            (extraProperties.isEmpty() ? "" : ", " + extraProperties);
    }

    /**
     * Write the properties files and start every node process; returns without waiting for an election.
     *
     * @throws IOException if a file cannot be written or a process started.
     */
    public void start() throws IOException
    {
        Files.createDirectories(dir.toPath());
        for (int i = 0; i < nodes; i++)
        {
            launch(i, true);
        }
    }

    /**
     * Start one member's process again on the directories it left (nothing deleted): a restart from its snapshot
     * and log. Its log file is replaced.
     *
     * @return the new process.
     * @throws IOException if the properties cannot be written or the process started.
     */
    public Process restart(final int memberId) throws IOException
    {
        launch(memberId, false);
        return processes[memberId];
    }

    /**
     * SIGTERM one member's process, a clean stop; SIGKILL if it has not ended within {@code graceMs}.
     *
     * @return true if it ended within the grace time.
     */
    public boolean stop(final int memberId, final long graceMs)
    {
        final Process process = processes[memberId];
        stoppedOnPurpose[memberId] = true;
        process.destroy();
        try
        {
            if (process.waitFor(graceMs, TimeUnit.MILLISECONDS))
            {
                return true;
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        ChildJvm.kill(process);
        return false;
    }

    /**
     * @return the member's current process.
     */
    public Process process(final int memberId)
    {
        return processes[memberId];
    }

    /**
     * @return the member's node directory (its archive and cluster directories are inside).
     */
    public File nodeDir(final int memberId)
    {
        return new File(dir, "node-" + memberId);
    }

    private void launch(final int memberId, final boolean deleteDirs) throws IOException
    {
        final File properties = writeProperties(memberId, deleteDirs);
        logs[memberId] = new File(dir, "node-" + memberId + ".log");
        stoppedOnPurpose[memberId] = false;
        processes[memberId] = ChildJvm.start(
            jvmOptions(), mainClass, List.of(properties.getPath()), logs[memberId]);
    }

    /**
     * Wait until every node is in an established term with one leader.
     *
     * @throws RigException at the deadline or if a node process dies, with the end of its log.
     */
    public void awaitTerm(final long deadlineNs)
    {
        while (true)
        {
            int inTerm = 0;
            int leaders = 0;
            for (int i = 0; i < nodes; i++)
            {
                checkAlive(i);
                inTerm += NodeRoles.inTerm(aeronDir(i), processes[i].pid()) ? 1 : 0;
                leaders += NodeRoles.isLeader(aeronDir(i), processes[i].pid()) ? 1 : 0;
            }
            if (nodes == inTerm && 1 == leaders)
            {
                return;
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new RigException("no established term among " + nodes + " node(s); node 0 log:\n" +
                    ChildJvm.tail(logs[0], 4096));
            }
            LockSupport.parkNanos(POLL_NS);
        }
    }

    /**
     * @return the member id of the leader of an established term, or -1 (no leader, or an election running).
     */
    public int leader()
    {
        for (int i = 0; i < nodes; i++)
        {
            if (null != processes[i] && processes[i].isAlive() && NodeRoles.isLeader(aeronDir(i), processes[i].pid()))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param typeId a counter type id of the node (AeronStat's view of its CnC file).
     * @return the sum over the live members of their counter of that type; -1 if a member's cannot be read.
     */
    public long counterSum(final int typeId)
    {
        long sum = 0;
        for (int i = 0; i < nodes; i++)
        {
            final long value = null == processes[i] ? -1 : NodeRoles.counter(aeronDir(i), processes[i].pid(), typeId);
            if (value < 0)
            {
                return -1;
            }
            sum += value;
        }
        return sum;
    }

    /**
     * The member's counters of these types, read from its CnC file as AeronStat does.
     *
     * @param typeIds counter type ids, such as {@code AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID}.
     * @return their values (-1 for a counter not there yet), or null while the member's CnC file is not readable.
     */
    public long[] counters(final int memberId, final int... typeIds)
    {
        return null == processes[memberId] ? null :
            NodeRoles.counters(aeronDir(memberId), processes[memberId].pid(), typeIds);
    }

    /**
     * {@code kill -9} of one member's process; waits for it to end.
     */
    public void kill(final int memberId)
    {
        stoppedOnPurpose[memberId] = true;
        ChildJvm.kill(processes[memberId]);
    }

    /**
     * @throws RigException if a member's process has ended although it was not {@link #kill killed} or
     * {@link #stop stopped} (a node that stopped itself: its clients would only time out), with the end of its log.
     */
    public void checkNoneExited()
    {
        for (int i = 0; i < nodes; i++)
        {
            if (null != processes[i] && !stoppedOnPurpose[i])
            {
                checkAlive(i);
            }
        }
    }

    /**
     * The member's election state as its consensus module shows it (AeronStat's), read from its CnC file.
     *
     * @return the state code, or -1 while unknown (process starting, no counters yet).
     */
    public long electionState(final int memberId)
    {
        return null == processes[memberId] ? -1 : NodeRoles.electionState(aeronDir(memberId), processes[memberId].pid());
    }

    /**
     * @throws RigException if the member's process has ended, with the end of its log.
     */
    public void checkAlive(final int memberId)
    {
        if (!processes[memberId].isAlive())
        {
            throw new RigException("node " + memberId + " exited with " + processes[memberId].exitValue() +
                "; its log:\n" + ChildJvm.tail(logs[memberId], 4096));
        }
    }

    /**
     * @return the ingress endpoints for clients: {@code 0=localhost:port,...}.
     */
    public String ingressEndpoints()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nodes; i++)
        {
            sb.append(i > 0 ? "," : "").append(i).append("=localhost:").append(
                portBase + i * NodeTransport.Configuration.PORTS_PER_MEMBER + NodeTransport.Configuration.INGRESS_PORT_OFFSET);
        }
        return sb.toString();
    }

    /**
     * @return the number of nodes.
     */
    public int nodes()
    {
        return nodes;
    }

    /**
     * Keep each member's log, properties, error logs, counters and (while it runs) thread dump in {@code into}
     * ({@link NodeEvidence}), before {@link #close()} deletes them. Best effort.
     *
     * @param into an existing directory.
     */
    public void keepEvidence(final Path into)
    {
        for (int i = 0; i < nodes; i++)
        {
            NodeEvidence.keep(i, processes[i], nodeDir(i), aeronDir(i), dir, into);
        }
    }

    /**
     * Kill every node process, wait for them, and delete the node and Aeron directories. Never throws.
     */
    @Override
    public void close()
    {
        for (final Process process : processes)
        {
            ChildJvm.kill(process);
        }
        for (int i = 0; i < nodes; i++)
        {
            ChildJvm.deleteRecursively(new File(aeronDir(i)));
        }
        ChildJvm.deleteRecursively(dir);
    }

    private File writeProperties(final int memberId, final boolean deleteDirs) throws IOException
    {
        final Properties properties = new Properties();
        properties.setProperty(AerieNode.Configuration.MEMBER_ID_PROP_NAME, Integer.toString(memberId));
        properties.setProperty(
            NodeTransport.Configuration.CLUSTER_HOSTS_PROP_NAME, String.join(",", Collections.nCopies(nodes, "localhost")));
        properties.setProperty(NodeTransport.Configuration.PORT_BASE_PROP_NAME, Integer.toString(portBase));
        properties.setProperty(NodeStorage.Configuration.DIR_PROP_NAME, nodeDir(memberId).getPath());
        properties.setProperty(NodeStorage.Configuration.AERON_DIR_PROP_NAME, aeronDir(memberId));
        properties.setProperty(NodeAgents.Configuration.IDLE_STRATEGY_PROP_NAME, IDLE_STRATEGY);
        properties.setProperty(NodeLimits.Configuration.TERM_LENGTH_PROP_NAME, TERM_LENGTH);
        properties.setProperty(NodeStorage.Configuration.DELETE_DIRS_ON_START_PROP_NAME, Boolean.toString(deleteDirs));
        properties.setProperty(NodeService.Configuration.SERVICE_CLASS_PROP_NAME, serviceClass);
        properties.setProperty(NodeStorage.Configuration.DURABILITY_PROP_NAME, durability.name().toLowerCase(Locale.ROOT));
        // The suite's own profile (its aerie.node.profile, else the node default) reaches every node.
        properties.setProperty(NodeAgents.Configuration.PROFILE_PROP_NAME, profileName());
        properties.putAll(extraProperties);

        final File file = new File(dir, "node-" + memberId + ".properties");
        try (Writer writer = Files.newBufferedWriter(file.toPath(), StandardCharsets.UTF_8))
        {
            properties.store(writer, "benchmark suite node " + memberId);
        }
        return file;
    }

    private static List<String> jvmOptions()
    {
        final List<String> options = new ArrayList<>();
        options.add(NODE_HEAP);
        final String extra = System.getProperty(NODE_JVM_OPTIONS_PROP_NAME, "").trim();
        if (!extra.isEmpty())
        {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    private static String profileName()
    {
        return NodeAgents.Configuration.profile().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private String aeronDir(final int memberId)
    {
        return NodeStorage.Configuration.defaultAeronDirectoryName(nodeDir(memberId));
    }
}
