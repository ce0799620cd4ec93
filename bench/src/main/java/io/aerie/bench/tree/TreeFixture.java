package io.aerie.bench.tree;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;
import io.aerie.engine.tree.ZnodeTree;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Building blocks shared by the tree benchmarks: a tree sized for them, pre-built path strings, the data
 * written, and a check that turns an unexpected result code into a failed benchmark. Used from setup
 * methods, except {@link #check}, which is also called on the measured path (it allocates only when it
 * throws).
 */
final class TreeFixture
{
    /** Capacity of every benchmark tree, the root included. */
    static final long MAX_ZNODES = 200_000;
    /** Length of the data every benchmark node holds and every setData writes. */
    static final int DATA_LENGTH = 100;
    /** Log time given to every change; the tree only stores it. */
    static final long TIME_MS = 1_700_000_000_000L;
    /** Number of distinct paths cycled through by create/delete benchmarks (a power of two). */
    static final int FRESH_PATHS = 1024;

    private TreeFixture()
    {
    }

    /**
     * @return an empty tree of {@link #MAX_ZNODES}, with data small enough to stay inline in node records.
     */
    static ZnodeTree newTree()
    {
        return new ZnodeTree(new ZnodeTreeContext()
            .maxZnodes(MAX_ZNODES)
            .averagePathLength(24)
            .averageDataLength(DATA_LENGTH)
            .largeDataCapacity(1024 * 1024));
    }

    /**
     * @return {@link #DATA_LENGTH} bytes of a fixed, non-zero pattern.
     */
    static UnsafeBuffer newData()
    {
        final UnsafeBuffer data = new UnsafeBuffer(new byte[DATA_LENGTH]);
        for (int i = 0; i < DATA_LENGTH; i++)
        {
            data.putByte(i, (byte)('a' + (i % 26)));
        }
        return data;
    }

    /**
     * @return {@code count} paths {@code prefix + i} for i in 0..count-1, zero-padded to equal lengths.
     */
    static String[] paths(final String prefix, final int count)
    {
        final int digits = Integer.toString(Math.max(0, count - 1)).length();
        final String[] paths = new String[count];
        final StringBuilder builder = new StringBuilder(prefix.length() + digits);
        for (int i = 0; i < count; i++)
        {
            builder.setLength(0);
            builder.append(prefix);
            final String index = Integer.toString(i);
            for (int pad = index.length(); pad < digits; pad++)
            {
                builder.append('0');
            }
            builder.append(index);
            paths[i] = builder.toString();
        }
        return paths;
    }

    /**
     * Create persistent nodes with {@code data}, numbering their changes from {@code zxid} + 1.
     *
     * @return the last zxid used.
     */
    static long createAll(
        final ZnodeTree tree,
        final long zxid,
        final String[] paths,
        final UnsafeBuffer data,
        final AclList acl,
        final Stat stat)
    {
        long lastZxid = zxid;
        for (final String path : paths)
        {
            check(tree.create(++lastZxid, TIME_MS, 0, path, data, 0, data.capacity(), acl, CreateMode.PERSISTENT, 0,
                null, stat), "create", path);
        }
        return lastZxid;
    }

    /**
     * Fail the benchmark on a result other than OK.
     *
     * @throws IllegalStateException naming the operation, path and code, if {@code code} is not OK.
     */
    static void check(final ResultCode code, final String operation, final String path)
    {
        if (ResultCode.OK != code)
        {
            throw new IllegalStateException(operation + " " + path + ": " + code);
        }
    }
}
