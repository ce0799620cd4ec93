package io.aerie.tools.admin;

import io.aerie.engine.node.NodeCounters.Metric;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The output of {@code aerie admin status}: an aligned table, one line per node, or JSON
 * ({@code {"nodes":[...]}}, one object per node, unknown values as {@code null}). Stateless.
 * <p>
 * {@code ELECTIONS} is the elections this node took part in since it started (Aeron's election count, the first
 * one at start included: 1 on a node that has seen no election since); a member that stalled past the leader
 * heartbeat timeout counts one even if it rejoined the same leader ({@code aerie local} prints each with its reason).
 * {@code RESTARTS} is the times the node was closed and launched again in its own process since the process
 * started, because its consensus module could no longer replay its own log ({@code selfRestarts} in JSON).
 * {@code LIMIT-HITS} is the requests this node refused by a limit since it started: writes over a hard quota,
 * watches and ephemerals past a session's most ({@code quotaRejected}, {@code watchLimitHits},
 * {@code ephemeralLimitHits} in JSON; {@code mntr} has each). {@code NOAUTH} is the requests a znode's ACL
 * refused; {@code AUTH-FAILED} the credentials refused, by addAuth or at connect by the node's authenticator
 * ({@code authFailures}, {@code authRejected}); {@code FORGED} the requests refused because they did not carry their
 * connection's token ({@code forgedRequests}). Creates refused at the znode capacity count among the
 * {@code LIMIT-HITS} ({@code znodeLimitHits}), and once the znodes clients created reach 90 % of it
 * ({@code aerie.tree.max.znodes}) the {@code ZNODES} cell says so, before creates start failing:
 * {@code 943720 (90% of 1048576)} ({@code znodeCapacity}, {@code znodeCapacityWarning} in JSON).
 * <p>
 * {@code DISK} is the bytes of the node's archive directory (log segments, snapshots, catalog; from the files when
 * the node is not running), {@code KEPT} the snapshots it keeps ({@code aerie.node.snapshot.retain}),
 * {@code LOG-SINCE-SNAP} the log committed since its latest snapshot, what a restart replays, marked
 * {@code (purge held)} while a member that is down or behind holds the log purge back ({@code archiveBytes},
 * {@code snapshotsKept}, {@code logBytesSinceSnapshot}, {@code logPurgeHeld} and {@code logStartPosition} in JSON).
 */
final class StatusFormat
{
    /** Compact output: one line, no spaces, as before Jackson wrote it. */
    private static final JsonFactory JSON = new JsonFactory();
    static final String[] HEADER = {
        "MEMBER", "STATUS", "ROLE", "ELECTION", "TERM", "ELECTIONS", "RESTARTS", "LEADER", "COMMIT-POS", "SESSIONS", "ZNODES",
        "WATCHES", "LIMIT-HITS", "NOAUTH", "AUTH-FAILED", "FORGED", "SNAPSHOTS", "SNAPSHOT-POS", "DISK", "KEPT",
        "LOG-SINCE-SNAP", "DIR" };
    static final String RUNNING = "running";
    static final String NOT_RUNNING = "not running";

    private static final String NONE = "-";
    /** Znodes no client created: the root, {@code /zookeeper}, {@code /zookeeper/quota}, {@code /zookeeper/config}. */
    private static final long RESERVED_AND_ROOT = 4;
    private static final String COLUMN_GAP = "  ";

    private StatusFormat()
    {
    }

    /**
     * The table: a header, then one row per node, columns padded to their widest cell, no trailing spaces. A
     * node that is not running shows its reason after its directory, the last column, so long reasons do not
     * widen the others.
     *
     * @param nodes in the order to print; not null.
     * @return the text, each line ending with a newline.
     */
    static String table(final List<NodeStatus> nodes)
    {
        final List<String[]> rows = new ArrayList<>(nodes.size() + 1);
        rows.add(HEADER);
        for (final NodeStatus node : nodes)
        {
            rows.add(row(node));
        }

        final int[] widths = new int[HEADER.length];
        for (final String[] row : rows)
        {
            for (int i = 0; i < row.length; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }

        final StringBuilder out = new StringBuilder();
        for (final String[] row : rows)
        {
            final int start = out.length();
            for (int i = 0; i < row.length; i++)
            {
                out.append(row[i]);
                if (i < row.length - 1)
                {
                    out.append(" ".repeat(widths[i] - row[i].length())).append(COLUMN_GAP);
                }
            }
            trimTrailingSpaces(out, start);
            out.append('\n');
        }

        return out.toString();
    }

    /**
     * The JSON form: {@code {"nodes":[{...},...]}} on one line, then a newline. Numbers are JSON numbers,
     * unknown values {@code null}; role and election state are Aeron's enum names.
     *
     * @param nodes in the order to print; not null.
     * @return the text.
     */
    static String json(final List<NodeStatus> nodes)
    {
        final StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out))
        {
            json.writeStartObject();
            json.writeArrayFieldStart("nodes");
            for (final NodeStatus node : nodes)
            {
                json.writeStartObject();
                writeNode(json, node);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }

        return out.append('\n').toString();
    }

