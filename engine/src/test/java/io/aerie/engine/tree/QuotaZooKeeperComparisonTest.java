package io.aerie.engine.tree;

import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.MultiOps;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.aerie.engine.tree.ZooKeeperComparison.name;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hard quotas, step by step against a real ZooKeeper 3.9.5 run with {@code zookeeper.enforceQuota=true} (in a
 * child JVM: ZooKeeper reads the flag once per JVM): the same creates, data changes, deletes and multis under
 * quota'd paths give the same codes (and per-op results), and the stats nodes read the same afterwards. Quotas are
 * set as zkCli's setquota sets them: the quota path, {@code zookeeper_limits}, then {@code zookeeper_stats}.
 */
class QuotaZooKeeperComparisonTest
{

    @TempDir
    Path dir;
    private ZooKeeperProcess server;
    private ZooKeeper zk;
    private final List<String> mismatches = new ArrayList<>();
    private int steps;
    private final TreeFixture aerie = new TreeFixture(TreeFixture.smallContext().quotaEnforced(true));

    @BeforeEach
    void start() throws Exception
    {
        server = ZooKeeperProcess.start(dir, "zookeeper.enforceQuota=true");
        zk = server.connect();
    }

    @AfterEach
    void stop() throws Exception
    {
        aerie.close();
        if (null != server)
        {
            server.close();
        }
    }

    @Test
    void shouldRefuseWhatZooKeeperRefusesWithHardLimits() throws Exception
    {
        create("/app", "");
        setQuota("/app", "count=-1,bytes=-1;countHardLimit=3;byteHardLimit=10");
        create("/app/a", "12345");
        create("/app/b", "");
        create("/app/c", "");
        create("/app/a/seq-", "", CreateMode.PERSISTENT_SEQUENTIAL);
        setData("/app/a", "1234567890", -1);
        setData("/app/a", "12345678901", -1);
        setData("/app/a", "12345678901", 7);
        setData("/app/a", null, -1);
        delete("/app/b");
        create("/app/c", "1234567890");
        create("/app/c", "");
        create("/app/d", "");
        stats("/app");

        assertSameAnswers();
    }

