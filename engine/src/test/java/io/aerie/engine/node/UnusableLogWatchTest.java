package io.aerie.engine.node;

import io.aeron.archive.client.ArchiveException;
import io.aeron.cluster.client.ClusterEvent;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnusableLogWatchTest
{
    private static final String REFUSAL = "response for correlationId=1098702, error: replayPosition=27575104 " +
        "(segmentFilePosition=0, segmentOffset=16777216, termOffset=10797888, frameOffset=0) does not point to a " +
        "valid frame, recordingId=0";

    @Test
    void shouldAskForARestartOnTheThirdRefusalOfTheOwnLogReplayOnly()
    {
        final UnusableLogWatch watch = new UnusableLogWatch();

        assertFalse(watch.onError(ownLogReplayRefusal()));
        assertFalse(watch.onError(ownLogReplayRefusal()));
        assertTrue(watch.onError(ownLogReplayRefusal()));
        assertFalse(watch.onError(ownLogReplayRefusal()));
    }

    @Test
    void shouldIgnoreTheSameRefusalOfAnotherMembersReplay()
    {
        final ArchiveException refusal = new ArchiveException(REFUSAL, ArchiveException.INVALID_POSITION);
        refusal.setStackTrace(new StackTraceElement[]{
            new StackTraceElement("io.aeron.archive.ReplaySession", "init", "ReplaySession.java", 326) });

        assertFalse(UnusableLogWatch.isOwnLogReplayRefused(refusal));
    }

    @Test
    void shouldIgnoreOtherErrorsOfTheOwnLogReplay()
    {
        final ArchiveException otherCode = new ArchiveException("no connection", ArchiveException.GENERIC);
        otherCode.setStackTrace(logReplayStack());
        final ClusterEvent event = new ClusterEvent("joinPosition=1 expected startPosition=0");
        event.setStackTrace(logReplayStack());

        assertFalse(UnusableLogWatch.isOwnLogReplayRefused(otherCode));
        assertFalse(UnusableLogWatch.isOwnLogReplayRefused(event));
    }

    @Test
    void shouldRecordTheRestartCauseAndRunTheHookOnce()
    {
        final AtomicInteger hookRuns = new AtomicInteger();
        final CountingErrorHandler handler = new CountingErrorHandler((ex) -> {}, hookRuns::incrementAndGet);
        ArchiveException last = null;
        for (int i = 0; i < UnusableLogWatch.REFUSALS_BEFORE_RESTART; i++)
        {
            assertNull(handler.restartCause());
            last = ownLogReplayRefusal();
            handler.onError(last);
        }
        handler.onError(ownLogReplayRefusal());

        assertSame(last, handler.restartCause());
        assertEquals(1, hookRuns.get());
        assertNull(handler.fatalError());
        assertEquals(UnusableLogWatch.REFUSALS_BEFORE_RESTART + 1, handler.errorCount());
    }

    static ArchiveException ownLogReplayRefusal()
    {
        final ArchiveException refusal = new ArchiveException(REFUSAL, ArchiveException.INVALID_POSITION, 1098702L);
        refusal.setStackTrace(logReplayStack());
        return refusal;
    }

    private static StackTraceElement[] logReplayStack()
    {
        return new StackTraceElement[]{
            new StackTraceElement("io.aeron.archive.client.AeronArchive", "pollForResponse", "AeronArchive.java", 2424),
            new StackTraceElement("io.aeron.archive.client.AeronArchive", "startReplay", "AeronArchive.java", 1047),
            new StackTraceElement("io.aeron.cluster.LogReplay", "<init>", "LogReplay.java", 57),
            new StackTraceElement("io.aeron.cluster.Election", "followerReplay", "Election.java", 975) };
    }
}
