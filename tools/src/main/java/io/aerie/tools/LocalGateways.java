package io.aerie.tools;

import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.LocalCluster;
import io.aerie.gateway.ZooKeeperGateway;
import org.agrona.CloseHelper;

import java.util.ArrayList;
import java.util.List;

/**
 * The ZooKeeper gateways of {@code aerie local --zookeeper-port-base}: one beside each node, on the node's own media
 * driver, listening on the port base + the member id, each serving sessions on the whole cluster (requests go to the
 * leader whichever node's gateway a client uses).
 */
final class LocalGateways implements AutoCloseable
{
    private final List<ZooKeeperGateway> gateways = new ArrayList<>();

    LocalGateways(final LocalCluster cluster, final int portBase)
    {
        try
        {
            for (int memberId = 0; memberId < cluster.nodeCount(); memberId++)
            {
                final AerieNode node = cluster.node(memberId);
                final ZooKeeperGateway.Context gatewayCtx = new ZooKeeperGateway.Context()
                    .host(cluster.context().host())
                    .port(portBase + memberId)
                    .aeronDirectoryName(node.context().storage().aeronDirectoryName());
                gatewayCtx.client().connection()
                    .ingressEndpoints(cluster.ingressEndpoints())
                    .ingressChannel(cluster.ingressChannel())
                    .egressChannel(cluster.egressChannel());
                gateways.add(ZooKeeperGateway.launch(gatewayCtx));
            }
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * @return ZooKeeper's connect string for the gateways, {@code host:port,host:port,...}.
     */
    String connectString(final String host)
    {
        final StringBuilder out = new StringBuilder();
        for (final ZooKeeperGateway gateway : gateways)
        {
            out.append(out.length() > 0 ? "," : "").append(host).append(':').append(gateway.port());
        }
        return out.toString();
    }

    public void close()
    {
        CloseHelper.quietCloseAll(gateways);
        gateways.clear();
    }
}
