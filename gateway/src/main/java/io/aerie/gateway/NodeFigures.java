package io.aerie.gateway;

import io.aeron.AeronCounters;
import io.aeron.cluster.service.Cluster;
import org.agrona.concurrent.status.CountersReader;

/**
 * What a gateway beside a node tells of that node in its four-letter words, as a ZooKeeper ensemble member tells of
 * itself: its role ({@code Mode: leader|follower}, {@code standalone} for a one-member cluster) and its znode count
 * ({@code Node count}). Read from the counters of the media driver the gateway shares with its node; a standalone
 * gateway, on a driver of its own, sees none and says {@code standalone} without a node count.
 */
final class NodeFigures
{
    /** The Aerie service's count of znodes (the engine's {@code ServiceCounterTypes.ZNODES}). */
    static final int ZNODES_TYPE_ID = 7007;
    /** A standalone gateway, or a node whose counters are not there (yet). */
    static final NodeFigures UNKNOWN = new NodeFigures("standalone", -1, true);

    private final String mode;
    private final long znodes;
    private final boolean serving;

    private NodeFigures(final String mode, final long znodes, final boolean serving)
    {
        this.mode = mode;
        this.znodes = znodes;
        this.serving = serving;
    }

    /**
     * @param counters the counters of the gateway's media driver; read on the agent thread while its client is open.
     * @param members  members of the cluster (from the gateway's ingress endpoints).
     * @return the node's figures, or {@link #UNKNOWN} if the driver holds no node's role.
     */
    static NodeFigures read(final CountersReader counters, final int members)
    {
        final long[] values = { -1, -1 };
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID == typeId)
            {
                values[0] = counters.getCounterValue(counterId);
            }
            else if (ZNODES_TYPE_ID == typeId)
            {
                values[1] = counters.getCounterValue(counterId);
            }
        });
        if (values[0] < 0)
        {
            return UNKNOWN;
        }
        final Cluster.Role role = Cluster.Role.get(values[0]);
        if (members <= 1)
        {
            return new NodeFigures("standalone", values[1], Cluster.Role.LEADER == role);
        }
        return new NodeFigures(Cluster.Role.LEADER == role ? "leader" : "follower", values[1],
            Cluster.Role.CANDIDATE != role);
    }

    /**
     * @return ZooKeeper's {@code Mode} / {@code zk_server_state}.
     */
    String mode()
    {
        return mode;
    }

    /**
     * @return the node's znode count, or -1 when unknown.
     */
    long znodes()
    {
        return znodes;
    }

    /**
     * @return false while the node is a candidate in an election: ZooKeeper's server then answers that it is not
     * serving.
     */
    boolean isServing()
    {
        return serving;
    }
}
