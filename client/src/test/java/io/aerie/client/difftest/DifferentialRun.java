package io.aerie.client.difftest;

import io.aerie.codecs.CreateMode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs operations against ZooKeeper and Aerie, one op at a time and the same op on both, normalizes both answers
 * and compares them, explaining a difference only by {@link KnownDifference}s (counted). A difference nothing
 * explains fails with the seed, the op's index, the op, both answers and the last ops before it.
 */
final class DifferentialRun
{
    /**
     * Print both raw answers of every op ({@code -Daerie.difftest.verbose=true}), to study a replayed failure.
     */
    static final String VERBOSE_PROP_NAME = "aerie.difftest.verbose";
    private static final boolean VERBOSE = Boolean.getBoolean(VERBOSE_PROP_NAME);
    private static final int HISTORY = 8;

    private final DiffDriver zooKeeper;
    private final DiffDriver aerie;
    private final int sessions;
    private final Map<KnownDifference, Long> knownCounts = new EnumMap<>(KnownDifference.class);
    private final Deque<String> history = new ArrayDeque<>(HISTORY);
    private final int[] generations;
    private Normalizer zooKeeperNormalizer;
    private Normalizer aerieNormalizer;
    private long seed;
    private long compared;
    private boolean isAfterSweep;
    private String replayHint;

    DifferentialRun(final DiffDriver zooKeeper, final DiffDriver aerie, final int sessions)
    {
        this.zooKeeper = zooKeeper;
        this.aerie = aerie;
        this.sessions = sessions;
        this.generations = new int[sessions];
    }

    /**
     * Run one seed: open the sessions, create the root, run the ops, close the sessions.
     *
     * @param seed the generator's seed; the root is {@code /dt<seed>}.
     * @param ops  number of generated ops.
     * @throws Exception if a session cannot be opened or closed.
     */
    void runSeed(final long seed, final int ops) throws Exception
    {
        final String root = "/dt" + seed;
        begin(seed);
        final DiffOpGenerator generator = new DiffOpGenerator(seed, root, sessions);
        apply(-1, DiffOp.create(0, root, null, CreateMode.PERSISTENT, -1, true));
        for (int i = 0; i < ops; i++)
        {
            final DiffOp op = generator.next();
            generator.learn(op, apply(i, op));
        }
        end();
    }

    /**
     * Open the sessions of a run with fresh normalizers.
     *
     * @throws Exception if a session cannot be opened.
     */
    void begin(final long seed) throws Exception
    {
        this.seed = seed;
        isAfterSweep = false;
        history.clear();
        zooKeeperNormalizer = new Normalizer();
        aerieNormalizer = new Normalizer();
        for (int slot = 0; slot < sessions; slot++)
        {
            openSession(slot);
        }
    }

    /**
     * Close the sessions of a run.
     *
     * @throws Exception if a session cannot be closed.
     */
    void end() throws Exception
    {
        for (int slot = 0; slot < sessions; slot++)
        {
            zooKeeper.closeSession(slot);
            aerie.closeSession(slot);
        }
    }

    /**
     * Say how to replay a failure of this run, in place of the default (the random test's seed and op count).
     *
     * @param replayHint e.g. the test method and properties to run, or null for the default.
     */
    void replayHint(final String replayHint)
    {
        this.replayHint = replayHint;
    }

    /**
     * Tell the run that both systems swept containers and TTL nodes: from now on an answer whose zxid relations
     * differ across answers is compared again with its zxids related within itself only
     * ({@link KnownDifference#SWEEP_DELETES_IN_ONE_ZXID}).
     */
    void afterSweep()
    {
        isAfterSweep = true;
    }

    /**
     * Apply one op to both systems and compare the answers.
     *
     * @param index the op's index in the run, for the report.
     * @return ZooKeeper's normalized answer.
     * @throws Exception if a session cannot be closed or opened again.
     * @throws AssertionError if the answers differ in a way no known difference explains.
     */
    Result apply(final int index, final DiffOp op) throws Exception
    {
        if (DiffOp.Kind.CLOSE_SESSION == op.kind())
        {
            zooKeeper.closeSession(op.session());
            aerie.closeSession(op.session());
            openSession(op.session());
            record(op, "closed and opened again", null);
            compared++;
            return new Result("OK", null, null, null, null, -1, null, null);
        }
        final Outcome zooKeeperOutcome = execute(zooKeeper, op);
        final Outcome aerieOutcome = execute(aerie, op);
        final Result result = compare(index, op, zooKeeperOutcome, aerieOutcome);
        compared++;
        return result;
    }

    /**
     * @return number of ops compared so far, over all seeds.
     */
    long compared()
    {
        return compared;
    }

    /**
     * @return how many answers each known difference explained so far.
     */
    Map<KnownDifference, Long> knownCounts()
    {
        return knownCounts;
    }

    /**
     * @return the known differences used, with counts and reasons, one per line.
     */
    String describeKnownCounts()
    {
        final StringBuilder out = new StringBuilder();
        for (final KnownDifference difference : KnownDifference.values())
        {
            out.append(String.format("  %-40s %6d  %s%n", difference, knownCounts.getOrDefault(difference, 0L),
                difference.reason()));
        }
        return out.toString();
    }

