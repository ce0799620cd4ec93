package io.aerie.engine.tree;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.model.Stat;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Quota stats kept by the tree as ZooKeeper's DataTree keeps them; quotas are set the way zkCli's setquota does
 * it: the path's quota nodes, then zookeeper_limits, then zookeeper_stats with "count=0,bytes=0".
 */
class QuotaTrackerTest
{
    private final TreeFixture f = new TreeFixture();

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldCountSubtreeWhenStatsNodeIsCreated()
    {
        f.create("/a", "12345", CreateMode.PERSISTENT);
        f.create("/a/b", "xy", CreateMode.PERSISTENT);
        f.create("/ab", "not under /a", CreateMode.PERSISTENT);

        setQuota("/a", "count=10,bytes=-1");

        assertEquals("count=2,bytes=7", f.getData("/zookeeper/quota/a/zookeeper_stats"));
        assertEquals("count=10,bytes=-1", f.getData("/zookeeper/quota/a/zookeeper_limits"));
    }

    @Test
    void shouldUpdateStatsOnCreateSetDataAndDelete()
    {
        f.create("/a");
        setQuota("/a", "count=10,bytes=-1");

        f.create("/a/b", "xyz", CreateMode.PERSISTENT);
        assertEquals("count=2,bytes=3", stats("/a"));
        f.setData("/a/b", "1234567", -1);
        assertEquals("count=2,bytes=7", stats("/a"));
        f.setData("/a", "12", -1);
        assertEquals("count=2,bytes=9", stats("/a"));
        f.delete("/a/b", -1);
        assertEquals("count=1,bytes=2", stats("/a"));
    }

    @Test
    void shouldLeaveStatsNodesVersionAndMzxidAlone()
    {
        f.create("/a");
        setQuota("/a", "count=10,bytes=-1");
        final Stat before = f.stat("/zookeeper/quota/a/zookeeper_stats");

        f.create("/a/b", "xyz", CreateMode.PERSISTENT);

        final Stat after = f.stat("/zookeeper/quota/a/zookeeper_stats");
        assertEquals(before.version(), after.version());
        assertEquals(before.mzxid(), after.mzxid());
        assertEquals(before.mtime(), after.mtime());
        assertEquals("count=2,bytes=3".length(), after.dataLength());
    }

    @Test
    void shouldUpdateOnlyTheInnermostQuota()
    {
        f.create("/a");
        f.create("/a/b");
        setQuota("/a", "count=10,bytes=-1");
        setQuota("/a/b", "count=10,bytes=-1");
        assertEquals("count=2,bytes=0", stats("/a"));
        assertEquals("count=1,bytes=0", stats("/a/b"));

        f.create("/a/b/c", "four", CreateMode.PERSISTENT);
        f.create("/a/d", "x", CreateMode.PERSISTENT);

        assertEquals("count=3,bytes=1", stats("/a"), "ZooKeeper adds a change to the deepest quota only");
        assertEquals("count=2,bytes=4", stats("/a/b"));
    }

    @Test
    void shouldCountEphemeralsDeletedAtSessionEndAndTheSweep()
    {
        f.create("/a");
        setQuota("/a", "count=10,bytes=-1");
        f.create("/a/e", TreeFixture.bytes("ee"), CreateMode.EPHEMERAL, -1, 77);
        f.create("/a/c", TreeFixture.bytes("c"), CreateMode.CONTAINER, -1, 0);
        f.create("/a/c/x", "", CreateMode.PERSISTENT);
        f.delete("/a/c/x", -1);
        assertEquals("count=3,bytes=3", stats("/a"));

        f.tree.deleteEphemerals(f.nextZxid(), 77, f.names);
        f.tree.sweepExpired(f.nextZxid(), Long.MAX_VALUE / 2, f.names);

        assertEquals("count=1,bytes=0", stats("/a"));
    }

    @Test
    void shouldStopCountingWhenLimitsNodeIsDeleted()
    {
        f.create("/a");
        setQuota("/a", "count=10,bytes=-1");
        assertEquals(ResultCode.OK, f.delete("/zookeeper/quota/a/zookeeper_limits", -1));

        f.create("/a/b", "xyz", CreateMode.PERSISTENT);

        assertEquals("count=1,bytes=0", stats("/a"));
    }

