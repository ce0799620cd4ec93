package io.aerie.bench.restart;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One system under the rig: started empty, loaded, then stopped and restarted in the ways the rig measures. The
 * measurement is the same for every system: from starting the process, poll a read of the last leaf until it
 * answers with the right data, then a count of the whole load until it is complete, then the heap.
 * Used from the rig's thread.
 */
abstract class RestartTarget implements AutoCloseable
{
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(5);

    final TreeShape shape;
    final long timeoutNs;

    RestartTarget(final TreeShape shape, final long timeoutNs)
    {
        this.shape = shape;
        this.timeoutNs = timeoutNs;
    }

    abstract String name();

    /** Start the system with empty data and wait until it serves. */
    abstract void startEmpty() throws Exception;

    /** Create the tree of {@link #shape}, pipelined. */
    abstract void load() throws Exception;

    /** Make sure the data is in a snapshot the next start will load. */
    abstract void snapshot() throws Exception;

    /** SIGTERM and wait; or SIGKILL when {@code kill}. */
    abstract void stop(boolean kill) throws Exception;

    /** Start the process again on its data, returning at once. */
    abstract void startProcess() throws Exception;

    /** @return true if the last leaf reads back with its data now; false while the system does not answer. */
    abstract boolean readsLastLeaf();

    /** @return the count of znodes under the load's root, or -1 while the system does not answer. */
    abstract long countLoad();

    /** @return the process id of the server, for the heap probe. */
    abstract long pid();

    /**
     * @return the server's restart phase now, for the {@link PhaseTimeline}; "" when the system shows none.
     */
    String phase()
    {
        return "";
    }

    /**
     * @return the disk the server's data takes now, by directory ({@link DiskUse}); "" when not measured.
     */
    String diskUse()
    {
        return "";
    }

    /**
     * Stop, restart and time the restart.
     *
     * @param kind what the result is called ("log", "snapshot", "kill-9").
     * @param kill SIGKILL rather than SIGTERM.
     */
    final RestartResult restart(final String kind, final boolean kill) throws Exception
    {
        stop(kill);
        final long startNs = System.nanoTime();
        startProcess();
        final long deadlineNs = startNs + timeoutNs;
        final long pid = pid();
        try (PhaseTimeline timeline = new PhaseTimeline(startNs, this::phase, () -> ServerCpu.processMs(pid)))
        {
            while (!readsLastLeaf())
            {
                await(deadlineNs, "first read");
            }
            final long firstReadNs = System.nanoTime();
            final Map<String, Long> cpu = ServerCpu.byThread(pid());
            while (countLoad() != shape.descendants())
            {
                await(deadlineNs, "all data");
            }
            final long allDataNs = System.nanoTime();
            final String phases = timeline.stop();
            return new RestartResult(name(), kind, shape.znodes(),
                TimeUnit.NANOSECONDS.toMillis(firstReadNs - startNs), TimeUnit.NANOSECONDS.toMillis(allDataNs - startNs),
                HeapProbe.usedMiB(pid()), ServerCpu.total(cpu), ServerCpu.top(cpu), phases);
        }
    }

    private void await(final long deadlineNs, final String what)
    {
        if (System.nanoTime() - deadlineNs > 0)
        {
            throw new IllegalStateException(name() + ": no " + what + " within " +
                TimeUnit.NANOSECONDS.toSeconds(timeoutNs) + " s of the restart");
        }
        LockSupport.parkNanos(POLL_NS);
    }
}
