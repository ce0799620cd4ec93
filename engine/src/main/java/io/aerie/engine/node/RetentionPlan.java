package io.aerie.engine.node;

import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.RecordingLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import static io.aeron.archive.client.AeronArchive.NULL_POSITION;

/**
 * What one member may delete after a snapshot, decided from its recording log: the snapshots older than the
 * {@code retain} latest (every recording of a snapshot set: the service's and the consensus module's), and the
 * log below the oldest snapshot kept, as ZooKeeper's autopurge keeps the transaction logs its retained snapshots
 * need. The log purge is further bounded by the lowest log position of all members (a lagging member catches up
 * from the log of whoever leads, and Aeron 1.51 has no way to send it a snapshot instead) and rounded down to an
 * archive segment, the unit the archive deletes. Pure: no I/O.
 */
final class RetentionPlan
{
    private final int snapshotsKept;
    private final long latestSnapshotPosition;
    private final long oldestKeptPosition;
    private final List<RecordingLog.Entry> expiredSnapshots;

    private RetentionPlan(
        final int snapshotsKept,
        final long latestSnapshotPosition,
        final long oldestKeptPosition,
        final List<RecordingLog.Entry> expiredSnapshots)
    {
        this.snapshotsKept = snapshotsKept;
        this.latestSnapshotPosition = latestSnapshotPosition;
        this.oldestKeptPosition = oldestKeptPosition;
        this.expiredSnapshots = expiredSnapshots;
    }

    /**
     * Plan from the entries of a recording log.
     *
     * @param entries the recording log's entries, any order; invalid ones and terms are ignored.
     * @param retain  snapshots to keep; 0 keeps all.
     * @return the plan.
     */
    static RetentionPlan of(final List<RecordingLog.Entry> entries, final int retain)
    {
        final TreeSet<Long> positions = new TreeSet<>(Comparator.reverseOrder()); // latest first
        for (final RecordingLog.Entry entry : entries)
        {
            if (isValidSnapshot(entry))
            {
                positions.add(entry.logPosition);
            }
        }

        final int count = positions.size();
        final int kept = 0 == retain ? count : Math.min(retain, count);
        final long latest = 0 == count ? NULL_POSITION : positions.first();
        long oldestKept = NULL_POSITION;
        int i = 0;
        for (final Long position : positions)
        {
            if (++i == kept)
            {
                oldestKept = position;
                break;
            }
        }

        final List<RecordingLog.Entry> expired = new ArrayList<>();
        if (0 != retain && NULL_POSITION != oldestKept)
        {
            for (final RecordingLog.Entry entry : entries)
            {
                if (isValidSnapshot(entry) && entry.logPosition < oldestKept)
                {
                    expired.add(entry);
                }
            }
        }

        return new RetentionPlan(kept, latest, oldestKept, expired);
    }

    /**
     * @return the number of snapshot sets (log positions) kept.
     */
    int snapshotsKept()
    {
        return snapshotsKept;
    }

    /**
     * @return the log position of the latest valid snapshot, or {@link AeronArchive#NULL_POSITION} if none.
     */
    long latestSnapshotPosition()
    {
        return latestSnapshotPosition;
    }

    /**
     * @return the log position of the oldest snapshot kept, or {@link AeronArchive#NULL_POSITION} if none.
     */
    long oldestKeptPosition()
    {
        return oldestKeptPosition;
    }

    /**
     * @return the recording log entries of the snapshots to delete (older than the oldest kept); empty when none.
     */
    List<RecordingLog.Entry> expiredSnapshots()
    {
        return expiredSnapshots;
    }

    /**
     * The new start of the log recording: below the oldest snapshot kept and every member's log position, rounded
     * down to a segment, and past the recording's first segment (the archive keeps at least one).
     *
     * @param membersFloor   the lowest log position of all members, or {@link AeronArchive#NULL_POSITION} when one
     *                       is unknown.
     * @param startPosition  the log recording's start position now.
     * @param termLength     the log recording's term length.
     * @param segmentLength  the log recording's segment file length.
     * @param retain         snapshots to keep; 0 keeps all and purges nothing.
     * @return the position to purge the recording to, or {@link AeronArchive#NULL_POSITION} for no purge.
     */
    long purgePosition(
        final long membersFloor,
        final long startPosition,
        final int termLength,
        final int segmentLength,
        final int retain)
    {
        if (0 == retain || NULL_POSITION == oldestKeptPosition || NULL_POSITION == membersFloor)
        {
            return NULL_POSITION;
        }

        final long limit = Math.min(oldestKeptPosition, membersFloor);
        final long base = AeronArchive.segmentFileBasePosition(startPosition, limit, termLength, segmentLength);
        final long lowerBound =
            AeronArchive.segmentFileBasePosition(startPosition, startPosition, termLength, segmentLength) + segmentLength;

        return base >= lowerBound ? base : NULL_POSITION;
    }

    private static boolean isValidSnapshot(final RecordingLog.Entry entry)
    {
        return entry.isValid && RecordingLog.ENTRY_TYPE_SNAPSHOT == entry.type;
    }
}
