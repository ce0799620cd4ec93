package io.aerie.bench.suite.workload;

import io.aerie.bench.suite.Measurement;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteMode;
import io.aerie.bench.suite.SystemUnderTest;
import io.aerie.bench.suite.aerie.AerieTarget;
import io.aerie.client.AerieClient;
import io.aerie.client.recipes.InterProcessMutex;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The lock recipe's round trip (Aerie only, run when named: {@code --workloads lock}): an uncontended
 * {@link InterProcessMutex} {@code acquire} (create the ephemeral-sequential lock node, set its persistent watch
 * and read the queue, pipelined: one round trip and a bit), then {@code release} (delete the node and remove the
 * watch, sent without waiting), polling until the cluster has answered both, so the lock is free again as the cluster
 * sees it. One session, one lock path, closed loop with the suite's closed-loop sizes; rows for the whole cycle and
 * for the acquire alone, µs.
 * <p>
 * Closed loop, with no other load: the cost of one isolated lock cycle (under load, contention dominates).
 * {@code acquire} polls with the recipe's own idle strategy (parks of at most 100 µs), which is part of what a caller
 * gets; the wait for the release's answers polls with a yielding one. ZooKeeper's rows are n/a (Curator is not on
 * the class path).
 */
public final class LockWorkload extends RecipeWorkload
{
    /** Key of the acquire + release row. */
    public static final String CYCLE = "lock-cycle";
    /** Key of the acquire row. */
    public static final String ACQUIRE = "lock-acquire";

    private static final String CYCLE_TITLE = "lock recipe: InterProcessMutex acquire + release, uncontended, closed loop";
    private static final String ACQUIRE_TITLE = "lock recipe: InterProcessMutex acquire alone, uncontended";
    private static final long ACQUIRE_TIMEOUT_S = 10;

    @Override
    public String name()
    {
        return "lock";
    }

    @Override
    void notApplicable(final String column, final SuiteMode mode, final List<Row> rows)
    {
        rows.add(Row.failed(CYCLE, CYCLE_TITLE, column, Row.Kind.LATENCY_US, "n/a: Aerie's recipes only"));
        rows.add(Row.failed(ACQUIRE, ACQUIRE_TITLE, column, Row.Kind.LATENCY_US, "n/a"));
    }

    @Override
    void run(final AerieTarget target, final String column, final SuiteMode mode, final List<Row> rows)
    {
        try (AerieClient client = target.connectClient(0))
        {
            final Histogram cycle = newHistogram();
            final Histogram acquire = newHistogram();
            final InterProcessMutex mutex = new InterProcessMutex(client, SystemUnderTest.BENCH_ROOT + "/lock");
            final IdleStrategy idle = new YieldingIdleStrategy();
            final long warmupEndNs = System.nanoTime() + mode.closedWarmupNs();
            for (int i = 0; i < mode.closedWarmupOps() || System.nanoTime() - warmupEndNs < 0; i++)
            {
                cycle(client, mutex, idle, null, null);
            }
            final long startNs = System.nanoTime();
            for (int i = 0; i < mode.closedOps(); i++)
            {
                cycle(client, mutex, idle, cycle, acquire);
            }
            final long elapsedNs = System.nanoTime() - startNs;
            rows.add(Row.latency(CYCLE, CYCLE_TITLE, column,
                new Measurement(cycle, cycle.getTotalCount(), 0, elapsedNs, -1)));
            rows.add(Row.latency(ACQUIRE, ACQUIRE_TITLE, column,
                new Measurement(acquire, acquire.getTotalCount(), 0, elapsedNs, -1)));
        }
        catch (final Exception ex)
        {
            rows.add(Row.failed(CYCLE, CYCLE_TITLE, column, Row.Kind.LATENCY_US, ex.toString()));
        }
    }

    /**
     * One acquire and release, recorded (ns) when the histograms are given.
     */
    private static void cycle(
        final AerieClient client,
        final InterProcessMutex mutex,
        final IdleStrategy idle,
        final Histogram cycle,
        final Histogram acquire) throws Exception
    {
        final long startNs = System.nanoTime();
        if (!mutex.acquire(ACQUIRE_TIMEOUT_S, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("lock not acquired in " + ACQUIRE_TIMEOUT_S + " s");
        }
        final long acquiredNs = System.nanoTime();
        mutex.release();
        idle.reset();
        while (client.pendingRequests() > 0)
        {
            idle.idle(client.poll());
        }
        if (null != cycle)
        {
            final long endNs = System.nanoTime();
            cycle.recordValue(endNs - startNs);
            acquire.recordValue(acquiredNs - startNs);
        }
    }

    private static Histogram newHistogram()
    {
        return new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    }
}
