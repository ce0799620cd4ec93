package io.aerie.bench.restart;

import io.aerie.bench.suite.ChildJvm;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.ZooKeeperServerMain;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Apache ZooKeeper 3.9.5 standalone as the rig runs it: its own JVM ({@code ZooKeeperServerMain}), forceSync off
 * (as Aerie's durability {@code none}), {@code snapCount} so large that loading takes no snapshot, so the first
 * restart replays the transaction log alone. ZooKeeper writes a snapshot of what it loaded at every start, so the
 * restarts after the first load that snapshot and the short log after it.
 */
final class ZooKeeperRestartTarget extends RestartTarget
{
    private static final int WINDOW = 1000;
    /** Short, so that the client's connect attempts, which each wait up to this, do not hide a ready server. */
    private static final int SESSION_TIMEOUT_MS = 4_000;
    private static final long STOP_GRACE_MS = 30_000;

    private final File dir;
    private final int clientPort;
    private final String heap;
    private Process process;
    private ZooKeeper client;

    ZooKeeperRestartTarget(final TreeShape shape, final long timeoutNs, final File dir, final int clientPort)
    {
        super(shape, timeoutNs);
        this.dir = dir;
        this.clientPort = clientPort;
        this.heap = shape.znodes() > 300_000 ? "-Xmx2g" : "-Xmx512m";
    }

    @Override
    String name()
    {
        return "zookeeper";
    }

    @Override
    String diskUse()
    {
        return DiskUse.describe(new File(dir, "data"));
    }

    @Override
    void startEmpty() throws Exception
    {
        final File data = new File(dir, "data");
        Files.createDirectories(data.toPath());
        Files.writeString(new File(dir, "zoo.cfg").toPath(), "tickTime=2000\n" +
            "dataDir=" + data.getAbsolutePath() + "\n" +
            "clientPortAddress=127.0.0.1\n" +
            "clientPort=" + clientPort + "\n" +
            "maxClientCnxns=0\n" +
            "snapCount=100000000\n" +
            "forceSync=no\n" +
            "admin.enableServer=false\n", StandardCharsets.UTF_8);
        startProcess();
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (null == (client = connect()))
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("zookeeper: not serving; its log:\n" +
                    ChildJvm.tail(new File(dir, "zookeeper.log"), 4096));
            }
        }
    }

    @Override
    void load() throws Exception
    {
        final byte[] empty = new byte[0];
        client.create(TreeShape.ROOT, empty, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        for (long parent = 0; parent < shape.parents(); parent++)
        {
            client.create(shape.parentPath(parent), empty, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        final Semaphore window = new Semaphore(WINDOW);
        final AtomicLong failed = new AtomicLong();
        final AsyncCallback.StringCallback callback = (rc, path, ctx, name) ->
        {
            if (KeeperException.Code.OK.intValue() != rc)
            {
                failed.incrementAndGet();
            }
            window.release();
        };
        for (long leaf = 0; leaf < shape.leaves(); leaf++)
        {
            window.acquire();
            client.create(shape.leafPath(leaf), shape.data(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                callback, null);
        }
        window.acquire(WINDOW);
        if (failed.get() > 0)
        {
            throw new IllegalStateException("zookeeper: " + failed.get() + " creates failed");
        }
    }

    @Override
    void snapshot()
    {
        // Every start writes a snapshot of what it loaded: the restart from the log alone left one.
    }

    @Override
    void stop(final boolean kill) throws Exception
    {
        if (null != client)
        {
            client.close();
            client = null;
        }
        if (kill)
        {
            process.destroyForcibly().waitFor();
        }
        else
        {
            process.destroy();
            if (!process.waitFor(STOP_GRACE_MS, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    void startProcess() throws Exception
    {
        // snapCount is a system property (zoo.cfg's is not read by a standalone server).
        process = ChildJvm.start(List.of(heap, "-Dzookeeper.admin.enableServer=false", "-Dzookeeper.snapCount=100000000"),
            ZooKeeperServerMain.class.getName(), List.of(new File(dir, "zoo.cfg").getAbsolutePath()),
            new File(dir, "zookeeper.log"));
    }

    @Override
    boolean readsLastLeaf()
    {
        if (!process.isAlive())
        {
            throw new IllegalStateException("zookeeper exited; its log:\n" +
                ChildJvm.tail(new File(dir, "zookeeper.log"), 4096));
        }
        try
        {
            if (null == client && null == (client = connect()))
            {
                return false;
            }
            return Arrays.equals(shape.data(), client.getData(shape.lastLeafPath(), false, null));
        }
        catch (final Exception ex)
        {
            // A session that expired while the server was down stays expired: connect again.
            closeClient();
            return false;
        }
    }

    @Override
    long countLoad()
    {
        try
        {
            return client.getAllChildrenNumber(TreeShape.ROOT);
        }
        catch (final Exception ex)
        {
            return -1;
        }
    }

    @Override
    long pid()
    {
        return process.pid();
    }

    @Override
    public void close() throws Exception
    {
        closeClient();
        ChildJvm.kill(process);
        ChildJvm.deleteRecursively(dir);
    }

    private void closeClient()
    {
        if (null != client)
        {
            try
            {
                client.close();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            client = null;
        }
    }

    /**
     * @return a connected client, or null if the server did not answer within the session timeout.
     */
    private ZooKeeper connect() throws Exception
    {
        final CountDownLatch connected = new CountDownLatch(1);
        final ZooKeeper zk = new ZooKeeper("127.0.0.1:" + clientPort, SESSION_TIMEOUT_MS, (event) ->
        {
            if (Watcher.Event.KeeperState.SyncConnected == event.getState())
            {
                connected.countDown();
            }
        });
        if (!connected.await(SESSION_TIMEOUT_MS, TimeUnit.MILLISECONDS))
        {
            zk.close();
            return null;
        }
        return zk;
    }
}
