package io.aerie.bench.latency;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;

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
        return statCpuMs(Paths.get("/proc", Long.toString(pid), "stat").toFile());
    }

    /**
     * CPU time by thread name, threads of one kind together (trailing digits dropped: "C2 CompilerThre" for all the
     * C2 compiler threads), including threads that have ended only while the process lives.
     *
     * @param pid a process id.
     * @return CPU milliseconds by thread name, sorted by name; empty if {@code /proc} cannot be read.
     */
    static Map<String, Long> cpuMsByThread(final long pid)
    {
        final Map<String, Long> byName = new TreeMap<>();
        final File[] tasks = new File("/proc/" + pid + "/task").listFiles();
        if (null != tasks)
        {
            for (final File task : tasks)
            {
                final File stat = new File(task, "stat");
                final long ms = statCpuMs(stat);
                if (ms > 0)
                {
                    byName.merge(threadName(stat), ms, Long::sum);
                }
            }
        }
        return byName;
    }

    private static String threadName(final File stat)
    {
        try
        {
            final String text = new String(Files.readAllBytes(stat.toPath()), StandardCharsets.US_ASCII);
            return text.substring(text.indexOf('(') + 1, text.lastIndexOf(')')).replaceAll("[-#0-9 ]+$", "");
        }
        catch (final IOException | RuntimeException ex)
        {
            return "?";
        }
    }

    private static long statCpuMs(final File stat)
    {
        try
        {
            final String text = new String(Files.readAllBytes(stat.toPath()), StandardCharsets.US_ASCII);
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
            final String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            final int utimeIndex = UTIME_FIELD - 3;
            return (Long.parseLong(fields[utimeIndex]) + Long.parseLong(fields[utimeIndex + 1])) * MS_PER_TICK;
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }
}