    private static void writeNode(final JsonGenerator json, final NodeStatus node) throws IOException
    {
        final Cluster.Role role = node.role();
        final ElectionState electionState = node.electionState();
        number(json, "memberId", node.memberId() < 0 ? NodeStatus.UNKNOWN : node.memberId());
        json.writeStringField("dir", node.nodeDir().getPath());
        json.writeBooleanField("running", node.isRunning());
        json.writeStringField("reason", node.notRunningReason());
        json.writeStringField("role", null == role ? null : role.name());
        json.writeStringField("electionState", null == electionState ? null : electionState.name());
        number(json, "leadershipTermId", node.value(Metric.LEADERSHIP_TERM_ID));
        number(json, "elections", node.value(Metric.ELECTIONS));
        number(json, "selfRestarts", node.value(Metric.SELF_RESTARTS));
        number(json, "leaderMemberId", node.leaderMemberId() < 0 ? NodeStatus.UNKNOWN : node.leaderMemberId());
        number(json, "commitPosition", node.value(Metric.COMMIT_POSITION));
        number(json, "sessions", node.value(Metric.SESSIONS));
        number(json, "znodes", node.value(Metric.ZNODES));
        number(json, "znodeCapacity", node.value(Metric.ZNODE_CAPACITY));
        final long capacityWarning = node.value(Metric.ZNODE_CAPACITY_WARNING);
        json.writeFieldName("znodeCapacityWarning");
        if (NodeStatus.UNKNOWN == capacityWarning)
        {
            json.writeNull();
        }
        else
        {
            json.writeBoolean(1 == capacityWarning);
        }
        number(json, "watches", node.value(Metric.WATCHES));
        number(json, "quotaRejected", node.value(Metric.QUOTA_REJECTED));
        number(json, "watchLimitHits", node.value(Metric.WATCH_LIMIT_HITS));
        number(json, "ephemeralLimitHits", node.value(Metric.EPHEMERAL_LIMIT_HITS));
        number(json, "znodeLimitHits", node.value(Metric.ZNODE_LIMIT_HITS));
        number(json, "noAuth", node.value(Metric.NO_AUTH));
        number(json, "authFailures", node.value(Metric.AUTH_FAILURES));
        number(json, "authRejected", node.value(Metric.AUTH_REJECTED));
        number(json, "forgedRequests", node.value(Metric.FORGED_REQUESTS));
        number(json, "snapshotsSinceStart", node.value(Metric.SNAPSHOTS));
        number(json, "recordedSnapshots", node.recordedSnapshots());
        number(json, "lastSnapshotPosition", node.lastSnapshotPosition());
        number(json, "lastSnapshotLeadershipTermId", node.lastSnapshotLeadershipTermId());
        number(json, "archiveBytes", node.archiveBytes());
        number(json, "snapshotsKept", node.value(Metric.DISK_SNAPSHOTS));
        number(json, "logBytesSinceSnapshot", node.value(Metric.DISK_LOG_BYTES_SINCE_SNAPSHOT));
        number(json, "logStartPosition", node.value(Metric.DISK_LOG_START_POSITION));
        number(json, "logPurgeHeld", node.value(Metric.DISK_PURGE_HELD));
        number(json, "nodeErrors", node.value(Metric.NODE_ERRORS));
        number(json, "nodeWarnings", node.value(Metric.NODE_WARNINGS));
        number(json, "ingressPaddedFrames", node.value(Metric.INGRESS_PADDED_FRAMES));
    }

    private static void number(final JsonGenerator json, final String name, final long value) throws IOException
    {
        json.writeFieldName(name);
        if (NodeStatus.UNKNOWN == value)
        {
            json.writeNull();
        }
        else
        {
            json.writeNumber(value);
        }
    }

