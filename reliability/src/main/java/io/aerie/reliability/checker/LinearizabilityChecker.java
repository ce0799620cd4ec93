package io.aerie.reliability.checker;

import io.aerie.reliability.history.Op;
import io.aerie.reliability.history.Outcome;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Is one register's history linearizable? Wing and Gong's search with Lowe's memoization (as in Porcupine, P. Lowe
 * "Testing for linearizability", 2017): walk the call and return events in time order; at a call, try to
 * linearize that operation now (the model must allow it) and go on; at the return of an operation not yet
 * linearized, undo the last choice. A (set of linearized operations, state) pair seen before is not explored again.
 * An indeterminate operation has no return: it may be linearized at any point after its call, or (placed last)
 * never. The search is bounded by a number of steps; past it the answer is {@link Verdict#UNKNOWN}.
 * <p>
 * Single threaded; allocates freely (a test tool).
 */
public final class LinearizabilityChecker
{
    /**
     * The answer.
     */
    public enum Verdict
    {
        /** A linearization exists. */
        LINEARIZABLE,
        /** None exists. */
        NOT_LINEARIZABLE,
        /** The search gave up at its step bound. */
        UNKNOWN
    }

    /**
     * @param verdict the answer.
     * @param stuckOp for NOT_LINEARIZABLE, the operation whose return the deepest search could not get past; else
     *                null.
     * @param window  for NOT_LINEARIZABLE, the operations concurrent with it (the offending sub-history).
     * @param steps   steps the search took.
     */
    public record Result(Verdict verdict, Op stuckOp, List<Op> window, long steps)
    {
    }

    /** Default bound on search steps per history. */
    public static final long DEFAULT_MAX_STEPS = 20_000_000L;

    private static final int MAX_WINDOW = 40;

    private final long maxSteps;

    /**
     * @param maxSteps bound on the search, after which the verdict is UNKNOWN.
     */
    public LinearizabilityChecker(final long maxSteps)
    {
        this.maxSteps = maxSteps;
    }

    /**
     * Check one register's operations (all on one key), the register starting at (0, 0).
     *
     * @param history the operations, any order; irrelevant ones (failed reads...) are ignored.
     * @return the verdict.
     */
    public Result check(final List<Op> history)
    {
        final List<Op> ops = new ArrayList<>();
        for (final Op op : history)
        {
            if (CasRegisterModel.isRelevant(op))
            {
                ops.add(op);
            }
        }
        final Entry head = buildEntries(ops);

        final Set<Memo> seen = new HashSet<>();
        final ArrayDeque<Entry> calls = new ArrayDeque<>();
        final ArrayDeque<Long> states = new ArrayDeque<>();
        final BitSet linearized = new BitSet(ops.size());
        long state = CasRegisterModel.initial();
        int depth = 0;
        int deepest = -1;
        Op stuck = null;
        long steps = 0;

        Entry entry = head.next;
        while (null != head.next)
        {
            if (++steps > maxSteps)
            {
                return new Result(Verdict.UNKNOWN, null, List.of(), steps);
            }
            if (entry.isCall)
            {
                final long next = CasRegisterModel.step(state, entry.op);
                boolean isTaken = false;
                if (CasRegisterModel.ILLEGAL != next)
                {
                    final BitSet withOp = (BitSet)linearized.clone();
                    withOp.set(entry.id);
                    if (seen.add(new Memo(withOp, next)))
                    {
                        calls.push(entry);
                        states.push(state);
                        state = next;
                        linearized.set(entry.id);
                        depth++;
                        entry.lift();
                        entry = head.next;
                        isTaken = true;
                    }
                }
                if (!isTaken)
                {
                    entry = entry.next;
                }
            }
            else
            {
                if (depth > deepest)
                {
                    deepest = depth;
                    stuck = entry.op;
                }
                if (calls.isEmpty())
                {
                    return new Result(Verdict.NOT_LINEARIZABLE, stuck, window(ops, stuck), steps);
                }
                final Entry undone = calls.pop();
                state = states.pop();
                linearized.clear(undone.id);
                depth--;
                undone.unlift();
                entry = undone.next;
            }
        }
        return new Result(Verdict.LINEARIZABLE, null, List.of(), steps);
    }

    private static Entry buildEntries(final List<Op> ops)
    {
        final List<Entry> entries = new ArrayList<>(ops.size() * 2);
        for (int i = 0; i < ops.size(); i++)
        {
            final Op op = ops.get(i);
            final Entry call = new Entry(op, i, true, op.invokeNs());
            final long returnNs = Outcome.INFO == op.outcome() ? Long.MAX_VALUE : op.completeNs();
            final Entry ret = new Entry(op, i, false, returnNs);
            call.match = ret;
            entries.add(call);
            entries.add(ret);
        }
        // Calls before returns at equal times: the more permissive reading of a tie.
        entries.sort(Comparator.comparingLong((Entry e) -> e.timeNs).thenComparing(e -> e.isCall ? 0 : 1));

        final Entry head = new Entry(null, -1, false, Long.MIN_VALUE);
        Entry last = head;
        for (final Entry e : entries)
        {
            last.next = e;
            e.prev = last;
            last = e;
        }
        return head;
    }

    private static List<Op> window(final List<Op> ops, final Op stuck)
    {
        final List<Op> window = new ArrayList<>();
        if (null == stuck)
        {
            return window;
        }
        final long from = stuck.invokeNs();
        final long to = Outcome.INFO == stuck.outcome() ? Long.MAX_VALUE : stuck.completeNs();
        for (final Op op : ops)
        {
            final long end = Outcome.INFO == op.outcome() ? Long.MAX_VALUE : op.completeNs();
            if (op.invokeNs() <= to && end >= from && window.size() < MAX_WINDOW)
            {
                window.add(op);
            }
        }
        return window;
    }

    private static final class Entry
    {
        private final Op op;
        private final int id;
        private final boolean isCall;
        private final long timeNs;
        private Entry match;
        private Entry prev;
        private Entry next;

        Entry(final Op op, final int id, final boolean isCall, final long timeNs)
        {
            this.op = op;
            this.id = id;
            this.isCall = isCall;
            this.timeNs = timeNs;
        }

        /** Take this call and its return out of the list. */
        void lift()
        {
            prev.next = next;
            if (null != next)
            {
                next.prev = prev;
            }
            match.prev.next = match.next;
            if (null != match.next)
            {
                match.next.prev = match.prev;
            }
        }

        /** Put them back where they were (the reverse of {@link #lift()}). */
        void unlift()
        {
            match.prev.next = match;
            if (null != match.next)
            {
                match.next.prev = match;
            }
            prev.next = this;
            if (null != next)
            {
                next.prev = this;
            }
        }
    }

    private record Memo(BitSet linearized, long state)
    {
    }
}
