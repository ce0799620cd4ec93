package io.aerie.gateway;

import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.agrona.CloseHelper;

import java.io.File;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.aerie.gateway.GatewayCluster.LEADER_TIMEOUT_S;

/**
 * A real three-node Aerie cluster on loopback with a ZooKeeper gateway beside each node, on the node's own media
 * driver, as {@code aerie local --zookeeper-port-base} runs them: ZooKeeper clients list every gateway in their
 * connect string. {@link #killLeader()} ends the leader's node and its gateway together, as a {@code kill -9} of a
 * node process that runs its gateway would (in-process: the gateway's connections drop, the node stops without a
 * hand-over); {@link #restoreStopped()} starts them again, caught up, for the next test. Errors of the cluster and
 * the gateways fail {@link #close()}.
 */
final class FailoverGateways implements FailoverCluster
{
    private static final int NODES = 3;
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private final GatewayCluster.Errors errors = new GatewayCluster.Errors();
    private final ZooKeeperGateway[] gateways = new ZooKeeperGateway[NODES];
    private final LocalCluster cluster;
    private final int gatewayPortBase;

    /**
     * @param portBase        first UDP port of the cluster (members take base + 100·i + 0..5).
     * @param gatewayPortBase TCP port of member 0's gateway; member i's is base + i.
     * @param dir             the cluster's directory, deleted by the caller.
     */
    FailoverGateways(final int portBase, final int gatewayPortBase, final File dir) throws Exception
    {
        this.gatewayPortBase = gatewayPortBase;
        cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(NODES)
            .portBase(portBase)
            .dir(new File(dir, "cluster"))
            .clusteredServiceSupplier(() -> new AerieClusteredService(new AerieClusteredService.Context()
                .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(8L * 1024 * 1024))))
            .errorHandler(errors));
        try
        {
            cluster.findLeader(deadlineNs());
            for (int i = 0; i < NODES; i++)
            {
                launchGateway(i);
            }
        }
        catch (final Exception | AssertionError ex)
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
        final int leader = cluster.findLeader(deadlineNs()).memberId();
        final ZooKeeperGateway gateway = gateways[leader];
        gateways[leader] = null;
        CloseHelper.close(gateway);
        cluster.stopNode(leader);
        return leader;
    }

    /**
     * Wait for a leader among the running nodes.
     */
    void awaitLeader() throws Exception
    {
        cluster.findLeader(deadlineNs());
    }

    /**
     * {@inheritDoc}
     */
    public void restoreStopped() throws Exception
    {
        for (int i = 0; i < NODES; i++)
        {
            if (null == cluster.node(i))
            {
                final AerieNode restarted = cluster.restartNode(i);
                awaitCaughtUp(restarted);
                launchGateway(i);
            }
        }
    }

    public void close()
    {
        try
        {
            CloseHelper.closeAll(gateways);
        }
        finally
        {
            CloseHelper.close(cluster);
        }
        errors.assertNone();
    }

    private void awaitCaughtUp(final AerieNode node) throws Exception
    {
        final long deadlineNs = deadlineNs();
        while (true)
        {
            final AerieNode leader = cluster.findLeader(deadlineNs);
            if (leader == node || node.commitPosition() >= leader.commitPosition())
            {
                return;
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("member " + node.memberId() + " did not catch up: " + node);
            }
            LockSupport.parkNanos(POLL_NS);
        }
    }

    private void launchGateway(final int memberId)
    {
        final ZooKeeperGateway.Context gatewayCtx = new ZooKeeperGateway.Context()
            .host("127.0.0.1")
            .port(gatewayPortBase + memberId)
            .aeronDirectoryName(cluster.node(memberId).context().storage().aeronDirectoryName())
            .errorHandler(errors);
        gatewayCtx.client().connection()
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel());
        gateways[memberId] = ZooKeeperGateway.launch(gatewayCtx);
    }

    private static long deadlineNs()
    {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(LEADER_TIMEOUT_S);
    }
}
