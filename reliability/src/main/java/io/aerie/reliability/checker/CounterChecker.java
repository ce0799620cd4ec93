package io.aerie.reliability.checker;

import io.aerie.reliability.history.Op;
import io.aerie.reliability.history.Outcome;

import java.util.ArrayList;
import java.util.List;

/**
 * A counter incremented by compare-and-set: its value is never below the increments acknowledged before a read
 * began, nor above the increments (acknowledged or indeterminate) invoked before it ended; the final value lies in
 * [acknowledged, acknowledged + indeterminate]. Operations: {@code incr} (OK, FAIL when its version check lost, INFO)
 * and {@code read} (OK with {@code r0} = the value).
 */
public final class CounterChecker
{
    private CounterChecker()
    {
    }

    /**
     * @param workload   the workload's name.
     * @param history    the operations.
     * @param finalValue the value read after the run (after healing).
     * @return the anomalies, empty if none.
     */
    public static List<Anomaly> check(final String workload, final List<Op> history, final long finalValue)
    {
        final List<Anomaly> anomalies = new ArrayList<>();
        final List<Op> increments = new ArrayList<>();
        long acknowledged = 0;
        long indeterminate = 0;
        for (final Op op : history)
        {
            if ("incr".equals(op.f()) && Outcome.FAIL != op.outcome())
            {
                increments.add(op);
                acknowledged += Outcome.OK == op.outcome() ? 1 : 0;
                indeterminate += Outcome.INFO == op.outcome() ? 1 : 0;
            }
        }
        if (finalValue < acknowledged || finalValue > acknowledged + indeterminate)
        {
            anomalies.add(new Anomaly(workload, "counter-out-of-bounds", "final value " + finalValue + " outside [" +
                acknowledged + ", " + (acknowledged + indeterminate) + "]", List.of()));
        }
        for (final Op read : history)
        {
            if ("read".equals(read.f()) && Outcome.OK == read.outcome())
            {
                checkRead(workload, read, increments, anomalies);
            }
        }
        return anomalies;
    }

    private static void checkRead(
        final String workload, final Op read, final List<Op> increments, final List<Anomaly> anomalies)
    {
        long lower = 0;
        long upper = 0;
        for (final Op incr : increments)
        {
            lower += Outcome.OK == incr.outcome() && incr.completeNs() < read.invokeNs() ? 1 : 0;
            upper += incr.invokeNs() < read.completeNs() ? 1 : 0;
        }
        if (read.r0() < lower || read.r0() > upper)
        {
            anomalies.add(new Anomaly(workload, "counter-read-out-of-bounds",
                "read " + read.r0() + " outside [" + lower + ", " + upper + "]", List.of(read)));
        }
    }
}
