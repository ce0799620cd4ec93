package io.aerie.gateway;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.ExponentialBackoffRetry;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.aerie.gateway.GatewayCluster.STEP_TIMEOUT_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apache Curator 5.7 recipes, unchanged, through the gateway to a one-node Aerie cluster: LeaderLatch hands
 * leadership over when the leader leaves, InterProcessMutex under contention never has two holders, and CuratorCache
 * (persistent recursive watches) sees creations, changes and deletions.
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CuratorGatewayClusterTest
{
    private static final int PORT_BASE = 3600;

    @TempDir
    static File tempDir;

    private final List<CuratorFramework> clients = new ArrayList<>();
    private GatewayCluster cluster;
    private ZooKeeperGateway gateway;

    @BeforeAll
    void launch() throws Exception
    {
        cluster = new GatewayCluster(PORT_BASE, tempDir);
        gateway = cluster.launchGateway();
    }

    @AfterEach
    void closeClients()
    {
        for (int i = clients.size() - 1; i >= 0; i--)
        {
            clients.get(i).close();
        }
        clients.clear();
    }

    @AfterAll
    void close()
    {
        cluster.close();
    }

    @Test
    void shouldHandLeadershipOverWhenTheLeaderLeaves() throws Exception
    {
        final LeaderLatch first = new LeaderLatch(curator(), "/latch", "first");
        final LeaderLatch second = new LeaderLatch(curator(), "/latch", "second");
        first.start();
        assertTrue(first.await(STEP_TIMEOUT_S, TimeUnit.SECONDS), "the first to start leads");
        second.start();
        assertFalse(second.await(500, TimeUnit.MILLISECONDS), "one leader at a time");

        first.close();
        assertTrue(second.await(STEP_TIMEOUT_S, TimeUnit.SECONDS), "leadership handed over");
        assertEquals("second", second.getLeader().getId());
        second.close();
    }

    @Test
    void shouldNeverHaveTwoHoldersOfAContendedMutex() throws Exception
    {
        final int workers = 3;
        final int rounds = 10;
        final AtomicInteger holders = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicInteger acquired = new AtomicInteger();
        final ExecutorService executor = Executors.newFixedThreadPool(workers);
        try
        {
            final List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++)
            {
                final InterProcessMutex mutex = new InterProcessMutex(curator(), "/mutex");
                futures.add(executor.submit(() ->
                {
                    for (int r = 0; r < rounds; r++)
                    {
                        if (!mutex.acquire(STEP_TIMEOUT_S, TimeUnit.SECONDS))
                        {
                            throw new IllegalStateException("not acquired in time");
                        }
                        try
                        {
                            if (holders.incrementAndGet() > 1)
                            {
                                overlaps.incrementAndGet();
                            }
                            acquired.incrementAndGet();
                            holders.decrementAndGet();
                        }
                        finally
                        {
                            mutex.release();
                        }
                    }
                    return null;
                }));
            }
            for (final Future<?> future : futures)
            {
                future.get(STEP_TIMEOUT_S * 4, TimeUnit.SECONDS);
            }
        }
        finally
        {
            executor.shutdownNow();
        }
        assertEquals(0, overlaps.get(), "two holders at once");
        assertEquals(workers * rounds, acquired.get());
    }

    @Test
    void shouldSeeCreationsChangesAndDeletionsInACuratorCache() throws Exception
    {
        final CuratorFramework writer = curator();
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (CuratorCache cache = CuratorCache.build(curator(), "/cache"))
        {
            cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreates((node) -> events.add("created " + node.getPath()))
                .forChanges((before, after) -> events.add("changed " + after.getPath() + " " +
                    new String(after.getData(), StandardCharsets.UTF_8)))
                .forDeletes((node) -> events.add("deleted " + node.getPath()))
                .build());
            cache.start();
            writer.create().creatingParentsIfNeeded().forPath("/cache/a", "1".getBytes(StandardCharsets.UTF_8));
            assertEquals("created /cache", events.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals("created /cache/a", events.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS));
            writer.setData().forPath("/cache/a", "2".getBytes(StandardCharsets.UTF_8));
            assertEquals("changed /cache/a 2", events.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS));
            writer.delete().forPath("/cache/a");
            assertEquals("deleted /cache/a", events.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS));
        }
    }

    private CuratorFramework curator() throws InterruptedException
    {
        final CuratorFramework client = CuratorFrameworkFactory.newClient(GatewayCluster.connectString(gateway),
            GatewayCluster.SESSION_TIMEOUT_MS, (int)TimeUnit.SECONDS.toMillis(STEP_TIMEOUT_S),
            new ExponentialBackoffRetry(100, 5));
        clients.add(client);
        client.start();
        assertTrue(client.blockUntilConnected((int)STEP_TIMEOUT_S, TimeUnit.SECONDS), "connected");
        return client;
    }
}
