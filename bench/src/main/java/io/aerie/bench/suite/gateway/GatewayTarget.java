package io.aerie.bench.suite.gateway;

import io.aerie.bench.suite.ChildJvm;
import io.aerie.bench.suite.LoadClient;
import io.aerie.bench.suite.RigException;
import io.aerie.bench.suite.SystemUnderTest;
import io.aerie.bench.suite.aerie.NodeProcesses;
import io.aerie.bench.suite.zookeeper.ZooKeeperLoadClient;
import io.aerie.engine.node.Durability;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.gateway.ZooKeeperGateway;

import java.io.File;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * "Aerie via ZooKeeper protocol": 1 or 3 Aerie node JVMs ({@link NodeProcesses} running {@link GatewayNode}), each
 * with a ZooKeeper gateway beside the node, durability none (beside ZooKeeper's {@code forceSync=no}). Clients are
 * the ZooKeeper Java client of the ZooKeeper targets ({@link ZooKeeperLoadClient}), connected to the leader's gateway
 * first as they connect to ZooKeeper's leader, so only the server differs. {@link #killLeader()} kills the leader's
 * process (node and gateway) with {@code kill -9}; its clients move to another gateway with their sessions.
 */
public final class GatewayTarget implements SystemUnderTest
{
    /** Offset of member 0's gateway port from the target's port base (inside member 0's block of 100). */
    public static final int GATEWAY_PORT_OFFSET = 90;
    private static final int SESSION_TIMEOUT_MS = 10_000;
    private static final long CONNECT_TIMEOUT_MS = 15_000;
    private static final int MAX_IN_FLIGHT = 128;

    private final int nodes;
    private final int gatewayPortBase;
    private final NodeProcesses processes;

    /**
     * @param nodes    1 or 3.
     * @param portBase first port of member 0 (each member takes 100; gateways at base + 90 + member id).
     * @param workDir  parent directory for this target's files (its own subdirectory, deleted on close).
     */
    public GatewayTarget(final int nodes, final int portBase, final File workDir)
    {
        this.nodes = nodes;
        this.gatewayPortBase = portBase + GATEWAY_PORT_OFFSET;
        this.processes = new NodeProcesses(nodes, portBase, new File(workDir, "aerie-zk-" + nodes + "-" + portBase),
            AerieClusteredService.class.getName(), Map.of(
                "aerie.tree.max.znodes", "100000",
                "aerie.tree.large.data.capacity", "16m",
                "aerie.session.remembered.writes", Integer.toString(MAX_IN_FLIGHT),
                GatewayNode.GATEWAY_PORT_BASE_PROP_NAME, Integer.toString(gatewayPortBase)),
            Durability.NONE, GatewayNode.class.getName());
    }

    @Override
    public String name()
    {
        return "aerie-zk-" + nodes + "-nofsync";
    }

    @Override
    public String description()
    {
        return "Aerie via ZooKeeper protocol: " + processes.description() + "; a ZooKeeper gateway in each node JVM " +
            "(agent wait " + System.getProperty(ZooKeeperGateway.Configuration.AGENT_WAIT_PROP_NAME,
            ZooKeeperGateway.Configuration.AGENT_WAIT_DEFAULT) + "), TCP " + gatewayPortBase +
            "+member; clients: ZooKeeper 3.9.5 Java client, session timeout " + SESSION_TIMEOUT_MS +
            " ms, leader's gateway first; node JVM flags: " + ChildJvm.inheritedFlags();
    }

    @Override
    public void start(final long deadlineNs) throws Exception
    {
        processes.start();
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
        final int leader = Math.max(0, processes.leader());
        final List<InetSocketAddress> gateways = new ArrayList<>();
        for (int i = 0; i < nodes; i++)
        {
            final int member = (leader + i) % nodes;
            if (processes.process(member).isAlive())
            {
                gateways.add(new InetSocketAddress("127.0.0.1", gatewayPortBase + member));
            }
        }
        return ZooKeeperLoadClient.connect(gateways, SESSION_TIMEOUT_MS, CONNECT_TIMEOUT_MS);
    }

    @Override
    public boolean killLeader()
    {
        if (nodes < 2)
        {
            return false;
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MS);
        int leader;
        while ((leader = processes.leader()) < 0)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new RigException(name() + ": no leader to kill");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        processes.kill(leader);
        return true;
    }

    @Override
    public void close()
    {
        processes.close();
    }
}
