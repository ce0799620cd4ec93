package io.aerie.engine.node;

import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StallAbsorbingClusterClockTest
{
    private static final long START_MS = 1_700_000_000_000L;
    private static final long THRESHOLD_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_LAG_NS = TimeUnit.SECONDS.toNanos(5);

    private final CachedEpochClock epochClock = new CachedEpochClock();
    private final CachedNanoClock nanoClock = new CachedNanoClock();
    private final StallAbsorbingClusterClock clock;

    StallAbsorbingClusterClockTest()
    {
        epochClock.update(START_MS);
        nanoClock.update(0);
        clock = new StallAbsorbingClusterClock(epochClock, nanoClock, THRESHOLD_NS, MAX_LAG_NS);
        clock.onDutyCycleEnd();
    }

    @Test
    void shouldFollowWallTimeWhileReadOften()
    {
        for (int i = 1; i <= 100; i++)
        {
            advanceMs(10);
            assertEquals(START_MS + 10L * i, clock.time());
        }
        assertEquals(0, clock.stalls());
    }

    @Test
    void shouldMoveOnlyByTheThresholdAcrossAStall()
    {
        advanceMs(10);
        clock.time();

        advanceMs(3_000);

        assertEquals(START_MS + 10 + 100, clock.time());
        assertEquals(1, clock.stalls());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(3_000), clock.longestStallNs());
    }

    @Test
    void shouldCatchUpWithWallTimeAtRealTimeAfterAStall()
    {
        clock.time();
        advanceMs(2_100);
        clock.time();
        assertEquals(TimeUnit.SECONDS.toNanos(2), clock.lagNs());

        for (int i = 0; i < 200; i++)
        {
            advanceMs(10);
            clock.time();
        }

        assertEquals(0, clock.lagNs());
        assertEquals(START_MS + 2_100 + 2_000, clock.time());
    }

    @Test
    void shouldNeverRunMoreThanTwiceRealTimeWhileCatchingUp()
    {
        clock.time();
        advanceMs(2_100);
        long previous = clock.time();

        for (int i = 0; i < 40; i++)
        {
            advanceMs(50);
            final long now = clock.time();
            assertEquals(100, now - previous);
            previous = now;
        }
    }

    @Test
    void shouldHideNothingBeforeTheFirstDutyCycleEnds()
    {
        final StallAbsorbingClusterClock starting =
            new StallAbsorbingClusterClock(epochClock, nanoClock, THRESHOLD_NS, MAX_LAG_NS);
        starting.time();

        advanceMs(8_000);

        assertEquals(START_MS + 8_000, starting.time());
        assertEquals(0, starting.stalls());
    }

    @Test
    void shouldHoldBackNoMoreThanTheMaximumLag()
    {
        clock.time();

        advanceMs(60_000);
        final long afterStall = clock.time();

        assertEquals(MAX_LAG_NS, clock.lagNs());
        assertEquals(START_MS + 60_000 - 5_000, afterStall);
    }

    @Test
    void shouldAbsorbNothingWhenTheMaximumLagIsZero()
    {
        final StallAbsorbingClusterClock aeronLike =
            new StallAbsorbingClusterClock(epochClock, nanoClock, THRESHOLD_NS, 0);
        aeronLike.onDutyCycleEnd();
        aeronLike.time();

        advanceMs(3_000);

        assertEquals(START_MS + 3_000, aeronLike.time());
        assertEquals(1, aeronLike.stalls());
    }

    @Test
    void shouldNeverGoBackwardsWhenWallTimeSteppedBack()
    {
        advanceMs(10);
        final long before = clock.time();

        epochClock.update(START_MS - 1_000);
        nanoClock.advance(TimeUnit.MILLISECONDS.toNanos(10));

        assertEquals(before, clock.time());
    }

    @Test
    void shouldCountStallsAndTheLongestInItsCounters()
    {
        final UnsafeBuffer values = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
        final AtomicCounter stalls = new AtomicCounter(values, 0);
        final AtomicCounter longest = new AtomicCounter(values, 1);
        clock.counters(stalls, longest);
        clock.time();

        advanceMs(700);
        clock.time();
        advanceMs(10);
        clock.time();
        advanceMs(300);
        clock.time();

        assertEquals(2, stalls.get());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(700), longest.get());
    }

    private void advanceMs(final long ms)
    {
        epochClock.advance(ms);
        nanoClock.advance(TimeUnit.MILLISECONDS.toNanos(ms));
    }
}