    /**
     * A value for the table and the four-letter words.
     *
     * @param value a value, or {@link NodeStatus#UNKNOWN}.
     * @return its decimal text, or {@code -} when unknown.
     */
    static String text(final long value)
    {
        return NodeStatus.UNKNOWN == value ? NONE : Long.toString(value);
    }

    private static String[] row(final NodeStatus node)
    {
        final Cluster.Role role = node.role();
        final ElectionState electionState = node.electionState();
        final String dir = node.nodeDir().getPath();

        return new String[]{
            node.memberId() < 0 ? NONE : String.valueOf(node.memberId()),
            node.isRunning() ? RUNNING : NOT_RUNNING,
            null == role ? NONE : role.name(),
            null == electionState ? NONE : electionState.name(),
            text(node.value(Metric.LEADERSHIP_TERM_ID)),
            text(node.value(Metric.ELECTIONS)),
            text(node.value(Metric.SELF_RESTARTS)),
            node.leaderMemberId() < 0 ? NONE : String.valueOf(node.leaderMemberId()),
            text(node.value(Metric.COMMIT_POSITION)),
            text(node.value(Metric.SESSIONS)),
            znodes(node),
            text(node.value(Metric.WATCHES)),
            text(limitHits(node)),
            text(node.value(Metric.NO_AUTH)),
            text(sum(node.value(Metric.AUTH_FAILURES), node.value(Metric.AUTH_REJECTED))),
            text(node.value(Metric.FORGED_REQUESTS)),
            text(node.value(Metric.SNAPSHOTS)),
            text(node.lastSnapshotPosition()),
            bytes(node.archiveBytes()),
            text(node.value(Metric.DISK_SNAPSHOTS)),
            bytes(node.value(Metric.DISK_LOG_BYTES_SINCE_SNAPSHOT)) + (1 == node.value(Metric.DISK_PURGE_HELD) ?
                " (purge held)" : ""),
            node.isRunning() ? dir : dir + " (" + node.notRunningReason() + ")" };
    }

    /**
     * The znode count, and near capacity how near: the share of the capacity the znodes clients created take
     * (the count less the root and the three reserved nodes).
     */
    private static String znodes(final NodeStatus node)
    {
        final long znodes = node.value(Metric.ZNODES);
        final long capacity = node.value(Metric.ZNODE_CAPACITY);
        if (1 != node.value(Metric.ZNODE_CAPACITY_WARNING) || NodeStatus.UNKNOWN == znodes || capacity <= 0)
        {
            return text(znodes);
        }
        final long percent = Math.max(0, znodes - RESERVED_AND_ROOT) * 100 / capacity;
        return znodes + " (" + percent + "% of " + capacity + ")";
    }

    /**
     * Bytes for the table: binary units with one decimal above 1 KiB ({@code 512}, {@code 1.5K}, {@code 220.3M}).
     */
    static String bytes(final long value)
    {
        if (NodeStatus.UNKNOWN == value)
        {
            return NONE;
        }
        final String[] units = { "K", "M", "G", "T" };
        double scaled = value;
        int unit = -1;
        while (scaled >= 1024 && unit < units.length - 1)
        {
            scaled /= 1024;
            unit++;
        }
        return unit < 0 ? Long.toString(value) : String.format(Locale.ROOT, "%.1f%s", scaled, units[unit]);
    }

    private static long limitHits(final NodeStatus node)
    {
        final long quota = node.value(Metric.QUOTA_REJECTED);
        final long watches = node.value(Metric.WATCH_LIMIT_HITS);
        final long ephemerals = node.value(Metric.EPHEMERAL_LIMIT_HITS);
        if (NodeStatus.UNKNOWN == quota || NodeStatus.UNKNOWN == watches || NodeStatus.UNKNOWN == ephemerals)
        {
            return NodeStatus.UNKNOWN;
        }
        // A node of an earlier version has no znode limit counter: its other limits still add up.
        final long znodes = node.value(Metric.ZNODE_LIMIT_HITS);
        return quota + watches + ephemerals + (NodeStatus.UNKNOWN == znodes ? 0 : znodes);
    }

    private static long sum(final long a, final long b)
    {
        return NodeStatus.UNKNOWN == a || NodeStatus.UNKNOWN == b ? NodeStatus.UNKNOWN : a + b;
    }

    private static void trimTrailingSpaces(final StringBuilder out, final int start)
    {
        int end = out.length();
        while (end > start && ' ' == out.charAt(end - 1))
        {
            end--;
        }
        out.setLength(end);
    }
}
