package io.aerie.tools.admin;

import io.aerie.engine.node.NodeCounters;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;

import java.io.File;

/**
 * What {@link NodeProbe} found out about one node: running (with its counters and the leader it knows) or not
 * (with the reason), and the snapshots in its recording log either way. Immutable.
 * <p>
 * A value that could not be read is {@link #UNKNOWN}, a member id that could not be read is negative.
 */
final class NodeStatus
{
    /**
     * A value that could not be read: the node is not running or the counter is absent.
     */
    static final long UNKNOWN = Long.MIN_VALUE;

    private final NodeDir dir;
    private final int memberId;
    private final String notRunningReason;
    private final NodeCounters counters;
    private final int leaderMemberId;
    private final SnapshotRecord snapshots;
    private final ProcessRecord process;
    private final Followers followers;

    private NodeStatus(
        final NodeDir dir,
        final int memberId,
        final String notRunningReason,
        final NodeCounters counters,
        final int leaderMemberId,
        final SnapshotRecord snapshots,
        final ProcessRecord process,
        final Followers followers)
    {
        this.dir = dir;
        this.memberId = memberId;
        this.notRunningReason = notRunningReason;
        this.counters = counters;
        this.leaderMemberId = leaderMemberId;
        this.snapshots = snapshots;
        this.process = process;
        this.followers = followers;
    }

    /**
     * A running node.
     *
     * @param dir            where it is; not null.
     * @param memberId       its member id, from its mark file.
     * @param counters       its counters; not null.
     * @param leaderMemberId the member it knows as leader, or -1.
     * @param snapshots      from its recording log; not null.
     * @return the status.
     */
    static NodeStatus running(
        final NodeDir dir,
        final int memberId,
        final NodeCounters counters,
        final int leaderMemberId,
        final SnapshotRecord snapshots)
    {
        return new NodeStatus(
            dir, memberId, null, counters, leaderMemberId, snapshots, ProcessRecord.NONE, Followers.NONE);
    }

    /**
     * A node that is not running.
     *
     * @param dir       where it is; not null.
     * @param memberId  its member id if known, else -1.
     * @param reason    why it is not considered running, for the user; not null.
     * @param snapshots from its recording log; not null.
     * @return the status.
     */
    static NodeStatus notRunning(
        final NodeDir dir, final int memberId, final String reason, final SnapshotRecord snapshots)
    {
        return new NodeStatus(dir, memberId, reason, null, -1, snapshots, ProcessRecord.NONE, Followers.NONE);
    }

    /**
     * @param process what is known of the node's process; not null.
     * @return this status with it.
     */
    NodeStatus withProcess(final ProcessRecord process)
    {
        return new NodeStatus(
            dir, memberId, notRunningReason, counters, leaderMemberId, snapshots, process, followers);
    }

    /**
     * @param followers what the leader knows of its followers; not null.
     * @return this status with it.
     */
    NodeStatus withFollowers(final Followers followers)
    {
        return new NodeStatus(
            dir, memberId, notRunningReason, counters, leaderMemberId, snapshots, process, followers);
    }

    /** @return the node's process: pid, start time, file descriptors; never null. */
    ProcessRecord process()
    {
        return process;
    }

    /** @return the followers a leader knows of; {@link Followers#NONE} for a follower or when not asked. */
    Followers followers()
    {
        return followers;
    }

    NodeDir dir()
    {
        return dir;
    }

    File nodeDir()
    {
        return dir.nodeDir();
    }

    /** @return the member id, or -1 if unknown. */
    int memberId()
    {
        return memberId;
    }

    boolean isRunning()
    {
        return null == notRunningReason;
    }

    /** @return why the node is not running, or null if it is. */
    String notRunningReason()
    {
        return notRunningReason;
    }

    /** @return the counters, or null if the node is not running. */
    NodeCounters counters()
    {
        return counters;
    }

    /** @return the role, or null if unknown. */
    Cluster.Role role()
    {
        return null == counters ? null : counters.role();
    }

    /** @return the election state, or null if unknown. */
    ElectionState electionState()
    {
        return null == counters ? null : counters.electionState();
    }

