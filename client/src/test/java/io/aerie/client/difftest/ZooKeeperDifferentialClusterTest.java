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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The differential test: the same seeded random operations against an in-process Apache ZooKeeper 3.9 server and a
 * one-node Aerie cluster, every answer compared after normalization (see {@link DifferentialRun}). Known
 * differences are listed in {@link KnownDifference}, counted and printed; anything else fails with what is needed
 * to replay it.
 * <p>
 * Sizes: {@value #SEEDS_DEFAULT} seeds of {@value #OPS_DEFAULT} ops by default, more by command:
 * {@code -Daerie.difftest.seeds=N -Daerie.difftest.ops=N -Daerie.difftest.seed=FIRST}, and
 * {@code -Daerie.difftest.verbose=true} prints both raw answers of every op. One more seed (the first + 1000) runs
 * with a chroot in both connect strings.
 * <p>
 * Container and TTL sweeps are kept out of these runs: they are timers, so their deletions are not ordered against
 * the ops (ZooKeeper runs no container manager, Aerie's sweep interval is a day). Containers and TTL nodes are still
 * created, read, written and deleted like any node; {@code ZooKeeperSweepDifferentialClusterTest} compares the
 * sweeps.
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZooKeeperDifferentialClusterTest
{
    static final String SEEDS_PROP_NAME = "aerie.difftest.seeds";
    static final String OPS_PROP_NAME = "aerie.difftest.ops";
    static final String SEED_PROP_NAME = "aerie.difftest.seed";
    static final int SEEDS_DEFAULT = 3;
    static final int OPS_DEFAULT = 1500;
    private static final int PORT_BASE = 23200;
    private static final long CHROOT_SEED_OFFSET = 1000;

    private DiffSystems systems;

    @BeforeAll
    void start(@TempDir final File dir) throws Exception
    {
        systems = new DiffSystems(dir, PORT_BASE, TimeUnit.DAYS.toMillis(1));
    }

    @AfterAll
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
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            run.runSeed(seed, ops);
        }

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
        systems.assertNoClusterErrors();
    }
}
