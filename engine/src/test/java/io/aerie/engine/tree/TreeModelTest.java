package io.aerie.engine.tree;

import io.aerie.codecs.model.Stat;
import io.aerie.codecs.model.NameList;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.collections.MutableLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Randomized model test: the same random operation sequence applied to {@link ZnodeTree} and to the on-heap
 * {@link ReferenceTree} gives the same result codes, stats, created paths, data, children, ACLs and ephemerals,
 * after every operation and in full every {@value #FULL_CHECK_INTERVAL} operations.
 * <p>
 * The path universe is small (three levels of a few names, some of them non-ASCII) so that collisions,
 * NODE_EXISTS, NOT_EMPTY, NO_NODE and BAD_VERSION are frequent; data ranges from empty through inline (up to
 * 256 bytes) and chunked (several 4 KiB chunks) to just over the limit. Deterministic: a failure names the
 * seed, the operation index and the operation, and replays exactly.
 */
class TreeModelTest
{
    private static final int OPS = 4_000;
    private static final int OPS_AFTER_RESTORE = 1_000;
    private static final int FULL_CHECK_INTERVAL = 200;

    private static final int MAX_DATA_LENGTH = 10_000;
    private static final int MAX_PATH_LENGTH = 256;
    private static final int MAX_MULTI_OPS = 4;
    private static final long LARGE_DATA_CAPACITY = 8L * 1024 * 1024;

    private static final long[] SESSIONS = { 0x1001L, 0x1002L, 0x1003L };
    private static final long SESSION_WITHOUT_EPHEMERALS = 0x7777L;

    private static final String[] LEVEL_1 = { "a", "a0", "b", "\u00e9" };
    private static final String[] LEVEL_2 = { "x", "y", "\u65e5", "s0000000001" };
    private static final String[] LEVEL_3 = { "p", "\uff5a" };
    private static final String[] CHILD_NAMES = { "x", "y", "\u65e5", "s0000000001", "p", "\uff5a" };
    private static final String[] SEQUENTIAL_PREFIXES = { "", "s", "n-" };

    /** 255 UTF-8 bytes in 128 chars: valid, but any child or sequential suffix makes it too long. */
    private static final String LONG_PATH = "/" + "\u00e9".repeat(127);
    /** Exactly {@link #MAX_PATH_LENGTH} UTF-8 bytes. */
    private static final String MAX_LENGTH_PATH = LONG_PATH + "x";
    private static final String[] SPECIAL_VALID_PATHS = { LONG_PATH, MAX_LENGTH_PATH, LONG_PATH + "y" };
    private static final String[] INVALID_PATHS = {
        "", "a", "/a/", "//", "//a", "/a//x", "/a/.", "/a/..", "/./a", "/a\u0000", "/a\u001f", "/\u007f",
        "/\u009f", "/\ud800", "/\ue000", "/\uf8ff", "/\ufff0", "/\uffff", "/" + "x".repeat(MAX_PATH_LENGTH),
        "/" + "\u65e5".repeat(86), LONG_PATH + "/p", MAX_LENGTH_PATH + "x" };
    /** Requests for sequential creates that are odd: some only become valid with the suffix, most never do. */
    private static final String[] ODD_SEQUENTIAL_PATHS = {
        "/a/.", "/a/..", "/a//", "a/", "", "/a/\u0001", LONG_PATH, LONG_PATH + "/" };

    private static final CreateMode[] MODES = {
        CreateMode.PERSISTENT, CreateMode.EPHEMERAL, CreateMode.PERSISTENT_SEQUENTIAL,
        CreateMode.EPHEMERAL_SEQUENTIAL, CreateMode.CONTAINER, CreateMode.PERSISTENT_WITH_TTL,
        CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL };

    private static final AclList OPEN_ACL = AclList.openAclUnsafe();
    // Repeated entries weight the draw: the open ACL and the empty (invalid) list come up most often.
    private static final AclList[] VALID_ACLS = {
        OPEN_ACL,
        OPEN_ACL,
        new AclList().add(AclList.READ, "world", "anyone"),
        new AclList()
            .add(AclList.ALL, "digest", "alice:X/2kZ4qDiu8WvXIk3gAxCY0Exn8=")
            .add(AclList.READ | AclList.WRITE, "ip", "10.0.0.0/8")
            .add(AclList.CREATE, "auth", "") };
    private static final AclList[] INVALID_ACLS = {
        new AclList(),
        new AclList(),
        new AclList().add(AclList.ALL, "world", "somebody"),
        new AclList().add(AclList.ALL | 64, "world", "anyone"),
        new AclList().add(AclList.READ, "unknown", "x") };

    private static final List<String> UNIVERSE = universe();

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
    void shouldRestoreEqualTreeFromSnapshot(final long seed, final long maxZnodes) throws IOException
    {
        final ZnodeTree tree = newTree(maxZnodes);
        final Run run = new Run(seed, maxZnodes, treeErrors, List.of(tree));
        run.steps(OPS);

        final ZnodeTree restored = newTree(maxZnodes);
        restored.loadSnapshot(new DataInputStream(new ByteArrayInputStream(snapshotOf(tree))));

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

    private static byte[] snapshotOf(final ZnodeTree tree) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            tree.writeSnapshot(out);
        }
        return bytes.toByteArray();
    }

    private static List<String> universe()
    {
        final List<String> paths = new ArrayList<>();
        for (final String first : LEVEL_1)
        {
            paths.add("/" + first);
            for (final String second : LEVEL_2)
            {
                paths.add("/" + first + "/" + second);
                for (final String third : LEVEL_3)
                {
                    paths.add("/" + first + "/" + second + "/" + third);
                }
            }
        }
        return List.copyOf(paths);
    }

    /**
     * One random run: generates operations from a seeded {@link Random}, applies each to the model and to
     * every tree, and compares. All randomness is drawn before the trees are touched, so the sequence
     * depends only on the seed and the model, never on how many trees take part.
     */
    private static final class Run
    {
        private final long seed;
        private final Random random;
        private final ReferenceTree model;
        private final List<Throwable> treeErrors;
        private List<ZnodeTree> trees;
        private long zxid;
        private long timeMs = 1_000;
        private int opIndex;
        private String op = "(none yet)";
        private final Set<String> touched = new LinkedHashSet<>();
        private boolean validArgumentsOnly;

        private final Stat stat = new Stat();
        private final StringBuilder createdPath = new StringBuilder();
        private final NameList names = new NameList();
        private final AclList aclOut = new AclList();
        private final UnsafeBuffer dataOut = new UnsafeBuffer(new byte[MAX_DATA_LENGTH]);
        private final MultiOps multiOps = new MultiOps();
        private final MultiResults multiResults = new MultiResults();
        private final MutableLong count = new MutableLong();

        Run(final long seed, final long maxZnodes, final List<Throwable> treeErrors, final List<ZnodeTree> trees)
        {
            this.seed = seed;
            this.random = new Random(seed);
            this.model = new ReferenceTree(MAX_DATA_LENGTH, MAX_PATH_LENGTH, maxZnodes, MAX_MULTI_OPS);
            this.treeErrors = treeErrors;
            this.trees = trees;
        }

        void useTrees(final List<ZnodeTree> trees)
        {
            this.trees = trees;
            op = "(switched trees)";
        }

        void steps(final int count)
        {
            for (int i = 0; i < count; i++)
            {
                opIndex++;
                step();
                verifyTouched();
                if (0 == opIndex % FULL_CHECK_INTERVAL)
                {
                    verifyFullState();
                }
            }
        }

        private void step()
        {
            timeMs += random.nextInt(3);
            final int roll = random.nextInt(100);
            if (roll < 28)
            {
                create();
            }
            else if (roll < 40)
            {
                delete();
            }
            else if (roll < 51)
            {
                setData();
            }
            else if (roll < 56)
            {
                setAcl();
            }
            else if (roll < 59)
            {
                check();
            }
            else if (roll < 69)
            {
                read();
            }
            else if (roll < 72)
            {
                ephemerals();
            }
            else if (roll < 74)
            {
                descendants();
            }
            else if (roll < 90)
            {
                multi();
            }
            else if (roll < 94)
            {
                closeSession();
            }
            else
            {
                sweep();
            }
        }

        private void create()
        {
            final CreateMode mode = pickMode();
            final String path = isSequential(mode) ? pickSequentialPath() : pickPath();
            final long sessionId = pickSession();
            final long ttlMs = pickTtl(mode);
            final byte[] data = pickData();
            final int offset = random.nextInt(8);
            final AclList acl = pickAcl(true);
            final boolean withOutputs = random.nextInt(10) > 0;
            final long zxid = ++this.zxid;
            op = "create " + quote(path) + " mode=" + mode + " session=0x" + Long.toHexString(sessionId) +
                " ttl=" + ttlMs + " data=" + data.length + "@" + offset + " acl=" + acl + " outputs=" + withOutputs;

            final ReferenceTree.Outcome expected = model.create(zxid, timeMs, sessionId, path, data, acl, mode, ttlMs);
            final UnsafeBuffer buffer = bufferOf(data, offset);
            for (final ZnodeTree tree : trees)
            {
                createdPath.setLength(0);
                final ResultCode code = tree.create(zxid, timeMs, sessionId, path, buffer, offset, data.length, acl,
                    mode, ttlMs, withOutputs ? createdPath : null, withOutputs ? stat : null);
                assertEquals(expected.code(), code, where("create result"));
                if (withOutputs)
                {
                    assertEquals(expected.createdPath(), createdPath.toString(), where("created path"));
                    if (ResultCode.OK == code)
                    {
                        assertEquals(expected.stat(), stat, where("stat of created node"));
                    }
                }
            }
            touch(path);
            touch(expected.createdPath());
            if (isSequential(mode))
            {
                touch(path + ReferenceTree.sequenceSuffix(0));
            }
        }

        private void delete()
        {
            final String path = random.nextInt(100) < 40 ? pickExistingPath() : pickPath();
            final int version = pickVersion(path, false);
            final long zxid = ++this.zxid;
            op = "delete " + quote(path) + " version=" + version;

            final ResultCode expected = model.delete(zxid, path, version);
            for (final ZnodeTree tree : trees)
            {
                assertEquals(expected, tree.delete(zxid, path, version), where("delete result"));
            }
            touch(path);
        }

        private void setData()
        {
            final String path = pickPath();
            final byte[] data = pickData();
            final int offset = random.nextInt(8);
            final int version = pickVersion(path, false);
            final boolean withStat = random.nextInt(10) > 0;
            final long zxid = ++this.zxid;
            op = "setData " + quote(path) + " data=" + data.length + "@" + offset + " version=" + version;

            final ReferenceTree.Outcome expected = model.setData(zxid, timeMs, path, data, version);
            final UnsafeBuffer buffer = bufferOf(data, offset);
            for (final ZnodeTree tree : trees)
            {
                final ResultCode code = tree.setData(
                    zxid, timeMs, path, buffer, offset, data.length, version, withStat ? stat : null);
                assertEquals(expected.code(), code, where("setData result"));
                if (withStat && ResultCode.OK == code)
                {
                    assertEquals(expected.stat(), stat, where("stat after setData"));
                }
            }
            touch(path);
        }

        private void setAcl()
        {
            final String path = pickPath();
            final AclList acl = pickAcl(true);
            final int aversion = pickVersion(path, true);
            final boolean withStat = random.nextInt(10) > 0;
            ++zxid;
            op = "setAcl " + quote(path) + " acl=" + acl + " aversion=" + aversion;

            final ReferenceTree.Outcome expected = model.setAcl(path, acl, aversion);
            for (final ZnodeTree tree : trees)
            {
                final ResultCode code = tree.setAcl(path, acl, aversion, withStat ? stat : null);
                assertEquals(expected.code(), code, where("setAcl result"));
                if (withStat && ResultCode.OK == code)
                {
                    assertEquals(expected.stat(), stat, where("stat after setAcl"));
                }
            }
            touch(path);
        }

        private void check()
        {
            final String path = pickPath();
            final int version = pickVersion(path, false);
            op = "check " + quote(path) + " version=" + version;

            final ResultCode expected = model.check(path, version);
            for (final ZnodeTree tree : trees)
            {
                assertEquals(expected, tree.check(path, version), where("check result"));
            }
        }

        private void read()
        {
            final String path = random.nextInt(100) < 30 ? pickExistingPath() : pickPath();
            final int kind = random.nextInt(4);
            op = "read#" + kind + " " + quote(path);
            for (final ZnodeTree tree : trees)
            {
                switch (kind)
                {
                    case 0:
                        verifyExists(tree, path);
                        break;
                    case 1:
                        verifyGetData(tree, path);
                        break;
                    case 2:
                        verifyGetChildren(tree, path);
                        break;
                    default:
                        verifyGetAcl(tree, path);
                        break;
                }
            }
        }

        private void ephemerals()
        {
            final long sessionId = random.nextInt(10) > 0 ? SESSIONS[random.nextInt(SESSIONS.length)] : 0;
            final String prefix = pickPrefix();
            op = "getEphemerals session=0x" + Long.toHexString(sessionId) + " prefix=" + quote(prefix);
            for (final ZnodeTree tree : trees)
            {
                verifyEphemerals(tree, sessionId, prefix);
            }
        }

        private void descendants()
        {
            final String path = random.nextInt(100) < 40 ? pickExistingPath() : pickPath();
            op = "getAllChildrenNumber " + quote(path);
            final ResultCode expected = model.lookup(path);
            for (final ZnodeTree tree : trees)
            {
                count.set(-1);
                assertEquals(expected, tree.getAllChildrenNumber(path, count), where("getAllChildrenNumber result"));
                if (ResultCode.OK == expected)
                {
                    assertEquals(model.descendantCount(path), count.get(), where("descendant count"));
                }
            }
        }

        private void multi()
        {
            final int roll = random.nextInt(100);
            final int opCount = roll < 3 ? 0 : (roll < 10 ? MAX_MULTI_OPS + 1 : 1 + random.nextInt(MAX_MULTI_OPS));
            final List<ReferenceTree.MultiOp> ops = new ArrayList<>(opCount);
            multiOps.clear();
            // Most multis carry only valid arguments, so that long multis succeed often enough to matter.
            validArgumentsOnly = random.nextInt(100) < 70;
            for (int i = 0; i < opCount; i++)
            {
                ops.add(addMultiOp(ops));
            }
            validArgumentsOnly = false;
            final long sessionId = pickSession();
            final long zxid = ++this.zxid;
            op = "multi session=0x" + Long.toHexString(sessionId) + " " + describe(ops);

            final ReferenceTree.MultiOutcome expected = model.multi(zxid, timeMs, sessionId, ops);
            for (final ZnodeTree tree : trees)
            {
                assertEquals(expected.code(), tree.multi(zxid, timeMs, sessionId, multiOps, multiResults),
                    where("multi result"));
                verifyMultiResults(ops, expected);
            }
            for (int i = 0; i < opCount; i++)
            {
                touch(ops.get(i).path());
                touch(expected.results().get(i).createdPath());
            }
        }

        private ReferenceTree.MultiOp addMultiOp(final List<ReferenceTree.MultiOp> previous)
        {
            final int roll = random.nextInt(100);
            if (roll < 35)
            {
                final CreateMode mode = pickMode();
                final String path = isSequential(mode) ?
                    (random.nextBoolean() || previous.isEmpty() ? pickSequentialPath() : sequentialUnder(previous)) :
                    pickMultiCreatePath(previous);
                final long ttlMs = pickTtl(mode);
                final byte[] data = pickData();
                final AclList acl = pickAcl(false);
                multiOps.create(path, bufferOf(data, 0), 0, data.length, acl, mode, ttlMs);
                return new ReferenceTree.MultiOp(OpType.CREATE, path, data, acl, mode, ttlMs, -1);
            }
            final String path = pickMultiPath(previous);
            final int version = pickVersion(path, false);
            if (roll < 55)
            {
                multiOps.delete(path, version);
                return new ReferenceTree.MultiOp(OpType.DELETE, path, null, null, null, -1, version);
            }
            if (roll < 80)
            {
                final byte[] data = pickData();
                multiOps.setData(path, bufferOf(data, 0), 0, data.length, version);
                return new ReferenceTree.MultiOp(OpType.SET_DATA, path, data, null, null, -1, version);
            }
            multiOps.check(path, version);
            return new ReferenceTree.MultiOp(OpType.CHECK, path, null, null, null, -1, version);
        }

        private void verifyMultiResults(final List<ReferenceTree.MultiOp> ops, final ReferenceTree.MultiOutcome expected)
        {
            assertEquals(ops.size(), multiResults.size(), where("multi result count"));
            for (int i = 0; i < ops.size(); i++)
            {
                final int index = i;
                final ReferenceTree.Outcome outcome = expected.results().get(i);
                final OpType type = ops.get(i).type();
                assertEquals(type, multiResults.type(i), where(() -> "type of multi op " + index));
                assertEquals(outcome.code(), multiResults.code(i), where(() -> "code of multi op " + index));
                assertEquals(outcome.createdPath(), multiResults.path(i).toString(),
                    where(() -> "created path of multi op " + index));
                if (ResultCode.OK == expected.code() && (OpType.CREATE == type || OpType.SET_DATA == type))
                {
                    assertEquals(outcome.stat(), multiResults.stat(i), where(() -> "stat of multi op " + index));
                }
            }
        }

        private void closeSession()
        {
            final long sessionId = random.nextInt(10) > 0 ? SESSIONS[random.nextInt(SESSIONS.length)] :
                SESSION_WITHOUT_EPHEMERALS;
            final long zxid = ++this.zxid;
            op = "deleteEphemerals session=0x" + Long.toHexString(sessionId);

            final List<String> expected = model.deleteEphemerals(zxid, sessionId);
            for (final ZnodeTree tree : trees)
            {
                tree.deleteEphemerals(zxid, sessionId, names);
                assertEquals(expected, names.toList(), where("deleted ephemerals"));
                assertEquals(0, tree.ephemeralCount(sessionId), where("ephemeral count after close"));
            }
            expected.forEach(this::touch);
        }

        private void sweep()
        {
            timeMs += random.nextInt(4) == 0 ? random.nextInt(400) : random.nextInt(20);
            final long zxid = ++this.zxid;
            op = "sweepExpired now=" + timeMs;

            final List<String> expected = model.sweepExpired(zxid, timeMs);
            for (final ZnodeTree tree : trees)
            {
                tree.sweepExpired(zxid, timeMs, names);
                assertEquals(expected, names.toList(), where("swept paths"));
            }
            expected.forEach(this::touch);
        }

        void verifyFullState()
        {
            final String operation = op;
            op = "full state check after " + operation;
            final List<String> paths = model.paths();
            for (final ZnodeTree tree : trees)
            {
                assertEquals(model.size(), tree.nodeCount(), where("node count"));
                for (final String path : paths)
                {
                    verifyNode(tree, path);
                }
                for (final String path : UNIVERSE)
                {
                    verifyExists(tree, path);
                }
                for (final String path : SPECIAL_VALID_PATHS)
                {
                    verifyExists(tree, path);
                }
                for (final long sessionId : SESSIONS)
                {
                    verifyEphemerals(tree, sessionId, "/");
                }
                count.set(-1);
                assertEquals(ResultCode.OK, tree.getAllChildrenNumber("/", count), where("count from root"));
                assertEquals(model.size() - 1, count.get(), where("descendants of root"));
            }
            for (int i = 1; i < trees.size(); i++)
            {
                assertEquals(trees.get(0).digest(), trees.get(i).digest(), where("digests of trees " + i + " and 0"));
            }
            assertTrue(treeErrors.isEmpty(), where(() -> "errors reported by the tree: " + treeErrors));
            op = operation;
        }

        private void verifyTouched()
        {
            assertTrue(treeErrors.isEmpty(), where(() -> "errors reported by the tree: " + treeErrors));
            for (final ZnodeTree tree : trees)
            {
                for (final String path : touched)
                {
                    verifyNode(tree, path);
                }
            }
            touched.clear();
        }

        private void verifyNode(final ZnodeTree tree, final String path)
        {
            verifyExists(tree, path);
            verifyGetData(tree, path);
            verifyGetChildren(tree, path);
            verifyGetAcl(tree, path);
        }

        private void verifyExists(final ZnodeTree tree, final String path)
        {
            final ResultCode expected = model.lookup(path);
            assertEquals(expected, tree.exists(path, stat), where(() -> "exists " + quote(path)));
            if (ResultCode.OK == expected)
            {
                assertEquals(model.node(path).stat(), stat, where(() -> "stat of " + quote(path)));
            }
        }

        private void verifyGetData(final ZnodeTree tree, final String path)
        {
            final ResultCode expected = model.lookup(path);
            assertEquals(expected, tree.getData(path, dataOut, stat), where(() -> "getData " + quote(path)));
            if (ResultCode.OK == expected)
            {
                final ReferenceTree.Node node = model.node(path);
                assertEquals(node.stat(), stat, where(() -> "getData stat of " + quote(path)));
                final byte[] actual = new byte[stat.dataLength()];
                dataOut.getBytes(0, actual);
                assertArrayEquals(node.data, actual, where(() -> "data of " + quote(path)));
            }
        }

        private void verifyGetChildren(final ZnodeTree tree, final String path)
        {
            final ResultCode expected = model.lookup(path);
            assertEquals(expected, tree.getChildren(path, names, stat), where(() -> "getChildren " + quote(path)));
            if (ResultCode.OK == expected)
            {
                assertEquals(model.node(path).stat(), stat, where(() -> "getChildren stat of " + quote(path)));
                assertEquals(model.children(path), names.toList(), where(() -> "children of " + quote(path)));
            }
        }

        private void verifyGetAcl(final ZnodeTree tree, final String path)
        {
            final ResultCode expected = model.lookup(path);
            assertEquals(expected, tree.getAcl(path, aclOut, stat), where(() -> "getAcl " + quote(path)));
            if (ResultCode.OK == expected)
            {
                final ReferenceTree.Node node = model.node(path);
                assertEquals(node.stat(), stat, where(() -> "getAcl stat of " + quote(path)));
                assertEquals(node.acl, aclOut, where(() -> "ACL of " + quote(path)));
            }
        }

        private void verifyEphemerals(final ZnodeTree tree, final long sessionId, final String prefix)
        {
            final boolean valid = model.isValidPath(prefix);
            assertEquals(valid ? ResultCode.OK : ResultCode.INVALID_PATH, tree.getEphemerals(sessionId, prefix, names),
                where("getEphemerals result"));
            assertEquals(valid ? model.ephemerals(sessionId, prefix) : List.of(), names.toList(),
                where(() -> "ephemerals of 0x" + Long.toHexString(sessionId) + " under " + quote(prefix)));
            assertEquals(model.ephemerals(sessionId, "/").size(), tree.ephemeralCount(sessionId),
                where(() -> "ephemeral count of 0x" + Long.toHexString(sessionId)));
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

        private CreateMode pickMode()
        {
            final int roll = validArgumentsOnly ? 99 : random.nextInt(100);
            if (roll < 1)
            {
                return null;
            }
            return roll < 2 ? CreateMode.NULL_VAL : MODES[random.nextInt(MODES.length)];
        }

        private long pickTtl(final CreateMode mode)
        {
            final int roll = validArgumentsOnly ? random.nextInt(80) : random.nextInt(100);
            if (CreateMode.PERSISTENT_WITH_TTL == mode || CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL == mode)
            {
                if (roll < 86)
                {
                    return 1 + random.nextInt(600);
                }
                if (roll < 90)
                {
                    return 1;
                }
                if (roll < 93)
                {
                    return 0;
                }
                if (roll < 96)
                {
                    return -1 - random.nextInt(5);
                }
                return roll < 98 ? ReferenceTree.MAX_TTL_MS : ReferenceTree.MAX_TTL_MS + 1;
            }
            if (roll < 80)
            {
                return -1;
            }
            return roll < 93 ? 0 : 1 + random.nextInt(1000);
        }

        private long pickSession()
        {
            return random.nextInt(100) < 4 ? 0 : SESSIONS[random.nextInt(SESSIONS.length)];
        }

        private byte[] pickData()
        {
            final int roll = validArgumentsOnly ? random.nextInt(97) : random.nextInt(100);
            final int length;
            if (roll < 20)
            {
                length = 0;
            }
            else if (roll < 58)
            {
                length = 1 + random.nextInt(64);
            }
            else if (roll < 70)
            {
                length = 65 + random.nextInt(192);
            }
            else if (roll < 85)
            {
                length = 257 + random.nextInt(MAX_DATA_LENGTH - 257);
            }
            else if (roll < 92)
            {
                final int[] boundaries = { 255, 256, 257, 4095, 4096, 4097, 8192, 8193 };
                length = boundaries[random.nextInt(boundaries.length)];
            }
            else if (roll < 97)
            {
                length = MAX_DATA_LENGTH;
            }
            else
            {
                length = MAX_DATA_LENGTH + 1 + random.nextInt(50);
            }
            final byte[] data = new byte[length];
            random.nextBytes(data);
            return data;
        }

        private AclList pickAcl(final boolean allowNull)
        {
            final int roll = validArgumentsOnly ? 99 : random.nextInt(100);
            if (allowNull && roll < 2)
            {
                return null;
            }
            return roll < 10 ? INVALID_ACLS[random.nextInt(INVALID_ACLS.length)] :
                VALID_ACLS[random.nextInt(VALID_ACLS.length)];
        }

        private String pickPath()
        {
            final int roll = random.nextInt(100);
            if (roll < 70)
            {
                return pickUniversePath(3);
            }
            if (roll < 88)
            {
                return pickExistingPath();
            }
            if (roll < 90)
            {
                return "/";
            }
            return roll < 95 ? INVALID_PATHS[random.nextInt(INVALID_PATHS.length)] :
                SPECIAL_VALID_PATHS[random.nextInt(SPECIAL_VALID_PATHS.length)];
        }

        private String pickUniversePath(final int maxDepth)
        {
            final int roll = random.nextInt(100);
            final int depth = roll < 25 ? 1 : (roll < 65 || maxDepth < 3 ? 2 : 3);
            final StringBuilder path = new StringBuilder();
            path.append('/').append(LEVEL_1[random.nextInt(LEVEL_1.length)]);
            if (depth >= 2 && maxDepth >= 2)
            {
                path.append('/').append(LEVEL_2[random.nextInt(LEVEL_2.length)]);
            }
            if (depth >= 3)
            {
                path.append('/').append(LEVEL_3[random.nextInt(LEVEL_3.length)]);
            }
            return path.toString();
        }

        private String pickExistingPath()
        {
            final List<String> paths = model.paths();
            return paths.get(random.nextInt(paths.size()));
        }

        private String pickSequentialPath()
        {
            final int roll = random.nextInt(100);
            if (roll < 6)
            {
                return ODD_SEQUENTIAL_PATHS[random.nextInt(ODD_SEQUENTIAL_PATHS.length)];
            }
            final String parent = roll < 20 ? "/" : (roll < 80 ? pickUniversePath(2) : pickExistingPath());
            return childPath(parent, SEQUENTIAL_PREFIXES[random.nextInt(SEQUENTIAL_PREFIXES.length)]);
        }

        private String sequentialUnder(final List<ReferenceTree.MultiOp> previous)
        {
            final String parent = previous.get(random.nextInt(previous.size())).path();
            return model.isValidPath(parent) ?
                childPath(parent, SEQUENTIAL_PREFIXES[random.nextInt(SEQUENTIAL_PREFIXES.length)]) : parent;
        }

        /**
         * A path for a multi op: often the path of an earlier op in the same multi, its child or its parent, so
         * that ops depend on each other (create then setData, create a parent then its child, ...).
         */
        private String pickMultiPath(final List<ReferenceTree.MultiOp> previous)
        {
            final int source = random.nextInt(100);
            if (source < 40)
            {
                return pickExistingPath();
            }
            if (previous.isEmpty() || source < 65)
            {
                return pickPath();
            }
            final String earlier = previous.get(random.nextInt(previous.size())).path();
            final int roll = random.nextInt(100);
            if (roll < 40 || !model.isValidPath(earlier))
            {
                return earlier;
            }
            if (roll < 75 || "/".equals(earlier))
            {
                return childPath(earlier, CHILD_NAMES[random.nextInt(CHILD_NAMES.length)]);
            }
            return ReferenceTree.parentOf(earlier);
        }

        /**
         * A path for a create in a multi: often a new child of an existing node, else as {@link #pickMultiPath}.
         */
        private String pickMultiCreatePath(final List<ReferenceTree.MultiOp> previous)
        {
            return random.nextInt(100) < 40 ?
                childPath(pickExistingPath(), CHILD_NAMES[random.nextInt(CHILD_NAMES.length)]) :
                pickMultiPath(previous);
        }

        private String pickPrefix()
        {
            final int roll = random.nextInt(100);
            if (roll < 25)
            {
                return "/";
            }
            if (roll < 45)
            {
                return "/" + LEVEL_1[random.nextInt(LEVEL_1.length)];
            }
            if (roll < 70)
            {
                return pickUniversePath(3);
            }
            if (roll < 90)
            {
                return pickExistingPath();
            }
            return INVALID_PATHS[random.nextInt(INVALID_PATHS.length)];
        }

        private int pickVersion(final String path, final boolean aclVersion)
        {
            final ReferenceTree.Node node = model.isValidPath(path) ? model.node(path) : null;
            final int actual = null == node ? 0 : (aclVersion ? node.aversion : node.version);
            final int roll = random.nextInt(100);
            if (roll < 35)
            {
                return -1;
            }
            if (roll < 75)
            {
                return actual;
            }
            return roll < 97 ? actual + 1 + random.nextInt(3) : -2 - random.nextInt(3);
        }

        private Supplier<String> where(final String what)
        {
            return () -> "seed=" + seed + " op#" + opIndex + " [" + op + "]: " + what;
        }

        private Supplier<String> where(final Supplier<String> what)
        {
            return () -> "seed=" + seed + " op#" + opIndex + " [" + op + "]: " + what.get();
        }

        private static String childPath(final String parent, final String name)
        {
            return "/".equals(parent) ? "/" + name : parent + "/" + name;
        }

        private static boolean isSequential(final CreateMode mode)
        {
            return CreateMode.PERSISTENT_SEQUENTIAL == mode || CreateMode.EPHEMERAL_SEQUENTIAL == mode ||
                CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL == mode;
        }

        private static UnsafeBuffer bufferOf(final byte[] data, final int offset)
        {
            final byte[] bytes = new byte[offset + data.length + 3];
            System.arraycopy(data, 0, bytes, offset, data.length);
            return new UnsafeBuffer(bytes);
        }

        private static String describe(final List<ReferenceTree.MultiOp> ops)
        {
            final StringBuilder sb = new StringBuilder("[");
            for (final ReferenceTree.MultiOp op : ops)
            {
                if (sb.length() > 1)
                {
                    sb.append(", ");
                }
                sb.append(op.type()).append(' ').append(quote(op.path()));
                if (OpType.CREATE == op.type())
                {
                    sb.append(" mode=").append(op.mode()).append(" ttl=").append(op.ttlMs()).append(" acl=").append(op.acl());
                }
                if (null != op.data())
                {
                    sb.append(" data=").append(op.data().length);
                }
                if (OpType.CREATE != op.type())
                {
                    sb.append(" version=").append(op.version());
                }
            }
            return sb.append(']').toString();
        }

        private static String quote(final String path)
        {
            final StringBuilder sb = new StringBuilder("\"");
            final int length = path.length();
            for (int i = 0; i < Math.min(length, 40); i++)
            {
                final char c = path.charAt(i);
                if (c < 0x20 || c > 0x7e)
                {
                    sb.append(String.format("\\u%04x", (int)c));
                }
                else
                {
                    sb.append(c);
                }
            }
            if (length > 40)
            {
                sb.append("...(").append(length).append(" chars)");
            }
            return sb.append('"').toString();
        }
    }
}
