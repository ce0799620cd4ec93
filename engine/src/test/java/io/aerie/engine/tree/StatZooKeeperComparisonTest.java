package io.aerie.engine.tree;

import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.model.Stat;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.ContainerManager;
import org.apache.zookeeper.server.RequestProcessor;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Stat and null data, step by step against a real ZooKeeper 3.9.5 server run in-process: cversion after
 * deletions by a client, a multi, a session's end and the container sweep; sequential numbers after deletions;
 * the ephemeralOwner of containers, TTL nodes and ephemerals; null data apart from empty data. Every step's
 * answer (code, created path, data, stat) must read the same on both; zxids and times are compared as
 * relations (zero or not, equal to czxid or not), ephemeral owners as "this test's session" or the value.
 */
class StatZooKeeperComparisonTest
{
    private static final long OTHER_SESSION = 0x77;

    @TempDir
    Path zooKeeperDir;
    private ServerCnxnFactory factory;
    private ZooKeeperServer server;
    private ZooKeeper zk;
    private ZooKeeper zkOther;

    private final TreeFixture aerie = new TreeFixture();
    private final List<String> mismatches = new ArrayList<>();
    private int steps;

    @BeforeEach
    void startZooKeeper() throws Exception
    {
        System.setProperty("zookeeper.admin.enableServer", "false");
        System.setProperty("zookeeper.extendedTypesEnabled", "true");
        server = new ZooKeeperServer(zooKeeperDir.toFile(), zooKeeperDir.toFile(), 2000);
        factory = ServerCnxnFactory.createFactory(0, 16);
        factory.startup(server);
        zk = connect();
        zkOther = connect();
    }

    @AfterEach
    void stopZooKeeper() throws Exception
    {
        aerie.close();
        for (final ZooKeeper client : new ZooKeeper[]{ zkOther, zk })
        {
            if (null != client)
            {
                client.close();
            }
        }
        if (null != factory)
        {
            factory.shutdown();
        }
        if (null != server)
        {
            server.shutdown();
        }
    }

    @Test
    void shouldCountEveryChildDeletionInCversionAndNumberByCreationsAsZooKeeperDoes() throws Exception
    {
        create("/p", "", CreateMode.PERSISTENT);
        create("/p/s", "", CreateMode.PERSISTENT_SEQUENTIAL);
        delete("/p/s0000000000");
        create("/p/s", "", CreateMode.PERSISTENT_SEQUENTIAL);
        read("/p");
        create("/p/a", "", CreateMode.PERSISTENT);
        create("/p/b", "", CreateMode.PERSISTENT);
        delete("/p/a");
        create("/p/s", "", CreateMode.PERSISTENT_SEQUENTIAL);
        read("/p");
        multiCreateDeleteCreateSequential();
        read("/p");
        createByOtherSession("/p/e1");
        createByOtherSession("/p/e2");
        read("/p");
        closeOtherSession();
        read("/p");
        create("/p/s", "", CreateMode.PERSISTENT_SEQUENTIAL);
        read("/p");
        create("/c", "", CreateMode.CONTAINER);
        create("/c/k", "", CreateMode.CONTAINER);
        create("/c/k/x", "", CreateMode.PERSISTENT);
        delete("/c/k/x");
        read("/c/k");
        sweep();
        read("/c");
        read("/");

        assertSameAnswers();
    }

    @Test
    void shouldReportOwnersAndNullDataAsZooKeeperDoes() throws Exception
    {
        create("/c", null, CreateMode.CONTAINER);
        createTtl("/t", "ttl");
        createTtl("/ts", "ttl");
        createByOtherSession("/e");
        read("/c");
        read("/t");
        read("/ts0000000002");
        read("/e");
        create("/n", null, CreateMode.PERSISTENT);
        create("/empty", "", CreateMode.PERSISTENT);
        read("/n");
        read("/empty");
        setData("/empty", null);
        read("/empty");
        setData("/n", "");
        read("/n");
        setData("/t", null);
        read("/t");

        assertSameAnswers();
    }

    private ZooKeeper connect() throws Exception
    {
        final CountDownLatch connected = new CountDownLatch(1);
        final ZooKeeper client = new ZooKeeper("127.0.0.1:" + factory.getLocalPort(), 30_000, event ->
        {
            if (Watcher.Event.KeeperState.SyncConnected == event.getState())
            {
                connected.countDown();
            }
        });
        assertTrue(connected.await(60, TimeUnit.SECONDS), "ZooKeeper client did not connect");
        return client;
    }

