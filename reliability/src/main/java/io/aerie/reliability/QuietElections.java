package io.aerie.reliability;

import io.aerie.reliability.cluster.NodeCluster;

import java.util.concurrent.TimeUnit;

/**
 * Counts the leader elections no fault caused: the cluster's newest leadership term id, read once a fault has
 * settled (every member following one leader and caught up), is read again just before the next fault and at the
 * end; every term started in between is an election with no fault in effect. Called from the suite's control thread.
 */
final class QuietElections
{
    private static final long STABLE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(90);

    private final NodeCluster cluster;
    private long settledTermId = Long.MIN_VALUE;
    private long settledNs;
    private long elections;
    private long quietNs;

    QuietElections(final NodeCluster cluster)
    {
        this.cluster = cluster;
    }

    /**
     * The cluster has settled: quiet time starts.
     */
    void settled()
    {
        settledTermId = cluster.newestTermId();
        settledNs = System.nanoTime();
    }

    /**
     * Quiet time ends (a fault is about to be injected, or the run ends): count the terms started since
     * {@link #settled()}. Waits for a stable leader first, so an election under way is counted here, not given to the
     * next fault.
     *
     * @return the elections seen in this quiet stretch.
     */
    long endQuiet()
    {
        if (Long.MIN_VALUE == settledTermId)
        {
            return 0;
        }
        try
        {
            cluster.awaitStableLeader(STABLE_TIMEOUT_NS);
        }
        catch (final IllegalStateException ex)
        {
            // counted by what the terms say; the fault that follows reports the cluster that did not settle
        }
        final long termId = cluster.newestTermId();
        final long seen = Math.max(0, termId - settledTermId);
        elections += seen;
        quietNs += System.nanoTime() - settledNs;
        settledTermId = Long.MIN_VALUE;
        return seen;
    }

    /**
     * @return elections with no fault in effect so far.
     */
    long elections()
    {
        return elections;
    }

    /**
     * @return how long no fault was in effect while counting, ms.
     */
    long quietMs()
    {
        return TimeUnit.NANOSECONDS.toMillis(quietNs);
    }
}
