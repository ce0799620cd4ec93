package io.aerie.engine.node;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogJoinWatchTest
{
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);
    private static final String AGENT = "io.aeron.cluster.service.ClusteredServiceAgent";

    @Test
    void shouldFindTheServiceWaitingForTheImageOfTheLogItJoins()
    {
        assertTrue(LogJoinWatch.isAwaitingLogImage(joinWaitStack()));
    }

    @Test
    void shouldNotTakeTheSnapshotLoadsWaitForItsReplayImageForAJoin()
    {
        final StackTraceElement[] loadSnapshot = {
            frame("jdk.internal.misc.Unsafe", "park"),
            frame(AGENT, "idle"),
            frame(AGENT, "awaitImage"),
            frame(AGENT, "loadSnapshot"),
            frame(AGENT, "onStart") };

        assertFalse(LogJoinWatch.isAwaitingLogImage(loadSnapshot));
    }

    @Test
    void shouldNotTakeAJoinPastItsWaitForTheImageForAStuckOne()
    {
        final StackTraceElement[] acking = {
            frame(AGENT, "idle"),
            frame(AGENT, "joinActiveLog"),
            frame(AGENT, "doWork") };

        assertFalse(LogJoinWatch.isAwaitingLogImage(acking));
    }

    @Test
    void shouldAskForARestartOnlyAfterEnoughSamplesInARowSpanningTheBound()
    {
        final LogJoinWatch watch = new LogJoinWatch((cause) -> {});
        long nowNs = 0;
        for (int i = 1; i < LogJoinWatch.STUCK_SAMPLES; i++)
        {
            assertFalse(watch.onSample(joinWaitStack(), nowNs), "sample " + i);
            nowNs += 2 * SECOND_NS;
        }

        assertTrue(watch.onSample(joinWaitStack(), nowNs));
    }

    @Test
    void shouldNotAskForARestartWhenTheSamplesCameFasterThanTheBound()
    {
        final LogJoinWatch watch = new LogJoinWatch((cause) -> {});
        long nowNs = 0;
        for (int i = 0; i < 3 * LogJoinWatch.STUCK_SAMPLES; i++)
        {
            assertFalse(watch.onSample(joinWaitStack(), nowNs), "sample " + i);
            nowNs += LogJoinWatch.STUCK_NS / (4L * LogJoinWatch.STUCK_SAMPLES);
        }
    }

    @Test
    void shouldNotAskForARestartWhenAStallHidesSamples()
    {
        final LogJoinWatch watch = new LogJoinWatch((cause) -> {});

        assertFalse(watch.onSample(joinWaitStack(), 0));
        assertFalse(watch.onSample(joinWaitStack(), 60 * SECOND_NS), "two samples a minute apart are two samples");
    }

    @Test
    void shouldStartCountingAgainOnceTheServiceHasJoined()
    {
        final LogJoinWatch watch = new LogJoinWatch((cause) -> {});
        long nowNs = 0;
        for (int i = 1; i < LogJoinWatch.STUCK_SAMPLES; i++)
        {
            watch.onSample(joinWaitStack(), nowNs);
            nowNs += 2 * SECOND_NS;
        }
        watch.onSample(new StackTraceElement[]{ frame(AGENT, "doWork") }, nowNs);

        assertFalse(watch.onSample(joinWaitStack(), nowNs + SECOND_NS));
    }

    @Test
    void shouldRecordTheRestartCauseCountItAndRunTheHookOnce()
    {
        final AtomicInteger hookRuns = new AtomicInteger();
        final AtomicReference<Throwable> reported = new AtomicReference<>();
        final CountingErrorHandler handler = new CountingErrorHandler(reported::set, hookRuns::incrementAndGet);
        final IllegalStateException first = new IllegalStateException("stuck");

        handler.requestRestart(first);
        handler.requestRestart(new IllegalStateException("stuck again"));

        assertSame(first, handler.restartCause());
        assertEquals(1, hookRuns.get());
        assertEquals(2, handler.errorCount());
        assertEquals("stuck again", reported.get().getMessage());
    }

    private static StackTraceElement[] joinWaitStack()
    {
        return new StackTraceElement[]{
            frame("jdk.internal.misc.Unsafe", "park"),
            frame("org.agrona.concurrent.BackoffIdleStrategy", "idle"),
            frame(AGENT, "idle"),
            frame(AGENT, "awaitImage"),
            frame(AGENT, "joinActiveLog"),
            frame(AGENT, "doWork"),
            frame("org.agrona.concurrent.AgentRunner", "run") };
    }

    private static StackTraceElement frame(final String className, final String methodName)
    {
        return new StackTraceElement(className, methodName, null, -1);
    }
}
