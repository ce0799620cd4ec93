package io.aerie.engine.tree;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.model.NameList;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


import static io.aerie.engine.tree.TreeFixture.OPEN;
import static io.aerie.engine.tree.TreeFixture.SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sizes the tree keeps for ZooKeeper's {@code mntr}: ephemerals of all sessions ({@code zk_ephemerals_count})
 * and the bytes of paths and data ({@code zk_approximate_data_size}), through creates, sets, deletes, a failed
 * multi, a session's end and a snapshot reload.
 */
class TreeSizesTest
{
    private final TreeFixture f = new TreeFixture();

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldStartWithTheReservedNodesOnly()
    {
        // ZooKeeper 3.9 starts at 44: /zookeeper, /zookeeper/quota and /zookeeper/config with its empty data, and 1.
        assertEquals(0, f.tree.ephemeralCount());
        assertEquals("/zookeeper".length() + "/zookeeper/quota".length() + "/zookeeper/config".length(),
            f.tree.approximateDataSize());
    }

    @Test
    void shouldCountPathAndDataBytesAsZooKeeper()
    {
        final long initial = f.tree.approximateDataSize();
        f.create("/app", "12345", CreateMode.PERSISTENT);
        f.create("/app/x", "", CreateMode.PERSISTENT);
        assertEquals(initial + 4 + 5 + 6, f.tree.approximateDataSize());

        f.setData("/app", "1", -1);
        f.setData("/app/x", "x".repeat(5000), -1);
        assertEquals(initial + 4 + 1 + 6 + 5000, f.tree.approximateDataSize());

        f.delete("/app/x", -1);
        assertEquals(initial + 4 + 1, f.tree.approximateDataSize());
    }

    @Test
    void shouldCountEphemeralsOfEverySession()
    {
        f.create("/e1", new byte[0], CreateMode.EPHEMERAL, -1, SESSION);
        f.create("/e2", new byte[0], CreateMode.EPHEMERAL_SEQUENTIAL, -1, SESSION + 1);
        f.create("/p", "", CreateMode.PERSISTENT);
        assertEquals(2, f.tree.ephemeralCount());

        f.tree.deleteEphemerals(f.nextZxid(), SESSION + 1, new NameList());
        assertEquals(1, f.tree.ephemeralCount());
        f.delete("/e1", -1);
        assertEquals(0, f.tree.ephemeralCount());
    }

    @Test
    void shouldLeaveSizesAsTheyWereAfterFailedMulti()
    {
        f.create("/a", "abc", CreateMode.PERSISTENT);
        final long size = f.tree.approximateDataSize();
        final byte[] value = "value".getBytes();
        final MultiOps ops = new MultiOps()
            .create("/b", new UnsafeBuffer(value), 0, value.length, OPEN, CreateMode.EPHEMERAL, -1)
            .delete("/a", -1)
            .check("/missing", -1);

        assertEquals(ResultCode.NO_NODE, f.tree.multi(f.nextZxid(), 1, SESSION, ops, new MultiResults()));
        assertEquals(size, f.tree.approximateDataSize());
        assertEquals(0, f.tree.ephemeralCount());
    }

    @Test
    void shouldRebuildSizesFromSnapshot()
    {
        f.create("/app", "v1", CreateMode.PERSISTENT);
        f.create("/app/big", "x".repeat(9000), CreateMode.PERSISTENT);
        f.create("/app/lock-", new byte[0], CreateMode.EPHEMERAL_SEQUENTIAL, -1, SESSION);
        try (TreeFixture loaded = new TreeFixture())
        {
            TreeSnapshotTest.load(loaded.tree, TreeSnapshotTest.write(f.tree));

            assertEquals(f.tree.approximateDataSize(), loaded.tree.approximateDataSize());
            assertEquals(1, loaded.tree.ephemeralCount());
        }
    }
}
