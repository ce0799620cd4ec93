package io.aerie.gateway;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.atomic.AtomicValue;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.LeaderSelector;
import org.apache.curator.framework.recipes.leader.LeaderSelectorListenerAdapter;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.x.discovery.ServiceCache;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.Closeable;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

import static io.aerie.gateway.GatewayCluster.STEP_TIMEOUT_S;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apache Curator 5.7 recipes, unchanged, through the gateways of a three-node Aerie cluster, with the leader's node
 * killed in the middle of each (its gateway with it, in this JVM: see {@link FailoverGateways}). Every Curator client
 * lists all three gateways; a client of the killed gateway moves to another with its session, the others' gateways
 * follow the new leader. Each test asserts the recipe's invariant across the kill and that the recipe goes on
 * working after it. One cluster for the class; the killed node is restarted, caught up, before the next test.
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CuratorFailoverClusterTest
{
    /** Members at 6000, 6100, 6200 (+0..5); gateways on TCP 6300..6302 (this suite's range is 6000-6799). */
    private static final int PORT_BASE = 6000;
    private static final int GATEWAY_PORT_BASE = 6300;
    private static final int SESSION_TIMEOUT_MS = 10_000;
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(5);

    @TempDir
    static File tempDir;

    private final List<Closeable> closeables = new ArrayList<>();
    private FailoverCluster cluster;

    @BeforeAll
    void launch() throws Exception
    {
        cluster = launchCluster(tempDir);
    }

    /**
     * @param dir the cluster's directory.
     * @return the cluster the scenarios run on: here its nodes in this JVM.
     * @throws Exception if it cannot start.
     */
    FailoverCluster launchCluster(final File dir) throws Exception
    {
        return new FailoverGateways(PORT_BASE, GATEWAY_PORT_BASE, dir);
    }

    @BeforeEach
    void restore() throws Exception
    {
        cluster.restoreStopped();
    }

    @AfterEach
    void closeRecipesAndClients() throws Exception
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            closeables.get(i).close();
        }
        closeables.clear();
    }

    @AfterAll
    void close()
    {
        cluster.close();
    }

    @Test
    void shouldKeepOneLeaderLatchLeaderAcrossALeaderKillAndHandOver() throws Exception
    {
        final AtomicInteger leaders = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final LeaderLatch first = latch("first", leaders, overlaps);
        first.start();
        assertTrue(first.await(STEP_TIMEOUT_S, TimeUnit.SECONDS), "the first to start leads");
        final LeaderLatch second = latch("second", leaders, overlaps);
        second.start();

        cluster.killLeader();
        await("one latch leads after the kill", () -> first.hasLeadership() ^ second.hasLeadership());
        final LeaderLatch leader = first.hasLeadership() ? first : second;
        final LeaderLatch other = leader == first ? second : first;
        // NOTIFY_LEADER: the default close is silent, its listener would never hear that it stopped leading.
        leader.close(LeaderLatch.CloseMode.NOTIFY_LEADER);
        closeables.remove(leader);

        assertTrue(other.await(STEP_TIMEOUT_S, TimeUnit.SECONDS), "leadership handed over");
        assertEquals(other.getId(), other.getLeader().getId());
        assertEquals(0, overlaps.get(), "two latches led at once");
    }

    @Test
    void shouldKeepOneLeaderSelectorLeaderAcrossALeaderKillAndHandOver() throws Exception
    {
        final AtomicInteger leaders = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final List<String> terms = new ArrayList<>();
        final Selector a = new Selector("a", leaders, overlaps, terms);
        final Selector b = new Selector("b", leaders, overlaps, terms);
        await("a selector leads", () -> 1 == leaders.get());

        cluster.killLeader();
        await("a selector leads after the kill", () -> a.selector.hasLeadership() ^ b.selector.hasLeadership());
        final String other = a.selector.hasLeadership() ? "b" : "a";
        // A selector whose connection moved requeues itself once its client has reconnected through another gateway
        // (seconds, when it waits out an election): wait until it is queued again, then the leader gives up its
        // turns until the other has one (a few at most).
        final LeaderSelector leading = a.selector.hasLeadership() ? a.selector : b.selector;
        await("the other selector queued again", () -> isQueued(leading, other));
        for (int turn = 0; turn < 5 && !other.equals(lastTerm(terms)); turn++)
        {
            final int termsBefore = termCount(terms);
            ("a".equals(lastTerm(terms)) ? a : b).relinquish();
            await("a new term", () -> termCount(terms) > termsBefore);
        }

        assertEquals(other, lastTerm(terms), "hand-over in " + terms);
        assertEquals(0, overlaps.get(), "two selectors led at once");
    }

    @Test
    void shouldNeverHaveTwoMutexHoldersAcrossALeaderKill() throws Exception
    {
        final int workers = 3;
        final int rounds = 12;
        final AtomicInteger holders = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicInteger acquired = new AtomicInteger();
        final List<Thread> threads = new ArrayList<>();
        final List<Throwable> failures = new ArrayList<>();
        for (int w = 0; w < workers; w++)
        {
            final InterProcessMutex mutex = new InterProcessMutex(curator(), "/failover-mutex");
            threads.add(start("mutex-worker-" + w,
                () -> mutexRounds(mutex, rounds, holders, overlaps, acquired, failures)));
        }
        await("some rounds before the kill", () -> acquired.get() >= workers);
        cluster.killLeader();
        for (final Thread thread : threads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(STEP_TIMEOUT_S * 4));
        }

        synchronized (failures)
        {
            assertEquals(List.of(), failures);
        }
        assertEquals(0, overlaps.get(), "two holders at once");
        assertEquals(workers * rounds, acquired.get(), "every round held the mutex");
    }

    @Test
    void shouldSeeEveryChangeInACuratorCacheAcrossALeaderKill() throws Exception
    {
        final CuratorFramework writer = curator();
        final CuratorFramework reader = curator();
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        final CuratorCache cache = CuratorCache.build(reader, "/fcache");
        closeables.add(cache);
        cache.listenable().addListener(CuratorCacheListener.builder()
            .forCreates((node) -> events.add("created " + node.getPath()))
            .forChanges((before, after) -> events.add("changed " + after.getPath() + " " + text(after.getData())))
            .forDeletes((node) -> events.add("deleted " + node.getPath()))
            .build());
        cache.start();
        writer.create().creatingParentsIfNeeded().forPath("/fcache/a", bytes("1"));
        assertEquals("created /fcache", events.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS));
        assertEquals("created /fcache/a", events.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS));

        cluster.killLeader();
        writer.setData().forPath("/fcache/a", bytes("2"));
        assertEquals("changed /fcache/a 2", events.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS));
        writer.create().forPath("/fcache/b", bytes("3"));
        assertEquals("created /fcache/b", events.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS));
        writer.delete().forPath("/fcache/a");
        assertEquals("deleted /fcache/a", events.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS));

        assertNull(events.poll(200, TimeUnit.MILLISECONDS), "no further event");
        assertEquals(Set.of("/fcache", "/fcache/b"), cachedPaths(cache));
    }

    @Test
    void shouldLoseNoDistributedAtomicLongIncrementAcrossALeaderKill() throws Exception
    {
        final int workers = 3;
        final int increments = 15;
        final Set<Long> postValues = ConcurrentHashMap.newKeySet();
        final AtomicInteger succeeded = new AtomicInteger();
        final List<Throwable> failures = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++)
        {
            final DistributedAtomicLong counter =
                new DistributedAtomicLong(curator(), "/failover-counter", new RetryNTimes(50, 20));
            threads.add(start("counter-worker-" + w,
                () -> increments(counter, increments, postValues, succeeded, failures)));
        }
        await("some increments before the kill", () -> succeeded.get() >= workers);
        cluster.killLeader();
        for (final Thread thread : threads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(STEP_TIMEOUT_S * 4));
        }

        synchronized (failures)
        {
            assertEquals(List.of(), failures);
        }
        assertEquals(workers * increments, succeeded.get());
        assertEquals(succeeded.get(), postValues.size(), "two increments reported the same value: one was lost");
        final long value = new DistributedAtomicLong(curator(), "/failover-counter", new RetryNTimes(3, 100))
            .get().postValue();
        assertTrue(value >= succeeded.get(), "counter " + value + " below " + succeeded.get() + " increments");
    }

    @Test
    void shouldKeepAPersistentNodeAcrossALeaderKill() throws Exception
    {
        final CuratorFramework owner = curator();
        final CuratorFramework observer = curator();
        final PersistentNode node = new PersistentNode(owner, CreateMode.EPHEMERAL, false, "/pnode", bytes("here"));
        closeables.add(node);
        node.start();
        assertTrue(node.waitForInitialCreate(STEP_TIMEOUT_S, TimeUnit.SECONDS), "created");

        cluster.killLeader();
        final long sessionId = owner.getZookeeperClient().getZooKeeper().getSessionId();
        final Stat stat = new Stat();
        assertArrayEquals(bytes("here"), observer.getData().storingStatIn(stat).forPath("/pnode"));
        assertEquals(sessionId, stat.getEphemeralOwner(), "still the owner's session's node");
        node.setData(bytes("after"));
        await("the change after the kill", () -> "after".equals(read(observer, "/pnode")));

        node.close();
        closeables.remove(node);
        assertNull(observer.checkExists().forPath("/pnode"), "gone when the recipe closes");
    }

    @Test
    void shouldKeepServiceDiscoveryRegistrationsAcrossALeaderKill() throws Exception
    {
        final ServiceDiscovery<Void> first = discovery(curator(), instance("a"));
        discovery(curator(), instance("b"));
        final ServiceDiscovery<Void> watching = discovery(curator(), null);
        final ServiceCache<Void> cache = watching.serviceCacheBuilder().name("worker").build();
        closeables.add(cache);
        cache.start();
        await("both instances seen", () -> Set.of("a", "b").equals(ids(cache.getInstances())));

        cluster.killLeader();
        assertEquals(Set.of("a", "b"), ids(watching.queryForInstances("worker")), "registrations kept");
        first.unregisterService(first.queryForInstance("worker", "a"));
        discovery(curator(), instance("c"));

        await("the cache follows the changes after the kill", () -> Set.of("b", "c").equals(ids(cache.getInstances())));
    }

    private LeaderLatch latch(final String id, final AtomicInteger leaders, final AtomicInteger overlaps)
        throws Exception
    {
        final LeaderLatch latch = new LeaderLatch(curator(), "/failover-latch", id);
        closeables.add(latch);
        latch.addListener(new LeaderLatchListener()
        {
            public void isLeader()
            {
                if (leaders.incrementAndGet() > 1)
                {
                    overlaps.incrementAndGet();
                }
            }

            public void notLeader()
            {
                leaders.decrementAndGet();
            }
        });
        return latch;
    }

    private static void mutexRounds(
        final InterProcessMutex mutex,
        final int rounds,
        final AtomicInteger holders,
        final AtomicInteger overlaps,
        final AtomicInteger acquired,
        final List<Throwable> failures)
    {
        try
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
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    acquired.incrementAndGet();
                    holders.decrementAndGet();
                }
                finally
                {
                    mutex.release();
                }
            }
        }
        catch (final Exception | AssertionError ex)
        {
            synchronized (failures)
            {
                failures.add(ex);
            }
        }
    }

    private static void increments(
        final DistributedAtomicLong counter,
        final int increments,
        final Set<Long> postValues,
        final AtomicInteger succeeded,
        final List<Throwable> failures)
    {
        try
        {
            for (int i = 0; i < increments; i++)
            {
                AtomicValue<Long> result = counter.increment();
                while (!result.succeeded())
                {
                    // Optimistic attempts exhausted under contention: the recipe's caller tries again.
                    result = counter.increment();
                }
                postValues.add(result.postValue());
                succeeded.incrementAndGet();
            }
        }
        catch (final Exception ex)
        {
            synchronized (failures)
            {
                failures.add(ex);
            }
        }
    }

    private ServiceDiscovery<Void> discovery(final CuratorFramework client, final ServiceInstance<Void> instance)
        throws Exception
    {
        final ServiceDiscovery<Void> discovery = ServiceDiscoveryBuilder.builder(Void.class)
            .client(client).basePath("/services").thisInstance(instance).build();
        closeables.add(discovery);
        discovery.start();
        return discovery;
    }

    private static ServiceInstance<Void> instance(final String id) throws Exception
    {
        return ServiceInstance.<Void>builder().name("worker").id(id).address("127.0.0.1").port(7000).build();
    }

    private static Set<String> ids(final java.util.Collection<ServiceInstance<Void>> instances)
    {
        final Set<String> ids = new TreeSet<>();
        instances.forEach((instance) -> ids.add(instance.getId()));
        return ids;
    }

    private CuratorFramework curator() throws InterruptedException
    {
        final CuratorFramework client = CuratorFrameworkFactory.newClient(cluster.connectString(), SESSION_TIMEOUT_MS,
            (int)TimeUnit.SECONDS.toMillis(STEP_TIMEOUT_S), new RetryNTimes(300, 100));
        closeables.add(client);
        client.start();
        assertTrue(client.blockUntilConnected((int)STEP_TIMEOUT_S, TimeUnit.SECONDS), "connected");
        return client;
    }

    private static Set<String> cachedPaths(final CuratorCache cache)
    {
        final Set<String> paths = new TreeSet<>();
        cache.stream().forEach((data) -> paths.add(data.getPath()));
        return paths;
    }

    private static boolean isQueued(final LeaderSelector selector, final String id)
    {
        try
        {
            for (final org.apache.curator.framework.recipes.leader.Participant participant : selector.getParticipants())
            {
                if (id.equals(participant.getId()))
                {
                    return true;
                }
            }
            return false;
        }
        catch (final Exception ex)
        {
            return false; // the leader's own connection is moving: ask again
        }
    }

    private static String lastTerm(final List<String> terms)
    {
        synchronized (terms)
        {
            return terms.isEmpty() ? null : terms.get(terms.size() - 1);
        }
    }

    private static int termCount(final List<String> terms)
    {
        synchronized (terms)
        {
            return terms.size();
        }
    }

    private static String read(final CuratorFramework client, final String path)
    {
        try
        {
            return text(client.getData().forPath(path));
        }
        catch (final Exception ex)
        {
            return null;
        }
    }

    private static Thread start(final String name, final Runnable task)
    {
        final Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void await(final String what, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_TIMEOUT_S * 2);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "timed out waiting for " + what);
            LockSupport.parkNanos(POLL_NS);
        }
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(final byte[] data)
    {
        return null == data ? null : new String(data, StandardCharsets.UTF_8);
    }

    /**
     * A LeaderSelector that leads until told to relinquish (or until Curator cancels it on a suspended connection),
     * then queues again; it counts leaders at once and records each term's id.
     */
    private final class Selector
    {
        private final java.util.concurrent.Semaphore relinquish = new java.util.concurrent.Semaphore(0);
        private final LeaderSelector selector;

        Selector(final String id, final AtomicInteger leaders, final AtomicInteger overlaps, final List<String> terms)
            throws Exception
        {
            selector = new LeaderSelector(curator(), "/failover-selector", new LeaderSelectorListenerAdapter()
            {
                public void takeLeadership(final CuratorFramework client) throws Exception
                {
                    if (leaders.incrementAndGet() > 1)
                    {
                        overlaps.incrementAndGet();
                    }
                    synchronized (terms)
                    {
                        terms.add(id);
                    }
                    try
                    {
                        relinquish.acquire();
                    }
                    finally
                    {
                        leaders.decrementAndGet();
                    }
                }
            });
            selector.setId(id);
            selector.autoRequeue();
            closeables.add(selector);
            selector.start();
        }

        void relinquish()
        {
            relinquish.release();
        }
    }
}
