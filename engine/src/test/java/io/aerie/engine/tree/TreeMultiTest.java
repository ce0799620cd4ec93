package io.aerie.engine.tree;

import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.aerie.engine.tree.TreeFixture.OPEN;
import static io.aerie.engine.tree.TreeFixture.SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TreeMultiTest
{
    private static final UnsafeBuffer VALUE = new UnsafeBuffer(TreeFixture.bytes("value"));

    private final TreeFixture f = new TreeFixture();
    private final MultiOps ops = new MultiOps();
    private final MultiResults results = new MultiResults();

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldApplyAllOpsUnderOneZxid()
    {
        f.create("/a", "old", CreateMode.PERSISTENT);
        ops.clear()
            .check("/a", 0)
            .create("/b", VALUE, 0, 5, OPEN, CreateMode.PERSISTENT, -1)
            .create("/b/s-", VALUE, 0, 5, OPEN, CreateMode.PERSISTENT_SEQUENTIAL, -1)
            .setData("/a", VALUE, 0, 5, 0)
            .delete("/b/s-0000000000", -1);

        assertEquals(ResultCode.OK, f.tree.multi(7, 7000, SESSION, ops, results));

        assertEquals(5, results.size());
        for (int i = 0; i < 5; i++)
        {
            assertEquals(ResultCode.OK, results.code(i), "op " + i);
        }
        assertEquals(OpType.SET_DATA, results.type(3));
        assertEquals("/b/s-0000000000", results.path(2).toString());
        assertEquals(7, results.stat(1).czxid());
        assertEquals(1, results.stat(3).version());
        assertEquals("value", f.getData("/a"));
        assertEquals(7, f.stat("/a").mzxid());
        assertEquals(List.of(), f.children("/b"));
        assertEquals(2, f.stat("/b").cversion(), "the sequential child was created and deleted inside the multi");
    }

    @Test
    void shouldRollBackEverythingWhenOneOpFails()
    {
        f.create("/a", "old", CreateMode.PERSISTENT);
        f.create("/e", TreeFixture.bytes(""), CreateMode.EPHEMERAL, -1, SESSION);
        final long digestBefore = f.tree.digest();
        final long countBefore = f.tree.nodeCount();

        ops.clear()
            .create("/b", VALUE, 0, 5, OPEN, CreateMode.PERSISTENT, -1)
            .create("/b/big", new UnsafeBuffer(new byte[10_000]), 0, 10_000, OPEN, CreateMode.PERSISTENT, -1)
            .create("/c", VALUE, 0, 5, OPEN, CreateMode.CONTAINER, -1)
            .create("/x", VALUE, 0, 5, OPEN, CreateMode.EPHEMERAL, -1)
            .setData("/a", VALUE, 0, 5, -1)
            .delete("/e", -1)
            .setData("/a", VALUE, 0, 5, 0)
            .create("/d", VALUE, 0, 5, OPEN, CreateMode.PERSISTENT, -1);

        assertEquals(ResultCode.BAD_VERSION, f.tree.multi(9, 9000, SESSION, ops, results));

        for (int i = 0; i < 6; i++)
        {
            assertEquals(ResultCode.OK, results.code(i), "ops before the failure report OK");
            assertEquals("", results.path(i).toString());
        }
        assertEquals(ResultCode.BAD_VERSION, results.code(6));
        assertEquals(ResultCode.RUNTIME_INCONSISTENCY, results.code(7));

        assertEquals(digestBefore, f.tree.digest());
        assertEquals(countBefore, f.tree.nodeCount());
        assertEquals("old", f.getData("/a"));
        assertEquals(ResultCode.NO_NODE, f.tree.exists("/b", f.stat));
        assertEquals(1, f.tree.ephemeralCount(SESSION));
        assertEquals(List.of("/e"), ephemerals());
        assertEquals(List.of("a", "e", "zookeeper"), f.children("/"));
    }

    @Test
    void shouldStoreAnAclListAgainAfterTheTransactionThatStoredItRolledBack()
    {
        final AclList readOnly = new AclList().add(AclList.READ | AclList.CREATE, "world", "anyone");
        f.create("/p");
        ops.clear()
            .create("/p/a", VALUE, 0, 5, readOnly, CreateMode.PERSISTENT, -1)
            .create("/p/a", VALUE, 0, 5, readOnly, CreateMode.PERSISTENT, -1);
        assertEquals(ResultCode.NODE_EXISTS, f.tree.multi(5, 5000, SESSION, ops, results));

        ops.clear().create("/p/b", VALUE, 0, 5, readOnly, CreateMode.PERSISTENT, -1);
        assertEquals(ResultCode.OK, f.tree.multi(6, 6000, SESSION, ops, results));
        ops.clear().create("/p/c", VALUE, 0, 5, readOnly, CreateMode.PERSISTENT, -1);
        assertEquals(ResultCode.OK, f.tree.multi(7, 7000, SESSION, ops, results));

        assertEquals(2, f.tree.aclRefCount("/p/b"), "one stored list, referenced by /p/b and /p/c");
        assertEquals(readOnly, acl("/p/c"));
    }

    @Test
    void shouldLeaveIndexesUsableAfterRollback()
    {
        f.create("/p");
        ops.clear()
            .create("/p/a", VALUE, 0, 5, OPEN, CreateMode.PERSISTENT, -1)
            .create("/p/a", VALUE, 0, 5, OPEN, CreateMode.PERSISTENT, -1);
        assertEquals(ResultCode.NODE_EXISTS, f.tree.multi(5, 5000, SESSION, ops, results));

        assertEquals(ResultCode.OK, f.create("/p/a"));
        assertEquals(ResultCode.OK, f.create("/p/b"));
        assertEquals(List.of("a", "b"), f.children("/p"));
        assertEquals(ResultCode.OK, f.delete("/p/a", -1));
        assertEquals(List.of("b"), f.children("/p"));
    }

    @Test
    void shouldSeeEarlierOpsOfTheSameMulti()
    {
        ops.clear()
            .create("/a", VALUE, 0, 5, OPEN, CreateMode.PERSISTENT, -1)
            .check("/a", 0)
            .setData("/a", VALUE, 0, 1, 0)
            .check("/a", 1);
        assertEquals(ResultCode.OK, f.tree.multi(3, 3000, SESSION, ops, results));
        assertEquals("v", f.getData("/a"));
    }

    @Test
    void shouldSucceedWithNoOps()
    {
        assertEquals(ResultCode.OK, f.tree.multi(3, 3000, SESSION, ops.clear(), results));
        assertEquals(0, results.size());
    }

    @Test
    void shouldRefuseTooManyOps()
    {
        try (TreeFixture small = new TreeFixture(TreeFixture.smallContext().maxMultiOps(2)))
        {
            ops.clear().check("/", -1).check("/", -1).check("/", -1);
            assertEquals(ResultCode.TOO_MANY_OPS, small.tree.multi(1, 1, SESSION, ops, results));
            assertEquals(ResultCode.TOO_MANY_OPS, results.code(0));
            assertEquals(ResultCode.RUNTIME_INCONSISTENCY, results.code(2));
        }
    }

    @Test
    void shouldRollBackCreatesThatFillTheTree()
    {
        try (TreeFixture small = new TreeFixture(TreeFixture.smallContext().maxZnodes(2)))
        {
            ops.clear()
                .create("/a", VALUE, 0, 5, OPEN, CreateMode.PERSISTENT, -1)
                .create("/b", VALUE, 0, 5, OPEN, CreateMode.PERSISTENT, -1)
                .create("/c", VALUE, 0, 5, OPEN, CreateMode.PERSISTENT, -1);
            assertEquals(ResultCode.ZNODE_LIMIT, small.tree.multi(1, 1, SESSION, ops, results));
            assertEquals(TreeFixture.BASE_NODES, small.tree.nodeCount());
            assertEquals(List.of("zookeeper"), small.children("/"));
        }
    }

    private AclList acl(final String path)
    {
        final AclList acl = new AclList();
        assertEquals(ResultCode.OK, f.tree.getAcl(path, acl, f.stat));
        return acl;
    }

    private List<String> ephemerals()
    {
        f.tree.getEphemerals(SESSION, "/", f.names);
        return f.names.toList();
    }
}
