package io.aerie.engine.service;

import io.aerie.engine.service.AclMatrix.Case;
import io.aerie.engine.service.AclMatrix.Scheme;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link AclMatrix} against a real ZooKeeper 3.9.5 server in-process: every case must get the answer the
 * matrix's rules give, the rules {@code ServiceAclMatrixTest} holds Aerie to. The super cases run only when this
 * JVM's ZooKeeper read the super digest (it reads it once, when its digest provider class loads).
 */
class AclMatrixZooKeeperComparisonTest
{
    static
    {
        System.setProperty("zookeeper.DigestAuthenticationProvider.superDigest", AclMatrix.SUPER_DIGEST);
        System.setProperty("zookeeper.admin.enableServer", "false");
    }

    @TempDir
    Path dir;

    private ZooKeeperServer server;
    private ServerCnxnFactory factory;
    private final Map<Scheme, ZooKeeper> callers = new EnumMap<>(Scheme.class);

    @AfterEach
    void close() throws Exception
    {
        for (final ZooKeeper zk : callers.values())
        {
            zk.close();
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
    void shouldAnswerEveryCaseAsTheMatrixSays() throws Exception
    {
        server = new ZooKeeperServer(dir.toFile(), dir.toFile(), 2000);
        factory = ServerCnxnFactory.createFactory(0, 64);
        factory.startup(server);
        final boolean superRead = AclMatrix.SUPER_DIGEST.equals(superDigestRead());

        final List<String> wrong = new ArrayList<>();
        int compared = 0;
        for (final Case c : AclMatrix.cases())
        {
            if (Scheme.SUPER == c.scheme() && !superRead)
            {
                continue;
            }
            final ZooKeeper caller = callers.computeIfAbsent(c.scheme(), this::caller);
            prepare(caller, c);
            final String code = run(caller, c);
            final String expected = c.allowed() ? "OK" : "NOAUTH";
            if (!expected.equals(code))
            {
                wrong.add(c + ": " + code + " expected " + expected);
            }
            compared++;
        }
        assertEquals(List.of(), wrong, "of " + compared + " cases");
        assertTrue(compared >= 1120 - 160, "every case but perhaps the super ones: " + compared);
    }

    private ZooKeeper caller(final Scheme scheme)
    {
        try
        {
            final CountDownLatch connected = new CountDownLatch(1);
            final ZooKeeper zk = new ZooKeeper("127.0.0.1:" + factory.getLocalPort(), 30_000, event ->
            {
                if (Watcher.Event.KeeperState.SyncConnected == event.getState())
                {
                    connected.countDown();
                }
            });
            assertTrue(connected.await(60, TimeUnit.SECONDS), "connected");
            if (null != scheme.credentials)
            {
                zk.addAuthInfo("digest", scheme.credentials.getBytes(StandardCharsets.UTF_8));
            }
            return zk;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static void prepare(final ZooKeeper caller, final Case c) throws Exception
    {
        caller.create(c.path(), new byte[]{ 'x' }, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        caller.create(c.path() + "/child", new byte[]{ 'x' }, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        // A mutable list: the client checks it with contains(null), which List.of refuses.
        caller.setACL(c.path(), new ArrayList<>(List.of(new ACL(c.aclPerms(), new Id(c.scheme().aclScheme, c.scheme().aclId)))), -1);
    }

    private static String run(final ZooKeeper zk, final Case c) throws InterruptedException
    {
        final String path = c.path();
        try
        {
            switch (c.operation())
            {
                case CREATE: zk.create(path + "/new", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT); break;
                case DELETE: zk.delete(path + "/child", -1); break;
                case SET_DATA: zk.setData(path, new byte[]{ 'y' }, -1); break;
                case GET_DATA: zk.getData(path, false, null); break;
                case EXISTS: zk.exists(path, false); break;
                case GET_CHILDREN: zk.getChildren(path, false); break;
                case GET_ALL_CHILDREN_NUMBER: zk.getAllChildrenNumber(path); break;
                case GET_ACL: zk.getACL(path, null); break;
                case SET_ACL: zk.setACL(path, new ArrayList<>(ZooDefs.Ids.OPEN_ACL_UNSAFE), -1); break;
                case MULTI_CHECK: zk.multi(List.of(Op.check(path, -1))); break;
                case MULTI_CREATE:
                    zk.multi(List.of(Op.create(path + "/new", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)));
                    break;
                case MULTI_DELETE: zk.multi(List.of(Op.delete(path + "/child", -1))); break;
                case MULTI_SET_DATA: zk.multi(List.of(Op.setData(path, new byte[]{ 'y' }, -1))); break;
                case ADD_WATCH: zk.addWatch(path, event -> { }, AddWatchMode.PERSISTENT); break;
                case SYNC: zk.sync(path); break;
                case GET_EPHEMERALS: zk.getEphemerals(path); break;
                default: throw new IllegalStateException(c.toString());
            }
            return "OK";
        }
        catch (final KeeperException ex)
        {
            return ex.code().name();
        }
    }

    private static String superDigestRead() throws ReflectiveOperationException
    {
        final java.lang.reflect.Field field = DigestAuthenticationProvider.class.getDeclaredField("superDigest");
        field.setAccessible(true);
        return (String)field.get(null);
    }
}
