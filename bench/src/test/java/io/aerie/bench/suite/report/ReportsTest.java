package io.aerie.bench.suite.report;

import io.aerie.bench.suite.Measurement;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteMode;
import io.aerie.bench.suite.SuiteResults;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportsTest
{
    @Test
    void shouldPutP50AndP99InTheTableWithTheAerieToZooKeeperRatio()
    {
        final String markdown = MarkdownReport.render(results());

        assertTrue(markdown.contains("| setData 100 B, closed loop | 100 / 198 | — | 200 / 396 | — | 0.50 · — |"), markdown);
    }

    @Test
    void shouldShowTheFloorRatioAndMarkFailedRows()
    {
        final String markdown = MarkdownReport.render(results());

        assertTrue(markdown.contains("| 50 / 99 | 100 / 198 | 2.00 |"), markdown);
        assertTrue(markdown.contains("| failover: kill -9 | n/a |"), markdown);
    }

    @Test
    void shouldWriteRowsWithPercentilesAndDistributionAsJson()
    {
        final String json = JsonReport.render(results());

        assertTrue(json.contains("\"workload\": \"write-closed\", \"title\": \"setData 100 B, closed loop\", " +
            "\"target\": \"aerie-1\""), json);
        assertTrue(json.contains("\"p50\": 100.031"), json);
        assertTrue(json.contains("\"distribution\": [["), json);
        assertTrue(json.contains("\"error\": \"n/a: single node\""), json);
        assertFalse(json.contains("NaN"), json);
    }

    @Test
    void shouldDrawOneLinePerTargetInAnInlineSvg()
    {
        final String html = HtmlReport.render(results());

        assertEquals(3, html.split("<polyline").length - 1, "lines: aerie-1, zk-standalone, echo-1");
        assertFalse(html.contains("<script"), "no scripts");
    }

    @Test
    void shouldQuoteJsonStrings()
    {
        assertEquals("\"a\\\"b\\\\c\\nd\"", JsonReport.quote("a\"b\\c\nd"));
        assertEquals("null", JsonReport.number(Double.NaN));
        assertEquals("1.5", JsonReport.number(1.5));
        assertEquals("3", JsonReport.number(3.0));
    }

    private static SuiteResults results()
    {
        final SuiteResults results = new SuiteResults("2026-01-01", SuiteMode.QUICK, Map.of("cores", "2"));
        results.targets().put("aerie-1", new SuiteResults.TargetInfo("aerie-1", "Aerie 1", "aerie-1", "one node"));
        results.targets().put("zk-standalone", new SuiteResults.TargetInfo("zk-standalone", "ZK", "zk", "standalone"));
        results.targets().put("echo-1", new SuiteResults.TargetInfo("echo-1", "echo 1", "echo-1", "echo"));
        final String title = "setData 100 B, closed loop";
        results.rows().add(Row.latency("write-closed", title, "aerie-1", measurement(100)));
        results.rows().add(Row.latency("write-closed", title, "zk-standalone", measurement(200)));
        results.rows().add(Row.latency("write-closed", title, "echo-1", measurement(50)));
        results.rows().add(Row.failed("failover", "failover: kill -9", "aerie-1", Row.Kind.DURATION_MS, "n/a: single node"));
        return results;
    }

    /**
     * 100 samples spread evenly from {@code p50Us / 50} to {@code 2 * p50Us} µs.
     */
    private static Measurement measurement(final long p50Us)
    {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (int i = 1; i <= 100; i++)
        {
            histogram.recordValue(TimeUnit.MICROSECONDS.toNanos(p50Us * i / 50));
        }
        return new Measurement(histogram, 100, 0, TimeUnit.SECONDS.toNanos(1), 0);
    }
}
