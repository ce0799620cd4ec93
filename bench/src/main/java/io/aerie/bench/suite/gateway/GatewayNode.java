package io.aerie.bench.suite.gateway;

import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.NodeService;
import io.aerie.gateway.ZooKeeperGateway;
import org.agrona.PropertyAction;
import org.agrona.SystemUtil;
import org.agrona.concurrent.ShutdownSignalBarrier;

/**
 * A node JVM of the gateway target: an Aerie node as {@link AerieNode#main(String[])} runs it, with a ZooKeeper
 * gateway beside it on the node's media driver (as {@code aerie node} with {@code aerie.node.zookeeper.port}), on
 * TCP port {@value #GATEWAY_PORT_BASE_PROP_NAME} + the member id, loopback only.
 */
public final class GatewayNode
{
    /** The gateway port of member 0; member i listens on this + i. */
    public static final String GATEWAY_PORT_BASE_PROP_NAME = "aerie.bench.gateway.port.base";

    private GatewayNode()
    {
    }

    /**
     * @param args {@code properties-file}, as {@link AerieNode#main(String[])}, with
     *             {@value #GATEWAY_PORT_BASE_PROP_NAME} set.
     */
    public static void main(final String[] args)
    {
        SystemUtil.loadPropertiesFiles(PropertyAction.PRESERVE, args[0]);
        final int portBase = Integer.getInteger(GATEWAY_PORT_BASE_PROP_NAME);
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            AerieNode node = AerieNode.launch(nodeContext(barrier));
            ZooKeeperGateway gateway = ZooKeeperGateway.launch(new ZooKeeperGateway.Context()
                .host("127.0.0.1")
                .port(portBase + node.memberId())
                .ingressEndpoints(node.context().transport().ingressEndpoints())
                .aeronDirectoryName(node.context().storage().aeronDirectoryName())))
        {
            System.out.println("aerie node started: " + node.context());
            System.out.println("aerie node: ZooKeeper gateway on port " + gateway.port());
            barrier.await();
        }
    }

    private static AerieNode.Context nodeContext(final ShutdownSignalBarrier barrier)
    {
        final AerieNode.Context ctx = new AerieNode.Context().terminationHook(barrier::signal);
        ctx.service().clusteredServiceSupplier(NodeService::newConfiguredService);
        return ctx;
    }
}
