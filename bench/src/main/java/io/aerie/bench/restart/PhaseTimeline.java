package io.aerie.bench.restart;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Where a restart's wall time goes, seen from outside: a thread samples the server's phase (for Aerie its consensus
 * module, election and role counters and its service's znode count, read from its CnC file as AeronStat does) every
 * few milliseconds from the process start, and notes the time of each change with the CPU time the server process
 * had used by then (on a loaded machine the wall time is mostly waiting for a core; the CPU between two changes is
 * what that phase cost). Reading counters and {@code /proc} from another process changes nothing in it.
 */
final class PhaseTimeline implements AutoCloseable
{
    private static final long SAMPLE_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private final StringBuilder changes = new StringBuilder();
    private final Thread sampler;
    private volatile boolean running = true;

    /**
     * @param startNs {@link System#nanoTime()} at the process start.
     * @param phase   the server's phase now, cheap enough to call every 10 ms; null or "" when not known.
     * @param cpuMs   CPU milliseconds the server process has used so far, negative when not known.
     */
    PhaseTimeline(final long startNs, final Supplier<String> phase, final LongSupplier cpuMs)
    {
        sampler = new Thread(() -> sample(startNs, phase, cpuMs), "restart-phase-timeline");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample(final long startNs, final Supplier<String> phase, final LongSupplier cpuMs)
    {
        String last = "";
        while (running)
        {
            final String now = phase.get();
            if (null != now && !now.isEmpty() && !now.equals(last))
            {
                synchronized (changes)
                {
                    changes.append(changes.length() > 0 ? "; " : "")
                        .append(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs)).append(" ms ");
                    final long cpu = cpuMs.getAsLong();
                    if (cpu >= 0)
                    {
                        changes.append("(cpu ").append(cpu).append(" ms) ");
                    }
                    changes.append(now);
                }
                last = now;
            }
            LockSupport.parkNanos(SAMPLE_NS);
        }
    }

    /**
     * Stop sampling.
     *
     * @return the changes seen, "ms (cpu ms) phase" joined by "; ".
     */
    String stop()
    {
        close();
        synchronized (changes)
        {
            return changes.toString();
        }
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            sampler.join(1_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
