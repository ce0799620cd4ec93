package io.aerie.engine.tree;

import io.aerie.codecs.model.Stat;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import org.agrona.collections.MutableLong;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.aerie.engine.tree.TreeFixture.OPEN;
import static io.aerie.engine.tree.TreeFixture.SESSION;
import static io.aerie.engine.tree.TreeFixture.timeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ZnodeTreeTest
{
    private final TreeFixture f = new TreeFixture();

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldStartWithTheRootAndTheReservedNodes()
    {
        assertEquals(TreeFixture.BASE_NODES, f.tree.nodeCount());
        assertEquals(new Stat().set(0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 1), f.stat("/"), "cversion -1, as a fresh ZooKeeper's /");
        assertEquals(List.of("zookeeper"), f.children("/"));
    }

    @Test
    void shouldCreateNodeWithZooKeeperStat()
    {
        assertEquals(ResultCode.OK, f.create("/a", "hello", CreateMode.PERSISTENT));

        final Stat expected = new Stat().set(1, 1, 1, timeOf(1), timeOf(1), 0, 0, 0, 0, 5, 0);
        assertEquals(expected, f.stat);
        assertEquals(expected, f.stat("/a"));
        assertEquals("/a", f.createdPath.toString());
        assertEquals("hello", f.getData("/a"));
        assertEquals(TreeFixture.BASE_NODES + 1, f.tree.nodeCount());
    }

    @Test
    void shouldBumpParentCversionAndPzxidOnChildCreateAndDelete()
    {
        f.create("/p");
        f.create("/p/c");
        Stat parent = f.stat("/p");
        assertEquals(1, parent.cversion());
        assertEquals(2, parent.pzxid());
        assertEquals(1, parent.numChildren());
        assertEquals(1, parent.mzxid(), "child changes do not touch the parent's mzxid");

        assertEquals(ResultCode.OK, f.delete("/p/c", -1));
        parent = f.stat("/p");
        assertEquals(2, parent.cversion(), "as in ZooKeeper 3.9, clients see creations and deletions");
        assertEquals(3, parent.pzxid());
        assertEquals(0, parent.numChildren());
    }

    @Test
    void shouldRefuseCreateWithoutParent()
    {
        assertEquals(ResultCode.NO_NODE, f.create("/missing/child"));
        assertEquals(TreeFixture.BASE_NODES, f.tree.nodeCount());
    }

    @Test
    void shouldRefuseCreateOfExistingNode()
    {
        f.create("/a", "first", CreateMode.PERSISTENT);
        assertEquals(ResultCode.NODE_EXISTS, f.create("/a", "second", CreateMode.PERSISTENT));
        assertEquals("first", f.getData("/a"));
        assertEquals(ResultCode.NODE_EXISTS, f.create("/"));
    }

    @Test
    void shouldRefuseInvalidPaths()
    {
        for (final String path : new String[]{ "", "a", "/a/", "//a", "/a//b", "/.", "/a/..", "/a/./b", "/a\u0000b",
            "/a\u0001", "/\ud800" })
        {
            assertEquals(ResultCode.INVALID_PATH, f.create(path), path);
            assertEquals(ResultCode.INVALID_PATH, f.tree.exists(path, f.stat), path);
            assertEquals(ResultCode.INVALID_PATH, f.delete(path, -1), path);
        }
        assertEquals(TreeFixture.BASE_NODES, f.tree.nodeCount());
    }

    @Test
    void shouldAcceptDotsInsideNames()
    {
        assertEquals(ResultCode.OK, f.create("/a.b"));
        assertEquals(ResultCode.OK, f.create("/..."));
        assertEquals(ResultCode.OK, f.create("/a.b/.c"));
    }

    @Test
    void shouldRefusePathLongerThanLimit()
    {
        // 17 is the least the reserved "/zookeeper/config" needs.
        try (TreeFixture small = new TreeFixture(TreeFixture.smallContext().maxPathLength(17).averagePathLength(8)))
        {
            assertEquals(ResultCode.OK, small.create("/abcdefghijklmnop"));
            assertEquals(ResultCode.INVALID_PATH, small.create("/abcdefghijklmnopq"));
            // Multi-byte characters count in bytes: 9 x 2 bytes + '/' is 19 bytes.
            assertEquals(ResultCode.INVALID_PATH,
                small.create("/\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"));
        }
    }

    @Test
    void shouldStoreNonAsciiPaths()
    {
        assertEquals(ResultCode.OK, f.create("/\u00fcber"));
        assertEquals(ResultCode.OK, f.create("/\u00fcber/\u65e5\u672c"));
        assertEquals(List.of("\u65e5\u672c"), f.children("/\u00fcber"));
    }

    @Test
    void shouldNumberSequentialNodesFromParentCversion()
    {
        f.create("/q");
        assertEquals(ResultCode.OK, f.create("/q/n-", "", CreateMode.PERSISTENT_SEQUENTIAL));
        assertEquals("/q/n-0000000000", f.createdPath.toString());
        assertEquals(ResultCode.OK, f.create("/q/n-", "", CreateMode.PERSISTENT_SEQUENTIAL));
        assertEquals("/q/n-0000000001", f.createdPath.toString());
    }

    @Test
    void shouldKeepCountingSequenceAfterDeletesAsZooKeeperDoes()
    {
        f.create("/q");
        f.create("/q/n-", "", CreateMode.PERSISTENT_SEQUENTIAL);
        f.create("/q/n-", "", CreateMode.PERSISTENT_SEQUENTIAL);
        f.delete("/q/n-0000000001", -1);
        f.delete("/q/n-0000000000", -1);

        // Numbers count child creations (ZooKeeper's stored cversion), so a deleted number is never handed
        // out again, while the cversion clients see has also counted the two deletions.
        assertEquals(4, f.stat("/q").cversion());
        f.create("/q/n-", "", CreateMode.PERSISTENT_SEQUENTIAL);
        assertEquals("/q/n-0000000002", f.createdPath.toString());
        assertEquals(5, f.stat("/q").cversion());
    }

    @Test
    void shouldCreateSequentialNodeFromPathEndingInSlash()
    {
        f.create("/q");
        assertEquals(ResultCode.OK, f.create("/q/", "", CreateMode.PERSISTENT_SEQUENTIAL));
        assertEquals("/q/0000000000", f.createdPath.toString());
        assertEquals(ResultCode.OK, f.create("/", "", CreateMode.PERSISTENT_SEQUENTIAL));
        assertEquals("/0000000001", f.createdPath.toString());
    }

    @Test
    void shouldRecordOwnerOfEphemeral()
    {
        assertEquals(ResultCode.OK, f.create("/e", TreeFixture.bytes(""), CreateMode.EPHEMERAL, -1, 77));
        assertEquals(77, f.stat("/e").ephemeralOwner());
        assertEquals(1, f.tree.ephemeralCount(77));
    }

    @Test
    void shouldRefuseChildOfEphemeral()
    {
        f.create("/e", "", CreateMode.EPHEMERAL);
        assertEquals(ResultCode.NO_CHILDREN_FOR_EPHEMERALS, f.create("/e/c"));
        assertEquals(ResultCode.NO_CHILDREN_FOR_EPHEMERALS, f.create("/e/c", "", CreateMode.EPHEMERAL));
        assertEquals(0, f.stat("/e").numChildren());
    }

    @Test
    void shouldRefuseEphemeralWithoutSession()
    {
        assertEquals(ResultCode.BAD_ARGUMENTS, f.create("/e", TreeFixture.bytes(""), CreateMode.EPHEMERAL, -1, 0));
    }

    @Test
    void shouldValidateTtl()
    {
        final byte[] none = new byte[0];
        assertEquals(ResultCode.BAD_ARGUMENTS, f.create("/t", none, CreateMode.PERSISTENT_WITH_TTL, 0, SESSION));
        assertEquals(ResultCode.BAD_ARGUMENTS, f.create("/t", none, CreateMode.PERSISTENT_WITH_TTL, -5, SESSION));
        assertEquals(ResultCode.BAD_ARGUMENTS,
            f.create("/t", none, CreateMode.PERSISTENT_WITH_TTL, NodeRecord.MAX_TTL_MS + 1, SESSION));
        assertEquals(ResultCode.BAD_ARGUMENTS, f.create("/t", none, CreateMode.PERSISTENT, 1000, SESSION));
        assertEquals(ResultCode.OK, f.create("/t", none, CreateMode.PERSISTENT_WITH_TTL, 1000, SESSION));
        assertEquals(0, f.stat("/t").ephemeralOwner(), "ZooKeeper keeps the TTL marker server-side");
    }

    @Test
    void shouldReportContainerOwnerAsZeroAsZooKeeperDoes()
    {
        f.create("/c", "", CreateMode.CONTAINER);
        assertEquals(0, f.stat.ephemeralOwner(), "create's stat");
        assertEquals(0, f.stat("/c").ephemeralOwner());
    }

    @Test
    void shouldRefuseDataOverLimitAndChangeNothing()
    {
        try (TreeFixture small = new TreeFixture(TreeFixture.smallContext().maxDataLength(10)))
        {
            small.create("/a", "0123456789", CreateMode.PERSISTENT);
            assertEquals(ResultCode.DATA_TOO_LARGE, small.create("/b", "0123456789X", CreateMode.PERSISTENT));
            assertEquals(ResultCode.DATA_TOO_LARGE, small.setData("/a", "0123456789X", -1));
            assertEquals("0123456789", small.getData("/a"));
            assertEquals(0, small.stat("/a").version());
            assertEquals(TreeFixture.BASE_NODES + 1, small.tree.nodeCount());
        }
    }

    @Test
    void shouldRefuseInvalidAcl()
    {
        final UnsafeBuffer none = new UnsafeBuffer(new byte[0]);
        assertEquals(ResultCode.INVALID_ACL, f.tree.create(1, 1, SESSION, "/a", none, 0, 0, new AclList(),
            CreateMode.PERSISTENT, -1, null, null));
        assertEquals(ResultCode.INVALID_ACL, f.tree.create(1, 1, SESSION, "/a", none, 0, 0,
            new AclList().add(AclList.ALL, "world", "someone"), CreateMode.PERSISTENT, -1, null, null));
        assertEquals(ResultCode.INVALID_ACL, f.tree.create(1, 1, SESSION, "/a", none, 0, 0,
            new AclList().add(64, "world", "anyone"), CreateMode.PERSISTENT, -1, null, null));
        assertEquals(TreeFixture.BASE_NODES, f.tree.nodeCount());
    }

    @Test
    void shouldBumpVersionOnSetData()
    {
        f.create("/a", "v0", CreateMode.PERSISTENT);
        assertEquals(ResultCode.OK, f.setData("/a", "v1", 0));
        assertEquals(ResultCode.OK, f.setData("/a", "v2", -1));

        final Stat stat = f.stat("/a");
        assertEquals(2, stat.version());
        assertEquals(3, stat.mzxid());
        assertEquals(timeOf(3), stat.mtime());
        assertEquals(1, stat.czxid());
        assertEquals(timeOf(1), stat.ctime());
        assertEquals("v2", f.getData("/a"));
    }

    @Test
    void shouldRefuseSetDataWithWrongVersion()
    {
        f.create("/a", "v0", CreateMode.PERSISTENT);
        assertEquals(ResultCode.BAD_VERSION, f.setData("/a", "v1", 5));
        assertEquals("v0", f.getData("/a"));
        assertEquals(0, f.stat("/a").version());
        assertEquals(ResultCode.NO_NODE, f.setData("/b", "v1", -1));
    }

    @Test
    void shouldDeleteOnlyWithMatchingVersion()
    {
        f.create("/a");
        f.setData("/a", "x", -1);
        assertEquals(ResultCode.BAD_VERSION, f.delete("/a", 0));
        assertEquals(ResultCode.OK, f.delete("/a", 1));
        assertEquals(ResultCode.NO_NODE, f.tree.exists("/a", f.stat));
        assertEquals(ResultCode.NO_NODE, f.delete("/a", -1));
    }

    @Test
    void shouldRefuseDeleteOfNodeWithChildren()
    {
        f.create("/a");
        f.create("/a/b");
        assertEquals(ResultCode.NOT_EMPTY, f.delete("/a", -1));
        assertEquals(ResultCode.OK, f.delete("/a/b", -1));
        assertEquals(ResultCode.OK, f.delete("/a", -1));
    }

    @Test
    void shouldRefuseDeleteOfRoot()
    {
        assertEquals(ResultCode.BAD_ARGUMENTS, f.delete("/", -1));
    }

    @Test
    void shouldCheckVersion()
    {
        f.create("/a");
        assertEquals(ResultCode.OK, f.tree.check("/a", 0));
        assertEquals(ResultCode.OK, f.tree.check("/a", -1));
        assertEquals(ResultCode.BAD_VERSION, f.tree.check("/a", 1));
        assertEquals(ResultCode.NO_NODE, f.tree.check("/b", -1));
    }

    @Test
    void shouldListChildrenSortedByCodePoint()
    {
        f.create("/p");
        for (final String name : new String[]{ "b", "a10", "a2", "\u00e9", "Z", "a" })
        {
            f.create("/p/" + name);
        }
        assertEquals(List.of("Z", "a", "a10", "a2", "b", "\u00e9"), f.children("/p"));
        assertEquals(6, f.stat.numChildren());
        assertEquals(ResultCode.NO_NODE, f.tree.getChildren("/nope", f.names, f.stat));
        assertEquals(0, f.names.size());
    }

    @Test
    void shouldKeepChildrenConsistentWhenDeletingFromTheMiddle()
    {
        f.create("/p");
        for (int i = 0; i < 50; i++)
        {
            f.create("/p/c" + i);
        }
        for (int i = 0; i < 50; i += 3)
        {
            assertEquals(ResultCode.OK, f.delete("/p/c" + i, -1));
        }
        final List<String> children = f.children("/p");
        assertEquals(33, children.size());
        for (int i = 0; i < 50; i++)
        {
            assertEquals(i % 3 != 0, children.contains("c" + i), "c" + i);
        }
        // Every remaining child can still be deleted: its slot was kept right when others moved.
        for (final String child : children)
        {
            assertEquals(ResultCode.OK, f.delete("/p/" + child, -1), child);
        }
        assertEquals(List.of(), f.children("/p"));
    }

    @Test
    void shouldCountAllDescendants()
    {
        f.create("/a");
        f.create("/a/b");
        f.create("/a/b/c");
        f.create("/a/d");
        final MutableLong count = new MutableLong();
        assertEquals(ResultCode.OK, f.tree.getAllChildrenNumber("/a", count));
        assertEquals(3, count.get());
        assertEquals(ResultCode.OK, f.tree.getAllChildrenNumber("/a/b/c", count));
        assertEquals(0, count.get());
        assertEquals(ResultCode.NO_NODE, f.tree.getAllChildrenNumber("/x", count));
    }

    @Test
    void shouldSetAndGetAclWithAversion()
    {
        f.create("/a");
        final AclList digest = new AclList().add(AclList.READ | AclList.ADMIN, "digest", "bob:hash");
        assertEquals(ResultCode.BAD_VERSION, f.tree.setAcl("/a", digest, 3, f.stat));
        assertEquals(ResultCode.OK, f.tree.setAcl("/a", digest, 0, f.stat));
        assertEquals(1, f.stat.aversion());
        assertEquals(1, f.stat.mzxid(), "setAcl does not change mzxid");

        final AclList read = new AclList();
        assertEquals(ResultCode.OK, f.tree.getAcl("/a", read, f.stat));
        assertEquals(digest, read);
        assertEquals(ResultCode.INVALID_ACL, f.tree.setAcl("/a", new AclList(), -1, f.stat));
        assertEquals(ResultCode.NO_NODE, f.tree.setAcl("/b", digest, -1, f.stat));
    }

    @Test
    void shouldShareAclListsByReferenceCount()
    {
        f.create("/a");
        f.create("/b");
        assertEquals(5, f.tree.aclRefCount("/a"), "root, /zookeeper, /zookeeper/quota, /a and /b share the open ACL");

        final AclList other = new AclList().add(AclList.READ, "ip", "10.0.0.0/8");
        f.tree.setAcl("/b", other, -1, f.stat);
        assertEquals(4, f.tree.aclRefCount("/a"));
        assertEquals(1, f.tree.aclRefCount("/b"));

        f.tree.setAcl("/b", other, -1, f.stat);
        assertEquals(1, f.tree.aclRefCount("/b"), "setting the same list again keeps one reference");

        f.delete("/b", -1);
        f.tree.setAcl("/a", other, -1, f.stat);
        assertEquals(1, f.tree.aclRefCount("/a"), "the list was freed with /b and stored afresh");
    }

    @Test
    void shouldListEphemeralsOfSessionByPrefix()
    {
        f.create("/app");
        f.create("/app/x", TreeFixture.bytes(""), CreateMode.EPHEMERAL, -1, 5);
        f.create("/apple", TreeFixture.bytes(""), CreateMode.EPHEMERAL, -1, 5);
        f.create("/b", TreeFixture.bytes(""), CreateMode.EPHEMERAL, -1, 5);
        f.create("/c", TreeFixture.bytes(""), CreateMode.EPHEMERAL, -1, 6);

        assertEquals(ResultCode.OK, f.tree.getEphemerals(5, "/", f.names));
        assertEquals(List.of("/app/x", "/apple", "/b"), f.names.toList());
        assertEquals(ResultCode.OK, f.tree.getEphemerals(5, "/app", f.names));
        assertEquals(List.of("/app/x", "/apple"), f.names.toList());
        assertEquals(ResultCode.INVALID_PATH, f.tree.getEphemerals(5, "app", f.names));
    }

    @Test
    void shouldDeleteAllEphemeralsOfSessionInOneStep()
    {
        f.create("/p");
        f.create("/p/e2", TreeFixture.bytes(""), CreateMode.EPHEMERAL, -1, 9);
        f.create("/p/e1", TreeFixture.bytes(""), CreateMode.EPHEMERAL, -1, 9);
        f.create("/keep", TreeFixture.bytes(""), CreateMode.EPHEMERAL, -1, 10);

        final long z = f.nextZxid();
        f.tree.deleteEphemerals(z, 9, f.names);

        assertEquals(List.of("/p/e1", "/p/e2"), f.names.toList());
        assertEquals(List.of(), f.children("/p"));
        assertEquals(z, f.stat("/p").pzxid());
        assertEquals(0, f.tree.ephemeralCount(9));
        assertEquals(ResultCode.OK, f.tree.exists("/keep", f.stat));
    }

    @Test
    void shouldRefuseCreateBeyondZnodeCapacityAndChangeNothing()
    {
        try (TreeFixture small = new TreeFixture(TreeFixture.smallContext().maxZnodes(2)))
        {
            assertEquals(ResultCode.OK, small.create("/a"));
            assertEquals(ResultCode.OK, small.create("/b"));
            assertEquals(ResultCode.ZNODE_LIMIT, small.create("/c"));
            assertEquals(TreeFixture.BASE_NODES + 2, small.tree.nodeCount());
            assertEquals(1, small.stat("/").cversion(), "two creations, from ZooKeeper's -1 of the reserved child");
            assertEquals(ResultCode.OK, small.delete("/b", -1));
            assertEquals(2, small.stat("/").cversion());
            assertEquals(ResultCode.OK, small.create("/c"));
        }
    }

    @Test
    void shouldStoreAndReadBackOneMebibyteValue()
    {
        final byte[] big = new byte[1024 * 1024];
        for (int i = 0; i < big.length; i++)
        {
            big[i] = (byte)(i * 31 + 7);
        }
        assertEquals(ResultCode.OK, f.create("/big", big, CreateMode.PERSISTENT, -1, SESSION));
        assertEquals(ResultCode.OK, f.tree.getData("/big", f.data, f.stat));
        assertEquals(big.length, f.stat.dataLength());
        final byte[] read = new byte[big.length];
        f.data.getBytes(0, read);
        org.junit.jupiter.api.Assertions.assertArrayEquals(big, read);

        // Shrinking to inline data frees the chunks; growing again works.
        assertEquals(ResultCode.OK, f.setData("/big", "small", -1));
        assertEquals("small", f.getData("/big"));
        assertEquals(ResultCode.OK, f.tree.setData(f.nextZxid(), 0, "/big", new UnsafeBuffer(big), 0, 5000, -1, f.stat));
        assertEquals(5000, f.stat.dataLength());
        assertEquals(ResultCode.OK, f.delete("/big", -1));
    }

    @Test
    void shouldGiveEqualDigestsToEqualTreesAndDifferentToDifferent()
    {
        try (TreeFixture other = new TreeFixture())
        {
            for (final TreeFixture t : new TreeFixture[]{ f, other })
            {
                t.create("/a", "1", CreateMode.PERSISTENT);
                t.create("/a/b", "2", CreateMode.PERSISTENT);
            }
            assertEquals(f.tree.digest(), other.tree.digest());
            other.setData("/a/b", "3", -1);
            assertNotEquals(f.tree.digest(), other.tree.digest());
        }
    }

    @Test
    void shouldRejectNullModeAsBadArguments()
    {
        final UnsafeBuffer none = new UnsafeBuffer(new byte[0]);
        assertEquals(ResultCode.BAD_ARGUMENTS,
            f.tree.create(1, 1, SESSION, "/a", none, 0, 0, OPEN, CreateMode.NULL_VAL, -1, null, null));
    }
}
