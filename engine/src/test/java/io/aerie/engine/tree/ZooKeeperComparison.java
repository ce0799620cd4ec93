package io.aerie.engine.tree;

import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.Stat;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real ZooKeeper 3.9.5 server run in-process on a kernel-chosen port, and the step-by-step comparison of its
 * answers with Aerie's tree: each step renders both answers as text, a step whose texts differ is a mismatch, and
 * the test ends by asserting there is none. Zxids and times differ between the two by construction, so
 * {@link #render} shows them as relations (zero or not, equal to czxid or not).
 */
final class ZooKeeperComparison implements AutoCloseable
{
    private final ZooKeeperServer server;
    private final ServerCnxnFactory factory;
    private final List<ZooKeeper> clients = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();
    private int steps;

    private ZooKeeperComparison(final Path dir) throws IOException, InterruptedException
    {
        server = new ZooKeeperServer(dir.toFile(), dir.toFile(), 2000);
        factory = ServerCnxnFactory.createFactory(0, 16);
        factory.startup(server);
    }

    /**
     * Start a standalone server (admin server off) keeping its data in {@code dir}.
     *
     * @param dir           the test's temporary directory.
     * @param extendedTypes whether TTL nodes are enabled ({@code zookeeper.extendedTypesEnabled}).
     * @return the running server, for the test to close.
     * @throws Exception if it cannot start.
     */
    static ZooKeeperComparison start(final Path dir, final boolean extendedTypes) throws Exception
    {
        System.setProperty("zookeeper.admin.enableServer", "false");
        if (extendedTypes)
        {
            System.setProperty("zookeeper.extendedTypesEnabled", "true");
        }
        return new ZooKeeperComparison(dir);
    }

    /**
     * @return the server, for tests that drive its internals (the container sweep).
     */
    ZooKeeperServer server()
    {
        return server;
    }

    /**
     * Connect a new client session and wait up to 60 s for it; it is closed with the server if not before.
     *
     * @return the connected client.
     * @throws Exception if it cannot connect.
     */
    ZooKeeper connect() throws Exception
    {
        final CountDownLatch connected = new CountDownLatch(1);
        final ZooKeeper client = new ZooKeeper("127.0.0.1:" + factory.getLocalPort(), 30_000, event ->
        {
            if (Watcher.Event.KeeperState.SyncConnected == event.getState())
            {
                connected.countDown();
            }
        });
        clients.add(client);
        assertTrue(connected.await(60, TimeUnit.SECONDS), "ZooKeeper client did not connect");
        return client;
    }

    /**
     * Run one step on both sides and record a mismatch if their answers differ; a ZooKeeper error answers its
     * code's name.
     *
     * @param step      what the step does, for the mismatch message.
     * @param zooKeeper the step on ZooKeeper.
     * @param aerieSide the step on Aerie.
     * @throws InterruptedException if the ZooKeeper call is interrupted.
     */
    void compare(final String step, final ZooKeeperCall zooKeeper, final AerieCall aerieSide)
        throws InterruptedException
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

    /**
     * Count a step both sides took without an answer to compare.
     */
    void countStep()
    {
        steps++;
    }

    /**
     * Fail if any step's answers differed.
     *
     * @param context added to the message after the step count.
     */
    void assertSameAnswers(final String context)
    {
        assertEquals(List.of(), mismatches, steps + " steps compared" + context);
    }

    /**
     * Close the clients, then the server.
     *
     * @throws InterruptedException if closing a client is interrupted.
     */
    public void close() throws InterruptedException
    {
        for (int i = clients.size() - 1; i >= 0; i--)
        {
            clients.get(i).close();
        }
        factory.shutdown();
        server.shutdown();
    }

    static String name(final ResultCode code)
    {
        return ResultCode.OK == code ? "OK" : KeeperException.Code.get(code.value()).name();
    }

    static String render(final org.apache.zookeeper.data.Stat stat, final LongFunction<String> owner)
    {
        return render(stat.getCzxid(), stat.getMzxid(), stat.getPzxid(), stat.getCtime(), stat.getMtime()) +
            " version=" + stat.getVersion() + " cversion=" + stat.getCversion() + " aversion=" + stat.getAversion() +
            " owner=" + owner.apply(stat.getEphemeralOwner()) + " dataLength=" + stat.getDataLength() +
            " numChildren=" + stat.getNumChildren();
    }

    static String render(final Stat stat, final LongFunction<String> owner)
    {
        return render(stat.czxid(), stat.mzxid(), stat.pzxid(), stat.ctime(), stat.mtime()) +
            " version=" + stat.version() + " cversion=" + stat.cversion() + " aversion=" + stat.aversion() +
            " owner=" + owner.apply(stat.ephemeralOwner()) + " dataLength=" + stat.dataLength() +
            " numChildren=" + stat.numChildren();
    }

    private static String render(final long czxid, final long mzxid, final long pzxid, final long ctime, final long mtime)
    {
        return "czxid" + (0 == czxid ? "=0" : ">0") + (mzxid == czxid ? " mzxid=czxid" : " mzxid>czxid") +
            (pzxid == czxid ? " pzxid=czxid" : " pzxid>czxid") + " ctime" + (0 == ctime ? "=0" : ">0") +
            (mtime == ctime ? " mtime=ctime" : " mtime>ctime");
    }

    /**
     * One step on ZooKeeper, rendered as text.
     */
    @FunctionalInterface
    interface ZooKeeperCall
    {
        String call() throws KeeperException, InterruptedException;
    }

    /**
     * The same step on Aerie, rendered as text.
     */
    @FunctionalInterface
    interface AerieCall
    {
        String call();
    }
}
