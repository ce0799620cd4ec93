package io.aerie.reliability.checker;

import io.aerie.reliability.checker.LinearizabilityChecker.Verdict;
import io.aerie.reliability.history.Op;
import io.aerie.reliability.history.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearizabilityCheckerTest
{
    private final LinearizabilityChecker checker = new LinearizabilityChecker(LinearizabilityChecker.DEFAULT_MAX_STEPS);

    static Op read(final int p, final long value, final int version, final long from, final long to)
    {
        return new Op(p, 0, "read", 0, 0, Outcome.OK, value, version, from, to, "");
    }

    static Op write(final int p, final long value, final Outcome outcome, final long from, final long to)
    {
        return new Op(p, 0, "write", value, 0, outcome, 0, -1, from, to, "");
    }

    static Op cas(final int p, final int expected, final long value, final Outcome outcome, final long from, final long to)
    {
        return new Op(p, 0, "cas", expected, value, outcome, 0, Outcome.OK == outcome ? expected + 1 : -1, from, to,
            Outcome.FAIL == outcome ? "bad-version" : "");
    }

    @Test
    void shouldAcceptASequentialHistory()
    {
        final List<Op> history = List.of(
            read(0, 0, 0, 0, 1),
            write(0, 5, Outcome.OK, 2, 3),
            read(1, 5, 1, 4, 5),
            cas(1, 1, 7, Outcome.OK, 6, 7),
            cas(0, 1, 9, Outcome.FAIL, 8, 9),
            read(0, 7, 2, 10, 11));

        assertEquals(Verdict.LINEARIZABLE, checker.check(history).verdict());
    }

    @Test
    void shouldAcceptConcurrentReadsSeeingEitherSideOfAWrite()
    {
        final List<Op> history = List.of(
            write(0, 5, Outcome.OK, 0, 10),
            read(1, 0, 0, 1, 2),
            read(2, 5, 1, 3, 4),
            read(1, 5, 1, 5, 6));

        assertEquals(Verdict.LINEARIZABLE, checker.check(history).verdict());
    }

    @Test
    void shouldRejectAStaleReadAfterAnAcknowledgedWrite()
    {
        final List<Op> history = List.of(
            write(0, 5, Outcome.OK, 0, 1),
            read(1, 0, 0, 2, 3));

        final LinearizabilityChecker.Result result = checker.check(history);

        assertEquals(Verdict.NOT_LINEARIZABLE, result.verdict());
        assertEquals(history.get(1), result.stuckOp());
        assertTrue(result.window().contains(history.get(1)));
    }

    @Test
    void shouldRejectAReadGoingBackInTime()
    {
        final List<Op> history = List.of(
            write(0, 5, Outcome.OK, 0, 10),
            read(1, 5, 1, 1, 2),
            read(2, 0, 0, 3, 4));

        assertEquals(Verdict.NOT_LINEARIZABLE, checker.check(history).verdict());
    }

    @Test
    void shouldRejectTwoCasSucceedingOnTheSameVersion()
    {
        final List<Op> history = List.of(
            cas(0, 0, 1, Outcome.OK, 0, 5),
            new Op(1, 0, "cas", 0, 2, Outcome.OK, 0, 1, 1, 6, ""));

        assertEquals(Verdict.NOT_LINEARIZABLE, checker.check(history).verdict());
    }

    @Test
    void shouldRejectACasRefusedWhileItsVersionWasCurrent()
    {
        final List<Op> history = List.of(
            cas(0, 0, 3, Outcome.FAIL, 0, 1),
            read(0, 0, 0, 2, 3));

        assertEquals(Verdict.NOT_LINEARIZABLE, checker.check(history).verdict());
    }

    @Test
    void shouldAcceptAnIndeterminateCasThatTookEffectLongAfterItsProcessGaveUp()
    {
        final List<Op> history = List.of(
            cas(0, 0, 4, Outcome.INFO, 0, 1),
            read(1, 0, 0, 2, 3),
            read(1, 4, 1, 10, 11));

        assertEquals(Verdict.LINEARIZABLE, checker.check(history).verdict());
    }

    @Test
    void shouldAcceptAnIndeterminateWriteThatNeverTookEffect()
    {
        final List<Op> history = List.of(
            write(0, 4, Outcome.INFO, 0, 1),
            read(1, 0, 0, 2, 3),
            cas(1, 0, 6, Outcome.OK, 4, 5),
            read(1, 6, 1, 6, 7));

        assertEquals(Verdict.LINEARIZABLE, checker.check(history).verdict());
    }

    @Test
    void shouldRejectAValueNoOperationWrote()
    {
        final List<Op> history = List.of(
            write(0, 4, Outcome.INFO, 0, 1),
            read(1, 5, 1, 2, 3));

        assertEquals(Verdict.NOT_LINEARIZABLE, checker.check(history).verdict());
    }

    @Test
    void shouldIgnoreFailedWritesAndIndeterminateReads()
    {
        final List<Op> history = List.of(
            write(0, 4, Outcome.FAIL, 0, 1),
            new Op(1, 0, "read", 0, 0, Outcome.INFO, 99, 99, 2, 3, ""),
            read(1, 0, 0, 4, 5));

        assertEquals(Verdict.LINEARIZABLE, checker.check(history).verdict());
    }

    @Test
    void shouldCheckAManyProcessHistoryWithinItsBound()
    {
        // Ten processes each do cas rounds on one register, overlapping pairwise: linearizable by construction.
        final List<Op> history = new ArrayList<>();
        int version = 0;
        long t = 0;
        for (int round = 0; round < 300; round++)
        {
            final int p = round % 10;
            history.add(cas(p, version, round + 1, Outcome.OK, t, t + 3));
            history.add(cas((p + 1) % 10, version, 1000 + round, Outcome.FAIL, t + 1, t + 4));
            history.add(read((p + 2) % 10, round + 1, version + 1, t + 3, t + 5));
            version++;
            t += 5;
        }

        assertEquals(Verdict.LINEARIZABLE, checker.check(history).verdict());
    }

    @Test
    void shouldGiveUpAsUnknownAtItsStepBound()
    {
        final List<Op> history = List.of(
            write(0, 1, Outcome.OK, 0, 10),
            write(1, 2, Outcome.OK, 0, 10),
            read(2, 2, 2, 11, 12));

        assertEquals(Verdict.UNKNOWN, new LinearizabilityChecker(2).check(history).verdict());
    }
}
