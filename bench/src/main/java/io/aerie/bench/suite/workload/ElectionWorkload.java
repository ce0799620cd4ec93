package io.aerie.bench.suite.workload;

import io.aerie.bench.suite.ChildJvm;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteMode;
import io.aerie.bench.suite.SystemUnderTest;
import io.aerie.bench.suite.aerie.AerieTarget;
import io.aerie.bench.suite.aerie.ElectionContender;
import io.aerie.client.AerieClient;
import io.aerie.client.recipes.LeaderLatch;
import io.aerie.client.recipes.LeadershipListener;
import io.aerie.client.recipes.LeadershipLoss;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The election recipe's hand-over after the leader's client process dies (Aerie only, run when named:
 * {@code --workloads election}): a {@link LeaderLatch} leader in its own JVM ({@link ElectionContender}, session
 * timeout T, started with {@link ChildJvm}) is killed with {@code kill -9}; the next contender, a latch on the rig's
 * thread, leads once the cluster expires the dead session (no keepalive for T), deletes its election node and the
 * contender's watch on it fires. Measured from just before the kill to the contender's {@code onLeadershipGained},
 * for each of the mode's session timeouts ({@link SuiteMode#electionSessionTimeoutsMs()}), over
 * {@link SuiteMode#electionRounds()} leader processes each: a duration row per T, ms.
 * <p>
 * The dead session expires T after the cluster last heard from it, and a live client sends a keepalive every T/3 when
 * otherwise idle: a crash just after a keepalive hands over after about T, one just before the next after about 2T/3.
 * The workload waits T to T + 0.3T after the leader's last request (its election read) before the kill, in ten even
 * steps round after round, so the kills fall evenly over the keepalive cycle, as crashes would. A round whose leader
 * lost its lead before the kill (its session expired spuriously: a pause longer than T on a loaded machine) is
 * discarded; the rig's own contender has a 10 s session and polls with parks of at most 100 µs, as the leader does.
 */
public final class ElectionWorkload extends RecipeWorkload
{
    private static final String ELECTION = SystemUnderTest.BENCH_ROOT + "/election";
    private static final int CONTENDER_SESSION_TIMEOUT_MS = 10_000;
    private static final long STEP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final long OUTPUT_READ_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(5);

    @Override
    public String name()
    {
        return "election";
    }

    @Override
    void notApplicable(final String column, final SuiteMode mode, final List<Row> rows)
    {
        for (final int timeoutMs : mode.electionSessionTimeoutsMs())
        {
            rows.add(Row.failed(key(timeoutMs), title(timeoutMs), column, Row.Kind.DURATION_MS,
                "n/a: Aerie's recipes only"));
        }
    }

    @Override
    void run(final AerieTarget target, final String column, final SuiteMode mode, final List<Row> rows)
        throws IOException
    {
        final File dir = Files.createTempDirectory("aerie-election-").toFile();
        try (AerieClient client = target.connectClient(CONTENDER_SESSION_TIMEOUT_MS))
        {
            final Rounds rounds = new Rounds(target, client, dir);
            for (final int timeoutMs : mode.electionSessionTimeoutsMs())
            {
                try
                {
                    rows.add(Row.durationMs(key(timeoutMs), title(timeoutMs), column,
                        rounds.measure(timeoutMs, mode.electionRounds())));
                }
                catch (final Exception ex)
                {
                    rows.add(Row.failed(key(timeoutMs), title(timeoutMs), column, Row.Kind.DURATION_MS, ex.toString()));
                }
            }
        }
        catch (final Exception ex)
        {
            rows.add(Row.failed(key(mode.electionSessionTimeoutsMs()[0]), title(mode.electionSessionTimeoutsMs()[0]),
                column, Row.Kind.DURATION_MS, ex.toString()));
        }
        finally
        {
            ChildJvm.deleteRecursively(dir);
        }
    }

    private static String key(final int sessionTimeoutMs)
    {
        return "election-" + sessionTimeoutMs + "ms";
    }

    private static String title(final int sessionTimeoutMs)
    {
        return "election recipe: leader process kill -9 to the next leader, session " + sessionTimeoutMs + " ms";
    }

    /**
     * The rounds of one run: the rig's contender on one session, a leader process per round.
     */
    private static final class Rounds implements LeadershipListener
    {
        private final AerieTarget target;
        private final AerieClient client;
        private final File dir;
        private final IdleStrategy idleStrategy = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
        private long gainedNs;
        private int processes;

        Rounds(final AerieTarget target, final AerieClient client, final File dir)
        {
            this.target = target;
            this.client = client;
            this.dir = dir;
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

        /**
         * @return hand-over times, ns, {@code rounds} of them.
         * @throws IllegalStateException if more rounds were discarded than measured, three times over.
         */
        Histogram measure(final int sessionTimeoutMs, final int rounds) throws IOException, InterruptedException
        {
            final Histogram histogram = Failover.newHistogram();
            int discarded = 0;
            for (int round = 0; histogram.getTotalCount() < rounds; round++)
            {
                final long handOverNs = round(sessionTimeoutMs, round);
                if (handOverNs >= 0)
                {
                    histogram.recordValue(handOverNs);
                }
                else if (++discarded > 3 * rounds)
                {
                    throw new IllegalStateException(discarded + " rounds discarded: the leader lost its lead before " +
                        "the kill (a pause longer than its " + sessionTimeoutMs + " ms session)");
                }
            }
            return histogram;
        }

        /**
         * One hand-over: a new leader process, the rig's contender queued behind it, the kill, the next leader.
         *
         * @return the hand-over time, ns; -1 if the round was discarded (the leader lost its lead before the kill).
         */
        private long round(final int sessionTimeoutMs, final int round) throws IOException, InterruptedException
        {
            final Leader leader = new Leader(sessionTimeoutMs, new File(dir, "leader-" + processes++));
            final LeaderLatch latch = new LeaderLatch(client, ELECTION, null, this);
            try
            {
                await("the leader process leading", () -> null != leader.line("LEADER "), leader);
                final long leaderToken = Long.parseLong(leader.line("LEADER ").substring("LEADER ".length()));
                latch.start();
                await("the contender queued", () -> null != latch.nodePath() || latch.hasLeadership(), leader);
                // Kill at one of ten evenly spaced phases of the leader's keepalive cycle (every T/3 from its last send).
                final long killAtNs = System.nanoTime() +
                    TimeUnit.MILLISECONDS.toNanos(sessionTimeoutMs) * (30 + round % 10) / 30;
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
                ChildJvm.kill(leader.process);
                ChildJvm.deleteRecursively(leader.dir);
            }
        }

        private void await(final String what, final BooleanSupplier condition, final Leader leader)
        {
            final long deadlineNs = System.nanoTime() + STEP_TIMEOUT_NS;
            idleStrategy.reset();
            while (!condition.getAsBoolean())
            {
                if (System.nanoTime() - deadlineNs > 0 || (null != leader && !leader.process.isAlive()))
                {
                    throw new IllegalStateException("no " + what +
                        (null == leader ? "" : "; leader output: " + ChildJvm.tail(leader.log, 2_000)));
                }
                idleStrategy.idle(client.poll());
            }
        }

        /**
         * An {@link ElectionContender} in its own JVM, with its own embedded media driver; its output read from its
         * log at most every 5 ms.
         */
        private final class Leader
        {
            final File dir;
            final File log;
            final Process process;
            private List<String> lines = List.of();
            private long lastReadNs;

            Leader(final int sessionTimeoutMs, final File dir) throws IOException
            {
                this.dir = dir;
                Files.createDirectories(dir.toPath());
                this.log = new File(dir, "leader.log");
                final List<String> args = new ArrayList<>(target.clientProcessArgs());
                args.addAll(List.of(
                    ELECTION, Integer.toString(sessionTimeoutMs), new File(dir, "driver").getAbsolutePath()));
                this.process = ChildJvm.start(
                    List.of("-XX:+UseSerialGC", "-Xmx256m"), ElectionContender.class.getName(), args, log);
            }

            /**
             * @return the first output line starting with {@code prefix}, or null.
             */
            String line(final String prefix)
            {
                final long nowNs = System.nanoTime();
                if (nowNs - lastReadNs > OUTPUT_READ_INTERVAL_NS)
                {
                    lastReadNs = nowNs;
                    try
                    {
                        lines = Files.readAllLines(log.toPath(), StandardCharsets.UTF_8);
                    }
                    catch (final IOException ex)
                    {
                        // Not written yet, or being written: read again next time.
                    }
                }
                for (final String line : lines)
                {
                    if (line.startsWith(prefix))
                    {
                        return line;
                    }
                }
                return null;
            }
        }
    }
}
