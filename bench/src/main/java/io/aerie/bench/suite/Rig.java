package io.aerie.bench.suite;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator: sends one kind of operation from the calling (rig) thread and measures it, in three shapes:
 * <ul>
 *     <li>{@link #closedLoop}: one operation at a time, the next sent when the last completed (latency of an
 *     isolated request);</li>
 *     <li>{@link #fixedRate}: a fixed offered rate, each operation stamped with its <em>intended</em> send time
 *     and its latency measured from that stamp, so a stall delays the schedule's later sends and counts against
 *     them (no coordinated omission);</li>
 *     <li>{@link #pipelined}: up to N operations in flight, for throughput.</li>
 * </ul>
 * Latencies are recorded by a {@link RecordingCompletion} on whichever thread completes (see {@link LoadClient}).
 * While waiting, the rig polls clients that complete on its thread with a yielding idle strategy, and parks
 * briefly (backoff to 50 µs) for clients with their own threads, whose latency is stamped on their thread.
 * Allocation on the rig thread is measured over each measured phase. Not thread safe: one rig per thread.
 */
public final class Rig
{
    /** How the rig idles while waiting on a client that completes on the rig thread. */
    public static final String POLLING_IDLE = "yielding";
    /** How the rig idles while waiting on a client that completes on its own threads. */
    public static final String WAITING_IDLE = "backoff(spin 10, yield 20, park 1..50 us)";

    /** Pacing sleeps only while the next send is further away than this, then polls and yields (parks overshoot). */
    private static final long PARK_MARGIN_NS = TimeUnit.MILLISECONDS.toNanos(2);

    /**
     * One asynchronous operation the rig sends; implementations are reusable objects (no per-send allocation).
     */
    @FunctionalInterface
    public interface Operation
    {
        /**
         * Send one operation; it must complete through {@code completion} with this token.
         *
         * @param client     the session to send on.
         * @param token      the token to pass on (the send time stamp).
         * @param completion where the outcome goes.
         */
        void send(LoadClient client, long token, LoadClient.Completion completion);
    }

    /**
     * A count of completions the rig can wait on; implementations are thread safe (volatile reads).
     */
    @FunctionalInterface
    public interface Progress
    {
        /**
         * @return completions so far.
         */
        long completed();
    }

    private final IdleStrategy pollingIdle = new YieldingIdleStrategy();
    private final IdleStrategy waitingIdle = new BackoffIdleStrategy(10, 20, 1_000, 50_000);
    private final com.sun.management.ThreadMXBean threads = threadBean();
    private final long opTimeoutNs;
    private long lastClosedLoopOps;

    /**
     * @param opTimeoutNs longest the rig waits for any one completion (or for a drain) before giving up.
     */
    public Rig(final long opTimeoutNs)
    {
        this.opTimeoutNs = opTimeoutNs;
    }

    /**
     * One operation at a time, {@code warmupOps} unmeasured then {@code measuredOps} measured.
     *
     * @return the measured phase.
     * @throws RigException if an operation does not complete within the op timeout.
     */
    public Measurement closedLoop(final LoadClient client, final Operation op, final int warmupOps, final int measuredOps)
    {
        return closedLoop(client, op, warmupOps, 0, measuredOps);
    }

    /**
     * One operation at a time: unmeasured until at least {@code warmupOps} have completed and {@code warmupNs} has
     * passed, then {@code measuredOps} measured.
     *
     * @return the measured phase.
     * @throws RigException if an operation does not complete within the op timeout.
     */
    public Measurement closedLoop(
        final LoadClient client, final Operation op, final int warmupOps, final long warmupNs, final int measuredOps)
    {
        final RecordingCompletion completion = new RecordingCompletion();
        long expected = 0;
        final long warmupEndNs = System.nanoTime() + warmupNs;
        for (int i = 0; i < warmupOps || System.nanoTime() - warmupEndNs < 0; i++)
        {
            op.send(client, System.nanoTime(), completion);
            await(client, completion, ++expected, System.nanoTime() + opTimeoutNs);
        }
        completion.takeInterval();
        final long failedBefore = completion.failed();
        final long allocatedBefore = allocatedBytes();
        final long startNs = System.nanoTime();
        for (int i = 0; i < measuredOps; i++)
        {
            op.send(client, System.nanoTime(), completion);
            await(client, completion, ++expected, System.nanoTime() + opTimeoutNs);
        }
        lastClosedLoopOps = expected;
        return finish(client, completion, startNs, System.nanoTime(), allocatedBefore, failedBefore);
    }

    /**
     * @return the operations the last closed loop sent, warm-up included.
     */
    public long lastClosedLoopOps()
    {
        return lastClosedLoopOps;
    }

    /**
     * A fixed offered rate: warm up at the rate, then measure at the rate, then wait for every operation sent.
     * Latency runs from each operation's intended send time.
     *
     * @return the measured phase: the operations scheduled after the warm-up.
     * @throws RigException if the sends cannot be drained within the op timeout.
     */
    public Measurement fixedRate(
        final LoadClient client, final Operation op, final int opsPerSecond, final long warmupNs, final long measureNs)
    {
        final RecordingCompletion completion = new RecordingCompletion();
        final long intervalNs = TimeUnit.SECONDS.toNanos(1) / opsPerSecond;
        final long scheduleStartNs = System.nanoTime();
        final long measureStartNs = scheduleStartNs + warmupNs;
        final long endNs = measureStartNs + measureNs;
        completion.recordFrom(measureStartNs);
        boolean measuring = false;
        long allocatedBefore = 0;
        long failedBefore = 0;
        long sent = 0;
        for (long intendedNs = scheduleStartNs; intendedNs < endNs; intendedNs += intervalNs)
        {
            if (!measuring && intendedNs >= measureStartNs)
            {
                measuring = true;
                completion.takeInterval();
                failedBefore = completion.failed();
                allocatedBefore = allocatedBytes();
            }
            paceUntil(client, intendedNs);
            op.send(client, intendedNs, completion);
            sent++;
        }
        await(client, completion, sent, System.nanoTime() + opTimeoutNs);
        return finish(client, completion, measureStartNs, System.nanoTime(), allocatedBefore, failedBefore);
    }

    /**
     * Keep {@code window} operations in flight: warm up, then count completions over the measured time.
     *
     * @return the measured phase; its rate is completions per second within the measured time.
     * @throws RigException if nothing completes for the op timeout.
     */
    public Measurement pipelined(
        final LoadClient client, final Operation op, final int window, final long warmupNs, final long measureNs)
    {
        final RecordingCompletion completion = new RecordingCompletion();
        final IdleStrategy idle = idleFor(client);
        final long measureStartNs = System.nanoTime() + warmupNs;
        final long endNs = measureStartNs + measureNs;
        long sent = 0;
        boolean measuring = false;
        long completedBefore = 0;
        long failedBefore = 0;
        long allocatedBefore = 0;
        long lastProgressNs = System.nanoTime();
        long lastCompleted = 0;
        long nowNs;
        while ((nowNs = System.nanoTime()) < endNs)
        {
            if (!measuring && nowNs >= measureStartNs)
            {
                measuring = true;
                completion.takeInterval();
                completedBefore = completion.completed();
                failedBefore = completion.failed();
                allocatedBefore = allocatedBytes();
            }
            final long completed = completion.completed();
            int work = 0;
            while (sent - completed < window)
            {
                op.send(client, System.nanoTime(), completion);
                sent++;
                work++;
            }
            work += client.poll();
            if (completed != lastCompleted)
            {
                lastCompleted = completed;
                lastProgressNs = nowNs;
            }
            else if (nowNs - lastProgressNs > opTimeoutNs)
            {
                throw new RigException("no completion for " + TimeUnit.NANOSECONDS.toMillis(opTimeoutNs) + " ms");
            }
            idle.idle(work);
        }
        final long endCompleted = completion.completed();
        final Histogram histogram = completion.takeInterval();
        final long allocated = allocatedSince(client, allocatedBefore);
        final long failed = completion.failed() - failedBefore;
        await(client, completion, sent, System.nanoTime() + opTimeoutNs);
        return new Measurement(
            histogram, endCompleted - completedBefore - failed, failed, nowNs - measureStartNs, allocated);
    }

    /**
     * Wait, polling the client, until {@code progress} has seen {@code count} completions. Read the count to
     * wait for <em>before</em> sending: a client with its own threads may complete before the send returns.
     *
     * @throws RigException at the deadline.
     */
    public void await(final LoadClient client, final Progress progress, final long count, final long deadlineNs)
    {
        final IdleStrategy idle = idleFor(client);
        idle.reset();
        while (progress.completed() < count)
        {
            final int work = client.poll();
            if (0 == work && System.nanoTime() - deadlineNs > 0)
            {
                throw new RigException("timed out waiting for completion " + count + " (have " +
                    progress.completed() + ")");
            }
            idle.idle(work);
        }
    }

    /**
     * @return the idle strategy to wait on this client with (see the class comment).
     */
    public IdleStrategy idleFor(final LoadClient client)
    {
        return client.completesOnPollingThread() ? pollingIdle : waitingIdle;
    }

    /**
     * @return the op timeout given at construction, ns.
     */
    public long opTimeoutNs()
    {
        return opTimeoutNs;
    }

    private void paceUntil(final LoadClient client, final long intendedNs)
    {
        long remainingNs;
        while ((remainingNs = intendedNs - System.nanoTime()) > 0)
        {
            if (0 == client.poll())
            {
                if (remainingNs > 2 * PARK_MARGIN_NS)
                {
                    LockSupport.parkNanos(remainingNs - PARK_MARGIN_NS);
                }
                else
                {
                    Thread.yield();
                }
            }
        }
    }

    private Measurement finish(
        final LoadClient client,
        final RecordingCompletion completion,
        final long startNs,
        final long endNs,
        final long allocatedBefore,
        final long failedBefore)
    {
        final long allocated = allocatedSince(client, allocatedBefore);
        final Histogram histogram = completion.takeInterval();
        return new Measurement(
            histogram, histogram.getTotalCount(), completion.failed() - failedBefore, endNs - startNs, allocated);
    }

    private long allocatedSince(final LoadClient client, final long allocatedBefore)
    {
        return null != threads && client.completesOnPollingThread() ? allocatedBytes() - allocatedBefore : -1;
    }

    private long allocatedBytes()
    {
        return null == threads ? -1 : threads.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threadBean()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean &&
            ((com.sun.management.ThreadMXBean)bean).isThreadAllocatedMemorySupported())
        {
            return (com.sun.management.ThreadMXBean)bean;
        }
        return null;
    }
}
