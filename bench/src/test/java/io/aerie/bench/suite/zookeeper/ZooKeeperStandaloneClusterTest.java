package io.aerie.bench.suite.zookeeper;

import io.aerie.bench.suite.LoadClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.aerie.bench.suite.zookeeper.AwaitedCompletion.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real standalone ZooKeeper server in its own JVM, driven through the suite's {@link LoadClient}.
 */
@Tag("slow")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZooKeeperStandaloneClusterTest
{
    private static final int PORT_BASE = 31_000;
    private static final long START_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final byte[] DATA = "one hundred bytes, or close enough".getBytes(StandardCharsets.UTF_8);

    private ZooKeeperTarget target;

    @BeforeEach
    void startServer() throws Exception
    {
        target = ZooKeeperTargets.target("zk-standalone-test", 1, true, PORT_BASE);
        target.start(System.nanoTime() + START_TIMEOUT_NS);
    }

    @AfterEach
    void stopServer()
    {
        target.close();
    }

    @Test
    void shouldCreateSetGetAndDeleteAsynchronously() throws Exception
    {
        try (LoadClient client = target.connect())
        {
            client.createIfAbsent("/bench", new byte[0]);

            final AwaitedCompletion create = new AwaitedCompletion(1);
            client.create("/bench/node", DATA, LoadClient.Mode.PERSISTENT, 1, create);
            assertOk(create);
            assertEquals("/bench/node", create.createdPath());

            final AwaitedCompletion set = new AwaitedCompletion(2);
            client.setData("/bench/node", DATA, 2, set);
            assertOk(set);

            final AwaitedCompletion get = new AwaitedCompletion(3);
            client.getData("/bench/node", 3, get);
            assertOk(get);

            final AwaitedCompletion delete = new AwaitedCompletion(4);
            client.delete("/bench/node", 4, delete);
            assertOk(delete);
        }
    }

    @Test
    void shouldReportFailureForAMissingNode() throws Exception
    {
        try (LoadClient client = target.connect())
        {
            final AwaitedCompletion get = new AwaitedCompletion(7);
            client.getData("/missing", 7, get);

            assertFalse(get.awaitOk());
        }
    }

    @Test
    void shouldNameTheEphemeralSequentialNodeItCreated() throws Exception
    {
        try (LoadClient client = target.connect())
        {
            client.createIfAbsent("/seq", new byte[0]);

            final AwaitedCompletion first = new AwaitedCompletion(1);
            final AwaitedCompletion second = new AwaitedCompletion(2);
            client.create("/seq/e-", DATA, LoadClient.Mode.EPHEMERAL_SEQUENTIAL, 1, first);
            client.create("/seq/e-", DATA, LoadClient.Mode.EPHEMERAL_SEQUENTIAL, 2, second);
            assertOk(first);
            assertOk(second);

            assertTrue(first.createdPath().startsWith("/seq/e-"), first.createdPath());
            assertNotEquals(first.createdPath(), second.createdPath());
        }
    }

    @Test
    void shouldCompleteOnZooKeepersEventThreadNotInPoll() throws Exception
    {
        try (LoadClient client = target.connect())
        {
            final AwaitedCompletion get = new AwaitedCompletion(9);
            client.getData("/", 9, get);
            assertOk(get);

            assertFalse(client.completesOnPollingThread());
            assertEquals(0, client.poll());
            assertNotEquals(Thread.currentThread(), get.callingThread());
        }
    }

    @Test
    void shouldNotifyEveryPersistentWatcherOfADataChange() throws Exception
    {
        final CountDownLatch notified = new CountDownLatch(3);
        try (LoadClient writer = target.connect();
            LoadClient watcherA = target.connect();
            LoadClient watcherB = target.connect())
        {
            writer.createIfAbsent("/watched", new byte[0]);
            watcherA.addPersistentWatch("/watched", notified::countDown);
            watcherA.addPersistentWatch("/watched", notified::countDown);
            watcherB.addPersistentWatch("/watched", notified::countDown);

            final AwaitedCompletion set = new AwaitedCompletion(1);
            writer.setData("/watched", DATA, 1, set);
            assertOk(set);

            assertTrue(notified.await(20, TimeUnit.SECONDS), "watchers left: " + notified.getCount());
        }
    }

    @Test
    void shouldHaveNoLeaderToKill() throws Exception
    {
        assertFalse(target.killLeader());
    }

    @Test
    void shouldStopTheServerAndDeleteItsDirectoryOnClose()
    {
        final File dir = target.ensemble().dir();
        final ZooKeeperServerProcess server = target.ensemble().server(0);
        assertTrue(dir.isDirectory());

        target.close();

        assertFalse(server.isAlive());
        assertFalse(dir.exists(), dir::toString);
    }
}
