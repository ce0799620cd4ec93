package io.aerie.bench.suite.aerie;

import io.aerie.engine.node.NodeProcessCounters;
import io.aeron.AeronCounters;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;

/**
 * Reads a node process's cluster role and election state from the counters in its media driver's CnC file
 * ({@link NodeProcessCounters}), mapped read-only, as AeronStat does: no session, no effect on the node. Used to find the leader quickly (for
 * {@code kill -9}) and to wait for an established term.
 */
final class NodeRoles
{
    private NodeRoles()
    {
    }

    /**
     * @param aeronDir the node's Aeron directory.
     * @param pid      the node process's pid: a CnC file left by another process is ignored.
     * @return true if the node leads an established term (role LEADER, election CLOSED).
     */
    static boolean isLeader(final String aeronDir, final long pid)
    {
        return Cluster.Role.LEADER.code() == role(aeronDir, pid);
    }

    /**
     * @return true if the node is in an established term, as leader or follower.
     */
    static boolean inTerm(final String aeronDir, final long pid)
    {
        return role(aeronDir, pid) >= 0;
    }

    /**
     * @return the election state code, or -1 if unknown (no or foreign CnC file, no counters yet).
     */
    static long electionState(final String aeronDir, final long pid)
    {
        final long[] values = counters(aeronDir, pid, AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID,
            AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID);
        return null == values ? -1 : values[1];
    }

    /**
     * @return the role code, or -1 if unknown (no or foreign CnC file, no counters yet) or while an election is
     * in progress.
     */
    private static long role(final String aeronDir, final long pid)
    {
        final long[] values = counters(aeronDir, pid, AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID,
            AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID);
        return null != values && ElectionState.CLOSED.code() == values[1] ? values[0] : -1;
    }

    /**
     * @param typeId a counter type id, such as the service's local reads served (7090).
     * @return the value of the node's counter of that type, or -1 if unknown (no or foreign CnC file, no such
     * counter).
     */
    static long counter(final String aeronDir, final long pid, final int typeId)
    {
        final long[] values = counters(aeronDir, pid, typeId);
        return null == values ? -1 : values[0];
    }

    /**
     * @return the values of the counters of these types (-1 for a counter not there yet), or null if the CnC file is
     * not the process's or cannot be read.
     */
    static long[] counters(final String aeronDir, final long pid, final int... typeIds)
    {
        return NodeProcessCounters.values(aeronDir, pid, typeIds);
    }
}
