package io.aerie.gateway;

import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.NodeService;
import org.agrona.PropertyAction;
import org.agrona.SystemUtil;
import org.agrona.concurrent.ShutdownSignalBarrier;

/**
 * An Aerie node with a ZooKeeper gateway beside it, on the node's own media driver, in one JVM: what
 * {@code aerie node} runs when {@value ZooKeeperGateway.Configuration#NODE_ZOOKEEPER_PORT_PROP_NAME} is set, and what
 * tests start as a node process that ZooKeeper clients reach. The node stops as {@link AerieNode#main(String[])}'s
 * does (SIGTERM, SIGINT, a cluster shutdown or a fatal error) and takes its gateway with it.
 */
public final class GatewayNode
{
    private GatewayNode()
    {
    }

    /**
     * Load the properties file into the system properties (a {@code -D} of the same name wins) and run the node and
     * its gateway on {@value ZooKeeperGateway.Configuration#NODE_ZOOKEEPER_PORT_PROP_NAME}; exit with
     * {@link AerieNode#EXIT_FAILED} after a fatal error.
     *
     * @param args {@code properties-file}.
     */
    public static void main(final String[] args)
    {
        if (1 != args.length)
        {
            System.err.println("usage: GatewayNode <properties-file> (with " +
                ZooKeeperGateway.Configuration.NODE_ZOOKEEPER_PORT_PROP_NAME + " set)");
            System.exit(2);
        }
        SystemUtil.loadPropertiesFiles(PropertyAction.PRESERVE, args[0]);
        final Integer port = Integer.getInteger(ZooKeeperGateway.Configuration.NODE_ZOOKEEPER_PORT_PROP_NAME);
        if (null == port)
        {
            System.err.println(ZooKeeperGateway.Configuration.NODE_ZOOKEEPER_PORT_PROP_NAME + " is not set");
            System.exit(2);
        }
        final int status = run(port);
        if (0 != status)
        {
            System.exit(status);
        }
    }

    /**
     * Run a node configured by the system properties, and a gateway beside it, until the node stops.
     *
     * @param zooKeeperPort TCP port of the gateway.
     * @return 0 once the node has stopped as asked, {@link AerieNode#EXIT_FAILED} after a fatal error.
     */
    public static int run(final int zooKeeperPort)
    {
        final Throwable fatalError;
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            AerieNode node = AerieNode.launch(nodeContext(barrier));
            ZooKeeperGateway gateway = ZooKeeperGateway.launch(new ZooKeeperGateway.Context()
                .port(zooKeeperPort)
                .ingressEndpoints(node.context().transport().ingressEndpoints())
                .aeronDirectoryName(node.context().storage().aeronDirectoryName())))
        {
            System.out.println("aerie node started: " + node.context());
            System.out.println("aerie node: ZooKeeper gateway on port " + gateway.port());
            barrier.await();
            fatalError = node.fatalError();
            System.out.println("aerie node " + node.memberId() + " stopping");
        }
        if (null != fatalError)
        {
            System.err.println("aerie node stopped abnormally: " + fatalError);
            return AerieNode.EXIT_FAILED;
        }
        return 0;
    }

    private static AerieNode.Context nodeContext(final ShutdownSignalBarrier barrier)
    {
        final AerieNode.Context ctx = new AerieNode.Context().terminationHook(barrier::signal);
        ctx.service().clusteredServiceSupplier(NodeService::newConfiguredService);
        return ctx;
    }
}
