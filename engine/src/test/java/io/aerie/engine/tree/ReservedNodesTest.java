package io.aerie.engine.tree;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.model.Stat;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reserved /zookeeper subtree: what it holds and what clients may do to it, as ZooKeeper 3.9.5 answers
 * (checked against a real server by {@link ReservedNodesZooKeeperComparisonTest}).
 */
class ReservedNodesTest
{
    private final TreeFixture f = new TreeFixture();

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldHoldReservedNodesWithZooKeepersStats()
    {
        assertEquals(List.of("zookeeper"), f.children("/"));
        assertEquals(List.of("config", "quota"), f.children("/zookeeper"));
        assertEquals(List.of(), f.children("/zookeeper/quota"));
        assertEquals(List.of(), f.children("/zookeeper/config"));
        assertEquals(new Stat().set(0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 1), f.stat("/"));
        assertEquals(new Stat().set(0, 0, 0, 0, 0, 0, -2, 0, 0, 0, 2), f.stat("/zookeeper"));
        assertEquals(new Stat(), f.stat("/zookeeper/quota"));
        assertEquals(new Stat().set(0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0), f.stat("/zookeeper/config"));
        assertEquals("", f.getData("/zookeeper/config"));
    }

    @Test
    void shouldGiveConfigReadOnlyAclAndTheOthersTheOpenAcl()
    {
        assertEquals(new AclList().add(AclList.READ, "world", "anyone"), acl("/zookeeper/config"));
        assertEquals(AclList.openAclUnsafe(), acl("/zookeeper"));
        assertEquals(AclList.openAclUnsafe(), acl("/zookeeper/quota"));
    }

    @Test
    void shouldRefuseDeletingReservedNodesBeforeAnyOtherCheck()
    {
        for (final String path : List.of("/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config"))
        {
            assertEquals(ResultCode.BAD_ARGUMENTS, f.delete(path, -1), path);
            assertEquals(ResultCode.BAD_ARGUMENTS, f.delete(path, 7), path);
        }
        assertEquals(TreeFixture.BASE_NODES, f.tree.nodeCount());
    }

    @Test
    void shouldRefuseWritingConfigWithNoAuthBeforeVersionCheck()
    {
        assertEquals(ResultCode.NO_AUTH, f.setData("/zookeeper/config", "x", -1));
        assertEquals(ResultCode.NO_AUTH, f.setData("/zookeeper/config", "x", 7));
        assertEquals(ResultCode.NO_AUTH, f.tree.setAcl("/zookeeper/config", AclList.openAclUnsafe(), -1, f.stat));
        assertEquals(ResultCode.NO_AUTH, f.tree.setAcl("/zookeeper/config", AclList.openAclUnsafe(), 7, f.stat));
        assertEquals(new Stat().set(0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0), f.stat("/zookeeper/config"));
    }

    @Test
    void shouldRefuseChildrenOfConfigWithNoAuth()
    {
        assertEquals(ResultCode.NO_AUTH, f.create("/zookeeper/config/x"));
        assertEquals(ResultCode.NO_AUTH, f.create("/zookeeper/config/s", "", CreateMode.PERSISTENT_SEQUENTIAL));
        assertEquals(ResultCode.NO_AUTH, f.delete("/zookeeper/config/x", -1), "the parent's ACL is checked first");
        assertEquals(ResultCode.NO_NODE, f.create("/zookeeper/config/x/y"));
        assertEquals(ResultCode.NO_NODE, f.setData("/zookeeper/config/x", "", -1));
    }

    @Test
    void shouldAllowWhatZooKeeperAllowsOnZookeeperAndQuota()
    {
        assertEquals(ResultCode.NODE_EXISTS, f.create("/zookeeper"));
        assertEquals(ResultCode.NODE_EXISTS, f.create("/zookeeper/quota"));
        assertEquals(ResultCode.OK, f.create("/zookeeper/x"));
        assertEquals(ResultCode.OK, f.delete("/zookeeper/x", -1));
        assertEquals(ResultCode.OK, f.create("/zookeeper/s", "", CreateMode.PERSISTENT_SEQUENTIAL));
        assertEquals("/zookeeper/s0000000001", f.createdPath.toString(), "creations counted from 0");
        assertEquals(ResultCode.OK, f.setData("/zookeeper", "x", -1));
        assertEquals(ResultCode.OK, f.setData("/zookeeper/quota", "y", 0));
        assertEquals(ResultCode.OK, f.tree.setAcl("/zookeeper", AclList.openAclUnsafe(), 0, f.stat));
        assertEquals(ResultCode.OK, f.tree.setAcl("/zookeeper/quota", AclList.openAclUnsafe(), 0, f.stat));
        assertEquals(1, f.stat("/zookeeper/quota").aversion());
    }

    @Test
    void shouldFailMultiTouchingReservedNodesAndChangeNothing()
    {
        final long digest = f.tree.digest();
        final MultiOps ops = new MultiOps();
        final MultiResults results = new MultiResults();
        final UnsafeBuffer none = new UnsafeBuffer(new byte[0]);
        ops.clear().check("/zookeeper", -1).delete("/zookeeper/quota", -1);
        assertEquals(ResultCode.BAD_ARGUMENTS, f.tree.multi(f.nextZxid(), 1, TreeFixture.SESSION, ops, results));
        assertEquals(ResultCode.OK, results.code(0));
        assertEquals(ResultCode.BAD_ARGUMENTS, results.code(1));

        ops.clear().create("/zookeeper/m", none, 0, 0, AclList.openAclUnsafe(), CreateMode.PERSISTENT, -1)
            .setData("/zookeeper/config", none, 0, 0, -1);
        assertEquals(ResultCode.NO_AUTH, f.tree.multi(f.nextZxid(), 1, TreeFixture.SESSION, ops, results));
        assertEquals(ResultCode.OK, results.code(0));
        assertEquals(ResultCode.NO_AUTH, results.code(1));
        assertEquals(digest, f.tree.digest());
    }

    @Test
    void shouldNotCountReservedNodesAgainstTheZnodeLimit()
    {
        try (TreeFixture small = new TreeFixture(TreeFixture.smallContext().maxZnodes(1)))
        {
            assertEquals(ResultCode.OK, small.create("/zookeeper/a"));
            assertEquals(ResultCode.ZNODE_LIMIT, small.create("/b"));
            assertEquals(TreeFixture.BASE_NODES + 1, small.tree.nodeCount());
        }
    }

    private AclList acl(final String path)
    {
        final AclList acl = new AclList();
        assertEquals(ResultCode.OK, f.tree.getAcl(path, acl, f.stat));
        return acl;
    }
}
