package io.aerie.gateway;

/**
 * What the Curator failover scenarios run on: a three-node Aerie cluster with a ZooKeeper gateway beside each node,
 * whose leader can be killed and brought back. {@link FailoverGateways} runs the nodes in the test's JVM,
 * {@link ProcessGateways} each in a process of its own.
 */
interface FailoverCluster extends AutoCloseable
{
    /**
     * @return ZooKeeper's connect string naming every gateway.
     */
    String connectString();

    /**
     * @param gateways        how many gateways, one per member.
     * @param gatewayPortBase TCP port of member 0's gateway; member i's is base + i.
     * @return ZooKeeper's connect string naming every gateway on loopback.
     */
    static String connectString(final int gateways, final int gatewayPortBase)
    {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < gateways; i++)
        {
            out.append(i > 0 ? "," : "").append("127.0.0.1:").append(gatewayPortBase + i);
        }
        return out.toString();
    }

    /**
     * End the current leader's node and its gateway, as a crash of the node's process would.
     *
     * @return the member id that was killed.
     * @throws Exception if no leader is found in time.
     */
    int killLeader() throws Exception;

    /**
     * Start any stopped node and its gateway again, and wait until the node has caught up, so that a later kill of
     * the leader leaves a majority able to elect.
     *
     * @throws Exception if it does not come back in time.
     */
    void restoreStopped() throws Exception;

    /**
     * Stop every node and gateway.
     */
    @Override
    void close();
}
