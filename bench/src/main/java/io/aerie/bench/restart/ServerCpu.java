package io.aerie.bench.restart;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time a restarted server used by the time it answered, from Linux's {@code /proc/<pid>/task/<tid>/stat}: in
 * all, and by thread name (numbered threads of one kind together). On a loaded machine the wall time of a restart
 * is mostly waiting for a core; the CPU time, and which thread spent it, is what the restart cost.
 */
final class ServerCpu
{
    private static final long MS_PER_TICK = 10;
    private static final int UTIME_FIELD = 14;
    private static final int THREADS_SHOWN = 6;

    private ServerCpu()
    {
    }

    /**
     * @param pid a live process.
     * @return CPU milliseconds by thread name, threads that have ended left out; empty if {@code /proc} is unreadable.
     */
    static Map<String, Long> byThread(final long pid)
    {
        final Map<String, Long> byName = new TreeMap<>();
        final File[] tasks = new File("/proc/" + pid + "/task").listFiles();
        if (null != tasks)
        {
            for (final File task : tasks)
            {
                try
                {
                    final String stat = Files.readString(new File(task, "stat").toPath(), StandardCharsets.US_ASCII);
                    final String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                        .replaceAll("[-#0-9 ]+$", "");
                    final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    final int utime = UTIME_FIELD - 3;
                    byName.merge(name,
                        (Long.parseLong(fields[utime]) + Long.parseLong(fields[utime + 1])) * MS_PER_TICK, Long::sum);
                }
                catch (final IOException | RuntimeException ex)
                {
                    // The thread ended while it was read.
                }
            }
        }
        return byName;
    }

    /**
     * @param pid a process.
     * @return CPU milliseconds the whole process has used (ended threads included), or -1 if it cannot be read.
     */
    static long process(final long pid)
    {
        try
        {
            final String stat = Files.readString(new File("/proc/" + pid + "/stat").toPath(), StandardCharsets.US_ASCII);
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            final int utime = UTIME_FIELD - 3;
            return (Long.parseLong(fields[utime]) + Long.parseLong(fields[utime + 1])) * MS_PER_TICK;
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    /**
     * @return the total of {@link #byThread}.
     */
    static long total(final Map<String, Long> byThread)
    {
        return byThread.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @return the threads that used the most, "name=ms" joined by spaces, most first.
     */
    static String top(final Map<String, Long> byThread)
    {
        return byThread.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
            .limit(THREADS_SHOWN)
            .map((e) -> e.getKey().trim() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
    }
}
