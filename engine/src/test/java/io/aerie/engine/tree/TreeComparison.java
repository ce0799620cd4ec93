package io.aerie.engine.tree;

import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.NameList;
import io.aerie.codecs.model.Stat;
import org.agrona.collections.MutableLong;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import static io.aerie.engine.tree.RandomTreeOps.MAX_DATA_LENGTH;
import static io.aerie.engine.tree.RandomTreeOps.SESSIONS;
import static io.aerie.engine.tree.RandomTreeOps.SPECIAL_VALID_PATHS;
import static io.aerie.engine.tree.RandomTreeOps.UNIVERSE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state comparison of {@link TreeModelTest}: checks that a {@link ZnodeTree} answers reads as the
 * {@link ReferenceTree} model does, node by node or in full. A failure names the seed, the index of the
 * operation and the operation, as last given to {@link #nextOperation()} and {@link #describe(String)}.
 */
final class TreeComparison
{
    private final long seed;
    private final ReferenceTree model;
    private final List<Throwable> treeErrors;
    private int opIndex;
    private String op = "(none yet)";

    private final Stat stat = new Stat();
    private final NameList names = new NameList();
    private final AclList aclOut = new AclList();
    private final UnsafeBuffer dataOut = new UnsafeBuffer(new byte[MAX_DATA_LENGTH]);
    private final MutableLong count = new MutableLong();

    TreeComparison(final long seed, final ReferenceTree model, final List<Throwable> treeErrors)
    {
        this.seed = seed;
        this.model = model;
        this.treeErrors = treeErrors;
    }

    /**
     * @return the index of the operation now starting, counted from 1.
     */
    int nextOperation()
    {
        return ++opIndex;
    }

    /**
     * Name the current operation in failure messages.
     */
    void describe(final String op)
    {
        this.op = op;
    }

    Supplier<String> where(final String what)
    {
        return () -> "seed=" + seed + " op#" + opIndex + " [" + op + "]: " + what;
    }

    Supplier<String> where(final Supplier<String> what)
    {
        return () -> "seed=" + seed + " op#" + opIndex + " [" + op + "]: " + what.get();
    }

    /**
     * Compare everything: node count, every node of the model, the whole path universe, each session's
     * ephemerals, the descendants of the root, the digests of the trees with each other, and no tree errors.
     */
    void fullState(final List<ZnodeTree> trees)
    {
        final String operation = op;
        op = "full state check after " + operation;
        final List<String> paths = model.paths();
        for (final ZnodeTree tree : trees)
        {
            assertEquals(model.size(), tree.nodeCount(), where("node count"));
            for (final String path : paths)
            {
                node(tree, path);
            }
            for (final String path : UNIVERSE)
            {
                exists(tree, path);
            }
            for (final String path : SPECIAL_VALID_PATHS)
            {
                exists(tree, path);
            }
            for (final long sessionId : SESSIONS)
            {
                ephemerals(tree, sessionId, "/");
            }
            count.set(-1);
            assertEquals(ResultCode.OK, tree.getAllChildrenNumber("/", count), where("count from root"));
            assertEquals(model.size() - 1, count.get(), where("descendants of root"));
        }
        for (int i = 1; i < trees.size(); i++)
        {
            assertEquals(trees.get(0).digest(), trees.get(i).digest(), where("digests of trees " + i + " and 0"));
        }
        noTreeErrors();
        op = operation;
    }

    /**
     * Compare the given nodes, after checking that the trees reported no errors.
     */
    void nodes(final List<ZnodeTree> trees, final Collection<String> paths)
    {
        noTreeErrors();
        for (final ZnodeTree tree : trees)
        {
            for (final String path : paths)
            {
                node(tree, path);
            }
        }
    }

    void node(final ZnodeTree tree, final String path)
    {
        exists(tree, path);
        getData(tree, path);
        getChildren(tree, path);
        getAcl(tree, path);
    }

    void exists(final ZnodeTree tree, final String path)
    {
        final ResultCode expected = model.lookup(path);
        assertEquals(expected, tree.exists(path, stat), where(() -> "exists " + quote(path)));
        if (ResultCode.OK == expected)
        {
            assertEquals(model.node(path).stat(), stat, where(() -> "stat of " + quote(path)));
        }
    }

    void getData(final ZnodeTree tree, final String path)
    {
        final ResultCode expected = model.lookup(path);
        assertEquals(expected, tree.getData(path, dataOut, stat), where(() -> "getData " + quote(path)));
        if (ResultCode.OK == expected)
        {
            final ReferenceTree.Node node = model.node(path);
            assertEquals(node.stat(), stat, where(() -> "getData stat of " + quote(path)));
            final byte[] actual = new byte[stat.dataLength()];
            dataOut.getBytes(0, actual);
            assertArrayEquals(node.data, tree.isLastDataNull() ? null : actual, where(() -> "data of " + quote(path)));
        }
    }

    void getChildren(final ZnodeTree tree, final String path)
    {
        final ResultCode expected = model.lookup(path);
        assertEquals(expected, tree.getChildren(path, names, stat), where(() -> "getChildren " + quote(path)));
        if (ResultCode.OK == expected)
        {
            assertEquals(model.node(path).stat(), stat, where(() -> "getChildren stat of " + quote(path)));
            assertEquals(model.children(path), names.toList(), where(() -> "children of " + quote(path)));
        }
    }

    void getAcl(final ZnodeTree tree, final String path)
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

    void ephemerals(final ZnodeTree tree, final long sessionId, final String prefix)
    {
        final boolean valid = model.isValidPath(prefix);
        assertEquals(valid ? ResultCode.OK : ResultCode.INVALID_PATH, tree.getEphemerals(sessionId, prefix, names),
            where("getEphemerals result"));
        assertEquals(valid ? model.ephemerals(sessionId, prefix) : List.of(), names.toList(),
            where(() -> "ephemerals of 0x" + Long.toHexString(sessionId) + " under " + quote(prefix)));
        assertEquals(model.ephemerals(sessionId, "/").size(), tree.ephemeralCount(sessionId),
            where(() -> "ephemeral count of 0x" + Long.toHexString(sessionId)));
    }

    void descendants(final ZnodeTree tree, final String path)
    {
        final ResultCode expected = model.lookup(path);
        count.set(-1);
        assertEquals(expected, tree.getAllChildrenNumber(path, count), where("getAllChildrenNumber result"));
        if (ResultCode.OK == expected)
        {
            assertEquals(model.descendantCount(path), count.get(), where("descendant count"));
        }
    }

    /**
     * Compare a tree's per-op results of a multi with the model's.
     */
    void multiResults(
        final List<ReferenceTree.MultiOp> ops, final ReferenceTree.MultiOutcome expected, final MultiResults actual)
    {
        assertEquals(ops.size(), actual.size(), where("multi result count"));
        for (int i = 0; i < ops.size(); i++)
        {
            final int index = i;
            final ReferenceTree.Outcome outcome = expected.results().get(i);
            final OpType type = ops.get(i).type();
            assertEquals(type, actual.type(i), where(() -> "type of multi op " + index));
            assertEquals(outcome.code(), actual.code(i), where(() -> "code of multi op " + index));
            assertEquals(outcome.createdPath(), actual.path(i).toString(),
                where(() -> "created path of multi op " + index));
            if (ResultCode.OK == expected.code() && (OpType.CREATE == type || OpType.SET_DATA == type))
            {
                assertEquals(outcome.stat(), actual.stat(i), where(() -> "stat of multi op " + index));
            }
        }
    }

    private void noTreeErrors()
    {
        assertTrue(treeErrors.isEmpty(), where(() -> "errors reported by the tree: " + treeErrors));
    }

    /**
     * @return the path quoted for a message: non-printable and non-ASCII chars escaped, cut after 40 chars.
     */
    static String quote(final String path)
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
