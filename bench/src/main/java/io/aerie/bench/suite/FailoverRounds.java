package io.aerie.bench.suite;

import io.aerie.bench.RigCommandLine;
import io.aerie.bench.suite.aerie.AerieTarget;
import io.aerie.engine.node.Durability;
import io.aerie.bench.suite.workload.Failover;
import io.aerie.bench.suite.zookeeper.ZooKeeperTargets;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The suite's failover workload, many times over: a named rig that is a loop over the suite's own pieces (its
 * {@link Failover} workload, {@link AerieTarget}, {@code ZooKeeperTargets.ensemble}, {@link Rig}), and nothing else.
 * Aerie beside ZooKeeper in the same run: each round starts a fresh 3-node Aerie
 * cluster (node processes) and a fresh 3-server ZooKeeper ensemble, one after the other (A B A B ...), and measures
 * on each, with the suite's {@link Failover} workload, the time from {@code kill -9} of the leader's process to the
 * next acknowledged write. Prints each sample with the time of the kill (ms since the epoch, to line it up with
 * {@link ElectionTimeline}'s output) and the load average, then the median, p90 and max per target; a round that
 * fails is reported and counted, and the run goes on.
 * <p>
 * Node settings come from {@code -Daerie.node.*} on this JVM, which the node processes inherit: for example
 * {@code -Daerie.node.leader.heartbeat.timeout=300ms}.
 * <p>
 * Usage: {@code FailoverRounds [rounds=10] [aerie|zookeeper|both=both] [aeriePortBase=12700] [zkPortBase=12960]
 * [fsync=false]}: fsync true runs ZooKeeper with forceSync and Aerie with durability data, false neither.
 */
public final class FailoverRounds
{
    private static final long START_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(90);

    private FailoverRounds()
    {
    }

    @Command(name = "FailoverRounds", mixinStandardHelpOptions = true,
        description = "Many rounds of the suite's failover workload, Aerie beside ZooKeeper.")
    static final class Options
    {
        @Parameters(index = "0", arity = "0..1", defaultValue = "10", description = "rounds (${DEFAULT-VALUE})")
        int rounds;
        @Parameters(index = "1", arity = "0..1", defaultValue = "both",
            description = "aerie, zookeeper or both (${DEFAULT-VALUE})")
        String which;
        @Parameters(index = "2", arity = "0..1", defaultValue = "12700",
            description = "Aerie port base (${DEFAULT-VALUE})")
        int aeriePortBase;
        @Parameters(index = "3", arity = "0..1", defaultValue = "12960",
            description = "ZooKeeper port base (${DEFAULT-VALUE})")
        int zkPortBase;
        @Parameters(index = "4", arity = "0..1", defaultValue = "false",
            description = "true: ZooKeeper with forceSync and Aerie with durability data (${DEFAULT-VALUE})")
        boolean fsync;
    }

    /**
     * @param args see the class description.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Options options = RigCommandLine.parse(new Options(), args);
        final File workDir = Files.createTempDirectory("aerie-failover-rounds-").toFile();

        final List<String> names = new ArrayList<>();
        final List<Supplier<SystemUnderTest>> targets = new ArrayList<>();
        if (!"zookeeper".equals(options.which))
        {
            names.add("aerie-3");
            targets.add(() -> new AerieTarget(
                3, options.aeriePortBase, workDir, options.fsync ? Durability.DATA : Durability.NONE));
        }
        if (!"aerie".equals(options.which))
        {
            names.add("zk-ensemble-" + (options.fsync ? "fsync" : "nofsync"));
            targets.add(() -> ZooKeeperTargets.ensemble(options.fsync, options.zkPortBase));
        }

        final Histogram[] histograms = new Histogram[targets.size()];
        for (int t = 0; t < histograms.length; t++)
        {
            histograms[t] = Failover.newHistogram();
        }
        final int[] failures = new int[targets.size()];
        final Rig rig = new Rig(TimeUnit.SECONDS.toNanos(30));
        try
        {
            for (int round = 1; round <= options.rounds; round++)
            {
                for (int t = 0; t < targets.size(); t++)
                {
                    try
                    {
                        final long[] killedAtMs = new long[1];
                        final long ns = measure(targets.get(t).get(), rig, (epochMs) -> killedAtMs[0] = epochMs);
                        histograms[t].recordValue(ns);
                        System.out.printf(Locale.ROOT,
                            "round %d %s: failover %d ms (killed at %d ms since the epoch; load average %.2f)%n",
                            round, names.get(t), TimeUnit.NANOSECONDS.toMillis(ns), killedAtMs[0], loadAverage());
                    }
                    catch (final Exception ex)
                    {
                        // A round that fails (no write within the rig's timeout, a target that did not start) is
                        // reported and counted, not allowed to end the run.
                        failures[t]++;
                        System.out.printf(Locale.ROOT, "round %d %s: FAILED %s (load average %.2f)%n",
                            round, names.get(t), ex, loadAverage());
                    }
                }
            }
        }
        finally
        {
            ChildJvm.deleteRecursively(workDir);
        }

        for (int t = 0; t < targets.size(); t++)
        {
            final Histogram h = histograms[t];
            System.out.printf(Locale.ROOT,
                "%s: %d failovers, median %d ms, p90 %d ms, max %d ms, min %d ms; %d round(s) failed%n",
                names.get(t), h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getMaxValue()), ms(h.getMinValue()), failures[t]);
        }
    }

    private static long measure(final SystemUnderTest target, final Rig rig, final LongConsumer onKill)
        throws Exception
    {
        try (target)
        {
            target.start(System.nanoTime() + START_TIMEOUT_NS);
            return Failover.measureNs(target, rig, onKill);
        }
    }

    private static long ms(final long ns)
    {
        return TimeUnit.NANOSECONDS.toMillis(ns);
    }

    private static double loadAverage()
    {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