    private Result compare(final int index, final DiffOp op, final Outcome zooKeeperOutcome, final Outcome aerieOutcome)
    {
        final int zooKeeperMark = zooKeeperNormalizer.zxids().mark();
        final int aerieMark = aerieNormalizer.zxids().mark();
        final Result zooKeeperResult = zooKeeperNormalizer.normalize(op.kind(), zooKeeperOutcome);
        final Result aerieResult = aerieNormalizer.normalize(op.kind(), aerieOutcome);
        if (VERBOSE)
        {
            System.out.println(op + "\n  ZooKeeper " + zooKeeperOutcome + "\n  Aerie     " + aerieOutcome);
        }
        if (zooKeeperResult.equals(aerieResult))
        {
            record(op, zooKeeperResult, null);
            return zooKeeperResult;
        }

        zooKeeperNormalizer.zxids().rollback(zooKeeperMark);
        aerieNormalizer.zxids().rollback(aerieMark);
        final List<KnownDifference> used = new ArrayList<>();
        if (!isReconciled(op, zooKeeperOutcome, aerieOutcome, zooKeeperNormalizer, aerieNormalizer, used))
        {
            zooKeeperNormalizer.zxids().rollback(zooKeeperMark);
            aerieNormalizer.zxids().rollback(aerieMark);
            used.clear();
            if (!isAfterSweep || !isReconciled(op, zooKeeperOutcome, aerieOutcome, zooKeeperNormalizer.withOwnZxids(),
                aerieNormalizer.withOwnZxids(), used))
            {
                throw new AssertionError(mismatch(index, op, zooKeeperResult, aerieResult, used));
            }
            used.add(KnownDifference.SWEEP_DELETES_IN_ONE_ZXID);
        }
        count(used);
        record(op, zooKeeperResult, aerieResult);
        return zooKeeperResult;
    }

    /**
     * Apply the known differences to a pair of answers that differ, and tell whether they explain it all.
     *
     * @param used filled with the differences that applied.
     */
    private static boolean isReconciled(
        final DiffOp op,
        final Outcome zooKeeperOutcome,
        final Outcome aerieOutcome,
        final Normalizer zooKeeperNormalizer,
        final Normalizer aerieNormalizer,
        final List<KnownDifference> used)
    {
        final Result zooKeeperResult = zooKeeperNormalizer.normalize(op.kind(), zooKeeperOutcome);
        Result aerieReconciled = aerieNormalizer.normalize(op.kind(), aerieOutcome);
        for (final KnownDifference difference : KnownDifference.values())
        {
            final Result next = difference.reconcile(op, zooKeeperResult, aerieReconciled);
            if (next != aerieReconciled)
            {
                used.add(difference);
                aerieReconciled = next;
            }
        }
        return zooKeeperResult.equals(aerieReconciled);
    }

    private String mismatch(
        final int index, final DiffOp op, final Result zooKeeperResult, final Result aerieResult,
        final List<KnownDifference> tried)
    {
        final StringBuilder out = new StringBuilder()
            .append("Aerie differs from ZooKeeper at seed ").append(seed).append(", op #").append(index).append('\n')
            .append("  op:        ").append(op).append('\n')
            .append("  ZooKeeper: ").append(zooKeeperResult).append('\n')
            .append("  Aerie:     ").append(aerieResult).append('\n')
            .append("  known differences that applied and did not explain it: ").append(tried).append('\n')
            .append("  last ops (oldest first):\n");
        for (final String line : history)
        {
            out.append("    ").append(line).append('\n');
        }
        if (null != replayHint)
        {
            out.append("  replay: ").append(replayHint);
        }
        else
        {
            out.append("  replay: -Daerie.difftest.seed=").append(seed).append(" -Daerie.difftest.seeds=1")
                .append(" -Daerie.difftest.ops=").append(index + 1);
        }
        return out.toString();
    }

    private void count(final List<KnownDifference> used)
    {
        for (final KnownDifference difference : used)
        {
            knownCounts.merge(difference, 1L, Long::sum);
        }
    }

    private void record(final DiffOp op, final Object zooKeeperResult, final Object aerieResult)
    {
        if (history.size() == HISTORY)
        {
            history.removeFirst();
        }
        history.addLast(op + " -> " + zooKeeperResult +
            (null == aerieResult || Objects.equals(zooKeeperResult, aerieResult) ? "" : " | Aerie " + aerieResult));
    }

    private void openSession(final int slot) throws Exception
    {
        final String label = "s" + slot + "g" + generations[slot]++;
        zooKeeper.openSession(slot);
        aerie.openSession(slot);
        zooKeeperNormalizer.session(zooKeeper.sessionId(slot), label);
        aerieNormalizer.session(aerie.sessionId(slot), label);
    }

    private static Outcome execute(final DiffDriver driver, final DiffOp op)
    {
        final int slot = op.session();
        return switch (op.kind())
        {
            case CREATE -> driver.create(slot, op.path(), op.data(), op.mode(), op.ttlMs(), op.withStat());
            case DELETE -> driver.delete(slot, op.path(), op.version());
            case SET_DATA -> driver.setData(slot, op.path(), op.data(), op.version());
            case GET_DATA -> driver.getData(slot, op.path());
            case EXISTS -> driver.exists(slot, op.path());
            case GET_CHILDREN -> driver.getChildren(slot, op.path());
            case MULTI -> driver.multi(slot, op.subOps());
            case GET_ALL_CHILDREN_NUMBER -> driver.getAllChildrenNumber(slot, op.path());
            case GET_EPHEMERALS -> driver.getEphemerals(slot, op.path());
            default -> throw new IllegalStateException("not a single op: " + op);
        };
    }
}
