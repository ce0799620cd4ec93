package io.aerie.bench.suite.zookeeper;

import io.aerie.bench.suite.LoadClient;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link LoadClient} on one session of ZooKeeper's own Java client (NIO, the default), using its asynchronous
 * API with the open ACL and any version (-1).
 * <p>
 * <b>Threads.</b> ZooKeeper runs a send thread and an event thread per session: every {@link Completion} and
 * {@link WatchListener} is called on the <em>event thread</em>, in the order the operations were sent, so
 * {@link #poll()} does nothing and {@link #completesOnPollingThread()} is false. Operations are sent from the
 * rig's one thread.
 * <p>
 * <b>Failures.</b> Any result code other than OK is {@code ok = false}; after a lost connection (e.g. the
 * leader's server killed) ZooKeeper fails the operations in flight with CONNECTIONLOSS and reconnects by itself
 * to the next server of the list (after a random sleep of up to 1 s, ZooKeeper's own behaviour); the session
 * survives if that takes less than the session timeout. The blocking helpers use ZooKeeper's synchronous API,
 * bounded by its read timeout (two thirds of the session timeout) through a CONNECTIONLOSS.
 * <p>
 * <b>Allocation.</b> Callbacks are pooled ({@link PendingOperation}); ZooKeeper's client itself allocates per
 * request (packets, headers, records), which is part of what a ZooKeeper row measures.
 */
public final class ZooKeeperLoadClient implements LoadClient
{
    private static final int ANY_VERSION = -1;
    private static final int CALLBACK_POOL_CAPACITY = 4096;
    private static final int CLOSE_TIMEOUT_MS = 5_000;

    /** The callback of a sync before a read: the read's own callback reports the outcome. */
    private static final AsyncCallback.VoidCallback SYNC_DONE = (rc, path, ctx) -> {};

    private final ZooKeeper zooKeeper;
    private final boolean syncBeforeRead;
    private final ManyToOneConcurrentArrayQueue<PendingOperation> callbackPool =
        new ManyToOneConcurrentArrayQueue<>(CALLBACK_POOL_CAPACITY);
    private boolean closed;

    private ZooKeeperLoadClient(final ZooKeeper zooKeeper, final boolean syncBeforeRead)
    {
        this.zooKeeper = zooKeeper;
        this.syncBeforeRead = syncBeforeRead;
    }

    /**
     * Open a session and wait until it is connected.
     *
     * @param servers          every server's client address, in the order to try (the leader first).
     * @param sessionTimeoutMs requested session timeout, ms (the server bounds it to 2..20 ticks).
     * @param connectTimeoutMs how long to wait for the session, ms.
     * @return a connected client, owned by the caller.
     * @throws IOException          if the client cannot be created.
     * @throws TimeoutException     if the session is not connected in time (the client is closed then).
     * @throws InterruptedException if interrupted while waiting.
     */
    public static ZooKeeperLoadClient connect(
        final List<InetSocketAddress> servers, final int sessionTimeoutMs, final long connectTimeoutMs)
        throws IOException, TimeoutException, InterruptedException
    {
        return connect(servers, sessionTimeoutMs, connectTimeoutMs, false);
    }

    /**
     * Open a session and wait until it is connected.
     *
     * @param servers          every server's client address, in the order to try (the server to read from first).
     * @param sessionTimeoutMs requested session timeout, ms (the server bounds it to 2..20 ticks).
     * @param connectTimeoutMs how long to wait for the session, ms.
     * @param syncBeforeRead   true: every {@link #getData} is a {@code sync} of the path then the {@code getData},
     *                         sent together (one session's requests are answered in order, so the read waits for
     *                         the sync): ZooKeeper's linearizable read.
     * @return a connected client, owned by the caller.
     * @throws IOException          if the client cannot be created.
     * @throws TimeoutException     if the session is not connected in time (the client is closed then).
     * @throws InterruptedException if interrupted while waiting.
     */
    static ZooKeeperLoadClient connect(
        final List<InetSocketAddress> servers,
        final int sessionTimeoutMs,
        final long connectTimeoutMs,
        final boolean syncBeforeRead)
        throws IOException, TimeoutException, InterruptedException
    {
        final ConnectedLatch connected = new ConnectedLatch();
        final ZooKeeper zooKeeper = new ZooKeeper(
            connectString(servers), sessionTimeoutMs, connected, false, new OrderedHostProvider(servers));
        final ZooKeeperLoadClient client = new ZooKeeperLoadClient(zooKeeper, syncBeforeRead);
        if (!connected.await(connectTimeoutMs))
        {
            client.close();
            throw new TimeoutException("no ZooKeeper session within " + connectTimeoutMs + " ms to " + servers);
        }

        return client;
    }

    /**
     * @return the session id, for messages.
     */
    long sessionId()
    {
        return zooKeeper.getSessionId();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void create(final String path, final byte[] data, final Mode mode, final long token,
        final Completion completion)
    {
        zooKeeper.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, createMode(mode),
            PendingOperation.acquire(callbackPool, token, completion), null);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void delete(final String path, final long token, final Completion completion)
    {
        zooKeeper.delete(path, ANY_VERSION, PendingOperation.acquire(callbackPool, token, completion), null);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void setData(final String path, final byte[] data, final long token, final Completion completion)
    {
        zooKeeper.setData(path, data, ANY_VERSION, PendingOperation.acquire(callbackPool, token, completion), null);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void getData(final String path, final long token, final Completion completion)
    {
        if (syncBeforeRead)
        {
            zooKeeper.sync(path, SYNC_DONE, null);
        }
        zooKeeper.getData(path, false, PendingOperation.acquire(callbackPool, token, completion), null);
    }

    /**
     * Nothing to do: ZooKeeper's own threads send, receive and call back.
     *
     * @return 0.
     */
    @Override
    public int poll()
    {
        return 0;
    }

    /**
     * @return false: completions and watch listeners run on ZooKeeper's event thread.
     */
    @Override
    public boolean completesOnPollingThread()
    {
        return false;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void createIfAbsent(final String path, final byte[] data) throws KeeperException, InterruptedException
    {
        try
        {
            zooKeeper.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        catch (final KeeperException.NodeExistsException ex)
        {
            // Present already: left as it is.
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void deleteIfPresent(final String path) throws KeeperException, InterruptedException
    {
        try
        {
            zooKeeper.delete(path, ANY_VERSION);
        }
        catch (final KeeperException.NoNodeException ex)
        {
            // Absent already.
        }
    }

    /**
     * Registers a persistent watch ({@link AddWatchMode#PERSISTENT}) with its own {@link Watcher} object, so
     * ZooKeeper's client calls every listener of the path for each change.
     */
    @Override
    public void addPersistentWatch(final String path, final WatchListener listener)
        throws KeeperException, InterruptedException
    {
        zooKeeper.addWatch(path, new DataChangeWatcher(listener), AddWatchMode.PERSISTENT);
    }

    /**
     * Close the session, waiting up to 5 s for the server to acknowledge. Idempotent; never throws; keeps the
     * thread's interrupt status.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;

        try
        {
            zooKeeper.close(CLOSE_TIMEOUT_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static CreateMode createMode(final Mode mode)
    {
        return mode == Mode.EPHEMERAL_SEQUENTIAL ? CreateMode.EPHEMERAL_SEQUENTIAL : CreateMode.PERSISTENT;
    }

    private static String connectString(final List<InetSocketAddress> servers)
    {
        final StringBuilder sb = new StringBuilder();
        for (final InetSocketAddress server : servers)
        {
            sb.append(sb.length() > 0 ? "," : "").append(server.getHostString()).append(':').append(server.getPort());
        }

        return sb.toString();
    }

    /**
     * The session's default watcher: opens the latch on the first {@code SyncConnected}.
     */
    private static final class ConnectedLatch implements Watcher
    {
        private final CountDownLatch latch = new CountDownLatch(1);

        @Override
        public void process(final WatchedEvent event)
        {
            if (event.getState() == Event.KeeperState.SyncConnected)
            {
                latch.countDown();
            }
        }

        boolean await(final long timeoutMs) throws InterruptedException
        {
            return latch.await(timeoutMs, TimeUnit.MILLISECONDS);
        }
    }
}
