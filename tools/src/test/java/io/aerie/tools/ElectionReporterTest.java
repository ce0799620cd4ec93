package io.aerie.tools;

import io.aerie.engine.node.NodeCounters;
import io.aerie.engine.node.NodeCounters.Metric;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ElectionReporterTest
{
    private final StringWriter text = new StringWriter();
    private final ElectionReporter reporter = new ElectionReporter(new PrintWriter(text), 3);

    @Test
    void shouldNotReportTheFirstTerm()
    {
        reporter.onClusterEvent(1, "startup noise");

        assertEquals(0, reporter.poll(term(0, 0, 1, 1, 1), 0));
        assertEquals("", text.toString());
    }

    @Test
    void shouldPrintANewLeaderWithEachNodesReasonAndTheLeaderlessTime()
    {
        reporter.poll(term(0, 0, 1, 1, 1), 0);
        reporter.onClusterEvent(1, "leader heartbeat timeout");
        reporter.onClusterEvent(2, "leader heartbeat timeout");
        reporter.onClusterEvent(2, "a later event");
        reporter.poll(new NodeCounters[]{ null, follower(ElectionState.CANVASS, 0, 2), null }, 1_000_000_000L);

        assertEquals(1, reporter.poll(term(1, 1, 1, 2, 2), 1_450_000_000L));
        assertEquals("aerie local: election: term 1, leader member 1 (was member 0 in term 0), no leader for 450 ms; " +
            "reason: node 1: leader heartbeat timeout, node 2: leader heartbeat timeout\n", text.toString());
    }

    @Test
    void shouldPrintAFollowerThatRejoinedTheSameLeader()
    {
        reporter.poll(term(0, 0, 1, 1, 1), 0);
        reporter.onClusterEvent(2, "leader heartbeat timeout");

        assertEquals(1, reporter.poll(term(0, 0, 1, 1, 2), 1));
        assertEquals("aerie local: election: node 2 rejoined leader member 0 in term 0; " +
            "reason: node 2: leader heartbeat timeout\n", text.toString());
    }

    @Test
    void shouldPrintNothingWhileTheTermHolds()
    {
        reporter.poll(term(0, 0, 1, 1, 1), 0);

        assertEquals(0, reporter.poll(term(0, 0, 1, 1, 1), 1));
        assertEquals("", text.toString());
    }

    private static NodeCounters[] term(
        final long termId, final int leader, final long elections0, final long elections1, final long elections2)
    {
        final long[] elections = { elections0, elections1, elections2 };
        final NodeCounters[] nodes = new NodeCounters[3];
        for (int i = 0; i < nodes.length; i++)
        {
            final Cluster.Role role = i == leader ? Cluster.Role.LEADER : Cluster.Role.FOLLOWER;
            nodes[i] = NodeCounters.of(
                new Metric[]{ Metric.CLUSTER_ROLE, Metric.ELECTION_STATE, Metric.LEADERSHIP_TERM_ID, Metric.ELECTIONS },
                new long[]{ role.code(), ElectionState.CLOSED.code(), termId, elections[i] });
        }
        return nodes;
    }

    private static NodeCounters follower(final ElectionState state, final long termId, final long elections)
    {
        return NodeCounters.of(
            new Metric[]{ Metric.CLUSTER_ROLE, Metric.ELECTION_STATE, Metric.LEADERSHIP_TERM_ID, Metric.ELECTIONS },
            new long[]{ Cluster.Role.FOLLOWER.code(), state.code(), termId, elections });
    }
}
