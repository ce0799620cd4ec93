package io.aerie.testkit;

import java.util.Map;
import java.util.TreeMap;

/**
 * The timers the service has scheduled with the in-memory cluster: one deadline per correlation id (scheduling an id
 * again replaces its deadline, as Aeron Cluster does), taken in deadline order, then id order. Under the cluster's
 * lock.
 */
final class ClusterTimers
{
    /** {@link #nextDueBy(long)} when no timer is due. */
    static final long NONE = Long.MIN_VALUE;

    private final TreeMap<Long, Long> deadlineById = new TreeMap<>();
    private long takenDeadlineMs;

    void schedule(final long correlationId, final long deadlineMs)
    {
        deadlineById.put(correlationId, deadlineMs);
    }

    boolean cancel(final long correlationId)
    {
        return null != deadlineById.remove(correlationId);
    }

    /**
     * Take the timer due first by {@code limitMs}, if any.
     *
     * @return its correlation id (its deadline in {@link #takenDeadlineMs()}), or {@link #NONE}.
     */
    long nextDueBy(final long limitMs)
    {
        Map.Entry<Long, Long> next = null;
        for (final Map.Entry<Long, Long> timer : deadlineById.entrySet())
        {
            if (timer.getValue() <= limitMs && (null == next || timer.getValue() < next.getValue()))
            {
                next = timer;
            }
        }
        if (null == next)
        {
            return NONE;
        }
        deadlineById.remove(next.getKey());
        takenDeadlineMs = next.getValue();
        return next.getKey();
    }

    /**
     * @return the deadline of the timer {@link #nextDueBy(long)} took last, ms.
     */
    long takenDeadlineMs()
    {
        return takenDeadlineMs;
    }
}