    @Test
    void shouldJudgeEachOpOfAMultiAsZooKeeperDoes() throws Exception
    {
        create("/app", "");
        setQuota("/app", "count=-1,bytes=-1;countHardLimit=3;byteHardLimit=6");
        create("/app/a", "12");
        multi("create one within, one over the count",
            List.of(Op.create("/app/m1", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create("/app/m2", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)),
            new MultiOps().create("/app/m1", empty(), 0, 0, TreeFixture.OPEN, io.aerie.codecs.CreateMode.PERSISTENT, -1)
                .create("/app/m2", empty(), 0, 0, TreeFixture.OPEN, io.aerie.codecs.CreateMode.PERSISTENT, -1));
        stats("/app");
        multi("check, then set over the bytes",
            List.of(Op.check("/app", -1), Op.setData("/app/a", bytes("1234567"), -1)),
            new MultiOps().check("/app", -1).setData("/app/a", buffer("1234567"), 0, 7, -1));
        multi("two sets of the same node, each within the bytes",
            List.of(Op.setData("/app/a", bytes("12345"), -1), Op.setData("/app/a", bytes("123456"), -1)),
            new MultiOps().setData("/app/a", buffer("12345"), 0, 5, -1).setData("/app/a", buffer("123456"), 0, 6, -1));
        stats("/app");

        assertSameAnswers();
    }

    @Test
    void shouldJudgeByTheDeepestQuotaOnly() throws Exception
    {
        create("/app", "");
        create("/app/inner", "");
        setQuota("/app", "count=-1,bytes=-1;countHardLimit=2;byteHardLimit=-1");
        setQuota("/app/inner", "count=-1,bytes=-1;countHardLimit=3;byteHardLimit=-1");
        create("/app/inner/x", "");
        create("/app/inner/y", "");
        create("/app/inner/z", "");
        create("/app/other", "");
        create("/app/other2", "");
        stats("/app");
        stats("/app/inner");

        assertSameAnswers();
    }

    @Test
    void shouldOnlyCountSoftLimitsAndRefuseShrinkingStillOverAHardOne() throws Exception
    {
        create("/soft", "");
        setQuota("/soft", "count=1,bytes=1;countHardLimit=-1;byteHardLimit=-1");
        create("/soft/a", "1234");
        create("/soft/b", "1234");
        create("/big", "12345678901234567890");
        setQuota("/big", "count=-1,bytes=-1;countHardLimit=-1;byteHardLimit=5");
        setData("/big", "1234567890", -1);
        setData("/big", "123", -1);
        setData("/big", "1234", -1);
        delete("/soft/a");
        stats("/soft");
        stats("/big");

        assertSameAnswers();
    }

    private void setQuota(final String path, final String limits) throws Exception
    {
        final StringBuilder quotaPath = new StringBuilder("/zookeeper/quota");
        for (final String name : path.substring(1).split("/"))
        {
            quotaPath.append('/').append(name);
            if (null == zk.exists(quotaPath.toString(), false))
            {
                create(quotaPath.toString(), null);
            }
        }
        create(quotaPath + "/zookeeper_limits", limits);
        create(quotaPath + "/zookeeper_stats", "count=0,bytes=0");
    }

    private void create(final String path, final String data) throws Exception
    {
        create(path, data, CreateMode.PERSISTENT);
    }

    private void create(final String path, final String data, final CreateMode mode) throws Exception
    {
        compare("create " + path + " " + data,
            () -> zk.create(path, bytes(data), ZooDefs.Ids.OPEN_ACL_UNSAFE, mode),
            () ->
            {
                final ResultCode code = aerie.create(
                    path, TreeFixture.bytes(data), io.aerie.codecs.CreateMode.get((short)mode.toFlag()), -1,
                    TreeFixture.SESSION);
                return ResultCode.OK == code ? aerie.createdPath.toString() : name(code);
            });
    }

    private void setData(final String path, final String data, final int version) throws Exception
    {
        compare("setData " + path + " " + data + " version " + version,
            () -> "OK version=" + zk.setData(path, bytes(data), version).getVersion(),
            () ->
            {
                final ResultCode code = aerie.setData(path, data, version);
                return ResultCode.OK == code ? "OK version=" + aerie.stat.version() : name(code);
            });
    }

    private void delete(final String path) throws Exception
    {
        compare("delete " + path,
            () ->
            {
                zk.delete(path, -1);
                return "OK";
            },
            () -> name(aerie.delete(path, -1)));
    }

    private void stats(final String path) throws Exception
    {
        final String statsPath = "/zookeeper/quota" + path + "/zookeeper_stats";
        compare("stats of " + path,
            () -> new String(zk.getData(statsPath, false, null), StandardCharsets.UTF_8),
            () -> aerie.getData(statsPath));
    }

    private void multi(final String step, final List<Op> zooKeeperOps, final MultiOps aerieOps) throws Exception
    {
        compare("multi " + step, () -> multiOnZooKeeper(zooKeeperOps), () -> multiOnAerie(aerieOps));
    }

    private String multiOnZooKeeper(final List<Op> ops) throws InterruptedException
    {
        try
        {
            final StringBuilder out = new StringBuilder("OK");
            for (final OpResult result : zk.multi(ops))
            {
                out.append(' ').append(result.getType());
            }
            return out.toString();
        }
        catch (final KeeperException ex)
        {
            final StringBuilder out = new StringBuilder(ex.code().name());
            for (final OpResult result : ex.getResults())
            {
                out.append(' ').append(KeeperException.Code.get(((OpResult.ErrorResult)result).getErr()).name());
            }
            return out.toString();
        }
    }

    private String multiOnAerie(final MultiOps ops)
    {
        final MultiResults results = new MultiResults();
        final long zxid = aerie.nextZxid();
        final ResultCode code = aerie.tree.multi(zxid, TreeFixture.timeOf(zxid), TreeFixture.SESSION, ops, results);
        final StringBuilder out = new StringBuilder(name(code));
        for (int i = 0; i < results.size(); i++)
        {
            out.append(' ').append(ResultCode.OK == code ? opCode(ops.op(i).type()) : name(results.code(i)));
        }
        return out.toString();
    }

    private static String opCode(final io.aerie.codecs.OpType type)
    {
        switch (type)
        {
            case CREATE: return Integer.toString(ZooDefs.OpCode.create);
            case DELETE: return Integer.toString(ZooDefs.OpCode.delete);
            case SET_DATA: return Integer.toString(ZooDefs.OpCode.setData);
            default: return Integer.toString(ZooDefs.OpCode.check);
        }
    }

    private void compare(final String step, final ZooKeeperComparison.ZooKeeperCall zooKeeper,
        final ZooKeeperComparison.AerieCall aerieSide) throws InterruptedException
    {
        steps++;
        String expected;
        try
        {
            expected = zooKeeper.call();
        }
        catch (final KeeperException ex)
        {
            expected = ex.code().name();
        }
        final String actual = aerieSide.call();
        if (!expected.equals(actual))
        {
            mismatches.add(step + ": ZooKeeper " + expected + " / Aerie " + actual);
        }
    }

    private void assertSameAnswers()
    {
        assertEquals(List.of(), mismatches, steps + " steps compared");
    }

    private static byte[] bytes(final String value)
    {
        return TreeFixture.bytes(value);
    }

    private static UnsafeBuffer buffer(final String value)
    {
        return new UnsafeBuffer(bytes(value));
    }

    private static UnsafeBuffer empty()
    {
        return new UnsafeBuffer(new byte[0]);
    }
}
