package io.aerie.tools.admin;

import io.aerie.engine.node.NodeCounters;
import io.aerie.tools.cli.Failures;
import io.aeron.CommonContext;
import io.aeron.cluster.ClusterMember;
import io.aeron.cluster.ClusterMembership;
import io.aeron.cluster.ClusterTool;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.RecordingLog;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusterMarkFile;
import org.agrona.concurrent.SystemEpochClock;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Looks at one node from the outside, through its files, as Aeron's ClusterTool does: the cluster mark file
 * (member id, process id, Aeron directory, consensus module activity), the media driver's CnC file (heartbeat and
 * counters) and the recording log (snapshots). Never changes anything, and needs no client session, so it works
 * on a node that has no leader.
 * <p>
 * A node counts as running when the process named in its mark file is alive, its media driver's heartbeat is
 * fresh and its consensus module was active in the last {@value #INACTIVE_AFTER_MS} ms. Stateless; any thread.
 */
final class NodeProbe
{
    /**
     * How long to wait for a mark file being created to get its header.
     */
    static final long MARK_FILE_OPEN_TIMEOUT_MS = 1_000;

    /**
     * A consensus module silent for longer is not running (it updates its mark file's activity every second).
     */
    static final long INACTIVE_AFTER_MS = 10_000;

    /**
     * How long a follower may take to say who leads, in {@code status}, {@code srvr} and {@code mntr}.
     */
    static final long LEADER_QUERY_TIMEOUT_MS = 1_000;

    /**
     * A follower counts as synced when its log position is the leader's, or it reported its position to the leader
     * within this long (it follows the log as it grows).
     */
    static final long SYNCED_WITHIN_MS = 2_000;

    // What a consensus module that closed cleanly leaves as its activity timestamp.
    private static final long TERMINATED_ACTIVITY_TIMESTAMP = -1;
    private static final Consumer<String> NO_LOG = (message) -> {};

    private NodeProbe()
    {
    }

    /**
     * Find out whether a node runs and, if so, read its counters and the leader it knows.
     *
     * @param dir                  the node's directories; not null.
     * @param leaderQueryTimeoutMs how long a follower may take to answer a cluster-members query (as
     *                             {@code ClusterTool list-members}); 0 not to ask, leaving a follower's leader
     *                             unknown.
     * @return the status; never null: whatever fails to read makes the node "not running" with the reason.
     */
    static NodeStatus probe(final NodeDir dir, final long leaderQueryTimeoutMs)
    {
        final NodeStatus.SnapshotRecord snapshots = readSnapshots(dir.clusterDir());
        final File markFileDir = markFileDir(dir.clusterDir());
        if (!new File(markFileDir, ClusterMarkFile.FILENAME).exists())
        {
            return NodeStatus.notRunning(
                dir, dir.memberIdHint(), "no cluster mark file (never started here)", snapshots);
        }

        final int memberId;
        final long pid;
        final String aeronDirectory;
        final long activityTimestampMs;
        final long startTimestampMs;
        try (ClusterMarkFile markFile = new ClusterMarkFile(
            markFileDir, ClusterMarkFile.FILENAME, SystemEpochClock.INSTANCE, MARK_FILE_OPEN_TIMEOUT_MS, NO_LOG))
        {
            memberId = markFile.memberId();
            pid = markFile.decoder().pid();
            aeronDirectory = markFile.decoder().aeronDirectory();
            activityTimestampMs = markFile.activityTimestampVolatile();
            startTimestampMs = markFile.decoder().startTimestamp();
        }
        catch (final RuntimeException ex)
        {
            return NodeStatus.notRunning(dir, dir.memberIdHint(),
                "cannot read its cluster mark file: " + Failures.describe(ex), snapshots);
        }

        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        {
            return NodeStatus.notRunning(dir, memberId, "its process " + pid + " is gone", snapshots);
        }
        if (TERMINATED_ACTIVITY_TIMESTAMP == activityTimestampMs)
        {
            return NodeStatus.notRunning(dir, memberId, "consensus module terminated", snapshots);
        }

        try (CncFile cnc = CncFile.mapIfExists(new File(aeronDirectory)))
        {
            final String reason = notRunningReason(cnc, aeronDirectory, activityTimestampMs);
            if (null != reason)
            {
                return NodeStatus.notRunning(dir, memberId, reason, snapshots);
            }

            final NodeCounters counters = cnc.readCounters();
            final ClusterMembership membership = queryMembers(dir, counters, leaderQueryTimeoutMs);
            final NodeStatus status = NodeStatus.running(
                dir, memberId, counters, leaderOf(memberId, counters, membership), snapshots)
                .withProcess(new NodeStatus.ProcessRecord(pid, startTimestampMs,
                    ProcessFiles.openFileDescriptors(pid), ProcessFiles.maxFileDescriptors(pid)));

            return status.isLeader() && null != membership ? status.withFollowers(followersOf(membership)) : status;
        }
        catch (final RuntimeException ex)
        {
            return NodeStatus.notRunning(
                dir, memberId, "cannot read its media driver's CnC file: " + Failures.describe(ex), snapshots);
        }
    }

    /**
     * The consensus module's snapshots in a recording log: how many valid ones, and the latest one's log
     * position and leadership term.
     *
     * @param clusterDir the node's cluster directory; not null.
     * @return the record; {@link NodeStatus.SnapshotRecord#NONE} if there is no log or it cannot be read.
     */
    static NodeStatus.SnapshotRecord readSnapshots(final File clusterDir)
    {
        if (!new File(clusterDir, RecordingLog.RECORDING_LOG_FILE_NAME).isFile())
        {
            return NodeStatus.SnapshotRecord.NONE;
        }

        try (RecordingLog recordingLog = new RecordingLog(clusterDir, false))
        {
            int count = 0;
            long lastPosition = NodeStatus.UNKNOWN;
            long lastTermId = NodeStatus.UNKNOWN;
            for (final RecordingLog.Entry entry : recordingLog.entries())
            {
                // Each service records its own snapshot entry too: count the consensus module's, one per snapshot.
                final int type = entry.type & ~RecordingLog.ENTRY_TYPE_INVALID_FLAG;
                if (RecordingLog.ENTRY_TYPE_SNAPSHOT == type && entry.isValid &&
                    ConsensusModule.Configuration.SERVICE_ID == entry.serviceId)
                {
                    count++;
                    if (entry.logPosition >= lastPosition)
                    {
                        lastPosition = entry.logPosition;
                        lastTermId = entry.leadershipTermId;
                    }
                }
            }

            return new NodeStatus.SnapshotRecord(count, lastPosition, lastTermId);
        }
        catch (final RuntimeException ex)
        {
            // A log being rewritten by its node: the snapshots are unknown, the rest of the status still holds.
            return NodeStatus.SnapshotRecord.NONE;
        }
    }

    private static String notRunningReason(
        final CncFile cnc, final String aeronDirectory, final long activityTimestampMs)
    {
        if (null == cnc)
        {
            return "media driver stopped (no CnC file in " + aeronDirectory + ")";
        }
        if (!cnc.isReady())
        {
            return "media driver starting";
        }

        final long nowMs = System.currentTimeMillis();
        final long heartbeatAgeMs = cnc.driverHeartbeatAgeMs(nowMs);
        if (heartbeatAgeMs > CommonContext.DRIVER_TIMEOUT_MS)
        {
            return String.format(Locale.ROOT,
                "media driver not responding (last heartbeat %.1f s ago)", heartbeatAgeMs / 1000.0);
        }

        final long inactiveMs = nowMs - activityTimestampMs;
        if (inactiveMs > INACTIVE_AFTER_MS)
        {
            return String.format(Locale.ROOT,
                "consensus module not responding (last active %.1f s ago)", inactiveMs / 1000.0);
        }

        return null;
    }

    private static int leaderOf(final int memberId, final NodeCounters counters, final ClusterMembership membership)
    {
        final boolean hasLeader = ElectionState.CLOSED == counters.electionState();
        if (hasLeader && Cluster.Role.LEADER == counters.role())
        {
            return memberId;
        }

        return hasLeader && null != membership && membership.leaderMemberId >= 0 ? membership.leaderMemberId : -1;
    }

    /**
     * A follower's counters do not name the leader, nor a leader's its followers: ask the consensus module, as
     * ClusterTool list-members does.
     *
     * @return the membership, or null when not asked (no timeout, no leader) or not answered.
     */
    private static ClusterMembership queryMembers(
        final NodeDir dir, final NodeCounters counters, final long queryTimeoutMs)
    {
        if (queryTimeoutMs <= 0 || ElectionState.CLOSED != counters.electionState())
        {
            return null;
        }

        final ClusterMembership membership = new ClusterMembership();
        try
        {
            return ClusterTool.listMembers(membership, dir.clusterDir(), queryTimeoutMs) ? membership : null;
        }
        catch (final RuntimeException ex)
        {
            // The node may be stopping under us: the leader stays unknown, which status shows as such.
            return null;
        }
    }

    /**
     * The leader's followers, and those in sync: at the leader's log position, or heard from within
     * {@value #SYNCED_WITHIN_MS} ms.
     */
    static NodeStatus.Followers followersOf(final ClusterMembership membership)
    {
        if (null == membership.activeMembers)
        {
            return NodeStatus.Followers.NONE;
        }

        long leaderPosition = NodeStatus.UNKNOWN;
        for (final ClusterMember member : membership.activeMembers)
        {
            if (member.id() == membership.leaderMemberId)
            {
                leaderPosition = member.logPosition();
            }
        }

        long count = 0;
        long synced = 0;
        final long syncedWithinNs = TimeUnit.MILLISECONDS.toNanos(SYNCED_WITHIN_MS);
        for (final ClusterMember member : membership.activeMembers)
        {
            if (member.id() != membership.leaderMemberId)
            {
                count++;
                if (member.logPosition() >= leaderPosition ||
                    membership.currentTimeNs - member.timeOfLastAppendPositionNs() <= syncedWithinNs)
                {
                    synced++;
                }
            }
        }

        return new NodeStatus.Followers(count, synced);
    }

    private static File markFileDir(final File clusterDir)
    {
        // A node may keep its mark file elsewhere (aeron.cluster.mark.file.dir) and leave a link file behind.
        final File linkFile = new File(clusterDir, ClusterMarkFile.LINK_FILENAME);
        if (!linkFile.isFile())
        {
            return clusterDir;
        }

        try
        {
            return new File(new String(Files.readAllBytes(linkFile.toPath()), StandardCharsets.US_ASCII).trim());
        }
        catch (final IOException ex)
        {
            return clusterDir;
        }
    }
}
