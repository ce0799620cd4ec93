package io.aerie.engine.tree;

import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.model.Stat;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.aerie.engine.tree.ZooKeeperComparison.name;

/**
 * The reserved /zookeeper subtree and quota bookkeeping, step by step against a real ZooKeeper 3.9.5 server run
 * in-process (a fresh one per test): every step's code, created path, data, children, ACL and stat must read the
 * same on both.
 * <p>
 * Zxids and times differ between the two by construction, so they are compared as relations (zero or not,
 * mzxid = czxid, pzxid = czxid, mtime = ctime); every other stat field is compared as is.
 * <p>
 * No difference is tolerated: null data (zkCli creates the quota path nodes with null) is compared as such.
 */
class ReservedNodesZooKeeperComparisonTest
{
    private static final List<String> RESERVED = List.of("/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config");

    @TempDir
    Path zooKeeperDir;
    private ZooKeeperComparison comparison;
    private ZooKeeper zk;

    private final TreeFixture aerie = new TreeFixture();

    @BeforeEach
    void startZooKeeper() throws Exception
    {
        comparison = ZooKeeperComparison.start(zooKeeperDir, false);
        zk = comparison.connect();
    }

    @AfterEach
    void stopZooKeeper() throws Exception
    {
        aerie.close();
        if (null != comparison)
        {
            comparison.close();
        }
    }

    @Test
    void shouldAnswerAsZooKeeperDoesForTheReservedNodes() throws Exception
    {
        readAll(RESERVED);
        create("/zookeeper", "");
        create("/zookeeper/quota", "");
        create("/zookeeper/config", "");
        create("/zookeeper/x", "d");
        read("/zookeeper");
        delete("/zookeeper/x", -1);
        create("/zookeeper/config/x", "");
        create("/zookeeper/config/x/y", "");
        delete("/zookeeper/config/x", -1);
        create("/zookeeper/quota/x", "");
        delete("/zookeeper/quota/x", -1);
        createSequential("/zookeeper/s");
        for (final String path : RESERVED)
        {
            delete(path, -1);
            delete(path, 5);
        }
        delete("/zookeeper/nonexistent", -1);
        setData("/zookeeper", "x", -1);
        setData("/zookeeper/quota", "y", 0);
        setData("/zookeeper/config", "y", -1);
        setData("/zookeeper/config", "y", 7);
        setData("/", "r", -1);
        setAcl("/zookeeper/config", -1);
        setAcl("/zookeeper/config", 3);
        setAcl("/zookeeper/quota", -1);
        setAcl("/zookeeper", 0);
        multiDeleteQuota();
        multiCreateThenWriteConfig();
        create("/a", "");
        createSequential("/s");
        readAll(RESERVED);
        read("/zookeeper/s0000000001");

        comparison.assertSameAnswers(" ");
    }

    @Test
    void shouldKeepQuotaStatsAsZooKeeperDoes() throws Exception
    {
        create("/q", "12345");
        create("/q/a", "xy");
        create("/q/a/b", "");
        create("/qq", "not under /q");
        setQuota("/q", "count=3,bytes=100");
        setQuota("/q/a", "count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=10");
        readAll(List.of("/zookeeper/quota", "/zookeeper/quota/q", "/zookeeper/quota/q/zookeeper_stats",
            "/zookeeper/quota/q/a/zookeeper_stats", "/zookeeper/quota/q/zookeeper_limits"));
        create("/q/c", "abc");
        create("/q/a/d", "abcd");
        setData("/q", "1", -1);
        setData("/q/a", "123456789", -1);
        delete("/q/a/b", -1);
        delete("/q/c", 0);
        create("/q/e", "");
        read("/zookeeper/quota/q/zookeeper_stats");
        read("/zookeeper/quota/q/a/zookeeper_stats");
        delete("/zookeeper/quota/q/a/zookeeper_limits", -1);
        create("/q/a/f", "ff");
        read("/zookeeper/quota/q/a/zookeeper_stats");
        read("/zookeeper/quota/q/zookeeper_stats");
        delete("/zookeeper/quota/q/a/zookeeper_stats", -1);
        delete("/zookeeper/quota/q/a", -1);
        delete("/zookeeper/quota/q", -1);
        create("/q/g", "g");
        read("/zookeeper/quota/q/zookeeper_stats");
        readAll(List.of("/zookeeper/quota/q", "/zookeeper/quota"));

        comparison.assertSameAnswers(" ");
    }

