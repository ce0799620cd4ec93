package io.aerie.engine.node;

import io.aeron.exceptions.TimeoutException;
import org.agrona.CloseHelper;

import java.io.File;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.locks.LockSupport;

/**
 * The nodes of a {@link LocalCluster}: each node's context in the cluster's layout, their launch, stop and restart,
 * the leader search, and what a client needs to reach them (ingress endpoints, term length). Not thread-safe: the
 * cluster's thread.
 */
final class LocalClusterNodes
{
    private static final long POLL_INTERVAL_NS = 10_000_000;

    private final LocalCluster.Context ctx;
    private final AerieNode[] nodes;
    private String ingressEndpoints;
    private int termLength;

    LocalClusterNodes(final LocalCluster.Context ctx)
    {
        this.ctx = ctx;
        this.nodes = new AerieNode[ctx.nodeCount()];
    }

    /**
     * Launch every node, each as the context says (empty or on its kept directories); on a failure the nodes already
     * running stay for {@link #close()}.
     */
    void launchAll()
    {
        for (int i = 0; i < nodes.length; i++)
        {
            nodes[i] = launch(i, ctx.deleteDirsOnStart());
        }
    }

    /** @return number of nodes, running or stopped. */
    int count()
    {
        return nodes.length;
    }

    /** @return the running node with this member id, or null if it is stopped. */
    AerieNode node(final int memberId)
    {
        return nodes[memberId];
    }

    /** @return {@code id=host:port,...} of the nodes' ingress, as the last node launched was given it. */
    String ingressEndpoints()
    {
        return ingressEndpoints;
    }

    /** @return the nodes' term length, bytes, as the last node launched was given it. */
    int termLength()
    {
        return termLength;
    }

    /**
     * Close a running node as a crash would look to the others; its directories stay.
     *
     * @throws IllegalStateException if the node is already stopped.
     */
    void stop(final int memberId)
    {
        final AerieNode node = nodes[memberId];
        if (null == node)
        {
            throw new IllegalStateException("node " + memberId + " is already stopped");
        }

        nodes[memberId] = null;
        node.close();
    }

    /**
     * Launch a stopped node again on its directories.
     *
     * @return the new node.
     * @throws IllegalStateException if the node is running.
     */
    AerieNode restart(final int memberId)
    {
        if (null != nodes[memberId])
        {
            throw new IllegalStateException("node " + memberId + " is running");
        }

        // This JVM closed the node: it is known dead, so its mark files must not delay the restart.
        nodes[memberId] = launch(memberId, false);
        return nodes[memberId];
    }

    /** Close every running node. */
    void close()
    {
        CloseHelper.closeAll(nodes);
    }

    private AerieNode launch(final int memberId, final boolean deleteDirsOnStart)
    {
        final AerieNode.Context nodeCtx = nodeContext(ctx, memberId, deleteDirsOnStart);
        final AerieNode node = AerieNode.launch(nodeCtx);
        ingressEndpoints = nodeCtx.transport().ingressEndpoints();
        termLength = nodeCtx.limits().termLength();

        return node;
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
    private static AerieNode.Context nodeContext(
        final LocalCluster.Context ctx, final int memberId, final boolean deleteDirsOnStart)
    {
        final AerieNode.Context nodeCtx = new AerieNode.Context().memberId(memberId);
        nodeCtx.transport()
            .clusterMembers(null)
            .clusterHosts(hostList(ctx.host(), ctx.nodeCount()))
            .portBase(ctx.portBase())
            .metricsPort(ctx.isMetricsEnabled() ? NodeTransport.Configuration.memberPort(
                ctx.portBase(), memberId, NodeTransport.Configuration.METRICS_PORT_OFFSET) : 0);
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
     * @param deadlineNs {@link System#nanoTime()} by which a leader must be found.
     * @return the leader.
     * @throws TimeoutException if there is none by the deadline.
     */
    AerieNode findLeader(final long deadlineNs)
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
                throw new TimeoutException("no leader elected among " + describe());
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

    private String describe()
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
