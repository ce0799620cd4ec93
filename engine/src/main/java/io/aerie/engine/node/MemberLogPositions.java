package io.aerie.engine.node;

import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterMember;
import io.aeron.exceptions.AeronException;
import org.agrona.collections.LongArrayList;

import static io.aeron.archive.client.AeronArchive.NULL_POSITION;

/**
 * The lowest log position among a cluster's members, read from each member's archive over its control channel
 * (members only, see the trust boundary): the recorded position of the member's log recordings (the log stream).
 * It tells how far back any member may still need the log to catch up, whoever leads: in Aeron 1.51 a lagging
 * follower catches up only by replicating and replaying the leader's log from its own position (snapshots reach
 * it only through a backup), so no member may purge its log above this floor.
 * <p>
 * A member that does not answer (down, restarting, unreachable) makes the floor unknown: the purge waits, rather
 * than strand that member. A member with no log recording (a wiped node) is at 0. Blocking, with a bounded wait per
 * member; for the retention thread only.
 */
final class MemberLogPositions
{
    private final Aeron aeron;
    private final ClusterMember[] members;
    private final String responseHost;
    private final int logStreamId;
    private final long timeoutNs;
    private final LongArrayList recordingIds = new LongArrayList();
    private final LongArrayList stopPositions = new LongArrayList();

    /**
     * @param aeron        client used for the archive connections, owned by the caller.
     * @param members      every member of the cluster, this one included.
     * @param responseHost this member's host, where the archives answer.
     * @param logStreamId  the consensus module's log stream id.
     * @param timeoutNs    how long to wait for each archive.
     */
    MemberLogPositions(
        final Aeron aeron,
        final ClusterMember[] members,
        final String responseHost,
        final int logStreamId,
        final long timeoutNs)
    {
        this.aeron = aeron;
        this.members = members;
        this.responseHost = responseHost;
        this.logStreamId = logStreamId;
        this.timeoutNs = timeoutNs;
    }

    /**
     * @return the lowest log position of all members, or {@link AeronArchive#NULL_POSITION} if one did not answer.
     */
    long floor()
    {
        long floor = Long.MAX_VALUE;
        for (final ClusterMember member : members)
        {
            final long position = logPosition(member);
            if (NULL_POSITION == position)
            {
                return NULL_POSITION;
            }
            floor = Math.min(floor, position);
        }

        return floor;
    }

    private long logPosition(final ClusterMember member)
    {
        final AeronArchive.Context archiveCtx = new AeronArchive.Context()
            .aeron(aeron)
            .ownsAeronClient(false)
            .controlRequestChannel("aeron:udp?endpoint=" + member.archiveEndpoint())
            .controlResponseChannel("aeron:udp?endpoint=" + responseHost + ":0")
            .messageTimeoutNs(timeoutNs);

        try (AeronArchive archive = AeronArchive.connect(archiveCtx))
        {
            recordingIds.clear();
            stopPositions.clear();
            archive.listRecordingsForUri(
                0, Integer.MAX_VALUE, "", logStreamId,
                (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition,
                stopPosition, initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, streamId,
                strippedChannel, originalChannel, sourceIdentity) ->
                {
                    recordingIds.addLong(recordingId);
                    stopPositions.addLong(stopPosition);
                });

            long position = 0;
            for (int i = 0, size = recordingIds.size(); i < size; i++)
            {
                final long recorded = archive.getRecordingPosition(recordingIds.getLong(i));
                position = Math.max(position, NULL_POSITION != recorded ? recorded : stopPositions.getLong(i));
            }
            return position;
        }
        catch (final AeronException ex)
        {
            // Down or unreachable: its position is unknown, which holds the purge back.
            return NULL_POSITION;
        }
    }
}