    @Test
    void shouldKeepQuotaStatsAsZooKeeperDoesUnderSeededRandomChanges() throws Exception
    {
        final long seed = Long.getLong("aerie.test.quota.seed", 20_807L);
        final int ops = Integer.getInteger("aerie.test.quota.ops", 400);
        final java.util.Random random = new java.util.Random(seed);
        final List<String> paths = List.of("/q", "/q/a", "/q/b", "/q/a/x", "/q/a/y", "/q/b/x", "/r", "/r/a");
        final List<String> quotaPaths = List.of("/q", "/q/a", "/r");
        for (int i = 0; i < ops; i++)
        {
            final String path = paths.get(random.nextInt(paths.size()));
            final int roll = random.nextInt(100);
            if (roll < 35)
            {
                create(path, randomData(random));
            }
            else if (roll < 55)
            {
                delete(path, -1);
            }
            else if (roll < 80)
            {
                final String data = randomData(random);
                setData(path, null == data ? "" : data, random.nextInt(4) - 1);
            }
            else if (roll < 90)
            {
                setQuota(quotaPaths.get(random.nextInt(quotaPaths.size())), "count=" + random.nextInt(5) + ",bytes=-1");
            }
            else
            {
                final String quotaPath = Quotas.quotaPath(quotaPaths.get(random.nextInt(quotaPaths.size())));
                delete(quotaPath + (random.nextBoolean() ? "/zookeeper_limits" : "/zookeeper_stats"), -1);
            }
            for (final String quotaPath : quotaPaths)
            {
                read(Quotas.quotaPath(quotaPath) + "/zookeeper_stats");
            }
        }

        comparison.assertSameAnswers(" seed=" + seed);
    }

    private static String randomData(final java.util.Random random)
    {
        final int length = random.nextInt(12) - 1;
        return length < 0 ? null : "d".repeat(length);
    }

    /**
     * Paths of quota nodes, as ZooKeeper's Quotas.
     */
    private static final class Quotas
    {
        static String quotaPath(final String path)
        {
            return "/zookeeper/quota" + path;
        }
    }

    private void setQuota(final String path, final String limits) throws Exception
    {
        final StringBuilder quotaPath = new StringBuilder("/zookeeper/quota");
        for (final String name : path.substring(1).split("/"))
        {
            quotaPath.append('/').append(name);
            create(quotaPath.toString(), null);
        }
        create(quotaPath + "/zookeeper_limits", limits);
        create(quotaPath + "/zookeeper_stats", "count=0,bytes=0");
    }

    private void readAll(final List<String> paths) throws Exception
    {
        for (final String path : paths)
        {
            read(path);
        }
    }

