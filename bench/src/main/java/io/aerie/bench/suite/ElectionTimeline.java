package io.aerie.bench.suite;

import io.aerie.bench.RigCommandLine;
import io.aerie.engine.node.NodeProcessCounters;
import io.aeron.AeronCounters;
import io.aeron.cluster.ElectionState;
import org.agrona.concurrent.status.CountersReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Where a failover's time goes: watches every node process on this machine (each Aerie node's Aeron directory under
 * {@code /dev/shm}, found as they start) and prints each change of its election state, role, leadership term and
 * commit position, with the wall-clock time in ms, read from the node's CnC file (read-only, as AeronStat does: no
 * effect on the node). Run it beside {@link FailoverRounds}, which prints the time of each kill on the same clock:
 * <pre>
 * java $(cat bench/target/jvm.flags) -cp bench/target/aerie-benchmarks.jar io.aerie.bench.suite.ElectionTimeline &gt; timeline.txt &amp;
 * java $(cat bench/target/jvm.flags) -cp bench/target/aerie-benchmarks.jar io.aerie.bench.suite.FailoverRounds 3 aerie
 * </pre>
 * Lines: {@code <epoch ms> <aeron dir>:<pid> <what> <value>}. A node whose process is gone is reported once and
 * forgotten. Samples every {@code --interval-us} (500 µs): a state shorter than that may be missed.
 */
public final class ElectionTimeline
{
    private static final int[] TYPE_IDS = {
        AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID,
        AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID,
        AeronCounters.CLUSTER_LEADERSHIP_TERM_ID_TYPE_ID,
        AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID,
    };
    private static final String[] NAMES = { "election", "role", "term", "commit" };
    private static final long SCAN_INTERVAL_MS = 200;

    private ElectionTimeline()
    {
    }

    @Command(name = "ElectionTimeline", mixinStandardHelpOptions = true,
        description = "Print each node's election state, role, term and commit position as they change.")
    static final class Options
    {
        @Option(names = "--dir", defaultValue = "/dev/shm",
            description = "where the nodes' Aeron directories are (${DEFAULT-VALUE})")
        File dir;
        @Option(names = "--prefix", defaultValue = "aerie-node-",
            description = "name prefix of a node's Aeron directory (${DEFAULT-VALUE})")
        String prefix;
        @Option(names = "--interval-us", defaultValue = "500", description = "sampling interval, µs (${DEFAULT-VALUE})")
        long intervalUs;
    }

    /**
     * A node's CnC file, mapped once, and the last values printed.
     */
    private static final class WatchedNode
    {
        final String name;
        final long pid;
        final NodeProcessCounters.Mapped mapped;
        final CountersReader counters;
        final long[] last = new long[TYPE_IDS.length];
        final long[] now = new long[TYPE_IDS.length];

        WatchedNode(final String name, final NodeProcessCounters.Mapped mapped)
        {
            this.name = name;
            this.pid = mapped.pid();
            this.mapped = mapped;
            this.counters = mapped.counters();
            Arrays.fill(last, Long.MIN_VALUE);
        }

        void sample(final PrintStream out)
        {
            Arrays.fill(now, -1);
            counters.forEach((counterId, typeId, keyBuffer, label) ->
            {
                for (int i = 0; i < TYPE_IDS.length; i++)
                {
                    if (TYPE_IDS[i] == typeId)
                    {
                        now[i] = counters.getCounterValue(counterId);
                    }
                }
            });
            final long timeMs = System.currentTimeMillis();
            for (int i = 0; i < TYPE_IDS.length; i++)
            {
                if (now[i] != last[i])
                {
                    last[i] = now[i];
                    out.printf(Locale.ROOT, "%d %s:%d %s %s%n", timeMs, name, pid, NAMES[i], describe(i, now[i]));
                }
            }
        }

        private static String describe(final int index, final long value)
        {
            if (0 == index && value >= 0 && value < ElectionState.values().length)
            {
                return ElectionState.values()[(int)value].name();
            }
            return Long.toString(value);
        }
    }

    /**
     * @param args see {@link Options}.
     */
    public static void main(final String[] args)
    {
        final Options options = RigCommandLine.parse(new Options(), args);
        final List<WatchedNode> nodes = new ArrayList<>();
        final long intervalNs = TimeUnit.MICROSECONDS.toNanos(options.intervalUs);
        long lastScanMs = 0;
        while (!Thread.currentThread().isInterrupted())
        {
            final long nowMs = System.currentTimeMillis();
            if (nowMs - lastScanMs >= SCAN_INTERVAL_MS)
            {
                lastScanMs = nowMs;
                forgetGone(nodes, System.out);
                findNew(options, nodes, System.out);
            }
            for (final WatchedNode node : nodes)
            {
                node.sample(System.out);
            }
            LockSupport.parkNanos(intervalNs);
        }
    }

    private static void forgetGone(final List<WatchedNode> nodes, final PrintStream out)
    {
        nodes.removeIf((node) ->
        {
            if (ProcessHandle.of(node.pid).map(ProcessHandle::isAlive).orElse(false))
            {
                return false;
            }
            out.printf(Locale.ROOT, "%d %s:%d gone%n", System.currentTimeMillis(), node.name, node.pid);
            node.mapped.close();
            return true;
        });
    }

    private static void findNew(final Options options, final List<WatchedNode> nodes, final PrintStream out)
    {
        final File[] dirs = options.dir.listFiles((dir, name) -> name.startsWith(options.prefix));
        if (null == dirs)
        {
            return;
        }
        Arrays.sort(dirs);
        for (final File dir : dirs)
        {
            final WatchedNode node = open(dir, nodes);
            if (null != node)
            {
                nodes.add(node);
                out.printf(Locale.ROOT, "%d %s:%d found%n", System.currentTimeMillis(), node.name, node.pid);
            }
        }
    }

    private static WatchedNode open(final File dir, final List<WatchedNode> nodes)
    {
        final NodeProcessCounters.Mapped mapped = NodeProcessCounters.map(dir.getPath(), -1);
        if (null == mapped)
        {
            return null; // being written or going away: found at a later scan
        }
        if (!ProcessHandle.of(mapped.pid()).map(ProcessHandle::isAlive).orElse(false) ||
            isWatched(nodes, dir.getName(), mapped.pid()))
        {
            mapped.close();
            return null;
        }
        return new WatchedNode(dir.getName(), mapped);
    }

    private static boolean isWatched(final List<WatchedNode> nodes, final String name, final long pid)
    {
        for (final WatchedNode node : nodes)
        {
            if (node.pid == pid && node.name.equals(name))
            {
                return true;
            }
        }
        return false;
    }
}