    @Test
    void shouldCountStatsNodeEvenWithoutLimitsNode()
    {
        f.create("/a", "abc", CreateMode.PERSISTENT);
        f.create("/zookeeper/quota/a");
        f.create("/zookeeper/quota/a/zookeeper_stats", "garbage", CreateMode.PERSISTENT);

        assertEquals("count=1,bytes=3", stats("/a"));
        f.create("/a/b", "xyz", CreateMode.PERSISTENT);
        assertEquals("count=1,bytes=3", stats("/a"), "without a limits node the path has no quota");
    }

    @Test
    void shouldCountChangesOverALimitWithoutRefusingThem()
    {
        f.create("/a");
        setQuota("/a", "count=2,bytes=5=;byteHardLimit=-1;countHardLimit=-1");
        assertEquals(ResultCode.OK, f.create("/a/b"));
        assertEquals(0, f.tree.counts().quotaExceededCount());

        assertEquals(ResultCode.OK, f.create("/a/c"));
        assertEquals(1, f.tree.counts().quotaExceededCount(), "a third node over count=2");
        assertEquals(ResultCode.OK, f.setData("/a/b", "123456", -1));
        assertEquals(2, f.tree.counts().quotaExceededCount(), "6 bytes over bytes=5");
        assertEquals(ResultCode.OK, f.delete("/a/c", -1));
        assertEquals(2, f.tree.counts().quotaExceededCount(), "a delete is never over a limit");
        assertEquals("count=2,bytes=6", stats("/a"));
    }

    @Test
    void shouldJudgeByTheHardLimitWhereSet()
    {
        f.create("/a");
        setQuota("/a", "count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=1");

        assertEquals(ResultCode.OK, f.create("/a/b"));

        assertEquals(1, f.tree.counts().quotaExceededCount());
    }

    @Test
    void shouldUndoStatsOfAFailedMulti()
    {
        f.create("/a");
        setQuota("/a", "count=10,bytes=-1");
        final MultiOps ops = new MultiOps();
        final UnsafeBuffer data = new UnsafeBuffer(TreeFixture.bytes("xyz"));
        ops.create("/a/b", data, 0, 3, AclList.openAclUnsafe(), CreateMode.PERSISTENT, -1).check("/a", 9);

        assertEquals(ResultCode.BAD_VERSION, f.tree.multi(f.nextZxid(), 1, TreeFixture.SESSION, ops, new MultiResults()));

        assertEquals("count=1,bytes=0", stats("/a"));
    }

    @Test
    void shouldKeepQuotasThroughSnapshotRoundTrip() throws Exception
    {
        f.create("/a");
        setQuota("/a", "count=10,bytes=-1");
        try (TreeFixture loaded = new TreeFixture())
        {
            TreeSnapshotTest.load(loaded.tree, TreeSnapshotTest.write(f.tree));
            for (final TreeFixture t : new TreeFixture[]{ f, loaded })
            {
                t.zxid = 100;
                t.create("/a/b", "xyz", CreateMode.PERSISTENT);
            }

            assertEquals("count=2,bytes=3", loaded.getData("/zookeeper/quota/a/zookeeper_stats"));
            assertEquals(f.tree.digest(), loaded.tree.digest());
        }
    }

    private String stats(final String path)
    {
        return f.getData("/zookeeper/quota" + path + "/zookeeper_stats");
    }

    private void setQuota(final String path, final String limits)
    {
        final StringBuilder quotaPath = new StringBuilder("/zookeeper/quota");
        for (final String name : path.substring(1).split("/"))
        {
            quotaPath.append('/').append(name);
            f.create(quotaPath.toString());
        }
        assertEquals(ResultCode.OK, f.create(quotaPath + "/zookeeper_limits", limits, CreateMode.PERSISTENT));
        assertEquals(ResultCode.OK, f.create(quotaPath + "/zookeeper_stats", "count=0,bytes=0", CreateMode.PERSISTENT));
    }
}
