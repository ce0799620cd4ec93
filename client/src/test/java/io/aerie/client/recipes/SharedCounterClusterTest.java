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
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared counter and atomic value against a real 3-node cluster: four clients on their own threads incrementing
 * one counter, every increment counted once and each result distinct; compare-and-set on counts and on bytes,
 * version-conditioned writes, creation by the first write; and a count that outlives an expired session whose client
 * can no longer use it.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedCounterClusterTest
{
    private static final int PORT_BASE = 9500;
    private static final int WORKERS = 4;
    private static final int INCREMENTS = 25;

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
    void shouldCountEveryIncrementOfConcurrentClientsOnce() throws Exception
    {
        final List<Worker<List<Long>>> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++)
        {
            final SharedCounter counter = new SharedCounter(cluster.connect(RecipeCluster.LONG_SESSION_MS), "/counters/hits");
            workers.add(Worker.start("incrementer-" + i, () ->
            {
                final List<Long> results = new ArrayList<>();
                for (int j = 0; j < INCREMENTS; j++)
                {
                    results.add(counter.increment());
                }
                return results;
            }));
        }
        final TreeSet<Long> results = new TreeSet<>();
        for (final Worker<List<Long>> worker : workers)
        {
            results.addAll(worker.join());
        }

        final SharedCounter reader = new SharedCounter(cluster.connect(RecipeCluster.LONG_SESSION_MS), "/counters/hits");
        assertEquals(WORKERS * INCREMENTS, reader.get());
        assertEquals(WORKERS * INCREMENTS, results.size(), "each increment saw its own count");
        assertEquals(1L, results.first());
        assertEquals(WORKERS * INCREMENTS, results.last());
    }

    @Test
    void shouldCompareAndSetCounts() throws AerieException
    {
        final SharedCounter counter = new SharedCounter(cluster.connect(RecipeCluster.LONG_SESSION_MS), "/counters/cas");

        assertEquals(0, counter.get(), "absent counts as 0");
        assertTrue(counter.compareAndSet(0, 5), "created by the first write");
        assertFalse(counter.compareAndSet(0, 7));
        assertEquals(5, counter.get());
        counter.set(-3);
        assertEquals(-3, counter.get());
        assertEquals(Long.MAX_VALUE - 3, counter.add(Long.MAX_VALUE));
    }

    @Test
    void shouldWriteAnAtomicValueOnlyAtTheVersionRead() throws AerieException
    {
        final AerieClient first = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient second = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final DistributedAtomicValue mine = new DistributedAtomicValue(first, "/values/deep/v");
        final DistributedAtomicValue theirs = new DistributedAtomicValue(second, "/values/deep/v");

        final VersionedValue absent = mine.get();
        assertFalse(absent.exists());
        assertTrue(mine.trySet(absent, bytes("a")), "creates the node and its ancestors");
        assertFalse(theirs.trySet(absent, bytes("b")), "exists now");
        final VersionedValue read = theirs.get();
        assertEquals(0, read.version());
        assertTrue(mine.trySet(read, bytes("c")));
        assertFalse(theirs.trySet(read, bytes("d")), "written since the read");
        assertTrue(theirs.compareAndSet(bytes("c"), bytes("e")));
        assertFalse(mine.compareAndSet(bytes("c"), bytes("f")));
        assertArrayEquals(bytes("e!"), mine.update(value -> (new String(value, StandardCharsets.UTF_8) + "!").getBytes(
            StandardCharsets.UTF_8)));
        theirs.set(bytes("g"));
        assertArrayEquals(bytes("g"), mine.get().value());
        assertEquals(4, mine.get().version());
    }

    @Test
    void shouldKeepTheCountWhenASessionExpiresAndRefuseThatClient() throws AerieException
    {
        // The long session first: a short one is not polled while another client connects.
        final AerieClient observer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient expiring = cluster.connect(RecipeCluster.SHORT_SESSION_MS);
        final SharedCounter counter = new SharedCounter(expiring, "/counters/expiry");
        counter.add(3);
        final String marker = ClientPause.mark(expiring, "counter");

        ClientPause.awaitExpired(observer, marker);
        RecipeCluster.await("the client told", () -> !RecipeSupport.isSessionAlive(expiring), expiring);

        final AerieException ex = assertThrows(AerieException.class, counter::increment);
        assertEquals(ResultCode.SESSION_EXPIRED, ex.code());
        assertEquals(3, new SharedCounter(observer, "/counters/expiry").get(), "persistent: the count is kept");
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