    private void create(final String path, final String data) throws Exception
    {
        final byte[] bytes = null == data ? null : data.getBytes(StandardCharsets.UTF_8);
        comparison.compare("create " + path,
            () -> zk.create(path, bytes, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
            () -> createdOrCode(createOnAerie(path, bytes)));
    }

    private ResultCode createOnAerie(final String path, final byte[] bytes)
    {
        if (null != bytes)
        {
            return aerie.create(path, bytes, io.aerie.codecs.CreateMode.PERSISTENT, -1, TreeFixture.SESSION);
        }
        final long zxid = aerie.nextZxid();
        aerie.createdPath.setLength(0);
        return aerie.tree.create(zxid, TreeFixture.timeOf(zxid), TreeFixture.SESSION, path, null, 0, 0,
            AclList.openAclUnsafe(), io.aerie.codecs.CreateMode.PERSISTENT, -1, aerie.createdPath, aerie.stat);
    }

    private void createSequential(final String path) throws Exception
    {
        comparison.compare("create -s " + path,
            () -> zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
            () -> createdOrCode(aerie.create(path, new byte[0], io.aerie.codecs.CreateMode.PERSISTENT_SEQUENTIAL, -1,
            TreeFixture.SESSION)));
    }

    private void delete(final String path, final int version) throws Exception
    {
        comparison.compare("delete " + path + " v" + version, () ->
        {
            zk.delete(path, version);
            return "OK";
        }, () -> name(aerie.delete(path, version)));
    }

    private void setData(final String path, final String data, final int version) throws Exception
    {
        final byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        comparison.compare("set " + path + " v" + version, () -> render(zk.setData(path, bytes, version)), () ->
        {
            final ResultCode code = aerie.setData(path, data, version);
            return ResultCode.OK == code ? render(aerie.stat) : name(code);
        });
    }

    private void setAcl(final String path, final int aversion) throws Exception
    {
        comparison.compare("setAcl " + path + " v" + aversion,
            () -> render(zk.setACL(path, ZooDefs.Ids.OPEN_ACL_UNSAFE, aversion)), () ->
            {
                final ResultCode code = aerie.tree.setAcl(path, AclList.openAclUnsafe(), aversion, aerie.stat);
                return ResultCode.OK == code ? render(aerie.stat) : name(code);
            });
    }

    private void read(final String path) throws Exception
    {
        comparison.compare("read " + path, () ->
        {
            final org.apache.zookeeper.data.Stat stat = new org.apache.zookeeper.data.Stat();
            final byte[] data = zk.getData(path, false, stat);
            final List<String> children = new ArrayList<>(zk.getChildren(path, false));
            children.sort(null);
            return "data=" + (null == data ? "null" : "'" + new String(data, StandardCharsets.UTF_8) + "'") +
                " children=" + children + " acl=" + render(zk.getACL(path, null)) + " " + render(stat);
        }, () ->
        {
            final ResultCode code = aerie.tree.exists(path, aerie.stat);
            if (ResultCode.OK != code)
            {
                return name(code);
            }
            final String data = aerie.getData(path);
            final boolean isNull = aerie.tree.isLastDataNull();
            final List<String> children = aerie.children(path);
            final AclList acl = new AclList();
            aerie.tree.getAcl(path, acl, aerie.stat);
            return "data=" + (isNull ? "null" : "'" + data + "'") + " children=" + children + " acl=" + render(acl) + " " + render(aerie.stat);
        });
    }

    private void multiDeleteQuota() throws Exception
    {
        comparison.compare("multi check /zookeeper, delete /zookeeper/quota",
            () -> multiOnZooKeeper(List.of(Op.check("/zookeeper", -1), Op.delete("/zookeeper/quota", -1))),
            () -> multiOnAerie(new MultiOps().check("/zookeeper", -1).delete("/zookeeper/quota", -1)));
    }

    private void multiCreateThenWriteConfig() throws Exception
    {
        final UnsafeBuffer none = new UnsafeBuffer(new byte[0]);
        comparison.compare("multi create /zookeeper/m, set /zookeeper/config",
            () -> multiOnZooKeeper(List.of(
                Op.create("/zookeeper/m", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.setData("/zookeeper/config", new byte[0], -1))),
            () -> multiOnAerie(new MultiOps()
                .create("/zookeeper/m", none, 0, 0, AclList.openAclUnsafe(), io.aerie.codecs.CreateMode.PERSISTENT, -1)
                .setData("/zookeeper/config", none, 0, 0, -1)));
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
            out.append(' ').append(ResultCode.OK == code ? zooKeeperOpType(i, ops) : name(results.code(i)));
        }
        return out.toString();
    }

    private static int zooKeeperOpType(final int index, final MultiOps ops)
    {
        switch (ops.op(index).type())
        {
            case CREATE:
                return ZooDefs.OpCode.create;
            case DELETE:
                return ZooDefs.OpCode.delete;
            case SET_DATA:
                return ZooDefs.OpCode.setData;
            default:
                return ZooDefs.OpCode.check;
        }
    }

    private String createdOrCode(final ResultCode code)
    {
        return ResultCode.OK == code ? aerie.createdPath.toString() : name(code);
    }

    private static String render(final org.apache.zookeeper.data.Stat stat)
    {
        return ZooKeeperComparison.render(stat, owner -> Long.toString(owner));
    }

    private static String render(final Stat stat)
    {
        return ZooKeeperComparison.render(stat, owner -> Long.toString(owner));
    }

    private static String render(final List<ACL> acl)
    {
        final StringBuilder out = new StringBuilder("[");
        for (final ACL entry : acl)
        {
            out.append(entry.getPerms()).append(':').append(entry.getId().getScheme()).append(':')
                .append(entry.getId().getId()).append(' ');
        }
        return out.append(']').toString();
    }

    private static String render(final AclList acl)
    {
        final StringBuilder out = new StringBuilder("[");
        final StringBuilder scratch = new StringBuilder();
        for (int i = 0; i < acl.size(); i++)
        {
            scratch.setLength(0);
            acl.scheme(i, scratch);
            out.append(acl.perms(i)).append(':').append(scratch).append(':');
            scratch.setLength(0);
            acl.id(i, scratch);
            out.append(scratch).append(' ');
        }
        return out.append(']').toString();
    }
}
