package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Service discovery against a real 3-node cluster: instances registered by three clients listed with their payloads
 * by queries and by a cache on a fourth, the cache's listener told of each change only once the cache holds it,
 * round-robin and seeded random picks, an instance dropped when its session expires, and a cache frozen when its own
 * session does.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceDiscoveryClusterTest
{
    private static final int PORT_BASE = 8000;
    private static final String BASE = "/services";

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
    void shouldListTheInstancesOfSeveralClientsWithTheirPayloads() throws AerieException
    {
        final AerieClient[] servers = registerThree("api");
        final AerieClient observer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final ServiceDiscovery discovery = new ServiceDiscovery(observer, BASE);
        final ServiceCache cache = discovery.serviceCache("api", null);
        cache.start();

        assertTrue(cache.awaitCurrent(30, TimeUnit.SECONDS));
        assertEquals(List.of("i0=host-0:8080", "i1=host-1:8080", "i2=host-2:8080"), describe(cache.instances()));
        assertEquals(describe(cache.instances()), describe(discovery.queryForInstances("api")));
        assertTrue(discovery.queryForNames().contains("api"));
        assertEquals(List.of(), discovery.queryForInstances("none"));
        assertEquals(servers[1].sessionId(), cache.instance("i1").sessionId());
    }

    @Test
    void shouldTellTheListenerOfAChangeOnlyOnceTheCacheHoldsIt() throws AerieException
    {
        final AerieClient server = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient observer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final List<String> seen = new ArrayList<>();
        final ServiceCache[] cacheRef = new ServiceCache[1];
        final ServiceCache cache = new ServiceCache(observer, BASE, "told", (event, path) ->
        {
            final ServiceInstance instance = cacheRef[0].instance(path.substring(path.lastIndexOf('/') + 1));
            seen.add(event + " " + (null == instance ? "absent" : text(instance.payload())) + " " +
                cacheRef[0].instances().size());
        });
        cacheRef[0] = cache;
        cache.start();
        assertTrue(cache.awaitCurrent(30, TimeUnit.SECONDS));

        final GroupMember member = new ServiceDiscovery(server, BASE).registerService("told", "i0", bytes("v1"));
        RecipeCluster.await("registered", () -> null != cache.instance("i0"), server, observer);
        member.setPayload(bytes("v2"));
        RecipeCluster.await("updated", () -> "v2".equals(text(cache.instance("i0").payload())), server, observer);
        member.close();
        RecipeCluster.await("removed", () -> cache.instances().isEmpty(), server, observer);

        assertEquals(List.of("LOADED absent 0", "NODE_ADDED v1 1", "NODE_UPDATED v2 1", "NODE_REMOVED absent 0"), seen);
    }

    @Test
    void shouldPickInstancesRoundRobinOrAtRandomFromTheCache() throws AerieException
    {
        registerThree("picked");
        final ServiceDiscovery discovery = new ServiceDiscovery(cluster.connect(RecipeCluster.LONG_SESSION_MS), BASE);
        final ServiceProvider roundRobin = discovery.serviceProvider("picked", ProviderStrategy.roundRobin());
        final ServiceProvider random = discovery.serviceProvider("picked", ProviderStrategy.random(new SplittableRandom(42)));
        assertTrue(roundRobin.cache().awaitCurrent(30, TimeUnit.SECONDS));
        assertTrue(random.cache().awaitCurrent(30, TimeUnit.SECONDS));
        assertEquals(3, random.allInstances().size());

        final List<String> turns = new ArrayList<>();
        final List<String> draws = new ArrayList<>();
        final List<String> expectedDraws = new ArrayList<>();
        final SplittableRandom sameSeed = new SplittableRandom(42);
        for (int i = 0; i < 6; i++)
        {
            turns.add(roundRobin.getInstance().id());
            draws.add(random.getInstance().id());
            expectedDraws.add("i" + sameSeed.nextInt(3));
        }
        assertEquals(List.of("i0", "i1", "i2", "i0", "i1", "i2"), turns);
        assertEquals(expectedDraws, draws);
        roundRobin.close();
        random.close();
        assertEquals(CacheState.CLOSED, random.cache().state());
    }

    @Test
    void shouldDropAnInstanceWhoseSessionExpires() throws AerieException
    {
        // The long session first: a short one is not polled while another client connects.
        final AerieClient observer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient expiring = cluster.connect(RecipeCluster.SHORT_SESSION_MS);
        final GroupMember member = new ServiceDiscovery(expiring, BASE).registerService("expiry", "i0", bytes("x"));
        assertTrue(member.awaitRegistered(30, TimeUnit.SECONDS));
        final List<String> seen = new ArrayList<>();
        final ServiceCache cache = new ServiceCache(observer, BASE, "expiry", (event, path) -> seen.add(event.name()));
        cache.start();
        RecipeCluster.await("the cache loaded", cache::isCurrent, observer, expiring);
        assertEquals(1, cache.instances().size());

        // The registering client is no longer polled: its session expires, its instance goes.
        RecipeCluster.await("the instance dropped", () -> cache.instances().isEmpty(), observer);

        assertEquals(List.of("NODE_ADDED", "LOADED", "NODE_REMOVED"), seen);
        RecipeCluster.await("the member told", () -> GroupMember.State.SESSION_ENDED == member.state(), expiring);
    }

    @Test
    void shouldFreezeTheCacheWhenItsOwnSessionExpires() throws AerieException
    {
        registerThree("frozen");
        // The long session first: a short one is not polled while another client connects.
        final AerieClient observer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient expiring = cluster.connect(RecipeCluster.SHORT_SESSION_MS);
        final List<CacheEvent> seen = new ArrayList<>();
        final ServiceCache cache = new ServiceCache(expiring, BASE, "frozen", (event, path) -> seen.add(event));
        cache.start();
        assertTrue(cache.awaitCurrent(30, TimeUnit.SECONDS));
        final String marker = ClientPause.mark(expiring, "service-cache");

        ClientPause.awaitExpired(observer, marker);
        RecipeCluster.await("the cache told", () -> CacheState.SESSION_ENDED == cache.state(), expiring);

        assertEquals(CacheEvent.SESSION_ENDED, seen.get(seen.size() - 1));
        assertEquals(3, cache.instances().size(), "the last known list is kept");
        assertTrue(!cache.isCurrent() && !cache.awaitCurrent(0, TimeUnit.SECONDS));
        assertNull(cache.instance("nope"));
    }

    /**
     * Register instances i0..i2 of a service, payload {@code host-N:8080}, each from its own client.
     */
    private AerieClient[] registerThree(final String service) throws AerieException
    {
        final AerieClient[] servers = new AerieClient[3];
        final GroupMember[] members = new GroupMember[servers.length];
        for (int i = 0; i < servers.length; i++)
        {
            servers[i] = cluster.connect(RecipeCluster.LONG_SESSION_MS);
            members[i] = new ServiceDiscovery(servers[i], BASE).registerService(service, "i" + i, bytes("host-" + i + ":8080"));
        }
        RecipeCluster.await("registered", () -> members[0].isRegistered() && members[1].isRegistered() &&
            members[2].isRegistered(), servers);
        return servers;
    }

    private static List<String> describe(final List<ServiceInstance> instances)
    {
        final List<String> described = new ArrayList<>();
        for (final ServiceInstance instance : instances)
        {
            described.add(instance.id() + "=" + text(instance.payload()));
        }
        return described;
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
