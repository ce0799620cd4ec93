package io.aerie.reliability.checker;

import io.aerie.reliability.history.Op;
import io.aerie.reliability.history.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Leader election with fencing tokens: a leader's writes to the shared resource carry its token, and in the log's
 * order (by the zxid each write was applied at) tokens never go down, so no two leaders' writes interleave; each
 * token belongs to one process, and successive leaders' tokens strictly increase. Operations: {@code fenced-write}
 * with {@code a} = the token, OK with {@code r0} = the zxid it was applied at.
 */
public final class FencingChecker
{
    private FencingChecker()
    {
    }

    /**
     * @param workload the workload's name.
     * @param history  the operations.
     * @return the anomalies, empty if none.
     */
    public static List<Anomaly> check(final String workload, final List<Op> history)
    {
        final List<Anomaly> anomalies = new ArrayList<>();
        final List<Op> writes = new ArrayList<>();
        for (final Op op : history)
        {
            if ("fenced-write".equals(op.f()) && Outcome.OK == op.outcome())
            {
                writes.add(op);
            }
        }
        writes.sort(Comparator.comparingLong(Op::r0));

        final Map<Long, Integer> owner = new HashMap<>();
        Op previous = null;
        for (final Op write : writes)
        {
            final Integer process = owner.putIfAbsent(write.a(), write.process());
            if (null != process && process != write.process())
            {
                anomalies.add(new Anomaly(workload, "shared-token", "token " + write.a() + " used by processes " +
                    process + " and " + write.process(), List.of(write)));
            }
            if (null != previous && write.a() < previous.a())
            {
                anomalies.add(new Anomaly(workload, "fencing-overlap", "token " + write.a() + " wrote at zxid " +
                    write.r0() + " after token " + previous.a() + " at zxid " + previous.r0(), List.of(previous, write)));
            }
            if (null != previous && write.r0() == previous.r0())
            {
                anomalies.add(new Anomaly(workload, "shared-zxid", "two writes applied at zxid " + write.r0(),
                    List.of(previous, write)));
            }
            previous = write;
        }
        return anomalies;
    }

    /**
     * @param history the operations.
     * @return how many leadership terms wrote (distinct tokens with an acknowledged write).
     */
    public static long terms(final List<Op> history)
    {
        return history.stream()
            .filter(op -> "fenced-write".equals(op.f()) && Outcome.OK == op.outcome())
            .mapToLong(Op::a).distinct().count();
    }
}
