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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read-write lock against a real 3-node cluster: readers together, a writer alone, a reader queued behind a
 * waiting writer, downgrade allowed and upgrade refused, four clients on their own threads mixing reads and writes,
 * and a writer's expired session letting the readers in.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterProcessReadWriteLockClusterTest
{
    private static final int PORT_BASE = 30000;
    private static final long SHORT_WAIT_MS = 200;

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
    void shouldShareAmongReadersAndExcludeTheWriter() throws AerieException
    {
        final InterProcessLock reader1 = lock("/shared").readLock();
        final InterProcessLock reader2 = lock("/shared").readLock();
        final InterProcessLock writer = lock("/shared").writeLock();

        assertTrue(reader1.acquire(30, TimeUnit.SECONDS));
        assertTrue(reader2.acquire(30, TimeUnit.SECONDS));
        assertTrue(reader1.isHeld() && reader2.isHeld(), "two readers at once");
        assertFalse(writer.acquire(SHORT_WAIT_MS, TimeUnit.MILLISECONDS), "no writer with readers");

        reader1.release();
        reader2.release();
        assertTrue(writer.acquire(30, TimeUnit.SECONDS));
        assertFalse(reader1.acquire(SHORT_WAIT_MS, TimeUnit.MILLISECONDS), "no reader with a writer");
        writer.release();
        assertTrue(reader1.acquire(30, TimeUnit.SECONDS));
        reader1.release();
    }

    @Test
    void shouldQueueAReaderBehindAWaitingWriter() throws Exception
    {
        final AerieClient observer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final InterProcessLock first = lock("/fair").readLock();
        final InterProcessLock writer = lock("/fair").writeLock();
        final InterProcessLock late = lock("/fair").readLock();
        assertTrue(first.acquire(30, TimeUnit.SECONDS));

        final AtomicBoolean written = new AtomicBoolean();
        final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        final Thread writerThread = new Thread(() ->
        {
            try
            {
                assertTrue(writer.acquire(30, TimeUnit.SECONDS));
                written.set(true);
                writer.release();
            }
            catch (final Throwable t)
            {
                failures.add(t);
            }
        }, "writer");
        writerThread.start();
        RecipeCluster.await("the writer queued",
            () -> children(observer, "/fair").stream().anyMatch(name -> name.startsWith("write-")), observer);

        assertFalse(late.acquire(SHORT_WAIT_MS, TimeUnit.MILLISECONDS), "a later reader waits for the queued writer");
        assertFalse(written.get());
        first.release();
        writerThread.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(List.of(), failures);
        assertTrue(written.get(), "the writer went first");
        assertTrue(late.acquire(30, TimeUnit.SECONDS));
        late.release();
    }

    @Test
    void shouldDowngradeFromWriteToReadButRefuseAnUpgrade() throws AerieException
    {
        final InterProcessReadWriteLock lock = lock("/downgrade");
        final InterProcessLock otherWriter = lock("/downgrade").writeLock();

        assertTrue(lock.writeLock().acquire(30, TimeUnit.SECONDS));
        assertTrue(lock.readLock().acquire(30, TimeUnit.SECONDS), "its own write does not block its read");
        lock.writeLock().release();
        assertTrue(lock.readLock().isHeld());
        assertFalse(otherWriter.acquire(SHORT_WAIT_MS, TimeUnit.MILLISECONDS), "still read-locked");
        assertThrows(IllegalStateException.class, () -> lock.writeLock().acquire(1, TimeUnit.SECONDS));

        lock.readLock().release();
        assertTrue(otherWriter.acquire(30, TimeUnit.SECONDS));
        otherWriter.release();
    }

    @Test
    void shouldKeepWritersAloneWhenFourClientsMixReadsAndWrites() throws Exception
    {
        final AtomicInteger readers = new AtomicInteger();
        final AtomicInteger writers = new AtomicInteger();
        final AtomicInteger mostReaders = new AtomicInteger();
        final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        final Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++)
        {
            final AerieClient client = cluster.connect(RecipeCluster.LONG_SESSION_MS);
            final InterProcessReadWriteLock lock = new InterProcessReadWriteLock(client, "/mixed");
            final int offset = t;
            threads[t] = new Thread(() ->
            {
                try
                {
                    for (int i = 0; i < 12; i++)
                    {
                        final boolean write = 0 == (i + offset) % 3;
                        final InterProcessLock half = write ? lock.writeLock() : lock.readLock();
                        assertTrue(half.acquire(30, TimeUnit.SECONDS));
                        try
                        {
                            hold(client, write, readers, writers, mostReaders, half);
                        }
                        finally
                        {
                            half.release();
                        }
                    }
                }
                catch (final Throwable ex)
                {
                    failures.add(ex);
                }
            }, "mixer-" + t);
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
        System.out.printf("InterProcessReadWriteLockClusterTest: most readers at once %d%n", mostReaders.get());
        assertEquals(List.of(), failures);
    }

    @Test
    void shouldLetReadersInWhenTheWritersSessionExpires() throws AerieException
    {
        final AerieClient expiring = cluster.connect(RecipeCluster.SHORT_SESSION_MS);
        final InterProcessLock writer = new InterProcessReadWriteLock(expiring, "/expiry").writeLock();
        final InterProcessLock reader = lock("/expiry").readLock();
        assertTrue(writer.acquire(30, TimeUnit.SECONDS));

        assertTrue(reader.acquire(30, TimeUnit.SECONDS), "the writer's node went with its session");
        RecipeCluster.await("the writer told", () -> 0 == writer.holdCount(), expiring);
        assertFalse(writer.isHeld());
        writer.release();
        assertEquals(ResultCode.SESSION_EXPIRED,
            assertThrows(AerieException.class, () -> writer.acquire(1, TimeUnit.SECONDS)).code());
        reader.release();
    }

    /**
     * Count this holder in, take a round trip to the cluster as the work under the lock, and check nobody is in
     * who should not be.
     */
    private static void hold(
        final AerieClient client,
        final boolean write,
        final AtomicInteger readers,
        final AtomicInteger writers,
        final AtomicInteger mostReaders,
        final InterProcessLock half) throws AerieException
    {
        final AtomicInteger mine = write ? writers : readers;
        final int count = mine.incrementAndGet();
        mostReaders.accumulateAndGet(write ? 0 : count, Math::max);
        client.exists("/mixed");
        assertEquals(0, writers.get() - (write ? 1 : 0), "no other writer");
        if (write)
        {
            assertEquals(0, readers.get(), "no reader with a writer");
        }
        assertTrue(half.isHeld());
        mine.decrementAndGet();
    }

    private InterProcessReadWriteLock lock(final String path) throws AerieException
    {
        return new InterProcessReadWriteLock(cluster.connect(RecipeCluster.LONG_SESSION_MS), path);
    }

    private static List<String> children(final AerieClient client, final String path)
    {
        try
        {
            return client.getChildren(path);
        }
        catch (final AerieException ex)
        {
            return List.of();
        }
    }
}
