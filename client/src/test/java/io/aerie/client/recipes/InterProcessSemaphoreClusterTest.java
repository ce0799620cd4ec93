package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The semaphore against a real 3-node cluster: permits up to the limit then a wait, four clients on their own
 * threads never holding more than the limit, and a lease freed by its holder's expired session.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterProcessSemaphoreClusterTest
{
    private static final int PORT_BASE = 30200;
    private static final int MAX_LEASES = 2;

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
    void shouldGrantUpToTheLimitThenWaitForALeaseToClose() throws AerieException
    {
        final InterProcessSemaphore first = semaphore("/limit", MAX_LEASES);
        final InterProcessSemaphore second = semaphore("/limit", MAX_LEASES);
        final InterProcessSemaphore third = semaphore("/limit", MAX_LEASES);

        final Lease lease1 = first.acquire(30, TimeUnit.SECONDS);
        final Lease lease2 = second.acquire(30, TimeUnit.SECONDS);
        assertNotNull(lease1);
        assertNotNull(lease2);
        assertTrue(lease1.isValid() && lease2.isValid());
        assertNull(third.acquire(200, TimeUnit.MILLISECONDS), "no third lease");

        lease1.close();
        lease1.close(); // closed already: nothing happens
        assertFalse(lease1.isValid());
        final Lease lease3 = third.acquire(30, TimeUnit.SECONDS);
        assertNotNull(lease3);
        assertTrue(lease3.fencingToken() > lease2.fencingToken());
        lease2.close();
        lease3.close();
    }

    @Test
    void shouldNeverHoldMoreThanTheLimitWithFourClients() throws Exception
    {
        final AtomicInteger held = new AtomicInteger();
        final AtomicInteger mostHeld = new AtomicInteger();
        final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        final Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++)
        {
            final AerieClient client = cluster.connect(RecipeCluster.LONG_SESSION_MS);
            final InterProcessSemaphore semaphore = new InterProcessSemaphore(client, "/bounded", MAX_LEASES);
            threads[t] = new Thread(() ->
            {
                try
                {
                    for (int i = 0; i < 10; i++)
                    {
                        try (Lease lease = semaphore.acquire(30, TimeUnit.SECONDS))
                        {
                            assertNotNull(lease);
                            mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
                            for (int work = 0; work < 10; work++)
                            {
                                client.exists("/bounded"); // the work under the lease: round trips
                            }
                            assertTrue(held.get() <= MAX_LEASES, "at most " + MAX_LEASES + " leases");
                            assertTrue(lease.isValid());
                            held.decrementAndGet();
                        }
                    }
                }
                catch (final Throwable ex)
                {
                    failures.add(ex);
                }
            }, "leaser-" + t);
        }
        for (final Thread thread : threads)
        {
            thread.start();
        }
        for (final Thread thread : threads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(thread.isAlive(), thread.getName() + " finished");
        }
        System.out.printf("InterProcessSemaphoreClusterTest: most leases at once %d of %d%n", mostHeld.get(), MAX_LEASES);
        assertEquals(List.of(), failures);
        assertTrue(mostHeld.get() <= MAX_LEASES);
    }

    @Test
    void shouldFreeTheLeaseOfAnExpiredSession() throws AerieException
    {
        final AerieClient expiring = cluster.connect(RecipeCluster.SHORT_SESSION_MS);
        final InterProcessSemaphore lost = new InterProcessSemaphore(expiring, "/expiry", 1);
        final InterProcessSemaphore next = semaphore("/expiry", 1);
        final Lease lostLease = lost.acquire(30, TimeUnit.SECONDS);
        assertNotNull(lostLease);

        final Lease nextLease = next.acquire(30, TimeUnit.SECONDS);
        assertNotNull(nextLease, "the lease went with the expired session");
        RecipeCluster.await("the old holder told", () -> SessionState.EXPIRED == expiring.state(), expiring);
        assertFalse(lostLease.isValid());
        lostLease.close(); // gone already: nothing happens
        assertEquals(ResultCode.SESSION_EXPIRED,
            assertThrows(AerieException.class, () -> lost.acquire(1, TimeUnit.SECONDS)).code());
        assertTrue(nextLease.isValid());
        nextLease.close();
    }

    private InterProcessSemaphore semaphore(final String path, final int maxLeases) throws AerieException
    {
        return new InterProcessSemaphore(cluster.connect(RecipeCluster.LONG_SESSION_MS), path, maxLeases);
    }
}
