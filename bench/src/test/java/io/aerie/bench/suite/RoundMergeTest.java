package io.aerie.bench.suite;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundMergeTest
{
    @Test
    void shouldTakeTheMedianOfTheRoundsP50AndKeepEachRoundsValue()
    {
        final Row merged = RoundMerge.mergeRounds(List.of(latency(300, 4_000), latency(100, 4_000), latency(200, 4_000)));

        assertEquals(200, merged.value(), 1);
        assertArrayEquals(new double[]{ 300, 100, 200 }, merged.roundValues(), 1);
        assertEquals(3, merged.roundP99s().length);
    }

    @Test
    void shouldComputePercentilesOverEveryRoundsSamples()
    {
        final Row merged = RoundMerge.mergeRounds(List.of(latency(100, 4_000), latency(100, 4_000), latency(100, 4_000)));

        assertEquals(12_000, merged.samples());
        assertEquals(12_000, merged.histogram().getTotalCount());
        assertTrue(merged.p99Shown(), "12,000 samples are enough for a p99");
    }

    @Test
    void shouldNotShowAP99FromFewerThanTenThousandSamples()
    {
        final Row merged = RoundMerge.mergeRounds(List.of(latency(100, 3_000), latency(100, 3_000), latency(100, 3_000)));

        assertFalse(merged.p99Shown());
    }

    @Test
    void shouldShowAFanOutP99FromTwoHundredEvents()
    {
        final Row row = Row.latency("fanout-1000", "fan-out", "aerie-3", measurement(100, 200));

        assertTrue(row.p99Shown());
    }

    @Test
    void shouldLeaveFailedRoundsOutOfTheFigures()
    {
        final Row merged = RoundMerge.mergeRounds(List.of(
            latency(100, 4_000), Row.failed("write-closed", "setData", "aerie-1", Row.Kind.LATENCY_US, "boom"),
            latency(300, 4_000)));

        assertNull(merged.error());
        assertEquals(8_000, merged.samples());
        assertEquals(200, merged.value(), 1);
    }

    @Test
    void shouldKeepTheWorstRoundsAllocation()
    {
        final Row merged = RoundMerge.mergeRounds(List.of(
            Row.bytesPerOp("alloc-client", "alloc", "aerie-1", 0),
            Row.bytesPerOp("alloc-client", "alloc", "aerie-1", 0.4),
            Row.bytesPerOp("alloc-client", "alloc", "aerie-1", 0.1)));

        assertEquals(0.4, merged.value(), 1e-9);
    }

    @Test
    void shouldMergeRowsByWorkloadAndTargetInFirstSeenOrder()
    {
        final List<Row> merged = RoundMerge.merge(List.of(
            latency(100, 10), Row.bytesPerOp("alloc-client", "alloc", "aerie-1", 0), latency(200, 10),
            Row.bytesPerOp("alloc-client", "alloc", "aerie-1", 0)));

        assertEquals(2, merged.size());
        assertEquals("write-closed", merged.get(0).workload());
        assertEquals(20, merged.get(0).samples());
        assertEquals("alloc-client", merged.get(1).workload());
    }

    private static Row latency(final long p50Us, final long count)
    {
        return Row.latency("write-closed", "setData", "aerie-1", measurement(p50Us, count));
    }

    /**
     * {@code count} samples, all of {@code p50Us} µs.
     */
    private static Measurement measurement(final long p50Us, final long count)
    {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        histogram.recordValueWithCount(TimeUnit.MICROSECONDS.toNanos(p50Us), count);
        return new Measurement(histogram, count, 0, TimeUnit.SECONDS.toNanos(1), 0);
    }
}
