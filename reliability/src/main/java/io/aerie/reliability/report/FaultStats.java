package io.aerie.reliability.report;

import io.aerie.reliability.history.Op;
import io.aerie.reliability.history.Outcome;
import io.aerie.reliability.nemesis.Fault;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Recovery times: for a fault injected at t, the time from t to the completion of the first acknowledged write
 * invoked at or after t (for a leader fault: the failover as a client sees it).
 */
public final class FaultStats
{
    private static final Set<String> WRITES = Set.of("write", "cas", "create", "incr", "fenced-write");

    private FaultStats()
    {
    }

    /**
     * @param fault the fault.
     * @param ops   every workload's operations.
     * @return ns from the fault to the first acknowledged write invoked after it, or -1 if none.
     */
    public static long recoveryNs(final Fault fault, final List<Op> ops)
    {
        long first = Long.MAX_VALUE;
        for (final Op op : ops)
        {
            if (Outcome.OK == op.outcome() && WRITES.contains(op.f()) && op.invokeNs() >= fault.startNs())
            {
                first = Math.min(first, op.completeNs());
            }
        }
        return Long.MAX_VALUE == first ? -1 : first - fault.startNs();
    }

    /**
     * @param values     values (any order; negative ones are ignored).
     * @param percentile 0..100.
     * @return the value at that percentile (nearest rank), or -1 if there are none.
     */
    public static long percentile(final long[] values, final double percentile)
    {
        final long[] sorted = Arrays.stream(values).filter(v -> v >= 0).sorted().toArray();
        if (0 == sorted.length)
        {
            return -1;
        }
        final int rank = (int)Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
