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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue against a real 3-node cluster: items taken in the order they were put; two producers and three consumers
 * on their own clients and threads, every item taken exactly once and each consumer seeing each producer's items in
 * order; a take that waits for a put; and a consumer whose session expires while it waits, the items left for others.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributedQueueClusterTest
{
    private static final int PORT_BASE = 2400;
    private static final int PRODUCERS = 2;
    private static final int CONSUMERS = 3;
    private static final int ITEMS_PER_PRODUCER = 30;

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
    void shouldTakeItemsInTheOrderTheyWerePut() throws AerieException
    {
        final DistributedQueue producer = new DistributedQueue(cluster.connect(RecipeCluster.LONG_SESSION_MS), "/q/fifo");
        final DistributedQueue consumer = new DistributedQueue(cluster.connect(RecipeCluster.LONG_SESSION_MS), "/q/fifo");
        for (int i = 0; i < 10; i++)
        {
            producer.put(bytes("item " + i));
        }
        assertEquals(10, consumer.size());

        for (int i = 0; i < 10; i++)
        {
            assertEquals("item " + i, text(i % 2 == 0 ? consumer.poll() : consumer.take(30, TimeUnit.SECONDS)));
        }
        assertNull(consumer.poll());
        assertEquals(0, producer.size());
    }

    @Test
    void shouldHandEachItemToExactlyOneOfSeveralConsumers() throws Exception
    {
        final List<Worker<Void>> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++)
        {
            final DistributedQueue queue = new DistributedQueue(cluster.connect(RecipeCluster.LONG_SESSION_MS), "/q/shared");
            final int producer = p;
            producers.add(Worker.start("producer-" + p, () ->
            {
                for (int i = 0; i < ITEMS_PER_PRODUCER; i++)
                {
                    queue.put(bytes(producer + ":" + i));
                }
                return null;
            }));
        }
        final AtomicInteger taken = new AtomicInteger();
        final List<Worker<List<String>>> consumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++)
        {
            final DistributedQueue queue = new DistributedQueue(cluster.connect(RecipeCluster.LONG_SESSION_MS), "/q/shared");
            consumers.add(Worker.start("consumer-" + c, () -> consume(queue, taken)));
        }
        for (final Worker<Void> producer : producers)
        {
            producer.join();
        }

        final Set<String> all = new HashSet<>();
        for (final Worker<List<String>> consumer : consumers)
        {
            final List<String> items = consumer.join();
            final int[] lastSeen = { -1, -1 };
            for (final String item : items)
            {
                assertTrue(all.add(item), "taken twice: " + item);
                final int producer = item.charAt(0) - '0';
                final int index = Integer.parseInt(item.substring(2));
                assertTrue(index > lastSeen[producer], "in order per producer: " + items);
                lastSeen[producer] = index;
            }
        }
        assertEquals(PRODUCERS * ITEMS_PER_PRODUCER, all.size());
    }

    @Test
    void shouldWaitInTakeUntilAnItemIsPut() throws Exception
    {
        final DistributedQueue producer = new DistributedQueue(cluster.connect(RecipeCluster.LONG_SESSION_MS), "/q/wait");
        final DistributedQueue consumer = new DistributedQueue(cluster.connect(RecipeCluster.LONG_SESSION_MS), "/q/wait");
        assertNull(consumer.take(100, TimeUnit.MILLISECONDS), "empty: waits, then gives up");

        final Worker<byte[]> taking = Worker.start("consumer", () -> consumer.take(30, TimeUnit.SECONDS));
        producer.put(bytes("late"));

        assertEquals("late", text(taking.join()));
    }

    @Test
    void shouldThrowSessionExpiredToAConsumerWhoseSessionExpiresAndKeepTheItems() throws Exception
    {
        final AerieClient observer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient expiring = cluster.connect(RecipeCluster.SHORT_SESSION_MS);
        final DistributedQueue waiting = new DistributedQueue(expiring, "/q/expiry");
        final DistributedQueue other = new DistributedQueue(observer, "/q/expiry");
        final ClientPause pause = new ClientPause(expiring, observer, "queue");
        final Worker<byte[]> taking = Worker.start("consumer", () -> waiting.take(60, TimeUnit.SECONDS));

        pause.pauseUntilExpired();
        other.put(bytes("kept"));
        pause.release();

        final AerieException ex = assertThrows(AerieException.class, taking::join);
        assertEquals(ResultCode.SESSION_EXPIRED, ex.code());
        assertEquals("kept", text(other.poll()), "the item is there for another consumer");
    }

    /**
     * Take until every item put has been taken by one consumer or another.
     */
    private static List<String> consume(final DistributedQueue queue, final AtomicInteger taken) throws AerieException
    {
        final List<String> items = new ArrayList<>();
        while (taken.get() < PRODUCERS * ITEMS_PER_PRODUCER)
        {
            final byte[] item = queue.take(100, TimeUnit.MILLISECONDS);
            if (null != item)
            {
                items.add(text(item));
                taken.incrementAndGet();
            }
        }
        return items;
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(final byte[] bytes)
    {
        return null == bytes ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
