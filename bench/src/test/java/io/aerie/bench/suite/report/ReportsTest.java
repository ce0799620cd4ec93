package io.aerie.bench.suite.report;

import io.aerie.bench.suite.MachineLoad;
import io.aerie.bench.suite.Measurement;
import io.aerie.bench.suite.RoundMerge;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteMode;
import io.aerie.bench.suite.SuiteResults;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportsTest
{
    @Test
    void shouldCompareLikeWithLikeWithP50AndP99Ratios()
    {
        final String markdown = MarkdownReport.render(results());

        assertTrue(markdown.contains("| setData 100 B, closed loop | 100 / 198 | 200 / 396 | 0.50 · 0.50 | — | — | — |"),
            markdown);
        assertTrue(markdown.contains("| setData 100 B, closed loop | 300 / 594 | 150 / 297 | 2.00 · 2.00 | — | — | — |"),
            markdown);
    }

    @Test
    void shouldShowTheFloorRatioAgainstAerieWithoutFsyncAndMarkFailedRows()
    {
        final String markdown = MarkdownReport.render(results());

        assertTrue(markdown.contains("| 50 / 99 | 300 / 594 | 6.00 · 6.00 |"), markdown);
        assertTrue(markdown.contains("| failover: kill -9 | n/a |"), markdown);
    }

    @Test
    void shouldSayP99NotShownBelowTenThousandSamples()
    {
        final SuiteResults results = results();
        results.rows().add(Row.latency("write-1k", "setData 1k", "aerie-1", measurement(100, 9_999)));

        final String markdown = MarkdownReport.render(results);

        assertTrue(markdown.contains("| setData 1k | 100 / p99 not shown (9999 samples) |"), markdown);
    }

    @Test
    void shouldCountFailedOperationsInTheCell()
    {
        final SuiteResults results = results();
        final Measurement m = measurement(100, 10_000);
        results.rows().add(Row.latency("write-10k", "setData 10k", "aerie-1",
            new Measurement(m.histogram(), 10_000, 1_234, m.elapsedNs(), 0)));

        final String markdown = MarkdownReport.render(results);

        assertTrue(markdown.contains("| setData 10k | 100 / 198 (1,234 failed) |"), markdown);
    }

    @Test
    void shouldShowTheMedianOfRoundsWithTheirSpread()
    {
        final SuiteResults results = results();
        results.rows().add(RoundMerge.mergeRounds(List.of(
            Row.latency("read", "getData", "aerie-3", measurement(300, 5_000)),
            Row.latency("read", "getData", "aerie-3", measurement(100, 5_000)),
            Row.latency("read", "getData", "aerie-3", measurement(200, 5_000)))));

        final String markdown = MarkdownReport.render(results);

        assertTrue(markdown.contains("| getData | — | — | — | 200 (100–300) / "), markdown);
    }

    @Test
    void shouldFlagBusyRounds()
    {
        final SuiteResults results = results();
        results.rounds().add(new MachineLoad.Round(1, "aerie-1", 1.5, 2.5, 0.2, 30));
        results.rounds().add(new MachineLoad.Round(2, "aerie-1", 6.0, 9.0, 1.4, 31));

        final String markdown = MarkdownReport.render(results);

        assertTrue(markdown.contains("| 1 | aerie-1 | 1.50 | 2.50 | 0.20 | 30 |  |"), markdown);
        assertTrue(markdown.contains("| 2 | aerie-1 | 6.00 | 9.00 | 1.40 | 31 | **busy** |"), markdown);
        assertTrue(markdown.contains("1 of 2 target rounds on a busy machine"), markdown);
    }

    @Test
    void shouldWriteRowsWithPercentilesAndDistributionAsJson() throws Exception
    {
        final String json = JsonReport.render(results());
        final JsonNode rows = new ObjectMapper().readTree(json).get("rows");

        final JsonNode closed = rows.get(0);
        assertEquals("write-closed", closed.get("workload").asText(), json);
        assertEquals("setData 100 B, closed loop", closed.get("title").asText(), json);
        assertEquals("aerie-1", closed.get("target").asText(), json);
        assertEquals("100.031", closed.get("percentiles").get("p50").asText(), json);
        assertTrue(closed.get("distribution").get(0).isArray(), json);
        assertTrue(json.contains("\"error\": \"n/a: single node\""), json);
        assertFalse(json.contains("NaN"), json);
    }

    @Test
    void shouldDrawOneLinePerTargetInAnInlineSvg()
    {
        final String html = HtmlReport.render(results());

        assertEquals(5, html.split("<polyline").length - 1,
            "lines: aerie-1, zk-standalone, aerie-1-nofsync, zk-standalone-nofsync, echo-1");
        assertFalse(html.contains("<script"), "no scripts");
    }

    @Test
    void shouldWriteFiguresToThreeDecimalsAndNoNumberAsNull()
    {
        assertTrue(JsonReport.number(Double.NaN).isNull());
        assertEquals("1.5", JsonReport.number(1.5).asText());
        assertEquals("100.031", JsonReport.number(100.03125).asText());
        assertEquals("3", JsonReport.number(3.0).toString());
        assertEquals("10", JsonReport.number(10.0004).toString());
    }

    private static SuiteResults results()
    {
        final SuiteResults results = new SuiteResults("2026-01-01", SuiteMode.QUICK, Map.of("cores", "2"));
        results.targets().put("aerie-1", new SuiteResults.TargetInfo("aerie-1", "Aerie 1", "aerie-1", "one node"));
        results.targets().put("zk-standalone", new SuiteResults.TargetInfo("zk-standalone", "ZK", "zk", "standalone"));
        results.targets().put("aerie-1-nofsync", new SuiteResults.TargetInfo("aerie-1-nofsync", "A", "a", "none"));
        results.targets().put("zk-standalone-nofsync", new SuiteResults.TargetInfo("zk-standalone-nofsync", "Z", "z", "no"));
        results.targets().put("echo-1", new SuiteResults.TargetInfo("echo-1", "echo 1", "echo-1", "echo"));
        final String title = "setData 100 B, closed loop";
        results.rows().add(Row.latency("write-closed", title, "aerie-1", measurement(100, 10_000)));
        results.rows().add(Row.latency("write-closed", title, "zk-standalone", measurement(200, 10_000)));
        results.rows().add(Row.latency("write-closed", title, "aerie-1-nofsync", measurement(300, 10_000)));
        results.rows().add(Row.latency("write-closed", title, "zk-standalone-nofsync", measurement(150, 10_000)));
        results.rows().add(Row.latency("write-closed", title, "echo-1", measurement(50, 10_000)));
        results.rows().add(Row.failed("failover", "failover: kill -9", "aerie-1", Row.Kind.DURATION_MS, "n/a: single node"));
        return results;
    }

    /**
     * {@code count} samples: 100 values spread evenly from {@code p50Us / 50} to {@code 2 * p50Us} µs, each
     * recorded count / 100 times.
     */
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