    private void create(final String path, final String data, final CreateMode mode) throws Exception
    {
        final byte[] bytes = bytes(data);
        compare("create " + mode + " " + path, () ->
        {
            final org.apache.zookeeper.data.Stat stat = new org.apache.zookeeper.data.Stat();
            return zk.create(path, bytes, ZooDefs.Ids.OPEN_ACL_UNSAFE, mode, stat) + " " + render(stat);
        }, () -> createdOrCode(aerie.create(path, bytes, aerieMode(mode), -1, TreeFixture.SESSION)));
    }

    private void createTtl(final String path, final String data) throws Exception
    {
        final boolean sequential = path.endsWith("s");
        final CreateMode mode = sequential ? CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL : CreateMode.PERSISTENT_WITH_TTL;
        final byte[] bytes = bytes(data);
        compare("create " + mode + " " + path, () ->
        {
            final org.apache.zookeeper.data.Stat stat = new org.apache.zookeeper.data.Stat();
            return zk.create(path, bytes, ZooDefs.Ids.OPEN_ACL_UNSAFE, mode, stat, 60_000) + " " + render(stat);
        }, () -> createdOrCode(aerie.create(path, bytes, aerieMode(mode), 60_000, TreeFixture.SESSION)));
    }

    private void createByOtherSession(final String path) throws Exception
    {
        compare("create EPHEMERAL " + path + " by another session", () ->
        {
            final org.apache.zookeeper.data.Stat stat = new org.apache.zookeeper.data.Stat();
            return zkOther.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, stat) + " " +
                render(stat);
        }, () -> createdOrCode(aerie.create(path, new byte[0], io.aerie.codecs.CreateMode.EPHEMERAL, -1,
            OTHER_SESSION)));
    }

    private void closeOtherSession() throws Exception
    {
        steps++;
        zkOther.close();
        zkOther = null;
        aerie.tree.deleteEphemerals(aerie.nextZxid(), OTHER_SESSION, aerie.names);
    }

    private void sweep() throws Exception
    {
        steps++;
        final java.lang.reflect.Field firstProcessor = ZooKeeperServer.class.getDeclaredField("firstProcessor");
        firstProcessor.setAccessible(true);
        final ContainerManager containers = new ContainerManager(
            server.getZKDatabase(), (RequestProcessor)firstProcessor.get(server), 1, 10_000, 0);
        containers.checkContainers();
        // Wait for ZooKeeper to apply the deletes it queued: a sync through the same pipeline follows them.
        final CountDownLatch synced = new CountDownLatch(1);
        zk.sync("/", (rc, path, ctx) -> synced.countDown(), null);
        assertTrue(synced.await(60, TimeUnit.SECONDS));
        aerie.tree.sweepExpired(aerie.nextZxid(), Long.MAX_VALUE / 4, aerie.names);
    }

    private void delete(final String path) throws Exception
    {
        compare("delete " + path, () ->
        {
            zk.delete(path, -1);
            return "OK";
        }, () -> name(aerie.delete(path, -1)));
    }

    private void setData(final String path, final String data) throws Exception
    {
        final byte[] bytes = bytes(data);
        compare("set " + path + " " + data, () -> render(zk.setData(path, bytes, -1)), () ->
        {
            final ResultCode code = aerie.setData(path, data, -1);
            return ResultCode.OK == code ? render(aerie.stat) : name(code);
        });
    }

    private void multiCreateDeleteCreateSequential() throws Exception
    {
        compare("multi create /p/m, delete /p/m, create -s /p/s", () ->
        {
            final StringBuilder out = new StringBuilder();
            zk.multi(List.of(
                Op.create("/p/m", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.delete("/p/m", -1),
                Op.create("/p/s", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL)))
                .forEach(result -> out.append(result instanceof org.apache.zookeeper.OpResult.CreateResult ?
                    ((org.apache.zookeeper.OpResult.CreateResult)result).getPath() : "-").append(' '));
            return out.toString();
        }, () ->
        {
            final MultiOps ops = new MultiOps()
                .create("/p/m", null, 0, 0, AclList.openAclUnsafe(), io.aerie.codecs.CreateMode.PERSISTENT, -1)
                .delete("/p/m", -1)
                .create("/p/s", null, 0, 0, AclList.openAclUnsafe(), io.aerie.codecs.CreateMode.PERSISTENT_SEQUENTIAL, -1);
            final MultiResults results = new MultiResults();
            final long zxid = aerie.nextZxid();
            final ResultCode code = aerie.tree.multi(zxid, TreeFixture.timeOf(zxid), TreeFixture.SESSION, ops, results);
            if (ResultCode.OK != code)
            {
                return name(code);
            }
            final StringBuilder out = new StringBuilder();
            for (int i = 0; i < results.size(); i++)
            {
                out.append(0 == results.path(i).length() ? "-" : results.path(i)).append(' ');
            }
            return out.toString();
        });
    }

    private void read(final String path) throws Exception
    {
        compare("read " + path, () ->
        {
            final org.apache.zookeeper.data.Stat stat = new org.apache.zookeeper.data.Stat();
            final byte[] data = zk.getData(path, false, stat);
            return "data=" + text(data) + " " + render(stat);
        }, () ->
        {
            final ResultCode code = aerie.tree.exists(path, aerie.stat);
            if (ResultCode.OK != code)
            {
                return name(code);
            }
            final String data = aerie.getData(path);
            return "data=" + (null == data ? "null" : "'" + data + "'") + " " + render(aerie.stat);
        });
    }

    private String createdOrCode(final ResultCode code)
    {
        return ResultCode.OK == code ? aerie.createdPath + " " + render(aerie.stat) : name(code);
    }

    private void compare(final String step, final ZooKeeperCall zooKeeper, final AerieCall aerieSide) throws Exception
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

    private static io.aerie.codecs.CreateMode aerieMode(final CreateMode mode)
    {
        return io.aerie.codecs.CreateMode.get((short)mode.toFlag());
    }

    private static byte[] bytes(final String data)
    {
        return null == data ? null : data.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(final byte[] data)
    {
        return null == data ? "null" : "'" + new String(data, StandardCharsets.UTF_8) + "'";
    }

    private static String name(final ResultCode code)
    {
        return ResultCode.OK == code ? "OK" : KeeperException.Code.get(code.value()).name();
    }

    private static String render(final org.apache.zookeeper.data.Stat stat)
    {
        return render(stat.getCzxid(), stat.getMzxid(), stat.getPzxid(), stat.getCtime(), stat.getMtime()) +
            " version=" + stat.getVersion() + " cversion=" + stat.getCversion() + " aversion=" + stat.getAversion() +
            " owner=" + owner(stat.getEphemeralOwner()) +
            " dataLength=" + stat.getDataLength() + " numChildren=" + stat.getNumChildren();
    }

    private static String render(final Stat stat)
    {
        return render(stat.czxid(), stat.mzxid(), stat.pzxid(), stat.ctime(), stat.mtime()) +
            " version=" + stat.version() + " cversion=" + stat.cversion() + " aversion=" + stat.aversion() +
            " owner=" + owner(stat.ephemeralOwner()) + " dataLength=" + stat.dataLength() +
            " numChildren=" + stat.numChildren();
    }

    /**
     * Session ids differ between the two by construction: an ephemeral's owner reads as "session", anything else
     * (0, or a leaked marker) as its value.
     */
    private static String owner(final long ephemeralOwner)
    {
        return 0 == ephemeralOwner || (ephemeralOwner >>> 56) == 0xFF || Long.MIN_VALUE == ephemeralOwner ?
            Long.toHexString(ephemeralOwner) : "session";
    }

    private static String render(final long czxid, final long mzxid, final long pzxid, final long ctime, final long mtime)
    {
        return "czxid" + (0 == czxid ? "=0" : ">0") + (mzxid == czxid ? " mzxid=czxid" : " mzxid>czxid") +
            (pzxid == czxid ? " pzxid=czxid" : " pzxid>czxid") + " ctime" + (0 == ctime ? "=0" : ">0") +
            (mtime == ctime ? " mtime=ctime" : " mtime>ctime");
    }

    @FunctionalInterface
    private interface ZooKeeperCall
    {
        String call() throws KeeperException, InterruptedException;
    }

    @FunctionalInterface
    private interface AerieCall
    {
        String call();
    }
}
