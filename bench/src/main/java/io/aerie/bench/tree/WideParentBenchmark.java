package io.aerie.bench.tree;

import io.aerie.bench.BenchmarkMain;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.NameList;
import io.aerie.codecs.model.Stat;
import io.aerie.engine.tree.ZnodeTree;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;

import java.util.concurrent.TimeUnit;

/**
 * Operations under one wide parent. The claim to check: creating and deleting a child costs about the same
 * under a parent with 100,000 children as under an empty one (children sit in dense slots, so adding and
 * removing are O(1)). Listing children is measured for completeness; it grows with their number.
 * <p>
 * The parent's existing children and the listed children are separate parameters, held in separate states,
 * so each benchmark runs only over the sizes that concern it. This class holds the reusable outputs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1) // On 2 cores C2 still competes with the benchmark thread for ~4 s.
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class WideParentBenchmark
{
    private static final String PARENT = "/wide";

    private final Stat stat = new Stat();
    private final NameList children = new NameList();

    /**
     * A parent {@code /wide} with {@link #existingChildren} children, and names for fresh ones.
     */
    @State(Scope.Thread)
    public static class WideParent
    {
        /** Children the parent holds besides the ones the benchmark creates. */
        @Param({ "0", "100000" })
        public int existingChildren;

        final AclList acl = AclList.openAclUnsafe();
        final UnsafeBuffer data = TreeFixture.newData();
        ZnodeTree tree;
        String[] freshPaths;
        int freshCursor;
        String previousPath;
        long zxid;

        /**
         * Build the parent and its children.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            final Stat stat = new Stat();
            tree = TreeFixture.newTree();
            zxid = TreeFixture.createAll(tree, zxid, new String[]{ PARENT }, data, acl, stat);
            zxid = TreeFixture.createAll(tree, zxid, TreeFixture.paths(PARENT + "/c", existingChildren), data, acl, stat);
            freshPaths = TreeFixture.paths(PARENT + "/fresh", TreeFixture.FRESH_PATHS);
        }

        /**
         * Check the parent holds as many children as it started with (plus the benchmark's last one, if any),
         * then release the tree's off-heap memory.
         */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            final long expected = 2L + existingChildren + (null == previousPath ? 0 : 1);
            final long actual = tree.nodeCount();
            tree.close();
            if (expected != actual)
            {
                throw new IllegalStateException("tree drifted: expected " + expected + " nodes, found " + actual);
            }
        }

        String nextFreshPath()
        {
            final String path = freshPaths[freshCursor];
            freshCursor = (freshCursor + 1) & (TreeFixture.FRESH_PATHS - 1);
            return path;
        }
    }

    /**
     * A parent {@code /wide} with {@link #listedChildren} children to list.
     */
    @State(Scope.Thread)
    public static class ListedParent
    {
        /** Children of the listed parent. */
        @Param({ "10", "1000" })
        public int listedChildren;

        ZnodeTree tree;

        /**
         * Build the parent and its children.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            final AclList acl = AclList.openAclUnsafe();
            final UnsafeBuffer data = TreeFixture.newData();
            final Stat stat = new Stat();
            tree = TreeFixture.newTree();
            final long zxid = TreeFixture.createAll(tree, 0, new String[]{ PARENT }, data, acl, stat);
            TreeFixture.createAll(tree, zxid, TreeFixture.paths(PARENT + "/c", listedChildren), data, acl, stat);
        }

        /**
         * Release the tree's off-heap memory.
         */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            tree.close();
        }
    }

    /**
     * Create a child with 100 bytes of data and delete it again, one create and one delete per call. The
     * child is always the newest, so the delete frees the last slot.
     *
     * @param parent the wide parent.
     * @return the delete's result code.
     */
    @Benchmark
    @BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
    public ResultCode createDelete(final WideParent parent)
    {
        final String path = parent.nextFreshPath();
        TreeFixture.check(parent.tree.create(++parent.zxid, TreeFixture.TIME_MS, 0, path, parent.data, 0,
            TreeFixture.DATA_LENGTH, parent.acl, CreateMode.PERSISTENT, 0, null, stat), "create", path);
        final ResultCode code = parent.tree.delete(++parent.zxid, path, -1);
        TreeFixture.check(code, "delete", path);
        return code;
    }

    /**
     * Create a child and delete the one created by the call before, as a lock or queue recipe does: one
     * create and one delete per call, and the delete moves the newest child into the freed slot, so the
     * moved child's record is rewritten too. (The very first call only creates.)
     *
     * @param parent the wide parent.
     * @return the delete's result code.
     */
    @Benchmark
    public ResultCode createDeletePrevious(final WideParent parent)
    {
        final String path = parent.nextFreshPath();
        TreeFixture.check(parent.tree.create(++parent.zxid, TreeFixture.TIME_MS, 0, path, parent.data, 0,
            TreeFixture.DATA_LENGTH, parent.acl, CreateMode.PERSISTENT, 0, null, stat), "create", path);
        final String previous = parent.previousPath;
        parent.previousPath = path;
        if (null == previous)
        {
            return ResultCode.OK;
        }
        final ResultCode code = parent.tree.delete(++parent.zxid, previous, -1);
        TreeFixture.check(code, "delete", previous);
        return code;
    }

    /**
     * List the parent's children, sorted, with its stat.
     *
     * @param parent the listed parent.
     * @return the number of children, to keep the call observable.
     */
    @Benchmark
    public int getChildren(final ListedParent parent)
    {
        TreeFixture.check(parent.tree.getChildren(PARENT, children, stat), "getChildren", PARENT);
        return children.size();
    }

    /**
     * Run this class's benchmarks; accepts JMH options (see {@link BenchmarkMain}).
     *
     * @param args JMH command-line options.
     * @throws RunnerException            if a benchmark fails.
     * @throws CommandLineOptionException on invalid options.
     */
    public static void main(final String[] args) throws RunnerException, CommandLineOptionException
    {
        BenchmarkMain.run(WideParentBenchmark.class, args);
    }
}
