package io.aerie.engine.node;

import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.RecordingLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.util.List;

import static io.aeron.archive.client.AeronArchive.NULL_POSITION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionPlanTest
{
    private static final int SEGMENT = 64 * 1024;
    private static final int TERM = 64 * 1024;
    private static final int CM = ConsensusModule.Configuration.SERVICE_ID;
    private static final long[] SNAPSHOT_POSITIONS = { 100_000, 300_000, 500_000, 700_000 };

    @TempDir
    File clusterDir;

    @Test
    void shouldExpireEverySnapshotRecordingOlderThanTheRetainedOnes()
    {
        final RetentionPlan plan = RetentionPlan.of(entries(), 2);

        assertEquals(2, plan.snapshotsKept());
        assertEquals(700_000, plan.latestSnapshotPosition());
        assertEquals(500_000, plan.oldestKeptPosition());
        assertEquals(4, plan.expiredSnapshots().size(), "service and consensus module recordings of two snapshots");
        for (final RecordingLog.Entry entry : plan.expiredSnapshots())
        {
            assertTrue(entry.logPosition < 500_000, entry.toString());
        }
    }

    @Test
    void shouldKeepEverythingWhenRetainIsZero()
    {
        final RetentionPlan plan = RetentionPlan.of(entries(), 0);

        assertEquals(4, plan.snapshotsKept());
        assertTrue(plan.expiredSnapshots().isEmpty());
        assertEquals(NULL_POSITION, plan.purgePosition(1_000_000, 0, TERM, SEGMENT, 0));
    }

    @Test
    void shouldPurgeTheLogToTheSegmentBelowTheOldestSnapshotKept()
    {
        final RetentionPlan plan = RetentionPlan.of(entries(), 2);

        assertEquals(7 * SEGMENT, plan.purgePosition(1_000_000, 0, TERM, SEGMENT, 2), "500,000 rounded down");
    }

    @Test
    void shouldPurgeNoHigherThanTheLowestMemberPosition()
    {
        final RetentionPlan plan = RetentionPlan.of(entries(), 2);

        assertEquals(3 * SEGMENT, plan.purgePosition(250_000, 0, TERM, SEGMENT, 2));
    }

    @Test
    void shouldNotPurgeWhileAMemberPositionIsUnknown()
    {
        final RetentionPlan plan = RetentionPlan.of(entries(), 2);

        assertEquals(NULL_POSITION, plan.purgePosition(NULL_POSITION, 0, TERM, SEGMENT, 2));
    }

    @Test
    void shouldNotPurgeWithinTheFirstSegmentOfTheRecording()
    {
        final RetentionPlan plan = RetentionPlan.of(entries(), 2);

        assertEquals(NULL_POSITION, plan.purgePosition(1_000_000, 7 * SEGMENT, TERM, SEGMENT, 2));
    }

    @Test
    void shouldPlanNothingWithoutSnapshots()
    {
        try (RecordingLog log = new RecordingLog(clusterDir, true))
        {
            log.appendTerm(1, 0, 0, 0);
            final RetentionPlan plan = RetentionPlan.of(log.entries(), 2);

            assertEquals(0, plan.snapshotsKept());
            assertTrue(plan.expiredSnapshots().isEmpty());
            assertEquals(NULL_POSITION, plan.purgePosition(1_000_000, 0, TERM, SEGMENT, 2));
        }
    }

    @Test
    void shouldInvalidateExpiredEntriesSoRecoveryAndReplanningSkipThem() throws IOException
    {
        final List<RecordingLog.Entry> expired = RetentionPlan.of(entries(), 2).expiredSnapshots();

        assertEquals(4, RecordingLogInvalidator.invalidate(clusterDir, expired, 0));

        try (RecordingLog log = new RecordingLog(clusterDir, false))
        {
            final RetentionPlan replanned = RetentionPlan.of(log.entries(), 2);
            assertEquals(2, replanned.snapshotsKept());
            assertTrue(replanned.expiredSnapshots().isEmpty());
            assertEquals(2 + 4 + 4, log.entries().size(), "terms and snapshots all still there");
            final RecordingLog.Entry latest = log.getLatestSnapshot(CM);
            assertNotNull(latest);
            assertEquals(700_000, latest.logPosition);
            for (final RecordingLog.Entry entry : log.entries())
            {
                if (RecordingLog.ENTRY_TYPE_SNAPSHOT == entry.type)
                {
                    assertEquals(entry.logPosition >= 500_000, entry.isValid, entry.toString());
                }
                else
                {
                    assertTrue(entry.isValid, entry.toString());
                }
            }
        }
    }

    @Test
    void shouldInvalidateNothingWhenNothingExpired() throws IOException
    {
        entries();

        assertEquals(0, RecordingLogInvalidator.invalidate(clusterDir, List.of(), 1));
        try (RecordingLog log = new RecordingLog(clusterDir, false))
        {
            assertFalse(log.entries().stream().anyMatch(entry -> !entry.isValid));
        }
    }

    private List<RecordingLog.Entry> entries()
    {
        // Two terms of one log recording (id 1), four snapshots of a service (0) and the consensus module (-1).
        try (RecordingLog log = new RecordingLog(clusterDir, true))
        {
            log.appendTerm(1, 0, 0, 0);
            long snapshotRecordingId = 10;
            for (int i = 0; i < SNAPSHOT_POSITIONS.length; i++)
            {
                if (2 == i)
                {
                    log.commitLogPosition(0, 400_000);
                    log.appendTerm(1, 1, 400_000, 0);
                }
                final long termId = i < 2 ? 0 : 1;
                final long termBase = i < 2 ? 0 : 400_000;
                log.appendSnapshot(snapshotRecordingId++, termId, termBase, SNAPSHOT_POSITIONS[i], i, 0);
                log.appendSnapshot(snapshotRecordingId++, termId, termBase, SNAPSHOT_POSITIONS[i], i, CM);
            }
            return log.entries();
        }
    }
}
