package io.aerie.tools;

import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.node.NodeCounters;
import io.aerie.engine.node.NodeTransport;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTree;
import io.aerie.engine.tree.ZnodeTreeConfiguration;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aerie.tools.cli.ExitCodes;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * {@code aerie local}: a whole Aerie cluster in this JVM on loopback, in the foreground, for development and the
 * README demo. Starts empty (its directory is deleted first) and deletes its directory when it stops: at Ctrl-C or
 * SIGTERM, or after the demo unless {@code --keep-running}.
 */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = {
        "Start a local Aerie cluster in the foreground, print its connect string and leader, and run until " +
            "Ctrl-C (or, with --demo, run a short client demo and exit).",
        "Nodes take their other settings from aerie.node.*, aerie.tree.* and aerie.session.* system properties " +
            "(AERIE_JAVA_OPTS=\"-D...\" with tools/bin/aerie); trees are small (100,000 znodes, 64 MiB of large " +
            "data) unless aerie.tree.* says otherwise."
    })
final class LocalCommand implements Callable<Integer>
{
    static final long LEADER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    static final long DEFAULT_MAX_ZNODES = 100_000;
    static final long DEFAULT_LARGE_DATA_CAPACITY = 64L * 1024 * 1024;
    static final long ELECTION_POLL_NS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Pattern NODE_DIR_NAME = Pattern.compile("node-[0-9]");
    /** System property default of {@code --zookeeper-port-base}. */
    static final String ZOOKEEPER_PORT_BASE_PROP_NAME = LocalCluster.Configuration.ZOOKEEPER_PORT_BASE_PROP_NAME;
    private static final int PORTS_USED_PER_NODE = NodeTransport.Configuration.REPLICATION_PORT_OFFSET + 1;

    @Spec
    CommandSpec spec;

    @Option(names = { "-n", "--nodes" }, paramLabel = "N",
        description = "Number of nodes: 1 or 3 (up to 9). Default: ${DEFAULT-VALUE}.")
    int nodeCount = LocalCluster.Configuration.nodeCount();

    @Option(names = "--port-base", paramLabel = "PORT",
        description = "First UDP port; node i uses PORT + 100 * i + 0..5 (ingress is + 0). Default: ${DEFAULT-VALUE}.")
    int portBase = LocalCluster.Configuration.portBase();

    @Option(names = "--dir", paramLabel = "DIR",
        description = "Directory for the nodes' state, deleted at start and at exit. " +
            "Default: aerie-local-PORT in the temp directory.")
    File dir = LocalCluster.Configuration.dir();

    @Option(names = "--demo", description = "Once a leader is elected, run a short client demo, then exit.")
    boolean isDemo;

    @Option(names = "--keep-running", description = "With --demo: keep the cluster running after the demo, " +
        "until Ctrl-C.")
    boolean isKeepRunning;

    @Option(names = "--idle-strategy", paramLabel = "NAME",
        description = "Idle strategy of every node agent: backoff (the default), yielding, sleeping or " +
            "busy-spin (never on a small machine). Overrides -Daerie.node.idle.strategy.")
    String idleStrategy;

    @Option(names = "--zookeeper-port-base", paramLabel = "PORT",
        description = "Run a ZooKeeper gateway beside each node, node i on TCP port PORT + i, for unchanged " +
            "ZooKeeper clients (0: none). Default: ${DEFAULT-VALUE}.")
    int zooKeeperPortBase = Integer.getInteger(ZOOKEEPER_PORT_BASE_PROP_NAME, 0);

    @Option(names = { "-v", "--verbose" }, description = "Show node warnings and the stack traces of errors.")
    boolean isVerbose;

    /**
     * Run the cluster (and the demo) until it should stop, then close it.
     *
     * @return 0 on a clean run, 1 if any node reported an error.
     * @throws Exception if the cluster could not start or the demo failed (one line, exit code 1).
     */
    public Integer call() throws Exception
    {
        validate();
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final AtomicLong errorCount = new AtomicLong();
        final ElectionReporter elections = new ElectionReporter(out, nodeCount);

        // Before the nodes start, so a Ctrl-C at any point from here is turned into a clean close.
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            final long startNs = System.nanoTime();
            final File clusterDir;
            try (LocalCluster cluster = LocalCluster.launch(clusterContext(err, errorCount, elections)))
            {
                clusterDir = cluster.context().dir();
                out.printf(Locale.ROOT, "aerie local: %d node%s on %s, state in %s%n",
                    nodeCount, 1 == nodeCount ? "" : "s", cluster.context().host(), clusterDir);
                final AerieNode leader = cluster.findLeader(System.nanoTime() + LEADER_TIMEOUT_NS);
                out.printf(Locale.ROOT, "connect string: %s%n", cluster.ingressEndpoints());
                out.printf(Locale.ROOT, "leader: member %d (ready %.1f s after start)%n",
                    leader.memberId(), (System.nanoTime() - startNs) / 1e9);

                final AtomicBoolean isWatching = new AtomicBoolean(true);
                final Thread electionWatch = startElectionWatch(cluster, elections, isWatching);
                final LocalGateways gateways = zooKeeperPortBase > 0 ? new LocalGateways(cluster, zooKeeperPortBase) : null;
                try
                {
                    if (null != gateways)
                    {
                        out.printf(Locale.ROOT, "zookeeper connect string: %s%n",
                            gateways.connectString(cluster.context().host()));
                    }
                    if (isDemo)
                    {
                        new LocalDemo(cluster, out).run();
                    }
                    if (!isDemo || isKeepRunning)
                    {
                        out.println("aerie local: running; Ctrl-C stops the cluster and deletes its directory");
                        barrier.await();
                    }
                }
                finally
                {
                    org.agrona.CloseHelper.quietClose(gateways);
                    isWatching.set(false);
                    electionWatch.join();
                }
                out.println("aerie local: stopping");
            }
            out.println("aerie local: stopped, deleted " + clusterDir);
        }

