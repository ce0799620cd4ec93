package io.aerie.testkit.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.recipes.InterProcessMutex;
import io.aerie.codecs.ResultCode;
import io.aerie.testkit.InMemoryAerie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.aerie.testkit.recipes.Steps.drain;
import static io.aerie.testkit.recipes.Steps.invoker;
import static io.aerie.testkit.recipes.Steps.pollUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link InterProcessMutex} contention between two sessions on the in-memory cluster: one holder at a time, the
 * waiter served when the holder releases or its session expires, with a larger fencing token. The waiter's acquire
 * blocks, polling its own client, so it runs on a worker thread that owns that client.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InterProcessMutexInMemoryTest
{
    private final InMemoryAerie aerie = InMemoryAerie.launch();
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() throws InterruptedException
    {
        worker.shutdownNow();
        assertTrue(worker.awaitTermination(10, TimeUnit.SECONDS));
        aerie.close();
    }

    @Test
    void shouldRefuseTheLockToASecondSessionWhileTheFirstHoldsIt() throws AerieException
    {
        final InterProcessMutex first = new InterProcessMutex(aerie.newClient(invoker()), "/lock");
        final AerieClient other = aerie.newClient(invoker());
        final InterProcessMutex second = new InterProcessMutex(other, "/lock");

        assertTrue(first.acquire(10, TimeUnit.SECONDS));
        assertFalse(second.acquire(0, TimeUnit.MILLISECONDS));
        drain(other);

        assertTrue(first.isHeld());
        assertFalse(second.isHeld());
        assertEquals(1, other.getChildren("/lock").size(), "the refused waiter left the queue");
    }

    @Test
    void shouldServeTheWaiterWithALargerTokenWhenTheHolderReleases() throws Exception
    {
        final AerieClient holderClient = aerie.newClient(invoker());
        final InterProcessMutex holder = new InterProcessMutex(holderClient, "/lock");
        final InterProcessMutex waiter = new InterProcessMutex(aerie.newClient(invoker()), "/lock");
        assertTrue(holder.acquire(10, TimeUnit.SECONDS));
        final long holderToken = holder.fencingToken();

        final Future<Long> waited = worker.submit(() -> waiter.acquire(30, TimeUnit.SECONDS) ? waiter.fencingToken() : -1L);
        pollUntil("the waiter queued", () -> childCount(holderClient, "/lock") == 2, holderClient);
        final boolean servedWhileHeld = waited.isDone();
        holder.release();

        assertFalse(servedWhileHeld);
        assertTrue(waited.get(30, TimeUnit.SECONDS) > holderToken);
        assertFalse(holder.isHeld());
    }

    @Test
    void shouldServeTheWaiterWhenTheHoldersSessionExpires() throws Exception
    {
        final AerieClient holderClient = aerie.newClient(invoker());
        final InterProcessMutex holder = new InterProcessMutex(holderClient, "/lock");
        final AerieClient observer = aerie.newClient(invoker());
        final InterProcessMutex waiter = new InterProcessMutex(aerie.newClient(invoker()), "/lock");
        assertTrue(holder.acquire(10, TimeUnit.SECONDS));
        final long holderToken = holder.fencingToken();
        final Future<Long> waited = worker.submit(() -> waiter.acquire(30, TimeUnit.SECONDS) ? waiter.fencingToken() : -1L);
        pollUntil("the waiter queued", () -> childCount(observer, "/lock") == 2, observer);

        aerie.expireSession(holderClient);
        drain(holderClient);

        assertTrue(waited.get(30, TimeUnit.SECONDS) > holderToken);
        assertFalse(holder.isHeld());
        assertEquals(ResultCode.SESSION_EXPIRED,
            assertThrows(AerieException.class, () -> holder.acquire(0, TimeUnit.MILLISECONDS)).code());
    }

    private static int childCount(final AerieClient client, final String path)
    {
        try
        {
            return client.getChildren(path).size();
        }
        catch (final AerieException ex)
        {
            return -1;
        }
    }
}
