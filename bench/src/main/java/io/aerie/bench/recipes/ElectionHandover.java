package io.aerie.bench.recipes;

import io.aerie.bench.RigCommandLine;
import io.aerie.client.AerieClient;
import io.aerie.client.recipes.LeaderLatch;
import io.aerie.client.recipes.LeadershipListener;
import io.aerie.client.recipes.LeadershipLoss;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Election hand-over time after the leader's client process dies: a {@link LeaderLatch} leader in its own JVM
 * ({@link HandoverContender}, session timeout T) is killed with {@code kill -9} (SIGKILL, {@link
 * Process#destroyForcibly()}); the next contender, a latch in this JVM, leads once the cluster expires the dead
 * session (no keepalive for T), deletes its election node and the contender's one-time watch on it fires. Measured
 * from just before the kill to the contender's {@code onLeadershipGained}, for each session timeout, over N rounds
 * (a new leader process each round), p50/p90/p99/max in ms with HdrHistogram.
 * <p>
 * The cluster is 3 nodes in this JVM ({@link LocalCluster}, port base 8600, the launcher's defaults otherwise); the
 * contender here has a 10 s session and polls with parks of at most 100 us, as the leader process does. A round whose
 * leader lost its lead before the kill (its session expired spuriously: a pause longer than T on a loaded machine) is
 * discarded and counted.
 * <p>
 * The dead session expires T after the cluster last heard from it, and a live client sends a keepalive every T/3 when
 * otherwise idle: a crash just after a keepalive hands over after about T, one just before the next after about 2T/3.
 * The rig waits T to T + 0.3T after the leader's last request (its election read) before the kill, in ten even steps
 * round after round, so the kills fall evenly over the keepalive cycle, as crashes would; without that wait every kill
 * would come just after a send and the figures would all be about T.
 * <p>
 * Usage: {@code java $(cat bench/target/jvm.flags) -cp bench/target/aerie-benchmarks.jar
 * io.aerie.bench.recipes.ElectionHandover [rounds=30] [sessionTimeoutsMs=100,250,1000]}.
 */
public final class ElectionHandover implements LeadershipListener
{
    static final int PORT_BASE = 8_600;
    static final String ELECTION = "/handover";
    private static final long STEP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final AerieClient client;
    private final File dir;
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
    private final LocalCluster cluster;
    private long gainedNs;

    private ElectionHandover(final LocalCluster cluster, final AerieClient client, final File dir)
    {
        this.cluster = cluster;
        this.client = client;
        this.dir = dir;
    }

    @Command(name = "ElectionHandover", mixinStandardHelpOptions = true,
        description = "Leader latch hand-over after kill -9 of the leader's process.")
    static final class Options
    {
        @Parameters(index = "0", arity = "0..1", defaultValue = "30",
            description = "rounds per session timeout (${DEFAULT-VALUE})")
        int rounds;
        @Parameters(index = "1", arity = "0..1", defaultValue = "100,250,1000",
            description = "session timeouts in ms, comma separated (${DEFAULT-VALUE})")
        String timeouts;
    }

    /**
     * @param args rounds per session timeout, and the session timeouts in ms, comma separated.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Options options = RigCommandLine.parse(new Options(), args);
        final String[] timeouts = options.timeouts.split(",");
        final File dir = Files.createTempDirectory("aerie-handover").toFile();
        try (LocalCluster cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(3)
            .portBase(PORT_BASE)
            .dir(new File(dir, "cluster"))
            .serviceContextSupplier(() -> new AerieClusteredService.Context()
                .minSessionTimeoutMs(100)
                .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(8L * 1024 * 1024)))))
        {
            cluster.findLeader(System.nanoTime() + STEP_TIMEOUT_NS);
            final AerieClient.Context clientCtx = new AerieClient.Context();
            clientCtx.agents().useConductorInvoker(true);
            clientCtx.connection()
                .ingressEndpoints(cluster.ingressEndpoints())
                .ingressChannel(cluster.ingressChannel())
                .egressChannel(cluster.egressChannel())
                .embeddedAeronDirectoryName(new File(dir, "rig-driver").getAbsolutePath());
            clientCtx.session().sessionTimeoutMs(10_000);
            clientCtx.requests().requestTimeoutNs(STEP_TIMEOUT_NS);
            try (AerieClient client = AerieClient.connect(clientCtx))
            {
                final ElectionHandover rig = new ElectionHandover(cluster, client, dir);
                System.out.printf("election hand-over after kill -9 of the leader's process, 3-node cluster in this JVM, " +
                    "%d rounds per session timeout (ms)%n", options.rounds);
                for (final String timeout : timeouts)
                {
                    rig.measure(Integer.parseInt(timeout.trim()), options.rounds);
                }
            }
        }
        finally
        {
            IoUtil.delete(dir, true);
        }
    }

    @Override
    public void onLeadershipGained(final long fencingToken)
    {
        gainedNs = System.nanoTime();
    }

    @Override
    public void onLeadershipLost(final long fencingToken, final LeadershipLoss reason)
    {
    }

    private void measure(final int sessionTimeoutMs, final int rounds) throws IOException, InterruptedException
    {
        final Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        final List<String> samples = new ArrayList<>();
        int discarded = 0;
        int round = 0;
        while (histogram.getTotalCount() < rounds)
        {
            final long handOverNs = round(sessionTimeoutMs, round++);
            if (handOverNs < 0)
            {
                discarded++;
                continue;
            }
            histogram.recordValue(TimeUnit.NANOSECONDS.toMicros(handOverNs));
            samples.add(String.format("%.0f", handOverNs / 1e6));
        }
        System.out.printf("  session %4d ms: p50 %7.1f  p90 %7.1f  p99 %7.1f  max %7.1f  min %7.1f  (n=%d, discarded %d)%n",
            sessionTimeoutMs, millis(histogram.getValueAtPercentile(50)), millis(histogram.getValueAtPercentile(90)),
            millis(histogram.getValueAtPercentile(99)), millis(histogram.getMaxValue()), millis(histogram.getMinValue()),
            histogram.getTotalCount(), discarded);
        System.out.println("    rounds: " + String.join(" ", samples));
    }

    /**
     * One hand-over: a new leader process, this JVM's contender queued behind it, the kill, the next leader.
     *
     * @return the hand-over time, ns; -1 if the round was discarded (the leader lost its lead before the kill).
     */
    private long round(final int sessionTimeoutMs, final int round) throws IOException, InterruptedException
    {
        final File driverDir = new File(dir, "contender-" + sessionTimeoutMs + "-" + round);
        final ChildProcess leader = ChildProcess.start(cluster, sessionTimeoutMs, driverDir);
        final LeaderLatch latch = new LeaderLatch(client, ELECTION, null, this);
        try
        {
            await("the leader process leading", () -> null != leader.line("LEADER "), leader);
            final long leaderToken = Long.parseLong(leader.line("LEADER ").substring("LEADER ".length()));
            latch.start();
            await("the contender queued", () -> null != latch.nodePath() || latch.hasLeadership(), leader);
            // Kill at one of ten evenly spaced phases of the leader's keepalive cycle (every T/3 from its last send).
            final long settleNs = TimeUnit.MILLISECONDS.toNanos(sessionTimeoutMs) * (30 + round % 10) / 30;
            final long killAtNs = System.nanoTime() + settleNs;
            await("the kill time", () -> System.nanoTime() - killAtNs >= 0, leader);
            if (latch.hasLeadership() || null != leader.line("FOLLOWER "))
            {
                return -1;
            }
            gainedNs = 0;
            final long killNs = System.nanoTime();
            leader.process.destroyForcibly(); // SIGKILL; its exit is awaited after the measurement
            await("the contender leading", latch::hasLeadership, null);
            if (latch.fencingToken() <= leaderToken)
            {
                throw new IllegalStateException("token did not grow: " + latch.fencingToken() + " <= " + leaderToken);
            }
            return gainedNs - killNs;
        }
        finally
        {
            latch.close();
            leader.kill();
            IoUtil.delete(driverDir, true);
        }
    }

    private void await(final String what, final BooleanSupplier condition, final ChildProcess child)
    {
        final long deadlineNs = System.nanoTime() + STEP_TIMEOUT_NS;
        idleStrategy.reset();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0 || (null != child && !child.process.isAlive()))
            {
                throw new IllegalStateException("no " + what + (null == child ? "" : "; leader output: " + child.lines));
            }
            idleStrategy.idle(client.poll());
        }
    }

    private static double millis(final long micros)
    {
        return micros / 1000.0;
    }

    /**
     * A {@link HandoverContender} in its own JVM: this JVM's java, module flags and class path; output lines read on
     * a thread of their own.
     */
    private static final class ChildProcess
    {
        final Process process;
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        final Thread reader;

        private ChildProcess(final Process process)
        {
            this.process = process;
            this.reader = new Thread(this::readLines, "contender-output");
            reader.setDaemon(true);
            reader.start();
        }

        static ChildProcess start(final LocalCluster cluster, final int sessionTimeoutMs, final File driverDir)
            throws IOException
        {
            final List<String> command = new ArrayList<>();
            command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
            for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
            {
                if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") ||
                    arg.startsWith("--enable-native-access") || arg.startsWith("--sun-misc-unsafe-memory-access") ||
                    arg.startsWith("-Dchronicle"))
                {
                    command.add(arg);
                }
            }
            command.addAll(List.of("-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                HandoverContender.class.getName(), cluster.ingressEndpoints(), cluster.ingressChannel(),
                cluster.egressChannel(), ELECTION, Integer.toString(sessionTimeoutMs), driverDir.getAbsolutePath()));
            return new ChildProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        /**
         * @return the first output line starting with {@code prefix}, or null.
         */
        String line(final String prefix)
        {
            for (final String line : lines)
            {
                if (line.startsWith(prefix))
                {
                    return line;
                }
            }
            return null;
        }

        /**
         * SIGKILL, then wait for the exit.
         */
        void kill() throws InterruptedException
        {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        private void readLines()
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = in.readLine()))
                {
                    lines.add(line);
                }
            }
            catch (final IOException ignore)
            {
                // The process was killed: its output ends here.
            }
        }
    }
}
