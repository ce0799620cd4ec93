package io.aerie.bench.suite;

import java.util.concurrent.TimeUnit;

/**
 * How long the suite runs: the sizes of every workload per mode. {@link #SMOKE} is for CI (a handful of
 * operations, seconds), {@link #QUICK} about 5 minutes on 2 cores with all targets, {@link #FULL} longer runs
 * for figures to publish.
 */
public enum SuiteMode
{
    /** A handful of operations per workload: proves the suite works, measures nothing. */
    SMOKE(20, 50, 200, 300, 10, 30, new int[]{ 1, 100 }, 0, 2),
    /** About 5 minutes on 2 cores, every target. */
    QUICK(1_000, 3_000, 1_000, 2_000, 500, 1_500, new int[]{ 1, 100, 1_000, 10_000 }, 1, 20),
    /** Longer runs: more samples, a stable tail. */
    FULL(20_000, 100_000, 5_000, 30_000, 10_000, 50_000, new int[]{ 1, 100, 1_000, 10_000 }, 3, 200);

    private final int closedWarmupOps;
    private final int closedOps;
    private final long warmupMs;
    private final long measureMs;
    private final int pairWarmupOps;
    private final int pairOps;
    private final int[] fanOutWatchers;
    private final int failoverRuns;
    private final int fanOutMinRounds;

    SuiteMode(
        final int closedWarmupOps,
        final int closedOps,
        final long warmupMs,
        final long measureMs,
        final int pairWarmupOps,
        final int pairOps,
        final int[] fanOutWatchers,
        final int failoverRuns,
        final int fanOutMinRounds)
    {
        this.closedWarmupOps = closedWarmupOps;
        this.closedOps = closedOps;
        this.warmupMs = warmupMs;
        this.measureMs = measureMs;
        this.pairWarmupOps = pairWarmupOps;
        this.pairOps = pairOps;
        this.fanOutWatchers = fanOutWatchers;
        this.failoverRuns = failoverRuns;
        this.fanOutMinRounds = fanOutMinRounds;
    }

    /** @return unmeasured operations before a closed loop. */
    public int closedWarmupOps()
    {
        return closedWarmupOps;
    }

    /** @return measured operations of a closed loop. */
    public int closedOps()
    {
        return closedOps;
    }

    /** @return warm-up time of fixed-rate and pipelined runs, ns. */
    public long warmupNs()
    {
        return TimeUnit.MILLISECONDS.toNanos(warmupMs);
    }

    /** @return measured time of fixed-rate and pipelined runs, ns. */
    public long measureNs()
    {
        return TimeUnit.MILLISECONDS.toNanos(measureMs);
    }

    /** @return unmeasured create+delete pairs. */
    public int pairWarmupOps()
    {
        return pairWarmupOps;
    }

    /** @return measured create+delete pairs. */
    public int pairOps()
    {
        return pairOps;
    }

    /** @return watcher counts W of the fan-out rows. */
    public int[] fanOutWatchers()
    {
        return fanOutWatchers.clone();
    }

    /**
     * @param watchers W.
     * @return measured writes for W watchers: fewer for large W, within [min, 10 × min].
     */
    public int fanOutRounds(final int watchers)
    {
        return Math.max(fanOutMinRounds, Math.min(fanOutMinRounds * 10, fanOutMinRounds * 1_000 / watchers));
    }

    /** @return kill -9 runs per target with a leader to kill (runs after the first on a freshly started target). */
    public int failoverRuns()
    {
        return failoverRuns;
    }

    /** @return true if this mode runs the JMH allocation benchmarks. */
    public boolean runsJmh()
    {
        return this != SMOKE;
    }
}
