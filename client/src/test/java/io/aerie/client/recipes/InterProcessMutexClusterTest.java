package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mutex against a real 3-node cluster: four clients, each on its own thread, increment a counter znode with a
 * plain read then write under the lock and end with the exact count; reentrancy per instance, timeouts that leave
 * the queue, idempotent release, and the lock lost with an expired session.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterProcessMutexClusterTest
{
    private static final int PORT_BASE = 29800;
    private static final int WORKERS = 4;
    private static final int INCREMENTS = 50;

    @TempDir
    static File tempDir;

    private RecipeCluster cluster;

    @BeforeAll
    void launch()
    {
        cluster = new RecipeCluster(PORT_BASE, tempDir);
    }

    @AfterEach
    void closeClients()
    {
        cluster.closeClients();
    }

    @AfterAll
    void close()
    {
        cluster.close();
    }

    @Test
    void shouldCountExactlyWhenClientsIncrementANonAtomicCounterUnderTheLock() throws Exception
    {
        final AerieClient[] clients = new AerieClient[WORKERS];
        for (int i = 0; i < WORKERS; i++)
        {
            clients[i] = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        }
        clients[0].create("/counter", "0".getBytes(StandardCharsets.US_ASCII));
        final AtomicInteger holders = new AtomicInteger();
        final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        final Thread[] threads = new Thread[WORKERS];
        for (int i = 0; i < WORKERS; i++)
        {
            final AerieClient client = clients[i];
            threads[i] = new Thread(() -> increment(client, holders, failures), "incrementer-" + i);
        }
        final long startNs = System.nanoTime();
        for (final Thread thread : threads)
        {
            thread.start();
        }
        for (final Thread thread : threads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(thread.isAlive(), thread.getName() + " finished");
        }
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

        System.out.printf("InterProcessMutexClusterTest: %d increments under the lock by %d clients in %d ms%n",
            WORKERS * INCREMENTS, WORKERS, elapsedMs);
        assertEquals(List.of(), failures);
        assertEquals(Integer.toString(WORKERS * INCREMENTS),
            new String(clients[0].getData("/counter"), StandardCharsets.US_ASCII));
        assertEquals(List.of(), clients[0].getChildren("/counter-lock"), "every lock node deleted");
    }

    @Test
    void shouldReenterPerInstanceAndReleaseAtTheLastRelease() throws AerieException
    {
        final AerieClient client = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final InterProcessMutex mutex = new InterProcessMutex(client, "/reentrant");
        final InterProcessMutex sameClientOtherInstance = new InterProcessMutex(client, "/reentrant");

        assertTrue(mutex.acquire(30, TimeUnit.SECONDS));
        final String nodePath = mutex.nodePath();
        assertTrue(mutex.acquire(0, TimeUnit.SECONDS), "reentrant: at once");
        assertEquals(2, mutex.holdCount());
        assertEquals(nodePath, mutex.nodePath(), "one node for both holds");
        assertFalse(sameClientOtherInstance.acquire(100, TimeUnit.MILLISECONDS), "another instance is another holder");

        mutex.release();
        assertTrue(mutex.isHeld());
        assertFalse(sameClientOtherInstance.acquire(100, TimeUnit.MILLISECONDS));
        mutex.release();
        assertFalse(mutex.isHeld());
        assertEquals(InterProcessLock.NO_TOKEN, mutex.fencingToken());
        assertTrue(sameClientOtherInstance.acquire(30, TimeUnit.SECONDS));
        assertNull(client.exists(nodePath));
        sameClientOtherInstance.release();
    }

    @Test
    void shouldLeaveTheQueueOnTimeoutAndIgnoreReleasesOfNothing() throws AerieException
    {
        final AerieClient holderClient = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient waiterClient = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final InterProcessMutex holder = new InterProcessMutex(holderClient, "/timeout");
        final InterProcessMutex waiter = new InterProcessMutex(waiterClient, "/timeout");
        waiter.release(); // nothing held: nothing happens

        assertTrue(holder.acquire(30, TimeUnit.SECONDS));
        assertFalse(waiter.acquire(200, TimeUnit.MILLISECONDS));
        assertEquals(0, waiter.holdCount());
        assertNull(waiter.nodePath());
        RecipeCluster.await("the waiter's node deleted", () -> childCount(holderClient, "/timeout") == 1,
            holderClient, waiterClient);

        holder.release();
        holder.release(); // released already: nothing happens
        assertTrue(waiter.acquire(30, TimeUnit.SECONDS));
        assertEquals(1, waiter.holdCount());
        waiter.release();
    }

    @Test
    void shouldLoseTheLockWhenTheHoldersSessionExpires() throws AerieException
    {
        // The long session first: a short one is not polled while another client connects.
        final AerieClient survivor = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient expiring = cluster.connect(RecipeCluster.SHORT_SESSION_MS);
        final InterProcessMutex lost = new InterProcessMutex(expiring, "/expiry");
        final InterProcessMutex next = new InterProcessMutex(survivor, "/expiry");
        assertTrue(lost.acquire(30, TimeUnit.SECONDS));
        final long lostToken = lost.fencingToken();

        // The holder's client is not polled: its session expires and its node goes with it.
        assertTrue(next.acquire(30, TimeUnit.SECONDS));
        assertTrue(next.fencingToken() > lostToken, "the next holder's token is larger");

        RecipeCluster.await("the old holder told", () -> 0 == lost.holdCount(), expiring);
        assertFalse(lost.isHeld());
        assertEquals(InterProcessLock.NO_TOKEN, lost.fencingToken());
        lost.release(); // lost already: nothing happens
        final AerieException ex = assertThrows(AerieException.class, () -> lost.acquire(1, TimeUnit.SECONDS));
        assertEquals(ResultCode.SESSION_EXPIRED, ex.code());
        assertTrue(next.isHeld());
        next.release();
    }

    private static void increment(final AerieClient client, final AtomicInteger holders, final List<Throwable> failures)
    {
        final InterProcessMutex mutex = new InterProcessMutex(client, "/counter-lock");
        try
        {
            for (int i = 0; i < INCREMENTS; i++)
            {
                assertTrue(mutex.acquire(30, TimeUnit.SECONDS), "acquired");
                try
                {
                    assertEquals(1, holders.incrementAndGet(), "alone under the lock");
                    final long value = Long.parseLong(new String(client.getData("/counter"), StandardCharsets.US_ASCII));
                    client.setData("/counter", Long.toString(value + 1).getBytes(StandardCharsets.US_ASCII), -1);
                    holders.decrementAndGet();
                }
                finally
                {
                    mutex.release();
                }
            }
        }
        catch (final Throwable t)
        {
            failures.add(t);
        }
    }

    private static int childCount(final AerieClient client, final String path)
    {
        try
        {
            return client.getChildren(path).size();
        }
        catch (final AerieException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
