package io.aerie.bench.restart;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The restart rig ({@code bench/bin/restart}): for Aerie (one node) and Apache ZooKeeper 3.9.5 (standalone) in the
 * same run, create N znodes of 100 bytes, then restart three times and time each restart from starting the
 * process to the first correct read and to all data present, with the heap used once it is:
 * <ol>
 * <li>{@code log}: stopped with SIGTERM, no snapshot taken: every create is replayed from the log;</li>
 * <li>{@code snapshot}: a snapshot taken, stopped with SIGTERM;</li>
 * <li>{@code kill-9}: killed with SIGKILL, restarting from that snapshot.</li>
 * </ol>
 * Prints a table and writes {@code restart-<date>-<N>.json}. A benchmark, not a test: on a shared machine compare
 * the systems within one run, and note the load average printed with the results.
 * <pre>
 * bench/bin/restart                       # 100,000 znodes
 * bench/bin/restart --znodes 1000000      # the size
 * bench/bin/restart --only aerie --out /tmp
 * bench/bin/restart --tree-maps memory    # Aerie's tree maps in memory: every restart loads the snapshot
 * bench/bin/restart --tree-maps shm       # in /dev/shm instead of the node's directory
 * bench/bin/restart --restarts snapshot,snapshot   # only restarts from a snapshot, twice
 * </pre>
 * Ports from 10500 ({@code --port-base}): Aerie's node uses base + 0..5, ZooKeeper base + 50.
 */
public final class RestartRig
{
    private RestartRig()
    {
    }

