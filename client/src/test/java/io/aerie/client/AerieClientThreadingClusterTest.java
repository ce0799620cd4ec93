package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;
import io.aerie.engine.node.LocalCluster;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default threading mode against a real one-node cluster: the conductor thread keeps the session whatever the
 * application does, any number of threads may share the client, and every callback runs on the conductor thread.
 */
@Tag("slow")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AerieClientThreadingClusterTest
{
    private static final int PORT_BASE = 18000;
    private static final String CONDUCTOR = ClientConductorAgent.ROLE_NAME;

    @TempDir
    File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private final List<AerieClient> clients = new ArrayList<>();
    private LocalCluster cluster;

    @BeforeEach
    void launch()
    {
        cluster = TestClusters.launch(1, PORT_BASE, new File(tempDir, "cluster"), errors);
    }

    @AfterEach
    void close()
    {
        for (int i = clients.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(clients.get(i));
        }
        CloseHelper.quietClose(cluster);
        errors.assertNone();
    }

    @Test
    void shouldKeepSessionAndEphemeralThroughApplicationPauseOfFiveSessionTimeouts() throws Exception
    {
        final AerieClient.Context clientCtx6 = TestClusters.clientContext(cluster);
        clientCtx6.agents().useConductorInvoker(false);
        // 2 s, keepalives every 667 ms: a 1 s timeout expired the session once at load 55, the client's thread not
        // scheduled for a whole timeout while the node's were.
        clientCtx6.session().sessionTimeoutMs(2_000);
        final AerieClient client = connect(clientCtx6);
        final long sessionId = client.sessionId();
        client.create("/alive", new byte[0], AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1);

        // The behaviour under test: the application makes no call at all for five session timeouts.
        TimeUnit.MILLISECONDS.sleep(5L * client.sessionTimeoutMs());

        assertEquals(SessionState.CONNECTED, client.state());
        assertEquals(sessionId, client.sessionId());
        final AerieClient.Context clientCtx5 = TestClusters.clientContext(cluster);
        clientCtx5.agents().useConductorInvoker(false);
        final AerieClient observer = connect(clientCtx5);
        final Stat stat = observer.exists("/alive");
        assertNotNull(stat);
        assertEquals(sessionId, stat.ephemeralOwner());
    }

    @ParameterizedTest
    @ValueSource(ints = { 2, 8 })
    void shouldGiveEveryThreadLinearizableResultsPerKey(final int threads) throws Exception
    {
        final AerieClient.Context clientCtx4 = TestClusters.clientContext(cluster);
        clientCtx4.agents().useConductorInvoker(false);
        final AerieClient client = connect(clientCtx4);
        final int increments = 25;
        client.create("/shared", bytes(0));
        for (int t = 0; t < threads; t++)
        {
            client.create("/own" + t, bytes(0));
        }

        final ExecutorService executor = Executors.newFixedThreadPool(threads);
        try
        {
            final List<Future<Integer>> sharedAcks = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                final String own = "/own" + t;
                sharedAcks.add(executor.submit(() ->
                {
                    int shared = 0;
                    for (int i = 0; i < increments; i++)
                    {
                        assertEquals(i, casIncrement(client, own), "own key seen by its only writer");
                        casIncrement(client, "/shared");
                        shared++;
                    }
                    return shared;
                }));
            }
            int acknowledged = 0;
            for (final Future<Integer> acks : sharedAcks)
            {
                acknowledged += acks.get(120, TimeUnit.SECONDS);
            }

            assertEquals(acknowledged, value(client, "/shared"));
            for (int t = 0; t < threads; t++)
            {
                assertEquals(increments, value(client, "/own" + t));
            }
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    @Test
    void shouldRunHandlersWatchersAndSessionListenersOnTheConductorThread() throws Exception
    {
        final Queue<String> threadNames = new ConcurrentLinkedQueue<>();
        final CountDownLatch watched = new CountDownLatch(1);
        final CountDownLatch answered = new CountDownLatch(1);
        final AerieClient.Context clientCtx3 = TestClusters.clientContext(cluster);
        clientCtx3.agents().useConductorInvoker(false);
        final AerieClient client = connect(clientCtx3);
        client.addSessionListener((state, id) -> threadNames.add("listener:" + Thread.currentThread().getName()));

        client.existsAsync("/watched", event ->
        {
            threadNames.add("watcher:" + Thread.currentThread().getName());
            watched.countDown();
        }, response ->
        {
            threadNames.add("handler:" + Thread.currentThread().getName());
            answered.countDown();
        });
        assertTrue(answered.await(30, TimeUnit.SECONDS));
        client.create("/watched", bytes(1));
        assertTrue(watched.await(30, TimeUnit.SECONDS));

        assertEquals(List.of("handler:" + CONDUCTOR, "watcher:" + CONDUCTOR), List.copyOf(threadNames));
    }

    @Test
    void shouldTellOnlyTheSessionListenersStillAddedWhenTheStateChanges() throws Exception
    {
        final Queue<String> told = new ConcurrentLinkedQueue<>();
        final AerieClient.Context clientCtx2 = TestClusters.clientContext(cluster);
        clientCtx2.agents().useConductorInvoker(false);
        final AerieClient client = connect(clientCtx2);
        final SessionListener kept = (state, id) -> told.add("kept " + state);
        final SessionListener removed = (state, id) -> told.add("removed " + state);
        client.addSessionListener(kept);
        client.addSessionListener(removed);

        assertTrue(client.removeSessionListener(removed));
        client.close();

        assertFalse(client.removeSessionListener(removed));
        assertEquals(List.of("kept CLOSED"), List.copyOf(told));
    }

    @Test
    void shouldAnswerAsyncCallsFromAnyThreadWithoutRunningCallbacksInTheCaller() throws Exception
    {
        final AerieClient.Context clientCtx = TestClusters.clientContext(cluster);
        clientCtx.agents().useConductorInvoker(false);
        final AerieClient client = connect(clientCtx);
        final Queue<String> handlerThreads = new ConcurrentLinkedQueue<>();
        final CountDownLatch answered = new CountDownLatch(100);
        for (int i = 0; i < 100; i++)
        {
            client.existsAsync("/nothing", response ->
            {
                if (ResultCode.NO_NODE == response.code())
                {
                    handlerThreads.add(Thread.currentThread().getName());
                }
                answered.countDown();
            });
        }

        assertTrue(answered.await(60, TimeUnit.SECONDS));
        assertEquals(100, handlerThreads.size());
        assertTrue(handlerThreads.stream().allMatch(CONDUCTOR::equals), handlerThreads::toString);
    }

    private AerieClient connect(final AerieClient.Context ctx) throws AerieException
    {
        final AerieClient client = AerieClient.connect(ctx);
        clients.add(client);
        return client;
    }

    /**
     * Read, then write the value plus one at the version read; again on BAD_VERSION.
     *
     * @return the value this increment replaced.
     */
    private static int casIncrement(final AerieClient client, final String path) throws AerieException
    {
        while (true)
        {
            final Stat stat = new Stat();
            final int value = Integer.parseInt(new String(client.getData(path, stat), StandardCharsets.US_ASCII));
            try
            {
                client.setData(path, bytes(value + 1), stat.version());
                return value;
            }
            catch (final AerieException ex)
            {
                if (ResultCode.BAD_VERSION != ex.code())
                {
                    throw ex;
                }
            }
        }
    }

    private static int value(final AerieClient client, final String path) throws AerieException
    {
        return Integer.parseInt(new String(client.getData(path), StandardCharsets.US_ASCII));
    }

    private static byte[] bytes(final int value)
    {
        return Integer.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
