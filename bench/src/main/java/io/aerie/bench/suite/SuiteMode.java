package io.aerie.bench.suite;

import java.util.concurrent.TimeUnit;

/**
 * How long the suite runs: the number of rounds (every target once per round, in the same order, so a change in
 * the machine's load touches every target alike) and the sizes of every workload per round. {@link #SMOKE} is for
 * CI (one round, a handful of operations, seconds), {@link #QUICK} 3 rounds whose rows have enough samples for a
 * p99 (at least {@value Row#P99_MIN_SAMPLES} per closed-loop and fixed-rate row, {@value Row#P99_MIN_EVENTS} events
 * per fan-out row, over the rounds), {@link #FULL} 3 longer rounds for figures to publish (a p99.9 on every
 * closed-loop and fixed-rate row).
 */
public enum SuiteMode
{
    /** A handful of operations per workload: proves the suite works, measures nothing. */
    SMOKE(1, 20, 0, 50, 200, 300, 10, 30, new int[]{ 1, 100 }, 0, 2),
    /**
     * 3 rounds, every target: 3 × 3,400 closed-loop operations (10,200 for the p99) after at least 1,000 and 5 s of
     * warm-up, 3 × 70 fan-out events.
     */
    QUICK(3, 1_000, 5_000, 3_400, 1_000, 3_400, 500, 3_400, new int[]{ 1, 100, 1_000, 10_000 }, 1, 70),
    /**
     * 3 longer rounds: 3 × 34,000 closed-loop operations after at least 5,000 and 10 s of warm-up, 34 s at each
     * offered rate (a p99.9), 3 × 200 events.
     */
    FULL(3, 5_000, 10_000, 34_000, 3_000, 34_000, 2_000, 34_000, new int[]{ 1, 100, 1_000, 10_000 }, 1, 200);

    private final int rounds;
    private final int closedWarmupOps;
    private final long closedWarmupMs;
    private final int closedOps;
    private final long warmupMs;
    private final long measureMs;
    private final int pairWarmupOps;
    private final int pairOps;
    private final int[] fanOutWatchers;
    private final int failoverRuns;
    private final int fanOutEvents;

    SuiteMode(
        final int rounds,
        final int closedWarmupOps,
        final long closedWarmupMs,
        final int closedOps,
        final long warmupMs,
        final long measureMs,
        final int pairWarmupOps,
        final int pairOps,
        final int[] fanOutWatchers,
        final int failoverRuns,
        final int fanOutEvents)
    {
        this.rounds = rounds;
        this.closedWarmupOps = closedWarmupOps;
        this.closedWarmupMs = closedWarmupMs;
        this.closedOps = closedOps;
        this.warmupMs = warmupMs;
        this.measureMs = measureMs;
        this.pairWarmupOps = pairWarmupOps;
        this.pairOps = pairOps;
        this.fanOutWatchers = fanOutWatchers;
        this.failoverRuns = failoverRuns;
        this.fanOutEvents = fanOutEvents;
    }

    /** @return rounds: every selected target runs once per round, in the same order. */
    public int rounds()
    {
        return rounds;
    }

    /** @return unmeasured operations before a closed loop, per round. */
    public int closedWarmupOps()
    {
        return closedWarmupOps;
    }

    /**
     * The shortest warm-up of a closed loop (and of create+delete pairs), whatever the operation count: a target's
     * JVMs start with each round, and until their JIT compilers have compiled the measured path they compete with it
     * for the cores. Measured on a 2-core machine: 1,000 local reads (17 ms) after a 3-node start left a p99 of
     * 1.8–2.6 ms where 15 s of warm-up left 43 µs; ZooKeeper's rows get the same warm-up.
     *
     * @return the warm-up's minimum duration, ns; 0 for none.
     */
    public long closedWarmupNs()
    {
        return TimeUnit.MILLISECONDS.toNanos(closedWarmupMs);
    }

    /** @return measured operations of a closed loop, per round. */
    public int closedOps()
    {
        return closedOps;
    }

    /** @return warm-up time of fixed-rate and pipelined runs, ns. */
    public long warmupNs()
    {
        return TimeUnit.MILLISECONDS.toNanos(warmupMs);
    }

    /** @return measured time of fixed-rate and pipelined runs, per round, ns. */
    public long measureNs()
    {
        return TimeUnit.MILLISECONDS.toNanos(measureMs);
    }

    /** @return unmeasured create+delete pairs. */
    public int pairWarmupOps()
    {
        return pairWarmupOps;
    }

    /** @return measured create+delete pairs, per round. */
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
     * @return measured writes for W watchers per round, the same for every W: each is one event (the last of
     * the W told), and a fan-out row's p99 needs {@value Row#P99_MIN_EVENTS} of them over the rounds.
     */
    public int fanOutRounds(final int watchers)
    {
        return fanOutEvents;
    }

    /** @return kill -9 runs per target and round with a leader to kill (each on a freshly started target). */
    public int failoverRuns()
    {
        return failoverRuns;
    }

    /**
     * @return session timeouts of the election workload's leader processes, ms: one row each (the hand-over takes
     * about the dead leader's session timeout).
     */
    public int[] electionSessionTimeoutsMs()
    {
        return this == SMOKE ? new int[]{ 250 } : new int[]{ 100, 250, 1_000 };
    }

    /**
     * @return measured hand-overs per session timeout and round (each kills a leader process started for it).
     */
    public int electionRounds()
    {
        return switch (this)
        {
            case SMOKE -> 1;
            case QUICK -> 10;
            case FULL -> 30;
        };
    }

    /** @return true if this mode runs the JMH allocation benchmarks. */
    public boolean runsJmh()
    {
        return this != SMOKE;
    }
}