        if (errorCount.get() > 0)
        {
            err.println("aerie local: the nodes reported " + errorCount.get() + " error(s)");
            return ExitCodes.FAILURE;
        }

        return 0;
    }

    private void validate()
    {
        if (nodeCount < 1 || nodeCount > LocalCluster.Configuration.NODE_COUNT_MAX)
        {
            throw new ParameterException(spec.commandLine(),
                "--nodes=" + nodeCount + " must be 1 to " + LocalCluster.Configuration.NODE_COUNT_MAX + " (1 or 3)");
        }

        final int lastPort = portBase + (nodeCount - 1) * NodeTransport.Configuration.PORTS_PER_MEMBER + PORTS_USED_PER_NODE;
        if (portBase < 1 || lastPort > 65535)
        {
            throw new ParameterException(spec.commandLine(),
                "--port-base=" + portBase + " leaves no room for " + nodeCount + " node(s) below port 65536");
        }

        if (null != dir && !isLocalClusterDir(dir))
        {
            throw new ParameterException(spec.commandLine(),
                "--dir=" + dir + " holds files that are not an aerie local cluster's; " +
                "it would be deleted: give an empty or new directory");
        }

        ensurePortsFree();
    }

    /**
     * The directory is deleted at start and at exit: accept only a new or empty one, or one that holds nothing
     * but the {@code node-<i>} directories of an earlier run.
     */
    private static boolean isLocalClusterDir(final File dir)
    {
        if (!dir.exists())
        {
            return true;
        }

        final String[] names = dir.list();
        if (null == names)
        {
            return false;
        }
        for (final String name : names)
        {
            if (!NODE_DIR_NAME.matcher(name).matches())
            {
                return false;
            }
        }

        return true;
    }

    /**
     * Fail early, and without touching the directory, when another cluster (most likely another
     * {@code aerie local} with the same port base) holds the ports: starting would delete its state.
     */
    private void ensurePortsFree()
    {
        final String host = LocalCluster.Configuration.host();
        for (int memberId = 0; memberId < nodeCount; memberId++)
        {
            for (int offset = 0; offset < PORTS_USED_PER_NODE; offset++)
            {
                final int port = portBase + memberId * NodeTransport.Configuration.PORTS_PER_MEMBER + offset;
                try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, port)))
                {
                    socket.getLocalPort();
                }
                catch (final SocketException ex)
                {
                    throw new IllegalStateException("UDP port " + host + ":" + port + " is in use (is another " +
                        "aerie local running?); stop it or choose another --port-base");
                }
            }
        }
    }

    /**
     * Print a line for each election while the cluster runs (see {@link ElectionReporter}), from a thread of its own:
     * the main thread waits for Ctrl-C.
     */
    private static Thread startElectionWatch(
        final LocalCluster cluster, final ElectionReporter elections, final AtomicBoolean isWatching)
    {
        final Thread thread = new Thread(() ->
        {
            final NodeCounters[] counters = new NodeCounters[cluster.nodeCount()];
            while (isWatching.get())
            {
                for (int i = 0; i < counters.length; i++)
                {
                    counters[i] = readCounters(cluster.node(i));
                }
                elections.poll(counters, System.nanoTime());
                LockSupport.parkNanos(ELECTION_POLL_NS);
            }
        }, "aerie-local-elections");
        thread.setDaemon(true);
        thread.start();

        return thread;
    }

    private static NodeCounters readCounters(final AerieNode node)
    {
        try
        {
            return null == node || node.isClosed() ? null : node.counters();
        }
        catch (final IllegalStateException ex)
        {
            return null; // closed meanwhile
        }
    }

    private LocalCluster.Context clusterContext(
        final PrintWriter err, final AtomicLong errorCount, final ElectionReporter elections) throws IOException
    {
        final LocalCluster.Context ctx = new LocalCluster.Context()
            .nodeCount(nodeCount)
            .portBase(portBase)
            .deleteDirsOnStart(true)
            .deleteOnClose(true)
            .serviceContextSupplier(LocalCommand::serviceContext)
            .nodeConfigurator((nodeCtx, memberId) -> configureNode(nodeCtx, memberId, err, errorCount, elections));
        if (null != dir)
        {
            ctx.dir(dir.getCanonicalFile());
        }

        return ctx;
    }

    private void configureNode(
        final AerieNode.Context nodeCtx,
        final int memberId,
        final PrintWriter err,
        final AtomicLong errorCount,
        final ElectionReporter elections)
    {
        nodeCtx.errorHandler(new NodeErrorPrinter(memberId, err, isVerbose, errorCount, elections));
        if (null != idleStrategy)
        {
            nodeCtx.agents().idleStrategy(idleStrategy);
        }
    }

    /**
     * The service configuration of every local node: small trees so that three nodes start in a moment, unless the
     * {@code aerie.tree.*} properties ask for other sizes.
     */
    static AerieClusteredService.Context serviceContext()
    {
        final ZnodeTreeContext tree = new ZnodeTreeContext();
        if (null == System.getProperty(ZnodeTreeConfiguration.MAX_ZNODES_PROP_NAME))
        {
            tree.maxZnodes(DEFAULT_MAX_ZNODES);
        }
        if (null == System.getProperty(ZnodeTreeConfiguration.LARGE_DATA_CAPACITY_PROP_NAME))
        {
            tree.largeDataCapacity(DEFAULT_LARGE_DATA_CAPACITY);
        }

        return new AerieClusteredService.Context().treeContext(tree);
    }
}
