package io.aerie.client;

import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.RecordingLog;
import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.node.NodeCounters;
import io.aerie.engine.service.AerieClusteredService;
import org.agrona.CloseHelper;
import org.agrona.collections.LongHashSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bounded disk: after each snapshot every member deletes its snapshots older than the two latest and purges its
 * log below the older of them, but never below a member's log position, so a member that was down catches up.
 * Small terms and 64 KiB archive segments make ten snapshots purge for real in seconds.
 */
@Tag("slow")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SnapshotRetentionClusterTest
{
    private static final int SEGMENT_LENGTH = 64 * 1024;
    private static final int ZNODES = 400;
    private static final int WRITES_PER_ROUND = 20;
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private final List<AerieClusteredService> services = new ArrayList<>();
    private LocalCluster cluster;
    private AerieClient client;
    private int round;

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(client, cluster);
        errors.assertNone();
    }

    @Test
    void shouldKeepEveryArchiveWithinThreeSnapshotsAndTheLogSinceTheLastOverTenSnapshots() throws AerieException
    {
        start(11000);
        for (int i = 0; i < 10; i++)
        {
            writeRoundAndSnapshot();
        }

        for (int memberId = 0; memberId < 3; memberId++)
        {
            final AerieNode node = cluster.node(memberId);
            final File archiveDir = node.context().storage().archiveDir();
            final Snapshots snapshots = Snapshots.read(node.context().storage().clusterDir());
            final long snapshotBytes = bytesOf(archiveDir, snapshots.latestRecordingIds);
            final long logSinceLast = node.commitPosition() - snapshots.latestPosition;
            final long recordingBytes = bytesOf(archiveDir, null);

            System.out.printf("SnapshotRetentionClusterTest member %d: recordings %,d bytes, latest snapshot %,d, " +
                "log since it %,d%n", memberId, recordingBytes, snapshotBytes, logSinceLast);
            assertEquals(2, snapshots.count, "member " + memberId + " keeps two snapshots");
            assertTrue(recordingBytes <= 3 * snapshotBytes + logSinceLast + SEGMENT_LENGTH,
                "member " + memberId + ": " + recordingBytes + " bytes of recordings > 3 x " + snapshotBytes +
                " + " + logSinceLast + " + one segment being written");
            final NodeCounters counters = node.counters();
            assertEquals(2, counters.value(NodeCounters.Metric.DISK_SNAPSHOTS, -1));
            assertEquals(0, counters.value(NodeCounters.Metric.DISK_PURGE_HELD, -1));
            assertTrue(counters.value(NodeCounters.Metric.DISK_LOG_START_POSITION, -1) > 0, "log purged");
        }
    }

    @Test
    void shouldRecoverEveryZnodeAfterAWholeClusterRestartOnPurgedArchives() throws AerieException
    {
        start(11000);
        for (int i = 0; i < 4; i++)
        {
            writeRoundAndSnapshot();
        }
        client.setData("/t/0", data(99, 0), -1); // after the last snapshot: from the log
        final long digest = client.digest();
        client.close();
        client = null;

        for (int memberId = 0; memberId < 3; memberId++)
        {
            cluster.stopNode(memberId);
        }
        for (int memberId = 0; memberId < 3; memberId++)
        {
            cluster.restartNode(memberId);
        }
        cluster.findLeader(System.nanoTime() + TestClusters.STEP_TIMEOUT_NS);
        client = AerieClient.connect(TestClusters.clientContext(cluster));

        assertEquals(digest, client.digest());
        assertArrayEquals(data(99, 0), client.getData("/t/0"));
        assertArrayEquals(data(round, WRITES_PER_ROUND - 1), client.getData("/t/" + (WRITES_PER_ROUND - 1)));
    }

    @Test
    void shouldHoldTheLogPurgeWhileAFollowerIsDownAndCatchItUpAfterwards() throws AerieException
    {
        start(11250);
        for (int i = 0; i < 3; i++)
        {
            writeRoundAndSnapshot();
        }
        final int followerId = (cluster.findLeader(deadline()).memberId() + 1) % 3;
        final long followerPosition = cluster.node(followerId).commitPosition();
        cluster.stopNode(followerId);

        for (int i = 0; i < 3; i++)
        {
            writeRoundAndSnapshot();
        }
        for (int memberId = 0; memberId < 3; memberId++)
        {
            if (memberId != followerId)
            {
                final NodeCounters counters = cluster.node(memberId).counters();
                assertEquals(1, counters.value(NodeCounters.Metric.DISK_PURGE_HELD, -1), "member " + memberId);
                assertTrue(logStart(cluster.node(memberId)) <= followerPosition,
                    "member " + memberId + " kept the log the stopped member needs");
            }
        }

        final AerieNode restarted = cluster.restartNode(followerId);
        // The first snapshot after the restart finds the member catching up; by the second it is past the older.
        writeRoundAndSnapshot();
        writeRoundAndSnapshot();
        final long digest = client.digest();
        final AerieClusteredService restartedService = services.get(services.size() - 1);
        TestClusters.awaitCondition("the restarted member's digest",
            () -> restartedService.digestsTaken() > 0 && digest == restartedService.lastDigest(), client);
        for (int memberId = 0; memberId < 3; memberId++)
        {
            assertEquals(0, cluster.node(memberId).counters().value(NodeCounters.Metric.DISK_PURGE_HELD, -1));
        }
        assertTrue(logStart(restarted) > 0, "the restarted member purges too");
    }

    private void start(final int portBase) throws AerieException
    {
        cluster = TestClusters.launch(
            new LocalCluster.Context().nodeConfigurator((ctx, memberId) ->
            {
                ctx.limits().termLength(64 * 1024).maxMessageLength(8 * 1024).archiveSegmentLength(SEGMENT_LENGTH);
                ctx.storage().snapshotRetain(2);
            }),
            3, portBase, new File(tempDir, "cluster"), errors, 0, services);
        client = AerieClient.connect(TestClusters.clientContext(cluster));
        client.create("/t", null);
        for (int i = 0; i < ZNODES; i++)
        {
            client.create("/t/" + i, data(0, i));
        }
    }

    /**
     * Change some znodes, take a snapshot, and wait until every running member has applied its retention: two
     * valid snapshots at most, the latest at the leader's, and no recording left of an expired one.
     */
    private void writeRoundAndSnapshot() throws AerieException
    {
        round++;
        for (int i = 0; i < WRITES_PER_ROUND; i++)
        {
            client.setData("/t/" + i, data(round, i), -1);
        }

        AerieNode leader = cluster.findLeader(deadline());
        while (!leader.takeSnapshot(QUIET))
        {
            leader = cluster.findLeader(deadline());
        }
        final long snapshotPosition = Snapshots.read(leader.context().storage().clusterDir()).latestPosition;
        TestClusters.awaitCondition("retention after snapshot " + round, () -> isRetained(snapshotPosition), client);
    }

    private boolean isRetained(final long snapshotPosition)
    {
        for (int memberId = 0; memberId < 3; memberId++)
        {
            final AerieNode node = cluster.node(memberId);
            if (null != node)
            {
                final Snapshots snapshots = Snapshots.read(node.context().storage().clusterDir());
                if (snapshots.latestPosition < snapshotPosition || snapshots.count > 2 ||
                    hasRecordingsOtherThan(node.context().storage().archiveDir(), snapshots.validRecordingIds, snapshots.logId))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static byte[] data(final int round, final int index)
    {
        final byte[] data = new byte[1000];
        data[0] = (byte)round;
        data[1] = (byte)index;
        return data;
    }

    private static long deadline()
    {
        return System.nanoTime() + TestClusters.STEP_TIMEOUT_NS;
    }

    private static long logStart(final AerieNode node)
    {
        final long logId = Snapshots.read(node.context().storage().clusterDir()).logId;
        long start = Long.MAX_VALUE;
        for (final File file : recordings(node.context().storage().archiveDir()))
        {
            if (recordingId(file) == logId)
            {
                start = Math.min(start, segmentBase(file));
            }
        }
        return start;
    }

    private static boolean hasRecordingsOtherThan(final File archiveDir, final LongHashSet validIds, final long logId)
    {
        for (final File file : recordings(archiveDir))
        {
            final long id = recordingId(file);
            if (id != logId && !validIds.contains(id))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param ids recordings to count, or null for all.
     */
    private static long bytesOf(final File archiveDir, final LongHashSet ids)
    {
        long bytes = 0;
        for (final File file : recordings(archiveDir))
        {
            if (null == ids || ids.contains(recordingId(file)))
            {
                bytes += file.length();
            }
        }
        return bytes;
    }

    private static File[] recordings(final File archiveDir)
    {
        final File[] files = archiveDir.listFiles((dir, name) -> name.endsWith(".rec"));
        return null == files ? new File[0] : files;
    }

    private static long recordingId(final File segmentFile)
    {
        // Aeron names segment files <recordingId>-<segment base position>.rec.
        final String name = segmentFile.getName();
        return Long.parseLong(name.substring(0, name.indexOf('-')));
    }

    private static long segmentBase(final File segmentFile)
    {
        final String name = segmentFile.getName();
        return Long.parseLong(name.substring(name.indexOf('-') + 1, name.length() - ".rec".length()));
    }

    private static final class Snapshots
    {
        final LongHashSet validRecordingIds = new LongHashSet();
        final LongHashSet latestRecordingIds = new LongHashSet();
        long latestPosition = AeronArchive.NULL_POSITION;
        long logId;
        int count;

        static Snapshots read(final File clusterDir)
        {
            final Snapshots snapshots = new Snapshots();
            try (RecordingLog log = new RecordingLog(clusterDir, false))
            {
                snapshots.logId = log.findLastTermRecordingId();
                final LongHashSet positions = new LongHashSet();
                for (final RecordingLog.Entry entry : log.entries())
                {
                    if (entry.isValid && RecordingLog.ENTRY_TYPE_SNAPSHOT == entry.type)
                    {
                        snapshots.validRecordingIds.add(entry.recordingId);
                        positions.add(entry.logPosition);
                        snapshots.latestPosition = Math.max(snapshots.latestPosition, entry.logPosition);
                    }
                }
                snapshots.count = positions.size();
                for (final RecordingLog.Entry entry : log.entries())
                {
                    if (entry.isValid && RecordingLog.ENTRY_TYPE_SNAPSHOT == entry.type &&
                        entry.logPosition == snapshots.latestPosition)
                    {
                        snapshots.latestRecordingIds.add(entry.recordingId);
                    }
                }
                final RecordingLog.Entry latest = log.getLatestSnapshot(ConsensusModule.Configuration.SERVICE_ID);
                assertTrue(null == latest || latest.logPosition == snapshots.latestPosition);
            }
            return snapshots;
        }
    }
}