    /**
     * Run the rig.
     *
     * @param args {@code --znodes N}, {@code --children-per-parent C} (1000), {@code --only aerie|zookeeper},
     *             {@code --out DIR} (the current directory), {@code --port-base P} (10500), {@code --timeout-s S}
     *             (600), {@code --tree-maps node|shm|disk|memory} (node, the default: the node's tree maps as files in
     *             its own directory, so a restart from a snapshot maps their copy back; shm: in /dev/shm; disk: in the
     *             rig's directory, beside the node's; memory: in memory), {@code --restarts log,snapshot,kill-9}
     *             (the restarts to time, in the order given; {@code log} is log-only only before any
     *             {@code snapshot}, which takes a new snapshot before its restart; the default is all three).
     * @throws Exception if a system fails to start, load or restart.
     */
    public static void main(final String[] args) throws Exception
    {
        long znodes = 100_000;
        int childrenPerParent = 1000;
        String only = "";
        File out = new File(".");
        int portBase = 10_500;
        long timeoutS = 600;
        String treeMaps = "node";
        String restarts = "log,snapshot,kill-9";
        for (int i = 0; i < args.length; i += 2)
        {
            final String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i])
            {
                case "--znodes": znodes = Long.parseLong(value.replace("_", "")); break;
                case "--children-per-parent": childrenPerParent = Integer.parseInt(value); break;
                case "--only": only = value; break;
                case "--out": out = new File(value); break;
                case "--port-base": portBase = Integer.parseInt(value); break;
                case "--timeout-s": timeoutS = Long.parseLong(value); break;
                case "--tree-maps": treeMaps = value; break;
                case "--restarts": restarts = value; break;
                default: throw new IllegalArgumentException("unknown option " + args[i] + ", see RestartRig's javadoc");
            }
        }

        final List<RestartResult> results = run(new TreeShape(znodes, childrenPerParent), only, portBase,
            TimeUnit.SECONDS.toNanos(timeoutS), treeMaps, List.of(restarts.split(",")), System.out);
        final String loadAverage = loadAverage();
        System.out.print(table(results));
        System.out.println("load average at the end: " + loadAverage);
        Files.createDirectories(out.toPath());
        final File json = new File(out, "restart-" + LocalDate.now() + "-" + znodes + ".json");
        Files.writeString(json.toPath(), json(results, loadAverage), StandardCharsets.UTF_8);
        System.out.println("wrote " + json);
    }

    /**
     * Load and restart each system in turn.
     *
     * @param only "aerie" or "zookeeper" for one of them, anything else for both.
     * @param treeMapsIn where Aerie's node keeps its tree maps as files: "node" (its own directory, the node's
     *                   default), "shm" (/dev/shm), "disk" (in the rig's directory) or "memory" (in memory: every
     *                   restart loads the snapshot).
     * @param restarts   which of "log", "snapshot", "kill-9" to time.
     * @param log  progress lines.
     * @return the results, Aerie's first.
     */
    static List<RestartResult> run(
        final TreeShape shape,
        final String only,
        final int portBase,
        final long timeoutNs,
        final String treeMapsIn,
        final List<String> restarts,
        final PrintStream log)
        throws Exception
    {
        final List<RestartResult> results = new ArrayList<>();
        final File base = Files.createTempDirectory("aerie-restart-rig").toFile();
        try
        {
            if (!"zookeeper".equals(only))
            {
                final File treeMaps = treeMapDir(treeMapsIn, base);
                try (RestartTarget aerie = new AerieRestartTarget(
                    shape, timeoutNs, new File(base, "aerie"), portBase, treeMaps, !"memory".equals(treeMapsIn)))
                {
                    measure(aerie, restarts, log, results);
                }
            }
            if (!"aerie".equals(only))
            {
                try (RestartTarget zk = new ZooKeeperRestartTarget(
                    shape, timeoutNs, new File(base, "zookeeper"), portBase + 50))
                {
                    measure(zk, restarts, log, results);
                }
            }
        }
        finally
        {
            io.aerie.bench.suite.ChildJvm.deleteRecursively(base);
        }
        return results;
    }

    private static void measure(
        final RestartTarget target, final List<String> restarts, final PrintStream log, final List<RestartResult> results)
        throws Exception
    {
        log.println(target.name() + ": starting empty");
        target.startEmpty();
        final long loadStartNs = System.nanoTime();
        target.load();
        log.printf(Locale.ROOT, "%s: loaded %,d znodes in %.1f s%n", target.name(), target.shape.znodes(),
            (System.nanoTime() - loadStartNs) / 1e9);
        boolean hasSnapshot = false;
        for (final String kind : restarts)
        {
            switch (kind)
            {
                case "log" -> results.add(report(log, target.restart("log", false)));
                case "snapshot" ->
                {
                    target.snapshot();
                    hasSnapshot = true;
                    results.add(report(log, target.restart("snapshot", false)));
                }
                case "kill-9" ->
                {
                    if (!hasSnapshot)
                    {
                        target.snapshot();
                        hasSnapshot = true;
                    }
                    results.add(report(log, target.restart("kill-9", true)));
                }
                default -> throw new IllegalArgumentException("--restarts takes log, snapshot, kill-9: " + kind);
            }
        }
        final String disk = target.diskUse();
        if (!disk.isEmpty())
        {
            log.printf(Locale.ROOT, "%s: disk after the restarts: %s%n", target.name(), disk);
        }
    }

    private static RestartResult report(final PrintStream log, final RestartResult result)
    {
        log.printf(Locale.ROOT, "%s %s: first read %d ms (cpu %d ms: %s), all data %d ms, heap %d MiB%n",
            result.system(), result.kind(), result.firstReadMs(), result.firstReadCpuMs(), result.topThreads(),
            result.allDataMs(), result.heapUsedMiB());
        if (!result.phases().isEmpty())
        {
            log.printf(Locale.ROOT, "%s %s: phases %s%n", result.system(), result.kind(), result.phases());
        }
        return result;
    }

    /**
     * @return the results as an aligned table.
     */
    static String table(final List<RestartResult> results)
    {
        final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
            "%-10s %-9s %10s %14s %12s %9s %12s%n", "system", "restart", "znodes", "first read ms", "all data ms",
            "heap MiB", "cpu ms"));
        for (final RestartResult r : results)
        {
            sb.append(String.format(Locale.ROOT, "%-10s %-9s %10d %14d %12d %9d %12d%n",
                r.system(), r.kind(), r.znodes(), r.firstReadMs(), r.allDataMs(), r.heapUsedMiB(), r.firstReadCpuMs()));
        }
        return sb.toString();
    }

    /**
     * @return the results as JSON: {@code {"loadAverage":"...","results":[{...},...]}}.
     */
    static String json(final List<RestartResult> results, final String loadAverage)
    {
        final StringBuilder sb = new StringBuilder("{\"loadAverage\":\"").append(loadAverage).append("\",\"results\":[");
        for (int i = 0; i < results.size(); i++)
        {
            final RestartResult r = results.get(i);
            sb.append(i > 0 ? "," : "").append(String.format(Locale.ROOT,
                "{\"system\":\"%s\",\"restart\":\"%s\",\"znodes\":%d,\"firstReadMs\":%d,\"allDataMs\":%d," +
                "\"heapUsedMiB\":%d,\"firstReadCpuMs\":%d,\"topThreads\":\"%s\",\"phases\":\"%s\"}", r.system(), r.kind(),
                r.znodes(), r.firstReadMs(), r.allDataMs(), r.heapUsedMiB(), r.firstReadCpuMs(), r.topThreads(),
                r.phases()));
        }
        return sb.append("]}\n").toString();
    }

    private static File treeMapDir(final String treeMapsIn, final File base) throws IOException
    {
        switch (treeMapsIn)
        {
            case "node", "memory": return null;
            case "shm":
                return Files.createTempDirectory(new File("/dev/shm").toPath(), "aerie-restart-rig-tree").toFile();
            case "disk": return new File(base, "aerie-tree-maps");
            default: throw new IllegalArgumentException("--tree-maps is node, shm, disk or memory: " + treeMapsIn);
        }
    }

    private static String loadAverage()
    {
        try
        {
            return Files.readString(new File("/proc/loadavg").toPath()).trim();
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
    }
}
