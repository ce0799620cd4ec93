package io.aerie.engine.tree;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Null data in the tree, as ZooKeeper 3.9 keeps it apart from empty data: created or set with null, read back
 * as null with dataLength 0, in single operations and in a multi, inline or replacing chunked data.
 */
class TreeNullDataTest
{
    private final TreeFixture f = new TreeFixture();

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldReadBackNullDataOfNodeCreatedWithNull()
    {
        assertEquals(ResultCode.OK, f.create("/n", null, CreateMode.PERSISTENT));

        assertEquals(0, f.stat.dataLength(), "create's stat");
        assertNull(f.getData("/n"));
        assertEquals(0, f.stat.dataLength());
    }

    @Test
    void shouldKeepEmptyDataNonNull()
    {
        f.create("/e", "", CreateMode.PERSISTENT);

        assertEquals("", f.getData("/e"));
        assertFalse(f.tree.isLastDataNull());
    }

    @Test
    void shouldReplaceChunkedDataWithNullAndNullWithData()
    {
        f.create("/n", "x".repeat(10_000), CreateMode.PERSISTENT);

        assertEquals(ResultCode.OK, f.setData("/n", null, 0));
        assertNull(f.getData("/n"));
        assertEquals(0, f.stat.dataLength());
        assertEquals(1, f.stat.version());

        assertEquals(ResultCode.OK, f.setData("/n", "y".repeat(300), 1));
        assertEquals("y".repeat(300), f.getData("/n"));
    }

    @Test
    void shouldNotReportNullDataAfterFailedRead()
    {
        f.create("/n", null, CreateMode.PERSISTENT);
        f.getData("/n");

        assertEquals(ResultCode.NO_NODE, f.tree.getData("/missing", new org.agrona.ExpandableArrayBuffer(), f.stat));
        assertFalse(f.tree.isLastDataNull());
    }

    @Test
    void shouldCreateAndSetNullDataInMulti()
    {
        f.create("/s", "x", CreateMode.PERSISTENT);
        final MultiOps ops = new MultiOps()
            .create("/m", null, 0, 0, AclList.openAclUnsafe(), CreateMode.PERSISTENT, -1)
            .setData("/s", null, 0, 0, -1)
            .create("/e", new UnsafeBuffer(new byte[0]), 0, 0, AclList.openAclUnsafe(), CreateMode.PERSISTENT, -1);
        final MultiResults results = new MultiResults();

        final long z = f.nextZxid();
        assertEquals(ResultCode.OK, f.tree.multi(z, TreeFixture.timeOf(z), TreeFixture.SESSION, ops, results));

        assertNull(f.getData("/m"));
        assertNull(f.getData("/s"));
        assertEquals("", f.getData("/e"));
    }

    @Test
    void shouldGiveNullAndEmptyDataDifferentDigests()
    {
        f.create("/n", "", CreateMode.PERSISTENT);
        final long empty = f.tree.digest();

        f.setData("/n", null, -1);

        assertNotEquals(empty, f.tree.digest());
    }
}
