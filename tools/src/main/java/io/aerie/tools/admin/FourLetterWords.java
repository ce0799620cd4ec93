package io.aerie.tools.admin;

import io.aerie.engine.node.NodeCounters;
import io.aerie.engine.node.NodeCounters.Metric;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;

import java.util.Locale;

/**
 * ZooKeeper's four-letter words, answered from a {@link NodeStatus}: {@code ruok} (is the node in a term with a
 * leader), {@code srvr} (a summary, {@code Name: value} lines) and {@code mntr} ({@code name<TAB>value} lines,
 * ZooKeeper's {@code zk_*} keys where Aerie has the value, then {@code aerie_*}). What Aerie does not measure is
 * said to be not available in {@code srvr} and left out of {@code mntr}, never made up. Stateless.
 */
final class FourLetterWords
{
    static final String IMOK = "imok";
    static final String NOT_AVAILABLE = "not available";

    private static final String UNKNOWN = "unknown";

    private FourLetterWords()
    {
    }

    /**
     * Why {@code ruok} is not ok.
     *
     * @param node not null.
     * @return null when the node runs in a term with a leader (election closed), else a one-line reason that
     * names the member.
     */
    static String notOkReason(final NodeStatus node)
    {
        final String member = "member " + (node.memberId() < 0 ? "?" : String.valueOf(node.memberId()));
        if (!node.isRunning())
        {
            return member + " is not running: " + node.notRunningReason();
        }

        final ElectionState electionState = node.electionState();
        if (null == electionState)
        {
            return member + " is starting: no consensus module counters yet";
        }
        if (ElectionState.CLOSED != electionState)
        {
            return member + " is in an election (" + electionState + "), no leader yet";
        }

        return null;
    }

    /**
     * ZooKeeper's {@code srvr}: its lines in its order, then Aerie's own (member, leader, term, election state,
     * commit position, watches, snapshots).
     *
     * @param node    a running node; not null.
     * @param version the Aerie version to report.
     * @return {@code Name: value} lines.
     */
    static String srvr(final NodeStatus node, final String version)
    {
        final StringBuilder out = new StringBuilder();
        line(out, "Aerie version", version);
        line(out, "Latency min/avg/max", NOT_AVAILABLE);
        line(out, "Received", NOT_AVAILABLE);
        line(out, "Sent", NOT_AVAILABLE);
        // Aerie's sessions are the cluster's, replicated: every member reports them all.
        line(out, "Connections", StatusFormat.text(node.value(Metric.SESSIONS)) + " (sessions, cluster-wide)");
        line(out, "Outstanding", NOT_AVAILABLE);
        line(out, "Zxid", NOT_AVAILABLE);
        line(out, "Mode", mode(node));
        line(out, "Node count", StatusFormat.text(node.value(Metric.ZNODES)));
        line(out, "Member id", String.valueOf(node.memberId()));
        line(out, "Leader", node.leaderMemberId() < 0 ? UNKNOWN : String.valueOf(node.leaderMemberId()));
        line(out, "Leadership term", StatusFormat.text(node.value(Metric.LEADERSHIP_TERM_ID)));
        line(out, "Election state", null == node.electionState() ? UNKNOWN : node.electionState().name());
        line(out, "Commit position", StatusFormat.text(node.value(Metric.COMMIT_POSITION)));
        line(out, "Watches", StatusFormat.text(node.value(Metric.WATCHES)));
        line(out, "Snapshots", StatusFormat.text(node.value(Metric.SNAPSHOTS)) + " since start, " +
            node.recordedSnapshots() + " recorded" +
            (NodeStatus.UNKNOWN == node.lastSnapshotPosition() ?
                "" : ", last at log position " + node.lastSnapshotPosition()));

        return out.toString();
    }

    /**
     * ZooKeeper's {@code mntr}: {@code zk_version}, {@code zk_server_state}, {@code zk_znode_count},
     * {@code zk_watch_count}, {@code zk_num_alive_connections} (sessions), then {@code aerie_*}: member, leader,
     * election state, snapshots in the recording log, and every counter of the node by its
     * {@link Metric#metricName()}. Unknown values are left out.
     *
     * @param node    a running node; not null.
     * @param version the Aerie version to report.
     * @return {@code name<TAB>value} lines.
     */
    static String mntr(final NodeStatus node, final String version)
    {
        final StringBuilder out = new StringBuilder();
        pair(out, "zk_version", version);
        pair(out, "zk_server_state", mode(node));
        pair(out, "zk_znode_count", node.value(Metric.ZNODES));
        pair(out, "zk_watch_count", node.value(Metric.WATCHES));
        pair(out, "zk_num_alive_connections", node.value(Metric.SESSIONS));
        pair(out, "aerie_member_id", node.memberId());
        pair(out, "aerie_leader_member_id", node.leaderMemberId() < 0 ? NodeStatus.UNKNOWN : node.leaderMemberId());
        pair(out, "aerie_election_state", null == node.electionState() ? null : node.electionState().name());
        pair(out, "aerie_recorded_snapshots", node.recordedSnapshots());
        pair(out, "aerie_last_snapshot_position", node.lastSnapshotPosition());

        final NodeCounters counters = node.counters();
        if (null != counters)
        {
            for (final Metric metric : Metric.values())
            {
                if (counters.has(metric))
                {
                    pair(out, metric.metricName(), counters.value(metric, NodeStatus.UNKNOWN));
                }
            }
        }

        return out.toString();
    }

    /**
     * The node's role as ZooKeeper names server states: {@code leader}, {@code follower}, or Aeron's
     * {@code candidate}.
     *
     * @param node not null.
     * @return the lower-case role, or {@code unknown}.
     */
    static String mode(final NodeStatus node)
    {
        final Cluster.Role role = node.role();
        return null == role ? UNKNOWN : role.name().toLowerCase(Locale.ROOT);
    }

    private static void line(final StringBuilder out, final String name, final String value)
    {
        out.append(name).append(": ").append(value).append('\n');
    }

    private static void pair(final StringBuilder out, final String name, final String value)
    {
        if (null != value)
        {
            out.append(name).append('\t').append(value).append('\n');
        }
    }

    private static void pair(final StringBuilder out, final String name, final long value)
    {
        if (NodeStatus.UNKNOWN != value)
        {
            out.append(name).append('\t').append(value).append('\n');
        }
    }
}
