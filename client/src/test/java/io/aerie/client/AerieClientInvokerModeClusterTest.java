package io.aerie.client;

import io.aerie.engine.node.LocalCluster;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import java.io.File;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invoker mode against a real one-node cluster: a call from another thread while one is inside a call is refused
 * before it changes anything, the client may pass between threads between calls, and a send never runs a callback.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AerieClientInvokerModeClusterTest
{
    private static final int PORT_BASE = 18100;

    @TempDir
    File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private LocalCluster cluster;
    private AerieClient client;

    @BeforeEach
    void launch() throws AerieException
    {
        cluster = TestClusters.launch(1, PORT_BASE, new File(tempDir, "cluster"), errors);
        final AerieClient.Context clientCtx = TestClusters.clientContext(cluster);
        clientCtx.agents().useConductorInvoker(true);
        client = AerieClient.connect(clientCtx);
    }

    @AfterEach
    void close()
    {
        CloseHelper.closeAll(client, cluster);
        errors.assertNone();
    }

    @Test
    void shouldRefuseBlockingCallFromAnotherThreadAndChangeNothing() throws Exception
    {
        client.create("/node", new byte[]{ 1 });

        assertRefusedOnAnotherThread(() -> client.setData("/node", new byte[]{ 2 }, -1));

        assertEquals(0, client.pendingRequests());
        assertArrayEquals(new byte[]{ 1 }, client.getData("/node"));
    }

    @Test
    void shouldRefuseAsyncCallFromAnotherThreadAndChangeNothing() throws Exception
    {
        assertRefusedOnAnotherThread(() -> client.getDataAsync("/", response -> {}));

        assertEquals(0, client.pendingRequests());
        assertTrue(client.isInvokerMode());
    }

    @Test
    void shouldRefusePollFromAnotherThread() throws Exception
    {
        assertRefusedOnAnotherThread(client::poll);

        assertEquals(0, client.pendingRequests());
    }

    @Test
    void shouldNeverRunCallbackInsideSend() throws Exception
    {
        final boolean[] insideSend = new boolean[1];
        final boolean[] calledInsideSend = new boolean[1];
        final int[] answered = new int[1];
        final ResponseHandler handler = response ->
        {
            calledInsideSend[0] |= insideSend[0];
            answered[0]++;
        };
        final int requests = 2_000;
        for (int i = 0; i < requests; i++)
        {
            insideSend[0] = true;
            client.existsAsync("/", handler);
            insideSend[0] = false;
            if (0 == i % 100)
            {
                client.poll();
            }
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (answered[0] < requests && System.nanoTime() < deadlineNs)
        {
            client.poll();
        }

        assertEquals(requests, answered[0]);
        assertFalse(calledInsideSend[0]);
    }

    @Test
    void shouldLetAnotherThreadUseTheClientBetweenCalls() throws Exception
    {
        client.create("/handed", new byte[]{ 1 });
        final CompletableFuture<byte[]> read = new CompletableFuture<>();
        final Thread worker = new Thread(() ->
        {
            try
            {
                read.complete(client.getData("/handed"));
            }
            catch (final Throwable ex)
            {
                read.completeExceptionally(ex);
            }
        }, "worker");
        worker.start();
        worker.join(TimeUnit.SECONDS.toMillis(60));

        assertArrayEquals(new byte[]{ 1 }, read.get(30, TimeUnit.SECONDS));
    }

    /**
     * The other thread calls while this one is inside a call: from a handler, run inside this thread's poll.
     */
    private void assertRefusedOnAnotherThread(final Executable call)
    {
        final CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        client.existsAsync("/", response -> thrown.complete(onAnotherThread(call)));
        TestClusters.awaitCondition("the handler", thrown::isDone, client);
        assertInstanceOf(IllegalStateException.class, thrown.join());
    }

    private static Throwable onAnotherThread(final Executable call)
    {
        final CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        final Thread other = new Thread(() ->
        {
            try
            {
                call.execute();
                thrown.complete(null);
            }
            catch (final Throwable ex)
            {
                thrown.complete(ex);
            }
        }, "not-the-owner");
        other.start();
        return thrown.join();
    }
}
