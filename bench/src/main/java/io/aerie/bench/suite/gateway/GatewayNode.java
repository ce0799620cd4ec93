package io.aerie.bench.suite.gateway;

import io.aerie.engine.node.AerieNode;
import io.aerie.gateway.ZooKeeperGateway;
import org.agrona.PropertyAction;
import org.agrona.SystemUtil;

/**
 * A node JVM of the gateway target: {@link io.aerie.gateway.GatewayNode} (an Aerie node with a ZooKeeper gateway
 * beside it on the node's media driver, as {@code aerie node} with {@code aerie.node.zookeeper.port} runs them), on
 * TCP port {@value #GATEWAY_PORT_BASE_PROP_NAME} + the member id, loopback only: the suite gives every member the
 * same properties.
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
        final int memberId = Integer.getInteger(
            AerieNode.Configuration.MEMBER_ID_PROP_NAME, AerieNode.Configuration.MEMBER_ID_DEFAULT);
        final int port = Integer.getInteger(GATEWAY_PORT_BASE_PROP_NAME) + memberId;
        System.setProperty(ZooKeeperGateway.Configuration.HOST_PROP_NAME, "127.0.0.1");
        final int status = io.aerie.gateway.GatewayNode.run(port);
        if (0 != status)
        {
            System.exit(status);
        }
    }
}
