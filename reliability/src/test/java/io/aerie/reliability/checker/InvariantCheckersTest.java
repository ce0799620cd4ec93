package io.aerie.reliability.checker;

import io.aerie.reliability.history.Op;
import io.aerie.reliability.history.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvariantCheckersTest
{
    private static Op create(final long payload, final Outcome outcome)
    {
        return new Op(0, 0, "create", payload, 0, outcome, 0, 0, payload, payload + 1, "");
    }

    private static Op incr(final Outcome outcome, final long from, final long to)
    {
        return new Op(0, 0, "incr", 0, 0, outcome, 0, 0, from, to, "");
    }

    private static Op fenced(final int process, final long token, final long zxid)
    {
        return new Op(process, 0, "fenced-write", token, 0, Outcome.OK, zxid, 0, zxid, zxid + 1, "");
    }

    @Test
    void shouldAcceptCreatesPresentAsTheirOutcomesAllow()
    {
        final List<Op> history = List.of(
            create(1, Outcome.OK), create(2, Outcome.INFO), create(3, Outcome.INFO), create(4, Outcome.FAIL));

        assertTrue(CreateChecker.check("creates", history, Map.of(1L, 1, 2L, 1)).isEmpty());
    }

    @Test
    void shouldReportLostDoubledAndPhantomCreates()
    {
        final List<Op> history = List.of(create(1, Outcome.OK), create(2, Outcome.OK), create(3, Outcome.FAIL));

        final List<Anomaly> anomalies = CreateChecker.check("creates", history, Map.of(2L, 2, 3L, 1, 9L, 1));

        assertEquals(
            List.of("doubled-create", "lost-create", "phantom-create", "phantom-create"),
            anomalies.stream().map(Anomaly::kind).sorted().toList());
    }

    @Test
    void shouldAcceptACounterWithinAcknowledgedAndIndeterminate()
    {
        final List<Op> history = List.of(incr(Outcome.OK, 0, 1), incr(Outcome.INFO, 2, 3), incr(Outcome.FAIL, 4, 5));

        assertTrue(CounterChecker.check("counter", history, 2).isEmpty());
        assertTrue(CounterChecker.check("counter", history, 1).isEmpty());
    }

    @Test
    void shouldReportACounterThatLostAnAcknowledgedIncrement()
    {
        final List<Op> history = List.of(incr(Outcome.OK, 0, 1), incr(Outcome.OK, 2, 3));

        assertEquals("counter-out-of-bounds", CounterChecker.check("counter", history, 1).get(0).kind());
    }

    @Test
    void shouldReportAReadThatMissedAnIncrementAcknowledgedBeforeIt()
    {
        final List<Op> history = List.of(
            incr(Outcome.OK, 0, 1), new Op(1, 0, "read", 0, 0, Outcome.OK, 0, 0, 2, 3, ""));

        assertEquals("counter-read-out-of-bounds", CounterChecker.check("counter", history, 1).get(0).kind());
    }

    @Test
    void shouldAcceptTokensThatNeverGoDownInLogOrder()
    {
        final List<Op> history = List.of(fenced(0, 10, 11), fenced(0, 10, 12), fenced(1, 13, 14), fenced(2, 15, 16));

        assertTrue(FencingChecker.check("election", history).isEmpty());
        assertEquals(3, FencingChecker.terms(history));
    }

    @Test
    void shouldReportADeposedLeaderWritingAfterItsSuccessor()
    {
        final List<Op> history = List.of(fenced(0, 10, 11), fenced(1, 13, 14), fenced(0, 10, 15));

        assertEquals("fencing-overlap", FencingChecker.check("election", history).get(0).kind());
    }

    @Test
    void shouldReportTwoProcessesHoldingOneToken()
    {
        final List<Op> history = List.of(fenced(0, 10, 11), fenced(1, 10, 12));

        assertEquals("shared-token", FencingChecker.check("election", history).get(0).kind());
    }
}
