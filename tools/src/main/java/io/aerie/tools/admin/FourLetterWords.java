package io.aerie.tools.admin;

import io.aerie.engine.node.NodeCounters;
import io.aerie.engine.node.NodeCounters.Metric;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;

import java.util.Locale;

/**
 * ZooKeeper's four-letter words, answered from a {@link NodeStatus}: {@code ruok} (is the node in a term with a
 * leader), {@code srvr} (a summary, {@code Name: value} lines) and {@code mntr} ({@code name<TAB>value} lines,
 * ZooKeeper's {@code zk_*} keys where Aerie has the value, then {@code aerie_*}). What Aerie does not measure (a
 * node running without the Aerie service's counters) is said to be not available in {@code srvr} and left out of
 * {@code mntr}, never made up. Stateless.
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
     * Why {@code srvr} or {@code mntr} cannot answer for a node.
     *
     * @param node not null.
     * @return null when the node runs, else a one-line reason that names the member.
     */
    static String notRunningReason(final NodeStatus node)
    {
        return node.isRunning() ? null : notOkReason(node);
    }

    /**
     * ZooKeeper's {@code srvr}: its lines in its order, with its names and number formats (so a tool that parses
     * ZooKeeper's answers parses these), then Aerie's own (member, leader, term, election state, commit position,
     * watches, snapshots). Latency, Received and Sent are the member's own while it leads; Connections are the
     * cluster's sessions; Outstanding is 0, as the service answers each request as it applies it.
     *
     * @param node    a running node; not null.
     * @param version the Aerie version to report.
     * @return {@code Name: value} lines.
     */
    static String srvr(final NodeStatus node, final String version)
    {
        final StringBuilder out = new StringBuilder();
        line(out, "Zookeeper version", "Aerie " + version);
        line(out, "Latency min/avg/max", latency(node));
        line(out, "Received", measured(node.value(Metric.PACKETS_RECEIVED)));
        line(out, "Sent", measured(node.value(Metric.PACKETS_SENT)));
        // Aerie's sessions are the cluster's, replicated: every member reports them all.
        line(out, "Connections", StatusFormat.text(node.value(Metric.SESSIONS)));
        line(out, "Outstanding", node.hasServiceCounters() ? "0" : NOT_AVAILABLE);
        final long zxid = node.value(Metric.LAST_ZXID);
        line(out, "Zxid", NodeStatus.UNKNOWN == zxid ? NOT_AVAILABLE : "0x" + Long.toHexString(zxid));
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
     * ZooKeeper's {@code mntr}: the {@code zk_*} keys ZooKeeper 3.9 prints for what Aerie has, in ZooKeeper's order
     * and formats (version, server and peer state, ephemerals, connections, latency, outstanding requests, znodes,
     * sessions, packets, watches, file descriptors, approximate data size, uptime; on the leader its learners and
     * synced followers), then {@code aerie_*}: member, leader, election state, snapshots in the recording log,
     * and every counter of the node by its {@link Metric#metricName()}. Unknown values are left out.
     *
     * @param node    a running node; not null.
     * @param version the Aerie version to report.
     * @return {@code name<TAB>value} lines.
     */
    static String mntr(final NodeStatus node, final String version)
    {
        final StringBuilder out = new StringBuilder();
        final boolean hasService = node.hasServiceCounters();
        final long sessions = node.value(Metric.SESSIONS);
        final NodeStatus.ProcessRecord process = node.process();
        pair(out, "zk_version", "Aerie " + version);
        pair(out, "zk_server_state", mode(node));
        pair(out, "zk_peer_state", peerState(node));
        pair(out, "zk_ephemerals_count", node.value(Metric.EPHEMERALS));
        pair(out, "zk_num_alive_connections", sessions);
        pair(out, "zk_avg_latency", hasLatency(node) ? String.valueOf(averageLatency(node)) : null);
        pair(out, "zk_outstanding_requests", hasService ? 0 : NodeStatus.UNKNOWN);
        pair(out, "zk_znode_count", node.value(Metric.ZNODES));
        pair(out, "zk_global_sessions", sessions);
        pair(out, "zk_packets_sent", node.value(Metric.PACKETS_SENT));
        pair(out, "zk_packets_received", node.value(Metric.PACKETS_RECEIVED));
        pair(out, "zk_watch_count", node.value(Metric.WATCHES));
        pair(out, "zk_min_latency", hasLatency(node) ? node.value(Metric.REQUEST_LATENCY_MIN_MS) : NodeStatus.UNKNOWN);
        pair(out, "zk_max_file_descriptor_count", process.maxFileDescriptors);
        pair(out, "zk_approximate_data_size", node.value(Metric.APPROXIMATE_DATA_SIZE));
        pair(out, "zk_open_file_descriptor_count", process.openFileDescriptors);
        // Every Aerie session is global: there are no local sessions.
        pair(out, "zk_local_sessions", hasService ? 0 : NodeStatus.UNKNOWN);
        pair(out, "zk_uptime", NodeStatus.UNKNOWN == process.startTimestampMs ?
            NodeStatus.UNKNOWN : Math.max(0, System.currentTimeMillis() - process.startTimestampMs));
        pair(out, "zk_max_latency", hasLatency(node) ? node.value(Metric.REQUEST_LATENCY_MAX_MS) : NodeStatus.UNKNOWN);
        final NodeStatus.Followers followers = node.followers();
        if (NodeStatus.UNKNOWN != followers.count)
        {
            pair(out, "zk_learners", followers.count);
            pair(out, "zk_synced_followers", followers.synced);
            // Aerie has no observers nor non-voting members, and a sync is an entry in the log: none waits here.
            pair(out, "zk_synced_non_voting_followers", 0);
            pair(out, "zk_synced_observers", 0);
            pair(out, "zk_pending_syncs", 0);
        }
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
     * ZooKeeper's detailed peer state, {@code <server state> - <zab state>}: {@code leading - broadcast} or
     * {@code following - broadcast} in a term with a leader, {@code looking - election} during an election.
     *
     * @param node not null.
     * @return the state, or null if unknown.
     */
    static String peerState(final NodeStatus node)
    {
        final ElectionState electionState = node.electionState();
        if (null == electionState || null == node.role())
        {
            return null;
        }
        if (ElectionState.CLOSED != electionState)
        {
            return "looking - election";
        }

        return (Cluster.Role.LEADER == node.role() ? "leading" : "following") + " - broadcast";
    }

    /**
     * @return {@code min/avg/max} in ms as ZooKeeper's srvr prints it ({@code 0/0.0/0} before any request).
     */
    private static String latency(final NodeStatus node)
    {
        if (!hasLatency(node))
        {
            return NOT_AVAILABLE;
        }

        final boolean isTimed = node.value(Metric.REQUESTS_TIMED) > 0;
        return (isTimed ? node.value(Metric.REQUEST_LATENCY_MIN_MS) : 0) + "/" + averageLatency(node) + "/" +
            (isTimed ? node.value(Metric.REQUEST_LATENCY_MAX_MS) : 0);
    }

    private static String measured(final long value)
    {
        return NodeStatus.UNKNOWN == value ? NOT_AVAILABLE : Long.toString(value);
    }

    private static boolean hasLatency(final NodeStatus node)
    {
        final NodeCounters counters = node.counters();
        return null != counters && counters.has(Metric.REQUESTS_TIMED) && counters.has(Metric.REQUEST_LATENCY_MS) &&
            counters.has(Metric.REQUEST_LATENCY_MIN_MS) && counters.has(Metric.REQUEST_LATENCY_MAX_MS);
    }

    private static double averageLatency(final NodeStatus node)
    {
        final long count = node.value(Metric.REQUESTS_TIMED);
        return count <= 0 ? 0.0 : (double)node.value(Metric.REQUEST_LATENCY_MS) / count;
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
