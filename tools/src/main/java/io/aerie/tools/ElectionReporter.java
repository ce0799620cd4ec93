package io.aerie.tools;

import io.aerie.engine.node.NodeCounters;
import io.aerie.engine.node.NodeCounters.Metric;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;

/**
 * The election lines of {@code aerie local}: one line per election, with its reason, as the nodes' counters and
 * consensus events show them. An election that ends with a new leader or term prints
 * {@code election: term 4, leader member 1 (was member 2 in term 3), 612 ms; reason: node 0: leader heartbeat
 * timeout, ...}; one a member held alone and ended by rejoining the same leader in the same term (it was stalled,
 * not the leader) prints {@code election: node 1 rejoined leader member 2 in term 3; reason: ...}.
 * <p>
 * The reason is what the consensus module said when it started the election (its {@code ClusterEvent}: leader
 * heartbeat timeout, inactive follower quorum, log disconnected...), handed over by {@link #onClusterEvent} from
 * any node thread; {@link #poll} reads every node's counters and prints, from one thread.
 */
final class ElectionReporter
{
    private static final long NONE = Long.MIN_VALUE;

    private final PrintWriter out;
    private final String[] reasons;
    private final long[] electionCounts;
    private long termId = NONE;
    private int leaderMemberId = -1;
    private long leaderlessSinceNs = NONE;

    /**
     * @param out       where the lines go; not null.
     * @param nodeCount the number of nodes.
     */
    ElectionReporter(final PrintWriter out, final int nodeCount)
    {
        this.out = out;
        this.reasons = new String[nodeCount];
        this.electionCounts = new long[nodeCount];
        Arrays.fill(electionCounts, NONE);
    }

    /**
     * A node's consensus module reported an event: kept as the reason of its next election line (the first one
     * since the last line).
     *
     * @param memberId the node.
     * @param message  the event's message; not null.
     */
    synchronized void onClusterEvent(final int memberId, final String message)
    {
        if (memberId >= 0 && memberId < reasons.length && null == reasons[memberId])
        {
            reasons[memberId] = message;
        }
    }

    /**
     * Read the nodes' counters and print a line for each election that ended since the last call.
     *
     * @param counters each node's counters, or null for a node that does not run; indexed by member id.
     * @param nowNs    the time of the reading, {@link System#nanoTime()}.
     * @return the number of lines printed.
     */
    int poll(final NodeCounters[] counters, final long nowNs)
    {
        int leader = -1;
        long leaderTermId = NONE;
        for (int i = 0; i < counters.length; i++)
        {
            final NodeCounters node = counters[i];
            if (null != node && Cluster.Role.LEADER == node.role() && ElectionState.CLOSED == node.electionState())
            {
                leader = i;
                leaderTermId = node.value(Metric.LEADERSHIP_TERM_ID, NONE);
            }
        }

        if (-1 == leader)
        {
            if (NONE == leaderlessSinceNs)
            {
                leaderlessSinceNs = nowNs;
            }
            return 0;
        }

        int lines = 0;
        if (leaderTermId != termId || leader != leaderMemberId)
        {
            if (NONE != termId)
            {
                printNewTerm(leader, leaderTermId, nowNs);
                lines++;
            }
            else
            {
                // The first term: what the nodes said while they started is not an election to report.
                clearReasons();
            }
            termId = leaderTermId;
            leaderMemberId = leader;
            syncElectionCounts(counters);
        }
        else
        {
            lines += printRejoins(counters);
        }
        leaderlessSinceNs = NONE;

        return lines;
    }

    private void printNewTerm(final int leader, final long leaderTermId, final long nowNs)
    {
        final StringBuilder line = new StringBuilder(128);
        line.append(String.format(Locale.ROOT, "aerie local: election: term %d, leader member %d (was member %d in " +
            "term %d)", leaderTermId, leader, leaderMemberId, termId));
        if (NONE != leaderlessSinceNs)
        {
            line.append(String.format(Locale.ROOT, ", no leader for %d ms", (nowNs - leaderlessSinceNs) / 1_000_000));
        }
        appendReasons(line, -1);
        out.println(line);
        out.flush();
    }

    private int printRejoins(final NodeCounters[] counters)
    {
        int lines = 0;
        for (int i = 0; i < counters.length; i++)
        {
            final NodeCounters node = counters[i];
            if (null == node || ElectionState.CLOSED != node.electionState())
            {
                continue;
            }
            final long count = node.value(Metric.ELECTIONS, NONE);
            if (NONE != electionCounts[i] && count > electionCounts[i])
            {
                final StringBuilder line = new StringBuilder(128).append(String.format(Locale.ROOT,
                    "aerie local: election: node %d rejoined leader member %d in term %d", i, leaderMemberId, termId));
                appendReasons(line, i);
                out.println(line);
                out.flush();
                lines++;
            }
            electionCounts[i] = count;
        }

        return lines;
    }

    private void syncElectionCounts(final NodeCounters[] counters)
    {
        for (int i = 0; i < counters.length; i++)
        {
            electionCounts[i] = null == counters[i] ? NONE : counters[i].value(Metric.ELECTIONS, NONE);
        }
    }

    private synchronized void clearReasons()
    {
        Arrays.fill(reasons, null);
    }

    private synchronized void appendReasons(final StringBuilder line, final int onlyMemberId)
    {
        line.append("; reason: ");
        boolean isFirst = true;
        for (int i = 0; i < reasons.length; i++)
        {
            if (null != reasons[i] && (-1 == onlyMemberId || i == onlyMemberId))
            {
                line.append(isFirst ? "" : ", ").append("node ").append(i).append(": ").append(reasons[i]);
                isFirst = false;
            }
            if (-1 == onlyMemberId || i == onlyMemberId)
            {
                reasons[i] = null;
            }
        }
        if (isFirst)
        {
            line.append("not reported (a node stopped?)");
        }
    }
}
