package io.aerie.client;

import io.aeron.cluster.client.AeronCluster;

/**
 * For a {@link ClusterTransport} of one's own built on Aeron Cluster's client (the ZooKeeper gateway shares one Aeron
 * client among its sessions): the connection the default transport uses, and its new-leader timeout rule, so both
 * transports behave alike.
 */
public final class AeronClusterConnections
{
    private AeronClusterConnections()
    {
    }

    /**
     * @param cluster a connected cluster client; closed when the returned connection is closed.
     * @return a connection whose methods are the cluster client's own.
     */
    public static ClusterTransport.Connection wrap(final AeronCluster cluster)
    {
        return new AeronClusterTransport.AeronConnection(cluster);
    }

    /**
     * @param sessionTimeoutMs the session's timeout, ms.
     * @return how long Aeron's cluster client waits for a new leader: the session timeout, clamped to 2–10 s, ns.
     */
    public static long newLeaderTimeoutNs(final int sessionTimeoutMs)
    {
        return AeronClusterTransport.newLeaderTimeoutNs(sessionTimeoutMs);
    }
}
