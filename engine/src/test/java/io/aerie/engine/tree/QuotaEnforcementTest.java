package io.aerie.engine.tree;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.MultiOps;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hard quotas enforced as ZooKeeper's {@code zookeeper.enforceQuota} enforces them: a refused change fails with
 * QUOTA_EXCEEDED and changes nothing; soft limits are only counted. Quotas are set as zkCli's setquota does.
 */
class QuotaEnforcementTest
{
    private final TreeFixture f = new TreeFixture(TreeFixture.smallContext().quotaEnforced(true));

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldRefuseCreateOverHardCountLimitAndChangeNothing()
    {
        f.create("/a");
        setQuota(f, "/a", "count=-1,bytes=-1;countHardLimit=2;byteHardLimit=-1");
        assertEquals(ResultCode.OK, f.create("/a/b"));
        final long digest = f.tree.digest();

        assertEquals(ResultCode.QUOTA_EXCEEDED, f.create("/a/c"));

        assertEquals(digest, f.tree.digest());
        assertEquals("count=2,bytes=0", stats("/a"));
        assertEquals(1, f.tree.counts().quotaRejectedCount());
    }

    @Test
    void shouldRefuseSetDataOverHardByteLimitBeforeCheckingTheVersion()
    {
        f.create("/a", "12", CreateMode.PERSISTENT);
        setQuota(f, "/a", "count=-1,bytes=-1;countHardLimit=-1;byteHardLimit=4");

        assertEquals(ResultCode.QUOTA_EXCEEDED, f.setData("/a", "12345", 99));
        assertEquals(ResultCode.BAD_VERSION, f.setData("/a", "1234", 99));
        assertEquals(ResultCode.OK, f.setData("/a", "1234", -1));
        assertEquals("count=1,bytes=4", stats("/a"));
    }

    @Test
    void shouldRefuseAWholeMultiWithOneOpOverAHardLimit()
    {
        f.create("/a");
        setQuota(f, "/a", "count=-1,bytes=-1;countHardLimit=-1;byteHardLimit=3");
        final MultiOps ops = new MultiOps()
            .create("/a/ok", buffer("1"), 0, 1, TreeFixture.OPEN, CreateMode.PERSISTENT, -1)
            .setData("/a", buffer("1234"), 0, 4, -1);
        final MultiResults results = new MultiResults();

        assertEquals(ResultCode.QUOTA_EXCEEDED, f.tree.multi(f.nextZxid(), 1, TreeFixture.SESSION, ops, results));

        assertEquals(ResultCode.QUOTA_EXCEEDED, results.code(1));
        assertEquals(ResultCode.NO_NODE, f.tree.exists("/a/ok", f.stat));
        assertEquals("count=1,bytes=0", stats("/a"));
    }

    @Test
    void shouldJudgeEachOpOfAMultiAgainstTheStatsBeforeTheMultiAsZooKeeper()
    {
        f.create("/a");
        setQuota(f, "/a", "count=-1,bytes=-1;countHardLimit=2;byteHardLimit=-1");
        final MultiOps ops = new MultiOps()
            .create("/a/b", buffer(""), 0, 0, TreeFixture.OPEN, CreateMode.PERSISTENT, -1)
            .create("/a/c", buffer(""), 0, 0, TreeFixture.OPEN, CreateMode.PERSISTENT, -1);

        assertEquals(ResultCode.OK, f.tree.multi(f.nextZxid(), 1, TreeFixture.SESSION, ops, new MultiResults()));

        assertEquals("count=3,bytes=0", stats("/a"), "each create fits the count of 1 before the multi");
        assertEquals(ResultCode.QUOTA_EXCEEDED, f.create("/a/d"));
    }

    @Test
    void shouldJudgeByTheDeepestQuotaOnly()
    {
        f.create("/a");
        f.create("/a/inner");
        setQuota(f, "/a", "count=-1,bytes=-1;countHardLimit=2;byteHardLimit=-1");
        setQuota(f, "/a/inner", "count=-1,bytes=-1;countHardLimit=3;byteHardLimit=-1");

        assertEquals(ResultCode.OK, f.create("/a/inner/x"));
        assertEquals(ResultCode.OK, f.create("/a/inner/y"));
        assertEquals(ResultCode.QUOTA_EXCEEDED, f.create("/a/inner/z"));
        assertEquals(ResultCode.QUOTA_EXCEEDED, f.create("/a/other"));
    }

    @Test
    void shouldOnlyCountSoftLimits()
    {
        f.create("/a");
        setQuota(f, "/a", "count=1,bytes=1;countHardLimit=-1;byteHardLimit=-1");

        assertEquals(ResultCode.OK, f.create("/a/b", "123", CreateMode.PERSISTENT));

        assertEquals(1, f.tree.counts().quotaExceededCount());
        assertEquals(0, f.tree.counts().quotaRejectedCount());
    }

    @Test
    void shouldApplyHardLimitsOnlyWhenEnforced()
    {
        try (TreeFixture open = new TreeFixture())
        {
            open.create("/a");
            setQuota(open, "/a", "count=-1,bytes=-1;countHardLimit=1;byteHardLimit=-1");

            assertEquals(ResultCode.OK, open.create("/a/b"));

            assertEquals(0, open.tree.counts().quotaRejectedCount());
            assertEquals(1, open.tree.counts().quotaExceededCount());
        }
    }

    @Test
    void shouldNeverRefuseADelete()
    {
        f.create("/a");
        f.create("/a/b");
        f.create("/a/c");
        setQuota(f, "/a", "count=-1,bytes=-1;countHardLimit=1;byteHardLimit=-1");

        assertEquals(ResultCode.OK, f.delete("/a/c", -1));
        assertEquals("count=2,bytes=0", stats("/a"));
    }

    private String stats(final String path)
    {
        return f.getData("/zookeeper/quota" + path + "/zookeeper_stats");
    }

    private static UnsafeBuffer buffer(final String value)
    {
        return new UnsafeBuffer(TreeFixture.bytes(value));
    }

    static void setQuota(final TreeFixture tree, final String path, final String limits)
    {
        final StringBuilder quotaPath = new StringBuilder("/zookeeper/quota");
        for (final String name : path.substring(1).split("/"))
        {
            quotaPath.append('/').append(name);
            tree.create(quotaPath.toString());
        }
        assertEquals(ResultCode.OK, tree.create(quotaPath + "/zookeeper_limits", limits, CreateMode.PERSISTENT));
        assertEquals(ResultCode.OK, tree.create(quotaPath + "/zookeeper_stats", "count=0,bytes=0", CreateMode.PERSISTENT));
    }
}
