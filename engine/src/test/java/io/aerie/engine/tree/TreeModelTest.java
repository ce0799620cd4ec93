package io.aerie.engine.tree;

import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.NameList;
import io.aerie.codecs.model.Stat;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.aerie.engine.tree.RandomTreeOps.MAX_DATA_LENGTH;
import static io.aerie.engine.tree.RandomTreeOps.MAX_MULTI_OPS;
import static io.aerie.engine.tree.RandomTreeOps.MAX_PATH_LENGTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Randomized model test: the same random operation sequence applied to {@link ZnodeTree} and to the on-heap
 * {@link ReferenceTree} gives the same result codes, stats, created paths, data, children, ACLs and ephemerals,
 * after every operation and in full every {@value #FULL_CHECK_INTERVAL} operations.
 * <p>
 * {@link RandomTreeOps} draws the operations, {@link TreeComparison} compares the trees' state with the model.
 * Deterministic: a failure names the seed, the operation index and the operation, and replays exactly.
 */
class TreeModelTest
{
    private static final int OPS = 4_000;
    private static final int OPS_AFTER_RESTORE = 1_000;
    private static final int FULL_CHECK_INTERVAL = 200;
    private static final long LARGE_DATA_CAPACITY = 8L * 1024 * 1024;

    private final List<ZnodeTree> trees = new ArrayList<>();
    private final List<Throwable> treeErrors = new ArrayList<>();

    @AfterEach
    void closeTrees()
    {
        for (final ZnodeTree tree : trees)
        {
            tree.close();
        }
        trees.clear();
    }

    @ParameterizedTest(name = "seed={0}, maxZnodes={1}")
    @MethodSource("runs")
    void shouldAgreeWithReferenceModelOnRandomOperations(final long seed, final long maxZnodes)
    {
        final Run run = new Run(seed, maxZnodes, treeErrors, List.of(newTree(maxZnodes)));

        run.steps(OPS);

        run.verifyFullState();
    }

    @ParameterizedTest(name = "seed={0}, maxZnodes={1}")
    @MethodSource("runs")
    void shouldRestoreEqualTreeFromSnapshot(final long seed, final long maxZnodes)
    {
        final ZnodeTree tree = newTree(maxZnodes);
        final Run run = new Run(seed, maxZnodes, treeErrors, List.of(tree));
        run.steps(OPS);

        final ZnodeTree restored = newTree(maxZnodes);
        TreeSnapshotTest.load(restored, TreeSnapshotTest.write(tree));

        assertEquals(tree.digest(), restored.digest(), "digest after restore, seed=" + seed);
        run.useTrees(List.of(restored));
        run.verifyFullState();
        // The load rebuilt the child, ephemeral and expiry indexes: later changes must find them intact.
        run.steps(OPS_AFTER_RESTORE);
        run.verifyFullState();
    }

    @ParameterizedTest(name = "seed={0}, maxZnodes={1}")
    @MethodSource("runs")
    void shouldComputeEqualDigestsForTreesFedTheSameOperations(final long seed, final long maxZnodes)
    {
        final ZnodeTree first = newTree(maxZnodes);
        final ZnodeTree second = newTree(maxZnodes);
        final Run run = new Run(seed, maxZnodes, treeErrors, List.of(first, second));

        run.steps(OPS);

        assertEquals(first.digest(), second.digest(), "digests of trees fed the same operations, seed=" + seed);
        assertNotEquals(newTree(maxZnodes).digest(), first.digest(), "digest of an empty tree, seed=" + seed);
    }

    /**
     * Seeds and znode limits: the last run has a limit low enough that ZNODE_LIMIT is reached often.
     */
    static Stream<Arguments> runs()
    {
        return Stream.of(
            Arguments.of(11L, 2_000L),
            Arguments.of(23L, 2_000L),
            Arguments.of(37L, 2_000L),
            Arguments.of(53L, 2_000L),
            Arguments.of(71L, 40L));
    }

    private ZnodeTree newTree(final long maxZnodes)
    {
        final ZnodeTree tree = new ZnodeTree(new ZnodeTreeContext()
            .maxZnodes(maxZnodes)
            .maxDataLength(MAX_DATA_LENGTH)
            .maxPathLength(MAX_PATH_LENGTH)
            .largeDataCapacity(LARGE_DATA_CAPACITY)
            .maxMultiOps(MAX_MULTI_OPS)
            .errorHandler(treeErrors::add));
        trees.add(tree);
        return tree;
    }

    /**
     * One random run: applies each operation {@link RandomTreeOps} draws to the model and to every tree,
     * compares the results, then compares the nodes the operation touched.
     */
    private static final class Run
    {
        private final RandomTreeOps ops;
        private final TreeComparison check;
        private final ReferenceTree model;
        private List<ZnodeTree> trees;
        private long zxid;
        private long timeMs = 1_000;
        private final Set<String> touched = new LinkedHashSet<>();

        private final Stat stat = new Stat();
        private final StringBuilder createdPath = new StringBuilder();
        private final NameList names = new NameList();
        private final MultiOps multiOps = new MultiOps();
        private final MultiResults multiResults = new MultiResults();

        Run(final long seed, final long maxZnodes, final List<Throwable> treeErrors, final List<ZnodeTree> trees)
        {
            this.model = new ReferenceTree(MAX_DATA_LENGTH, MAX_PATH_LENGTH, maxZnodes, MAX_MULTI_OPS);
            this.ops = new RandomTreeOps(seed, model);
            this.check = new TreeComparison(seed, model, treeErrors);
            this.trees = trees;
        }

        void useTrees(final List<ZnodeTree> trees)
        {
            this.trees = trees;
            check.describe("(switched trees)");
        }

        void steps(final int count)
        {
            for (int i = 0; i < count; i++)
            {
                final int opIndex = check.nextOperation();
                step();
                check.nodes(trees, touched);
                touched.clear();
                if (0 == opIndex % FULL_CHECK_INTERVAL)
                {
                    verifyFullState();
                }
            }
        }

        void verifyFullState()
        {
            check.fullState(trees);
        }

        private void step()
        {
            timeMs += ops.tickMs();
            switch (ops.nextKind())
            {
                case CREATE:
                    create(ops.create());
                    break;
                case DELETE:
                    delete(ops.delete());
                    break;
                case SET_DATA:
                    setData(ops.setData());
                    break;
                case SET_ACL:
                    setAcl(ops.setAcl());
                    break;
                case CHECK:
                    check(ops.check());
                    break;
                case READ:
                    read(ops.read());
                    break;
                case EPHEMERALS:
                    ephemerals(ops.ephemerals());
                    break;
                case DESCENDANTS:
                    descendants(ops.descendants());
                    break;
                case MULTI:
                    multi(ops.multi());
                    break;
                case CLOSE_SESSION:
                    closeSession(ops.closeSession());
                    break;
                default:
                    sweep(ops.sweepAdvanceMs());
                    break;
            }
        }

        private void create(final RandomTreeOps.Create c)
        {
            final long zxid = ++this.zxid;
            check.describe(c.describe());

            final ReferenceTree.Outcome expected =
                model.create(zxid, timeMs, c.sessionId(), c.path(), c.data(), c.acl(), c.mode(), c.ttlMs());
            final UnsafeBuffer buffer = bufferOf(c.data(), c.offset());
            for (final ZnodeTree tree : trees)
            {
                createdPath.setLength(0);
                final ResultCode code = tree.create(zxid, timeMs, c.sessionId(), c.path(), buffer, c.offset(),
                    RandomTreeOps.lengthOf(c.data()), c.acl(), c.mode(), c.ttlMs(), c.withOutputs() ? createdPath : null,
                    c.withOutputs() ? stat : null);
                assertEquals(expected.code(), code, check.where("create result"));
                if (c.withOutputs())
                {
                    assertEquals(expected.createdPath(), createdPath.toString(), check.where("created path"));
                    if (ResultCode.OK == code)
                    {
                        assertEquals(expected.stat(), stat, check.where("stat of created node"));
                    }
                }
            }
            touch(c.path());
            touch(expected.createdPath());
            if (RandomTreeOps.isSequential(c.mode()))
            {
                touch(c.path() + ReferenceTree.sequenceSuffix(0));
            }
        }

        private void delete(final RandomTreeOps.Versioned d)
        {
            final long zxid = ++this.zxid;
            check.describe("delete " + TreeComparison.quote(d.path()) + " version=" + d.version());

            final ResultCode expected = model.delete(zxid, d.path(), d.version());
            for (final ZnodeTree tree : trees)
            {
                assertEquals(expected, tree.delete(zxid, d.path(), d.version()), check.where("delete result"));
            }
            touch(d.path());
        }

        private void setData(final RandomTreeOps.SetData s)
        {
            final long zxid = ++this.zxid;
            check.describe(s.describe());

            final ReferenceTree.Outcome expected = model.setData(zxid, timeMs, s.path(), s.data(), s.version());
            final UnsafeBuffer buffer = bufferOf(s.data(), s.offset());
            for (final ZnodeTree tree : trees)
            {
                final ResultCode code = tree.setData(zxid, timeMs, s.path(), buffer, s.offset(), RandomTreeOps.lengthOf(s.data()),
                    s.version(), s.withStat() ? stat : null);
                assertEquals(expected.code(), code, check.where("setData result"));
                if (s.withStat() && ResultCode.OK == code)
                {
                    assertEquals(expected.stat(), stat, check.where("stat after setData"));
                }
            }
            touch(s.path());
        }

        private void setAcl(final RandomTreeOps.SetAcl s)
        {
            ++zxid;
            check.describe(s.describe());

            final ReferenceTree.Outcome expected = model.setAcl(s.path(), s.acl(), s.aversion());
            for (final ZnodeTree tree : trees)
            {
                final ResultCode code = tree.setAcl(s.path(), s.acl(), s.aversion(), s.withStat() ? stat : null);
                assertEquals(expected.code(), code, check.where("setAcl result"));
                if (s.withStat() && ResultCode.OK == code)
                {
                    assertEquals(expected.stat(), stat, check.where("stat after setAcl"));
                }
            }
            touch(s.path());
        }

        private void check(final RandomTreeOps.Versioned c)
        {
            check.describe("check " + TreeComparison.quote(c.path()) + " version=" + c.version());

            final ResultCode expected = model.check(c.path(), c.version());
            for (final ZnodeTree tree : trees)
            {
                assertEquals(expected, tree.check(c.path(), c.version()), check.where("check result"));
            }
        }

        private void read(final RandomTreeOps.Read r)
        {
            check.describe("read#" + r.kind() + " " + TreeComparison.quote(r.path()));
            for (final ZnodeTree tree : trees)
            {
                switch (r.kind())
                {
                    case 0:
                        check.exists(tree, r.path());
                        break;
                    case 1:
                        check.getData(tree, r.path());
                        break;
                    case 2:
                        check.getChildren(tree, r.path());
                        break;
                    default:
                        check.getAcl(tree, r.path());
                        break;
                }
            }
        }

        private void ephemerals(final RandomTreeOps.Ephemerals e)
        {
            check.describe("getEphemerals session=0x" + Long.toHexString(e.sessionId()) + " prefix=" +
                TreeComparison.quote(e.prefix()));
            for (final ZnodeTree tree : trees)
            {
                check.ephemerals(tree, e.sessionId(), e.prefix());
            }
        }

        private void descendants(final String path)
        {
            check.describe("getAllChildrenNumber " + TreeComparison.quote(path));
            for (final ZnodeTree tree : trees)
            {
                check.descendants(tree, path);
            }
        }

        private void multi(final RandomTreeOps.Multi m)
        {
            final List<ReferenceTree.MultiOp> ops = m.ops();
            encode(ops);
            final long zxid = ++this.zxid;
            check.describe(m.describe());

            final ReferenceTree.MultiOutcome expected = model.multi(zxid, timeMs, m.sessionId(), ops);
            for (final ZnodeTree tree : trees)
            {
                assertEquals(expected.code(), tree.multi(zxid, timeMs, m.sessionId(), multiOps, multiResults),
                    check.where("multi result"));
                check.multiResults(ops, expected, multiResults);
            }
            for (int i = 0; i < ops.size(); i++)
            {
                touch(ops.get(i).path());
                touch(expected.results().get(i).createdPath());
            }
        }

        private void encode(final List<ReferenceTree.MultiOp> ops)
        {
            multiOps.clear();
            for (final ReferenceTree.MultiOp op : ops)
            {
                switch (op.type())
                {
                    case CREATE:
                        multiOps.create(
                            op.path(), bufferOf(op.data(), 0), 0, RandomTreeOps.lengthOf(op.data()), op.acl(), op.mode(), op.ttlMs());
                        break;
                    case DELETE:
                        multiOps.delete(op.path(), op.version());
                        break;
                    case SET_DATA:
                        multiOps.setData(op.path(), bufferOf(op.data(), 0), 0, RandomTreeOps.lengthOf(op.data()), op.version());
                        break;
                    default:
                        multiOps.check(op.path(), op.version());
                        break;
                }
            }
        }

        private void closeSession(final long sessionId)
        {
            final long zxid = ++this.zxid;
            check.describe("deleteEphemerals session=0x" + Long.toHexString(sessionId));

            final List<String> expected = model.deleteEphemerals(zxid, sessionId);
            for (final ZnodeTree tree : trees)
            {
                tree.deleteEphemerals(zxid, sessionId, names);
                assertEquals(expected, names.toList(), check.where("deleted ephemerals"));
                assertEquals(0, tree.ephemeralCount(sessionId), check.where("ephemeral count after close"));
            }
            expected.forEach(this::touch);
        }

        private void sweep(final long advanceMs)
        {
            timeMs += advanceMs;
            final long zxid = ++this.zxid;
            check.describe("sweepExpired now=" + timeMs);

            final List<String> expected = model.sweepExpired(zxid, timeMs);
            for (final ZnodeTree tree : trees)
            {
                tree.sweepExpired(zxid, timeMs, names);
                assertEquals(expected, names.toList(), check.where("swept paths"));
            }
            expected.forEach(this::touch);
        }

        private void touch(final String path)
        {
            if (model.isValidPath(path))
            {
                touched.add(path);
                if (!"/".equals(path))
                {
                    touched.add(ReferenceTree.parentOf(path));
                }
            }
        }

        private static UnsafeBuffer bufferOf(final byte[] data, final int offset)
        {
            if (null == data)
            {
                return null;
            }
            final byte[] bytes = new byte[offset + data.length + 3];
            System.arraycopy(data, 0, bytes, offset, data.length);
            return new UnsafeBuffer(bytes);
        }
    }
}
