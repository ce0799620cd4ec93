package io.aerie.bench.suite.report;

import io.aerie.bench.suite.Measurement;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteMode;
import io.aerie.bench.suite.SuiteResults;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadTableTest
{
    @Test
    void shouldShowLocalReadsBesideZooKeeperReadsWithRatios()
    {
        final SuiteResults results = results();
        results.rows().add(Row.latency("read-local", "local", "aerie-3-nofsync", measurement(100, 10_000)));
        results.rows().add(Row.latency("read-local", "local", "zk-ensemble-nofsync", measurement(200, 10_000)));
        results.rows().add(Row.latency("read-local", "local", "aerie-1-nofsync", measurement(50, 10_000)));

        final String markdown = MarkdownReport.render(results);

        assertTrue(markdown.contains("## Reads: local (ZooKeeper's model) and linearizable, without fsync"), markdown);
        assertTrue(markdown.contains("| getData 100 B, closed loop, local (not linearizable) | 50 / 99 | — | — | " +
            "100 / 198 | 200 / 396 | 0.50 · 0.50 |"), markdown);
    }

    @Test
    void shouldShowReadThroughputByServersWithItsGrowth()
    {
        final SuiteResults results = results();
        results.rows().add(Row.throughput("read-throughput-1", "t", "aerie-3-nofsync", rate(10_000)));
        results.rows().add(Row.throughput("read-throughput-3", "t", "aerie-3-nofsync", rate(25_000)));
        results.rows().add(Row.throughput("read-throughput-1", "t", "zk-ensemble-nofsync", rate(5_000)));
        results.rows().add(Row.throughput("read-throughput-3", "t", "zk-ensemble-nofsync", rate(10_000)));

        final String markdown = MarkdownReport.render(results);

        assertTrue(markdown.contains("| local reads from 1 of 3 servers, ops/s | | | | 10,000 ops/s (×1.00) | " +
            "5,000 ops/s (×1.00) | 2.00 |"), markdown);
        assertTrue(markdown.contains("| local reads from 3 of 3 servers, ops/s | | | | 25,000 ops/s (×2.50) | " +
            "10,000 ops/s (×2.00) | 2.50 |"), markdown);
    }

    @Test
    void shouldLeaveTheSectionOutWithoutReadRows()
    {
        assertFalse(MarkdownReport.render(results()).contains("## Reads"));
    }

    private static SuiteResults results()
    {
        return new SuiteResults("2026-01-01", SuiteMode.QUICK, Map.of("cores", "2"));
    }

    private static Measurement rate(final long opsPerSecond)
    {
        final Measurement m = measurement(100, 100);
        return new Measurement(m.histogram(), opsPerSecond, 0, TimeUnit.SECONDS.toNanos(1), -1);
    }

    private static Measurement measurement(final long p50Us, final long count)
    {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (int i = 1; i <= 100; i++)
        {
            histogram.recordValueWithCount(TimeUnit.MICROSECONDS.toNanos(p50Us * i / 50), count / 100);
        }
        return new Measurement(histogram, count, 0, TimeUnit.SECONDS.toNanos(1), 0);
    }
}
