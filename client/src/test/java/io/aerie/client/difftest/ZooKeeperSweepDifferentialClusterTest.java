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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The differential test of the container and TTL sweeps, which the random runs keep out: per seed, a random tree of
 * containers (some nested, some never used), TTL nodes (expired or not, with or without children) and ephemerals,
 * emptied by deletes and by a session's end, then swept by both systems (ZooKeeper's container manager on demand,
 * Aerie's sweep timer, waited for), then every node read and compared as in {@link DifferentialRun}: what was
 * deleted, and the parents' cversion and pzxid after deletions by the sweep.
 * <p>
 * Until the sweep, nothing touches a node the sweep could take: Aerie's timer may delete it at any moment. More
 * seeds by command: {@code -Daerie.difftest.sweep.seeds=N}.
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZooKeeperSweepDifferentialClusterTest
{
    private static final int PORT_BASE = 23300;
    private static final long SWEEP_INTERVAL_MS = 50;
    private static final long EXPIRED_TTL_MS = 1;
    private static final long LIVE_TTL_MS = TimeUnit.HOURS.toMillis(1);
    /**
     * Number of seeds, {@value #SEEDS_DEFAULT} by default.
     */
    static final String SEEDS_PROP_NAME = "aerie.difftest.sweep.seeds";
    static final int SEEDS_DEFAULT = 3;
    private static final int CONTAINERS = 8;
    private static final int TTL_NODES = 6;
    private static final long SWEEP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private DiffSystems systems;

    @BeforeAll
    void start(@TempDir final File dir) throws Exception
    {
        systems = new DiffSystems(dir, PORT_BASE, SWEEP_INTERVAL_MS);
    }

    @AfterAll
    void stop()
    {
        CloseHelper.close(systems);
    }

    @Test
    void shouldSweepContainersAndTtlNodesAsZooKeeperDoes() throws Exception
    {
        final DifferentialRun run = new DifferentialRun(systems.zooKeeper(), systems.aerie(), DiffSystems.SESSIONS);
        run.replayHint("this test; its seeds run from 1 (-D" + SEEDS_PROP_NAME + "=N)");
        int swept = 0;
        for (long seed = 1, seeds = Integer.getInteger(SEEDS_PROP_NAME, SEEDS_DEFAULT); seed <= seeds; seed++)
        {
            swept += runSeed(run, seed);
        }

        System.out.printf("Sweep differential test: %d ops compared, %d nodes swept; known differences:%n%s",
            run.compared(), swept, run.describeKnownCounts());
        assertTrue(swept > 0, "the scenario swept nothing");
        systems.assertNoClusterErrors();
    }

    private int runSeed(final DifferentialRun run, final long seed) throws Exception
    {
        final Random random = new Random(seed);
        final String root = "/sw" + seed;
        final List<String> nodes = new ArrayList<>();
        final List<String> leavesToDelete = new ArrayList<>();
        final Counter index = new Counter();
        run.begin(seed);
        run.apply(index.next(), DiffOp.create(0, root, null, CreateMode.PERSISTENT, -1, true));

        for (int i = 0; i < CONTAINERS; i++)
        {
            final String container = root + "/c" + i;
            create(run, index, nodes, DiffOp.create(0, container, null, CreateMode.CONTAINER, -1, true));
            final int children = random.nextInt(4);
            for (int j = 0; j < children; j++)
            {
                final String child = container + "/n" + j;
                switch (random.nextInt(3))
                {
                    case 0 ->
                    {
                        create(run, index, nodes, DiffOp.create(0, child, data(random), CreateMode.CONTAINER, -1, true));
                        final String leaf = child + "/l";
                        create(run, index, nodes, DiffOp.create(0, leaf, data(random), CreateMode.PERSISTENT, -1, true));
                        leavesToDelete.add(leaf);
                    }
                    case 1 -> create(run, index, nodes, DiffOp.create(1, child, data(random), CreateMode.EPHEMERAL, -1, true));
                    default ->
                    {
                        create(run, index, nodes, DiffOp.create(0, child, data(random), CreateMode.PERSISTENT, -1, true));
                        if (random.nextInt(3) > 0)
                        {
                            leavesToDelete.add(child);
                        }
                    }
                }
            }
        }
        for (int i = 0; i < TTL_NODES; i++)
        {
            final String ttlNode = root + "/t" + i;
            final long ttlMs = random.nextBoolean() ? EXPIRED_TTL_MS : LIVE_TTL_MS;
            final DiffOp createTtlNode = DiffOp.create(0, ttlNode, data(random), CreateMode.PERSISTENT_WITH_TTL, ttlMs, true);
            if (random.nextBoolean())
            {
                // In one multi: Aerie's timer would take an expired TTL node between two separate creates.
                final String child = ttlNode + "/k";
                final DiffOp createChild = DiffOp.create(0, child, data(random), CreateMode.PERSISTENT, -1, false);
                run.apply(index.next(), DiffOp.multi(0, List.of(createTtlNode, createChild)));
                nodes.add(ttlNode);
                nodes.add(child);
                if (random.nextBoolean())
                {
                    leavesToDelete.add(child);
                }
            }
            else
            {
                create(run, index, nodes, createTtlNode);
            }
        }

        for (final String leaf : leavesToDelete)
        {
            run.apply(index.next(), DiffOp.delete(0, leaf, -1));
        }
        run.apply(index.next(), DiffOp.closeSession(1));

        final int swept = systems.zooKeeperServer().sweep();
        awaitAerieSweep(root);
        run.afterSweep();

        run.apply(index.next(), DiffOp.read(DiffOp.Kind.GET_CHILDREN, 0, root));
        run.apply(index.next(), DiffOp.read(DiffOp.Kind.GET_ALL_CHILDREN_NUMBER, 0, root));
        for (final String node : nodes)
        {
            run.apply(index.next(), DiffOp.read(DiffOp.Kind.GET_CHILDREN, 0, node));
            run.apply(index.next(), DiffOp.read(DiffOp.Kind.GET_DATA, 0, node));
        }
        run.end();
        return swept;
    }

    private static void create(final DifferentialRun run, final Counter index, final List<String> nodes, final DiffOp op)
        throws Exception
    {
        run.apply(index.next(), op);
        nodes.add(op.path());
    }

    /**
     * Wait until Aerie's tree under the root has as many nodes as ZooKeeper's after its sweep; then the reads compare
     * which ones.
     */
    private void awaitAerieSweep(final String root)
    {
        final long expected = systems.zooKeeper().getAllChildrenNumber(0, root).count();
        final long deadlineNs = System.nanoTime() + SWEEP_TIMEOUT_NS;
        long count;
        while ((count = systems.aerie().getAllChildrenNumber(0, root).count()) != expected)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("Aerie kept " + count + " nodes under " + root + " after its sweeps; ZooKeeper " + expected);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertEquals(expected, count);
    }

    private static byte[] data(final Random random)
    {
        final byte[] data = new byte[random.nextInt(8)];
        random.nextBytes(data);
        return data;
    }

    private static final class Counter
    {
        private int value = -1;

        int next()
        {
            return value++;
        }
    }
}
