package io.aerie.bench.latency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * CPU time a process has used so far (user + system, all its threads), read from Linux's {@code /proc/<pid>/stat}.
 * On a loaded machine wall time says how long a phase waited for a core; CPU time says what the phase cost.
 */
final class ProcessCpu
{
    /** {@code /proc} counts in clock ticks of {@code sysconf(_SC_CLK_TCK)}, 100 per second on Linux. */
    private static final long MS_PER_TICK = 10;
    private static final int UTIME_FIELD = 14;

    private ProcessCpu()
    {
    }

    /**
     * @param pid a process id.
     * @return the CPU milliseconds it has used, or -1 if it cannot be read (not Linux, process gone).
     */
    static long cpuMs(final long pid)
    {
        try
        {
            final String stat = new String(Files.readAllBytes(Paths.get("/proc", Long.toString(pid), "stat")),
                StandardCharsets.US_ASCII);
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            final int utimeIndex = UTIME_FIELD - 3;
            return (Long.parseLong(fields[utimeIndex]) + Long.parseLong(fields[utimeIndex + 1])) * MS_PER_TICK;
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }
}