    /** @return true if the node leads an established term (leader role, election closed). */
    boolean isLeader()
    {
        return Cluster.Role.LEADER == role() && ElectionState.CLOSED == electionState();
    }

    /** @return true if the node runs the Aerie service (its counters are present). */
    boolean hasServiceCounters()
    {
        return null != counters && counters.hasServiceCounters();
    }

    /** @return the member id of the leader this node knows, or -1. */
    int leaderMemberId()
    {
        return leaderMemberId;
    }

    /**
     * @param metric not null.
     * @return its value, or {@link #UNKNOWN}.
     */
    long value(final NodeCounters.Metric metric)
    {
        return null == counters ? UNKNOWN : counters.value(metric, UNKNOWN);
    }

    /**
     * The bytes of the node's archive directory (log segments, snapshots, catalog): the node's disk counter while
     * it runs, else the files' lengths, so a stopped node's disk use shows too.
     *
     * @return bytes, or {@link #UNKNOWN} if neither can be read.
     */
    long archiveBytes()
    {
        if (null != counters)
        {
            return counters.value(NodeCounters.Metric.DISK_ARCHIVE_BYTES, UNKNOWN);
        }

        final File[] files = new File(dir.nodeDir(), "archive").listFiles();
        if (null == files)
        {
            return UNKNOWN;
        }
        long bytes = 0;
        for (final File file : files)
        {
            bytes += file.length();
        }
        return bytes;
    }

    /** @return the log position of the latest snapshot in the recording log, or {@link #UNKNOWN}. */
    long lastSnapshotPosition()
    {
        return snapshots.lastLogPosition;
    }

    /** @return the leadership term of the latest snapshot in the recording log, or {@link #UNKNOWN}. */
    long lastSnapshotLeadershipTermId()
    {
        return snapshots.lastLeadershipTermId;
    }

    /** @return the valid consensus module snapshots in the recording log. */
    int recordedSnapshots()
    {
        return snapshots.count;
    }

    public String toString()
    {
        return "NodeStatus{dir=" + dir + ", memberId=" + memberId +
            (isRunning() ? ", counters=" + counters + ", leader=" + leaderMemberId : ", " + notRunningReason) + '}';
    }

    /**
     * A node's process as its mark file and {@code /proc} tell: pid, start time, open and maximum file
     * descriptors; each {@link #UNKNOWN} when it could not be read.
     */
    static final class ProcessRecord
    {
        /**
         * Nothing known.
         */
        static final ProcessRecord NONE = new ProcessRecord(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN);

        final long pid;
        final long startTimestampMs;
        final long openFileDescriptors;
        final long maxFileDescriptors;

        ProcessRecord(
            final long pid, final long startTimestampMs, final long openFileDescriptors, final long maxFileDescriptors)
        {
            this.pid = pid;
            this.startTimestampMs = startTimestampMs;
            this.openFileDescriptors = openFileDescriptors;
            this.maxFileDescriptors = maxFileDescriptors;
        }
    }

    /**
     * The followers of a leader, as its consensus module lists them: how many, and how many are in sync (ZooKeeper's
     * {@code zk_learners} and {@code zk_synced_followers}); {@link #UNKNOWN} when not known.
     */
    static final class Followers
    {
        /**
         * Not a leader, or not asked.
         */
        static final Followers NONE = new Followers(UNKNOWN, UNKNOWN);

        final long count;
        final long synced;

        Followers(final long count, final long synced)
        {
            this.count = count;
            this.synced = synced;
        }
    }

    /**
     * The snapshots a node's recording log holds: how many, and the latest one's position and term.
     */
    static final class SnapshotRecord
    {
        /**
         * No recording log, or one that could not be read.
         */
        static final SnapshotRecord NONE = new SnapshotRecord(0, UNKNOWN, UNKNOWN);

        final int count;
        final long lastLogPosition;
        final long lastLeadershipTermId;

        SnapshotRecord(final int count, final long lastLogPosition, final long lastLeadershipTermId)
        {
            this.count = count;
            this.lastLogPosition = lastLogPosition;
            this.lastLeadershipTermId = lastLeadershipTermId;
        }
    }
}
