package io.aerie.client.difftest;

import io.aerie.codecs.CreateMode;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The differential test: the same seeded random operations against an in-process Apache ZooKeeper 3.9 server and a
 * one-node Aerie cluster, every answer compared after normalization (see {@link DifferentialRun}). Known
 * differences are listed in {@link KnownDifference}, counted and printed; anything else fails with what is needed
 * to replay it.
 * <p>
 * Sizes: {@value #SEEDS_DEFAULT} seeds of {@value #OPS_DEFAULT} ops by default (CI), more by command:
 * {@code -Daerie.difftest.seeds=N -Daerie.difftest.ops=N -Daerie.difftest.seed=FIRST}, and
 * {@code -Daerie.difftest.verbose=true} prints both raw answers of every op. One more seed (the first + 1000) runs
 * with a chroot in both connect strings. Every op waits for both systems' answers, so a run's time is its ops times
 * the round trips of two systems sharing the machine: at load average 17 to 30 under {@code reliability/bin/cpu-load}
 * 6,000 ops took 191 s (a session's end and reopening about 0.5 s of it each, a third of the whole), and at load 45 to
 * 60 the 4,500 of one test outlasted a fixed 300 s bound. So CI runs 2,400, and each test's bound scales with the ops
 * it runs ({@link #bound(long)}): generous enough for a loaded machine, and a long run by command is bounded by its
 * own size, not by CI's.
 * <p>
 * Container and TTL sweeps are kept out of these runs: they are timers, so their deletions are not ordered against
 * the ops (ZooKeeper runs no container manager, Aerie's sweep interval is a day). Containers and TTL nodes are still
 * created, read, written and deleted like any node; {@code ZooKeeperSweepDifferentialClusterTest} compares the
 * sweeps.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZooKeeperDifferentialClusterTest
{
    static final String SEEDS_PROP_NAME = "aerie.difftest.seeds";
    static final String OPS_PROP_NAME = "aerie.difftest.ops";
    static final String SEED_PROP_NAME = "aerie.difftest.seed";
    static final int SEEDS_DEFAULT = 3;
    static final int OPS_DEFAULT = 600;
    static final long BOUND_BASE_MS = 60_000;
    static final long BOUND_PER_OP_MS = 250;
    private static final int PORT_BASE = 23200;
    private static final long CHROOT_SEED_OFFSET = 1000;

    private DiffSystems systems;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void start(@TempDir final File dir) throws Exception
    {
        systems = new DiffSystems(dir, PORT_BASE, TimeUnit.DAYS.toMillis(1));
    }

    @AfterAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void stop()
    {
        CloseHelper.close(systems);
    }

    @Test
    void shouldAnswerSeededRandomOperationsAsZooKeeperDoes() throws Exception
    {
        final int seeds = Integer.getInteger(SEEDS_PROP_NAME, SEEDS_DEFAULT);
        final int ops = Integer.getInteger(OPS_PROP_NAME, OPS_DEFAULT);
        final long firstSeed = Long.getLong(SEED_PROP_NAME, 1);
        final DifferentialRun run = new DifferentialRun(systems.zooKeeper(), systems.aerie(), DiffSystems.SESSIONS);
        assertTimeoutPreemptively(bound((long)seeds * ops), () ->
        {
            for (long seed = firstSeed; seed < firstSeed + seeds; seed++)
            {
                run.runSeed(seed, ops);
            }
        });

        System.out.printf("Differential test: %d ops compared over %d seeds from %d; known differences:%n%s",
            run.compared(), seeds, firstSeed, run.describeKnownCounts());
        assertEquals((long)seeds * (ops + 1), run.compared());
        systems.assertNoClusterErrors();
    }

    @Test
    void shouldAnswerSeededRandomOperationsUnderChrootAsZooKeeperDoes() throws Exception
    {
        final int ops = Integer.getInteger(OPS_PROP_NAME, OPS_DEFAULT);
        final long seed = Long.getLong(SEED_PROP_NAME, 1) + CHROOT_SEED_OFFSET;
        assertTimeoutPreemptively(bound(ops), () -> runUnderChroot(seed, ops));
        systems.assertNoClusterErrors();
    }

    /**
     * The bound of a test that runs this many ops: {@value #BOUND_BASE_MS} ms for its sessions and
     * {@value #BOUND_PER_OP_MS} ms per op, several times what an op took at load average 17 to 30 (32 ms, session
     * ends included). It catches a hang; it is not a measure.
     *
     * @param ops ops the test runs.
     * @return the bound.
     */
    static Duration bound(final long ops)
    {
        return Duration.ofMillis(BOUND_BASE_MS + ops * BOUND_PER_OP_MS);
    }

    private void runUnderChroot(final long seed, final int ops) throws Exception
    {
        final String chroot = "/chroot" + seed;
        final DifferentialRun setUp = new DifferentialRun(systems.zooKeeper(), systems.aerie(), DiffSystems.SESSIONS);
        setUp.begin(seed);
        setUp.apply(-1, DiffOp.create(0, chroot, null, CreateMode.PERSISTENT, -1, true));
        setUp.end();

        try (DiffDriver zooKeeper = systems.newZooKeeperDriver(chroot); DiffDriver aerie = systems.newAerieDriver(chroot))
        {
            final DifferentialRun run = new DifferentialRun(zooKeeper, aerie, DiffSystems.SESSIONS);
            run.replayHint("shouldAnswerSeededRandomOperationsUnderChrootAsZooKeeperDoes with -Daerie.difftest.seed=" +
                (seed - CHROOT_SEED_OFFSET) + " -Daerie.difftest.ops=" + ops);
            run.runSeed(seed, ops);

            System.out.printf("Differential test under chroot %s: %d ops compared; known differences:%n%s",
                chroot, run.compared(), run.describeKnownCounts());
            assertEquals(ops + 1, run.compared());
        }
    }
}
