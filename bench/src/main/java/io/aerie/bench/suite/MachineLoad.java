package io.aerie.bench.suite;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * How busy the machine was while one target ran one round, besides the suite itself: the 1-minute load average at
 * the start and end, and the CPU that other processes used (the machine's busy time from {@code /proc/stat} minus
 * the CPU of the rig JVM and its child processes, the targets' servers, from {@code /proc/<pid>/stat}). A round in
 * which others used more than {@link #BUSY_OTHERS_CORES} of a core on average is flagged busy. On a system
 * without {@code /proc} the CPU figures are NaN and nothing is flagged.
 */
public final class MachineLoad
{
    /** Average cores used by other processes above which a round is flagged busy. */
    public static final double BUSY_OTHERS_CORES = 0.5;

    /** Linux's USER_HZ: the unit of the tick counts in {@code /proc}. */
    private static final double TICKS_PER_SECOND = 100.0;

    /**
     * One reading.
     *
     * @param nowNs       {@link System#nanoTime()} when read.
     * @param loadAverage the 1-minute load average, or NaN.
     * @param busyTicks   the machine's non-idle ticks since boot, or -1.
     * @param ownTicks    the rig's and its descendants' ticks (their reaped children included), or -1.
     */
    public record Sample(long nowNs, double loadAverage, long busyTicks, long ownTicks)
    {
    }

    /**
     * What one target's round saw.
     *
     * @param round           1-based round number.
     * @param column          the target's column.
     * @param loadAverageStart 1-minute load average when the target started.
     * @param loadAverageEnd   1-minute load average when it ended.
     * @param othersCores      cores used on average by processes other than the suite's, NaN if unknown.
     * @param seconds          the round's wall time for this target.
     */
    public record Round(
        int round, String column, double loadAverageStart, double loadAverageEnd, double othersCores, double seconds)
    {
        /**
         * @return true if other processes used more than {@link #BUSY_OTHERS_CORES} on average.
         */
        public boolean busy()
        {
            return !Double.isNaN(othersCores) && othersCores > BUSY_OTHERS_CORES;
        }
    }

    private MachineLoad()
    {
    }

    /**
     * @return a reading now; take it before starting a target and again before closing it (while its
     * processes are still alive, so their CPU is counted as the suite's).
     */
    public static Sample sample()
    {
        final double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return new Sample(System.nanoTime(), load < 0 ? Double.NaN : load, busyTicks(), ownTicks());
    }

    /**
     * @return the round between two readings.
     */
    public static Round between(final int round, final String column, final Sample start, final Sample end)
    {
        final double seconds = (end.nowNs() - start.nowNs()) / (double)TimeUnit.SECONDS.toNanos(1);
        double others = Double.NaN;
        if (start.busyTicks() >= 0 && end.busyTicks() >= 0 && start.ownTicks() >= 0 && end.ownTicks() >= 0 &&
            seconds > 0)
        {
            final long othersTicks = (end.busyTicks() - start.busyTicks()) - (end.ownTicks() - start.ownTicks());
            others = Math.max(0, othersTicks) / TICKS_PER_SECOND / seconds;
        }
        return new Round(round, column, start.loadAverage(), end.loadAverage(), others, seconds);
    }

    private static long busyTicks()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII))
            {
                if (line.startsWith("cpu "))
                {
                    final String[] f = line.trim().split("\\s+");
                    long busy = 0;
                    // user nice system idle iowait irq softirq steal: everything but idle and iowait.
                    for (int i = 1; i < Math.min(f.length, 9); i++)
                    {
                        busy += (4 == i || 5 == i) ? 0 : Long.parseLong(f[i]);
                    }
                    return busy;
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
        return -1;
    }

    private static long ownTicks()
    {
        final ProcessHandle self = ProcessHandle.current();
        long ticks = processTicks(self.pid());
        if (ticks < 0)
        {
            return -1;
        }
        for (final ProcessHandle child : (Iterable<ProcessHandle>)self.descendants()::iterator)
        {
            ticks += Math.max(0, processTicks(child.pid()));
        }
        return ticks;
    }

    /**
     * utime + stime + cutime + cstime of one process (its reaped children included), or -1.
     */
    private static long processTicks(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            // Fields after the command (which may hold spaces) start at state, field 3.
            final String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }
}
