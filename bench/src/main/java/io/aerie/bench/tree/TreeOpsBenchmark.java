package io.aerie.bench.tree;

import io.aerie.bench.BenchmarkMain;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;
import io.aerie.engine.tree.ZnodeTree;
import org.agrona.ExpandableArrayBuffer;
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
 * Single znode operations on a tree of {@link #nodes} nodes, 100-byte data, one operation per call in
 * steady state and a tree whose size does not drift.
 * <p>
 * Layout: {@code /ops/g<group>/n<index>}, at most 1,000 nodes per group, so the tree is deep and wide as a real
 * one is, not one flat parent. Reads and setData visit every node in turn; createDelete creates a fresh
 * child of the first group and deletes it again, cycling through {@link TreeFixture#FRESH_PATHS} names.
 * All paths are built in setup and every output holder is reused, so {@code -prof gc} shows the tree's own
 * allocation per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1) // On 2 cores C2 still competes with the benchmark thread for ~4 s.
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TreeOpsBenchmark
{
    private static final int NODES_PER_GROUP = 1000;

    /** Number of data nodes in the tree (parents not counted). */
    @Param({ "1000", "100000" })
    public int nodes;

    private final Stat stat = new Stat();
    private final AclList acl = AclList.openAclUnsafe();
    private final UnsafeBuffer data = TreeFixture.newData();
    private final ExpandableArrayBuffer dataOut = new ExpandableArrayBuffer(2 * TreeFixture.DATA_LENGTH);
    private ZnodeTree tree;
    private String[] paths;
    private String[] freshPaths;
    private int cursor;
    private int freshCursor;
    private long zxid;

    /**
     * Build the tree: groups, then {@link #nodes} data nodes.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        tree = TreeFixture.newTree();
        final int groups = (nodes + NODES_PER_GROUP - 1) / NODES_PER_GROUP;
        final String[] groupPaths = TreeFixture.paths("/ops/g", groups);
        zxid = TreeFixture.createAll(tree, zxid, new String[]{ "/ops" }, data, acl, stat);
        zxid = TreeFixture.createAll(tree, zxid, groupPaths, data, acl, stat);

        paths = new String[nodes];
        final String[] names = TreeFixture.paths("/n", nodes);
        for (int i = 0; i < nodes; i++)
        {
            paths[i] = groupPaths[i / NODES_PER_GROUP] + names[i];
        }
        zxid = TreeFixture.createAll(tree, zxid, paths, data, acl, stat);
        freshPaths = TreeFixture.paths(groupPaths[0] + "/fresh", TreeFixture.FRESH_PATHS);
    }

    /**
     * Check the tree is the size it started at, then release its off-heap memory.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        final long expected = 1L + 1 + (nodes + NODES_PER_GROUP - 1) / NODES_PER_GROUP + nodes;
        final long actual = tree.nodeCount();
        tree.close();
        if (expected != actual)
        {
            throw new IllegalStateException("tree drifted: expected " + expected + " nodes, found " + actual);
        }
    }

    /**
     * Read a node's 100 bytes of data and its stat.
     *
     * @return the result code, to keep the call observable.
     */
    @Benchmark
    public ResultCode getData()
    {
        final String path = nextPath();
        final ResultCode code = tree.getData(path, dataOut, stat);
        TreeFixture.check(code, "getData", path);
        return code;
    }

    /**
     * Replace a node's data with 100 bytes (any version).
     *
     * @return the result code.
     */
    @Benchmark
    public ResultCode setData()
    {
        final String path = nextPath();
        final ResultCode code = tree.setData(++zxid, TreeFixture.TIME_MS, path, data, 0, TreeFixture.DATA_LENGTH, -1,
            stat);
        TreeFixture.check(code, "setData", path);
        return code;
    }

    /**
     * Read a node's stat.
     *
     * @return the result code.
     */
    @Benchmark
    public ResultCode exists()
    {
        final String path = nextPath();
        final ResultCode code = tree.exists(path, stat);
        TreeFixture.check(code, "exists", path);
        return code;
    }

    /**
     * Create a persistent node with 100 bytes of data under a parent of up to 1,000 children, then delete
     * it: one create and one delete per call.
     *
     * @return the delete's result code.
     */
    @Benchmark
    public ResultCode createDelete()
    {
        final String path = freshPaths[freshCursor];
        freshCursor = (freshCursor + 1) & (TreeFixture.FRESH_PATHS - 1);
        TreeFixture.check(tree.create(++zxid, TreeFixture.TIME_MS, 0, path, data, 0, TreeFixture.DATA_LENGTH, acl,
            CreateMode.PERSISTENT, 0, null, stat), "create", path);
        final ResultCode code = tree.delete(++zxid, path, -1);
        TreeFixture.check(code, "delete", path);
        return code;
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
        BenchmarkMain.run(TreeOpsBenchmark.class, args);
    }

    private String nextPath()
    {
        final String path = paths[cursor];
        cursor = cursor + 1 == paths.length ? 0 : cursor + 1;
        return path;
    }
}
