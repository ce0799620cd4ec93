package io.aerie.engine.node;

import io.aeron.cluster.service.ClusteredService;
import io.aerie.engine.service.AerieClusteredService;

/**
 * Gives the node's Aerie service its read channel (docs/local-reads.md) from {@code aerie.node.read.*}: by default
 * the member's ingress host and ingress port + {@link AerieNodeConfiguration#READ_PORT_OFFSET}. A service whose
 * channel is already set, or another service, is left as it is.
 */
final class NodeReadChannel
{
    private NodeReadChannel()
    {
    }

    static void configure(final AerieNode.Context ctx)
    {
        final ClusteredService service = ctx.service().clusteredService();
        if (!(service instanceof AerieClusteredService) ||
            !Boolean.parseBoolean(System.getProperty(NodeTransport.Configuration.READ_ENABLED_PROP_NAME, "true")))
        {
            return;
        }
        final AerieClusteredService aerie = (AerieClusteredService)service;
        if (null == aerie.localReads().channel())
        {
            aerie.localReads().channel("aeron:udp?endpoint=" + endpoint(ctx.transport().thisMember().ingressEndpoint()));
        }
    }

    /**
     * @param ingressEndpoint the member's ingress {@code host:port}.
     * @return the read endpoint {@code host:port}.
     */
    static String endpoint(final String ingressEndpoint)
    {
        final String configured = System.getProperty(NodeTransport.Configuration.READ_ENDPOINT_PROP_NAME);
        if (null != configured && !configured.isEmpty())
        {
            return configured;
        }
        final int colon = ingressEndpoint.lastIndexOf(':');
        final int port = Integer.parseInt(ingressEndpoint.substring(colon + 1)) + NodeTransport.Configuration.READ_PORT_OFFSET;
        return ingressEndpoint.substring(0, colon + 1) + port;
    }
}
