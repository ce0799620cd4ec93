package io.aerie.gateway;

import io.aerie.client.NodeProcessCluster;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static io.aerie.gateway.GatewayCluster.LEADER_TIMEOUT_S;

/**
 * Three Aerie nodes, each a process of its own with its ZooKeeper gateway beside it ({@link GatewayNode}, as
 * {@code aerie node} with {@code aerie.node.zookeeper.port} runs them). {@link #killLeader()} is a {@code kill -9}
 * of the leading node's process: its gateway's TCP connections are reset by the kernel, its Aeron publications
 * simply stop, nothing is closed in order.
 */
final class ProcessGateways implements FailoverCluster
{
    private static final int NODES = 3;
    private static final long STEP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(LEADER_TIMEOUT_S);

    private final NodeProcessCluster nodes;
    private final int gatewayPortBase;
    private int stopped = -1;

    /**
     * Start the three node processes and wait for a leader with two followers.
     *
     * @param portBase        first UDP port of the cluster (members take base + 100·i + 0..5).
     * @param gatewayPortBase TCP port of member 0's gateway; member i's is base + i.
     * @param dir             the cluster's directory, deleted by the caller.
     * @throws IOException if a process cannot start.
     */
    ProcessGateways(final int portBase, final int gatewayPortBase, final File dir) throws IOException
    {
        this.gatewayPortBase = gatewayPortBase;
        nodes = new NodeProcessCluster(NODES, portBase, dir, GatewayNode.class.getName(), (memberId) ->
        {
            final Properties properties = new Properties();
            properties.setProperty(ZooKeeperGateway.Configuration.NODE_ZOOKEEPER_PORT_PROP_NAME,
                Integer.toString(gatewayPortBase + memberId));
            properties.setProperty(ZooKeeperGateway.Configuration.HOST_PROP_NAME, "127.0.0.1");
            return properties;
        });
        try
        {
            nodes.startAll();
            awaitLeader();
            for (int i = 0; i < NODES; i++)
            {
                awaitGateway(i);
            }
        }
        catch (final RuntimeException | Error | IOException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * {@inheritDoc}
     */
    public String connectString()
    {
        return FailoverCluster.connectString(NODES, gatewayPortBase);
    }

    /**
     * {@inheritDoc}
     */
    public int killLeader() throws Exception
    {
        final int leader = awaitLeader();
        nodes.kill(leader, STEP_TIMEOUT_NS);
        stopped = leader;
        return leader;
    }

    /**
     * {@inheritDoc}
     */
    public void restoreStopped() throws Exception
    {
        if (stopped < 0)
        {
            return;
        }
        final int member = stopped;
        nodes.start(member);
        nodes.awaitCondition("restarted member " + member + " following in an established term",
            NodeProcessCluster.START_TIMEOUT_NS, () -> nodes.isFollowing(member), () -> {});
        final int leader = awaitLeader();
        final long leaderCommitPosition = nodes.commitPositionOf(leader);
        nodes.awaitCondition("restarted member " + member + " at the leader's commit position", STEP_TIMEOUT_NS,
            () -> nodes.commitPositionOf(member) >= leaderCommitPosition, () -> {});
        awaitGateway(member);
        stopped = -1;
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        try
        {
            nodes.close();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return the leader of an established term that every other live process follows.
     */
    private int awaitLeader()
    {
        nodes.awaitCondition("a leader that every live node process follows", NodeProcessCluster.START_TIMEOUT_NS,
            () -> nodes.leaderProcess() >= 0, () -> {});
        return nodes.leaderProcess();
    }

    private void awaitGateway(final int memberId)
    {
        nodes.awaitCondition("the gateway of member " + memberId + " accepting connections", STEP_TIMEOUT_NS,
            () -> accepts(gatewayPortBase + memberId), () -> {});
    }

    private static boolean accepts(final int port)
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
