package io.aerie.bench.suite.aerie;

import io.aerie.bench.suite.ChildJvm;
import io.aerie.bench.suite.LoadClient;
import io.aerie.bench.suite.ReadTarget;
import io.aerie.bench.suite.Rig;
import io.aerie.bench.suite.RigException;
import io.aerie.bench.suite.SystemUnderTest;
import io.aerie.client.AerieClient;
import io.aerie.client.ReadMode;
import io.aerie.engine.node.Durability;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.service.ServiceCounterTypes;
import org.agrona.CloseHelper;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Aerie on loopback: 1 or 3 node JVMs ({@link NodeProcesses}, the Aerie service), clients in the rig's JVM on a
 * shared {@link ClientDriver}. {@link #killLeader()} finds the leader from the nodes' counters and kills its
 * process with {@code kill -9}. As a {@link ReadTarget}: {@code ReadMode.LOCAL} reads from a chosen member's read
 * channel, or the default {@code LINEARIZABLE} reads through the log; the members' {@code aerie_local_reads}
 * counters tell how many reads were served locally. The recipes' workloads use Aerie's own client
 * ({@link #connectClient(int)}) and start clients in processes of their own ({@link #clientProcessArgs()}).
 */
public final class AerieTarget implements SystemUnderTest, ReadTarget
{
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(15);
    /**
     * Requests a client keeps in flight (more queue in the client), and the writes each session's answers the
     * cluster remembers for resends, which must be at least that: 64, the pipelined workload's window, instead of
     * the default 16, so the window is really in flight as with ZooKeeper.
     */
    private static final int MAX_IN_FLIGHT = 64;
    private static final String INGRESS_CHANNEL = "aeron:udp?term-length=" + NodeProcesses.TERM_LENGTH + "|sparse=true";
    private static final String EGRESS_CHANNEL = "aeron:udp?endpoint=localhost:0|term-length=" + NodeProcesses.TERM_LENGTH;
    private static final Map<String, String> NODE_PROPERTIES = Map.of(
        "aerie.tree.max.znodes", "100000",
        "aerie.tree.large.data.capacity", "16m",
        "aerie.session.remembered.writes", Integer.toString(MAX_IN_FLIGHT));

    private final int nodes;
    private final Durability durability;
    private final File dir;
    private final NodeProcesses processes;
    private ClientDriver driver;

    /**
     * @param nodes    1 or 3.
     * @param portBase first port of member 0 (each member takes 100).
     * @param workDir    parent directory for this target's files, under the temporary directory (its own
     *                   subdirectory, deleted on close).
     * @param durability the nodes' durability: {@code DATA} beside ZooKeeper's fsync, {@code NONE} beside its
     *                   {@code forceSync=no}.
     */
    public AerieTarget(final int nodes, final int portBase, final File workDir, final Durability durability)
    {
        this.nodes = nodes;
        this.durability = durability;
        this.dir = new File(workDir, "aerie-" + nodes + "-" + portBase);
        this.processes = new NodeProcesses(
            nodes, portBase, dir, AerieClusteredService.class.getName(), NODE_PROPERTIES, durability);
    }

    @Override
    public String name()
    {
        return "aerie-" + nodes + (Durability.NONE == durability ? "-nofsync" : "");
    }

    @Override
    public String description()
    {
        return "Aerie, " + processes.description() + "; clients: " + ClientDriver.DESCRIPTION +
            ", client idle yielding, client max in flight " + MAX_IN_FLIGHT + ", rig " + Rig.POLLING_IDLE +
            "; node JVM flags: " + ChildJvm.inheritedFlags();
    }

    @Override
    public void start(final long deadlineNs) throws Exception
    {
        processes.start();
        driver = ClientDriver.launch(dir);
        processes.awaitTerm(deadlineNs);
        while (true)
        {
            try (LoadClient client = connect())
            {
                client.createIfAbsent(BENCH_ROOT, new byte[0]);
                return;
            }
            catch (final Exception ex)
            {
                for (int i = 0; i < nodes; i++)
                {
                    processes.checkAlive(i);
                }
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new RigException(name() + " not ready for writes", ex);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }

    @Override
    public LoadClient connect() throws Exception
    {
        return connect(ReadMode.LINEARIZABLE, -1);
    }

    /**
     * The followers in member id order, then the leader (waiting up to the connect timeout for one).
     */
    @Override
    public int[] readServers()
    {
        final int leader = awaitLeader();
        final int[] order = new int[nodes];
        int next = 0;
        for (int i = 0; i < nodes; i++)
        {
            if (i != leader)
            {
                order[next++] = i;
            }
        }
        order[next] = leader;
        return order;
    }

    /**
     * A client in {@code ReadMode.LOCAL} reading from this member first.
     */
    @Override
    public LoadClient connectLocalReader(final int server) throws Exception
    {
        return connect(ReadMode.LOCAL, server);
    }

    /**
     * A client in {@code ReadMode.LINEARIZABLE} (the default): reads go through the log.
     */
    @Override
    public LoadClient connectLinearizableReader() throws Exception
    {
        return connect(ReadMode.LINEARIZABLE, -1);
    }

    @Override
    public long localReadsServed()
    {
        return processes.counterSum(ServiceCounterTypes.LOCAL_READS);
    }

    /**
     * A client of Aerie's own API for the recipes' workloads (lock, election), as the load clients are made: on
     * the rig's driver, polled by the caller's thread (invoker mode), yielding.
     *
     * @param sessionTimeoutMs the session's timeout.
     * @return a connected client, owned by the caller.
     * @throws Exception if no session could be established in time.
     */
    public AerieClient connectClient(final int sessionTimeoutMs) throws Exception
    {
        return connect(ReadMode.LINEARIZABLE, -1, sessionTimeoutMs);
    }

    /**
     * What a client in another process needs to reach the cluster through its own media driver: the ingress
     * endpoints, the ingress channel and the egress channel, in that order.
     *
     * @return the three arguments.
     */
    public List<String> clientProcessArgs()
    {
        return List.of(processes.ingressEndpoints(), INGRESS_CHANNEL, EGRESS_CHANNEL);
    }

    private LoadClient connect(final ReadMode readMode, final int readMember) throws Exception
    {
        return new AerieLoadClient(connect(readMode, readMember, 0));
    }

    private AerieClient connect(final ReadMode readMode, final int readMember, final int sessionTimeoutMs)
        throws Exception
    {
        processes.checkNoneExited();
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        while (true)
        {
            try
            {
                final AerieClient.Context clientCtx = new AerieClient.Context();
                clientCtx.agents().useConductorInvoker(true);
                clientCtx.reads()
                    .readMode(readMode)
                    .readMember(readMember);
                clientCtx.connection()
                    .ingressEndpoints(processes.ingressEndpoints())
                    .ingressChannel(INGRESS_CHANNEL)
                    .egressChannel(EGRESS_CHANNEL)
                    .aeronDirectoryName(driver.aeronDirectoryName());
                clientCtx.requests()
                    .requestTimeoutNs(TimeUnit.SECONDS.toNanos(10))
                    .maxInFlight(MAX_IN_FLIGHT);
                if (sessionTimeoutMs > 0)
                {
                    clientCtx.session().sessionTimeoutMs(sessionTimeoutMs);
                }
                clientCtx.agents().idleStrategySupplier(YieldingIdleStrategy::new);
                return AerieClient.connect(clientCtx);
            }
            catch (final Exception ex)
            {
                // A node that ended by itself (issue 14: one did mid-run) fails the connect at once, with its log.
                processes.checkNoneExited();
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw ex;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    @Override
    public boolean killLeader()
    {
        if (nodes < 2)
        {
            return false;
        }
        processes.kill(awaitLeader());
        return true;
    }

    private int awaitLeader()
    {
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        int leader;
        while ((leader = processes.leader()) < 0)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new RigException(name() + ": no leader");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return leader;
    }

    /**
     * Every node's log, properties, {@code ClusterTool errors}, counters and thread dump ({@link NodeEvidence}).
     */
    @Override
    public String keepEvidence(final Path dir)
    {
        processes.keepEvidence(dir);
        if (null != driver)
        {
            NodeEvidence.keepDriver("client-driver", driver.aeronDirectoryName(), dir);
        }
        return processes.nodes() + " node(s): log, ClusterTool errors, counters, thread dump; the rig's client " +
            "driver: errors, counters";
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(driver);
        processes.close();
    }
}
