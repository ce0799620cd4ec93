package io.aerie.engine.node;

import io.aeron.exceptions.TimeoutException;

import java.io.File;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.locks.LockSupport;

/**
 * What {@link LocalCluster} does for each of its nodes: the node's context in the cluster's layout, the leader search
 * and the descriptions and addresses it reports. Stateless.
 */
final class LocalClusterNodes
{
    private static final long POLL_INTERVAL_NS = 10_000_000;

    private LocalClusterNodes()
    {
    }

    /**
     * The context of one node of a local cluster: member id, hosts and port base, node directory under the cluster's,
     * the cluster's service, error handler and node configurator.
     *
     * @param ctx               the concluded cluster context.
     * @param memberId          the node's member id.
     * @param deleteDirsOnStart true to start the node empty.
     * @return the node's context, not concluded.
     */
    static AerieNode.Context nodeContext(
        final LocalCluster.Context ctx, final int memberId, final boolean deleteDirsOnStart)
    {
        final AerieNode.Context nodeCtx = new AerieNode.Context().memberId(memberId);
        nodeCtx.transport()
            .clusterMembers(null)
            .clusterHosts(hostList(ctx.host(), ctx.nodeCount()))
            .portBase(ctx.portBase())
            .metricsPort(ctx.isMetricsEnabled() ? LocalCluster.metricsPort(ctx.portBase(), memberId) : 0);
        nodeCtx.storage()
            .nodeDir(new File(ctx.dir(), "node-" + memberId))
            .aeronDirectoryName(null)
            .deleteDirsOnStart(deleteDirsOnStart);
        nodeCtx.service()
            .clusteredServiceSupplier(ctx.clusteredServiceSupplier())
            .serviceContext(null == ctx.serviceContextSupplier() ? null : ctx.serviceContextSupplier().get());

        if (null != ctx.errorHandler())
        {
            nodeCtx.errorHandler(ctx.errorHandler());
        }
        if (null != ctx.nodeConfigurator())
        {
            ctx.nodeConfigurator().accept(nodeCtx, memberId);
        }

        return nodeCtx;
    }

    /**
     * Wait for a running node that leads an established term, polling every 10 ms.
     *
     * @param nodes      the cluster's nodes, null where stopped.
     * @param deadlineNs {@link System#nanoTime()} by which a leader must be found.
     * @return the leader.
     * @throws TimeoutException if there is none by the deadline.
     */
    static AerieNode findLeader(final AerieNode[] nodes, final long deadlineNs)
    {
        while (true)
        {
            for (final AerieNode node : nodes)
            {
                if (null != node && node.isLeader())
                {
                    return node;
                }
            }

            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new TimeoutException("no leader elected among " + describe(nodes));
            }
            LockSupport.parkNanos(POLL_INTERVAL_NS);
        }
    }

    /**
     * @param host a host name or address.
     * @return its literal address, bracketed if IPv6.
     * @throws IllegalStateException if the host does not resolve.
     */
    static String literal(final String host)
    {
        try
        {
            final InetAddress address = InetAddress.getByName(host);
            return address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("cluster host does not resolve: " + host, ex);
        }
    }

    private static String hostList(final String host, final int nodeCount)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nodeCount; i++)
        {
            sb.append(i > 0 ? "," : "").append(host);
        }

        return sb.toString();
    }

    private static String describe(final AerieNode[] nodes)
    {
        final StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < nodes.length; i++)
        {
            final AerieNode node = nodes[i];
            sb.append(i > 0 ? ", " : "").append(i).append('=')
                .append(null == node ? "stopped" : node.role() + "/" + node.electionState());
        }

        return sb.append(']').toString();
    }
}
