package io.aerie.engine.tree;

import io.aerie.codecs.model.Stat;
import io.aerie.codecs.model.NameList;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A small tree and terse helpers for tests: every write takes the next zxid and a time of 1000 * zxid.
 */
class TreeFixture implements AutoCloseable
{
    static final long SESSION = 0x1234L;
    /** Nodes of a new tree: the root, /zookeeper, /zookeeper/quota and /zookeeper/config. */
    static final long BASE_NODES = 4;
    static final AclList OPEN = AclList.openAclUnsafe();

    final ZnodeTree tree;
    final Stat stat = new Stat();
    final NameList names = new NameList();
    final ExpandableArrayBuffer data = new ExpandableArrayBuffer(1024);
    final StringBuilder createdPath = new StringBuilder();
    long zxid;

    TreeFixture()
    {
        this(smallContext());
    }

    TreeFixture(final ZnodeTreeContext ctx)
    {
        tree = new ZnodeTree(ctx);
    }

    /**
     * A tree about to load the snapshot at a log position and time (restored from a copy of its maps if one is kept).
     */
    TreeFixture(final ZnodeTreeContext ctx, final long snapshotPosition, final long snapshotTime)
    {
        tree = new ZnodeTree(ctx, snapshotPosition, snapshotTime);
    }

    static ZnodeTreeContext smallContext()
    {
        return new ZnodeTreeContext()
            .maxZnodes(10_000)
            .largeDataCapacity(8L * 1024 * 1024)
            .maxAclLists(64);
    }

    long nextZxid()
    {
        return ++zxid;
    }

    static long timeOf(final long zxid)
    {
        return 1000 * zxid;
    }

    ResultCode create(final String path)
    {
        return create(path, "", CreateMode.PERSISTENT);
    }

    ResultCode create(final String path, final String value, final CreateMode mode)
    {
        return create(path, bytes(value), mode, -1, SESSION);
    }

    ResultCode create(final String path, final byte[] value, final CreateMode mode, final long ttlMs, final long session)
    {
        final long z = nextZxid();
        createdPath.setLength(0);
        return tree.create(z, timeOf(z), session, path, buffer(value), 0, length(value), OPEN, mode, ttlMs,
            createdPath, stat);
    }

    ResultCode setData(final String path, final String value, final int version)
    {
        final byte[] bytes = bytes(value);
        final long z = nextZxid();
        return tree.setData(z, timeOf(z), path, buffer(bytes), 0, length(bytes), version, stat);
    }

    ResultCode delete(final String path, final int version)
    {
        return tree.delete(nextZxid(), path, version);
    }

    Stat stat(final String path)
    {
        final Stat result = new Stat();
        final ResultCode code = tree.exists(path, result);
        if (ResultCode.OK != code)
        {
            throw new AssertionError(path + ": " + code);
        }
        return result;
    }

    /**
     * @return the data as UTF-8 text, or null for null data.
     */
    String getData(final String path)
    {
        final ResultCode code = tree.getData(path, data, stat);
        if (ResultCode.OK != code)
        {
            throw new AssertionError(path + ": " + code);
        }
        return tree.isLastDataNull() ? null : data.getStringWithoutLengthUtf8(0, stat.dataLength());
    }

    List<String> children(final String path)
    {
        final ResultCode code = tree.getChildren(path, names, stat);
        if (ResultCode.OK != code)
        {
            throw new AssertionError(path + ": " + code);
        }
        return names.toList();
    }

    /**
     * @return the UTF-8 bytes, or null (null data) for null.
     */
    static byte[] bytes(final String value)
    {
        return null == value ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    static UnsafeBuffer buffer(final byte[] value)
    {
        return null == value ? null : new UnsafeBuffer(value);
    }

    static int length(final byte[] value)
    {
        return null == value ? 0 : value.length;
    }

    @Override
    public void close()
    {
        tree.close();
    }
}
