package io.aerie.reliability.report;

import io.aerie.reliability.checker.Anomaly;
import io.aerie.reliability.history.Op;
import io.aerie.reliability.history.Outcome;
import io.aerie.reliability.nemesis.Fault;
import io.aerie.reliability.nemesis.FaultKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportsTest
{
    private static final long MS = 1_000_000;

    private static Op write(final long from, final long to, final Outcome outcome)
    {
        return new Op(0, 0, "write", 1, 0, outcome, 0, 1, from, to, "");
    }

    @Test
    void shouldMeasureRecoveryToTheFirstAcknowledgedWriteInvokedAfterTheFault()
    {
        final Fault fault = new Fault(FaultKind.KILL_LEADER, 0, 100 * MS, 2_000 * MS, 3_000 * MS, 3_100 * MS, 1);
        final List<Op> ops = List.of(
            write(50 * MS, 1_500 * MS, Outcome.OK),
            write(150 * MS, 1_800 * MS, Outcome.INFO),
            write(200 * MS, 1_700 * MS, Outcome.OK),
            write(300 * MS, 1_600 * MS, Outcome.FAIL));

        assertEquals(1_600 * MS, FaultStats.recoveryNs(fault, ops));
    }

    @Test
    void shouldTakeNearestRankPercentilesIgnoringMissingValues()
    {
        final long[] values = { 5, 1, -1, 3, 2, 4 };

        assertEquals(3, FaultStats.percentile(values, 50));
        assertEquals(5, FaultStats.percentile(values, 99));
        assertEquals(-1, FaultStats.percentile(new long[]{ -1 }, 50));
    }

    @Test
    void shouldShowAnAnomalyWithItsSubHistoryAndCallTheRunInvalid()
    {
        final Op stale = new Op(1, 0, "read", 0, 0, Outcome.OK, 0, 0, 2, 3, "");
        final RunResult result = new RunResult("t", "now", 1, 2, 0, 10 * MS, Map.of(),
            List.of(new WorkloadResult("register", 1, 1, 0, 0, "", List.of(
                new Anomaly("register", "non-linearizable", "stale read", List.of(stale))))),
            List.of(), Map.of(), List.of(), true, List.of(), List.of(), null, 0, 0, List.of());

        final String markdown = Reports.markdown(result);

        assertFalse(result.isValid());
        assertTrue(markdown.startsWith("# Reliability run: INVALID"), markdown);
        assertTrue(markdown.contains("non-linearizable"), markdown);
        assertTrue(markdown.contains(stale.toString()), markdown);
    }

    @Test
    void shouldSummariseLostWritesAndElectionsWithNoFaultInTheResultsTable()
    {
        final Op lost = new Op(1, 0, "create", 7, 0, Outcome.OK, 0, 0, 2, 3, "/jepsen-creates/p-0/n-7-0000000001");
        final RunResult result = new RunResult("t", "now", 1, 2, 0, 10 * MS, Map.of("eventsPerKind", 100),
            List.of(new WorkloadResult("creates", 1, 1, 0, 0, "", List.of(
                new Anomaly("creates", "lost-create", "lost", List.of(lost))))),
            List.of(), Map.of(), List.of(), true, List.of(), List.of(), null, 2, 5_000, List.of());

        final String markdown = Reports.markdown(result);

        assertTrue(markdown.contains("| lost or doubled acknowledged writes | 1 |"), markdown);
        assertTrue(markdown.contains("| elections with no fault in effect | 2 in 5 s |"), markdown);
        assertTrue(markdown.contains("(target 100 each)"), markdown);
    }

    @Test
    void shouldMarkFaultsOnTheLatencyPlot()
    {
        final Fault fault = new Fault(FaultKind.PAUSE_LEADER, 2, 2 * MS, 4 * MS, 5 * MS, 6 * MS, 1);

        final String svg = LatencyPlot.svg("run <1>", 0, 10 * MS, List.of(write(1 * MS, 3 * MS, Outcome.OK)),
            List.of(fault));

        assertTrue(svg.startsWith("<svg"), svg);
        assertTrue(svg.contains(">pause-leader</text>"), svg);
        assertTrue(svg.contains("run &lt;1&gt;"), svg);
        assertTrue(svg.contains("<circle"), svg);
    }
}
