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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration cache against a real 3-node cluster: a node followed through changes, deletion and creation with
 * the listener told only once the cache holds the change; a subtree mirrored through creates, updates and deletes at
 * every depth; a node that does not exist yet; a cache frozen when its session expires; and a cache that sets its
 * watch again when another cache of the path on the same client closes.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigurationCacheClusterTest
{
    private static final int PORT_BASE = 8300;

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
    void shouldHoldEachChangeOfANodeBeforeTellingTheListener() throws AerieException
    {
        final AerieClient writer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient reader = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        writer.create("/config", null);
        writer.create("/config/app", bytes("v1"));
        final List<String> seen = new ArrayList<>();
        final ConfigurationCache[] cacheRef = new ConfigurationCache[1];
        final ConfigurationCache cache = new ConfigurationCache(reader, "/config/app", false,
            (event, path) -> seen.add(event + " " + text(cacheRef[0].data())));
        cacheRef[0] = cache;
        cache.start();
        assertTrue(cache.awaitCurrent(30, TimeUnit.SECONDS));
        assertEquals("v1", text(cache.data()));

        writer.setData("/config/app", bytes("v2"), -1);
        RecipeCluster.await("v2 held", () -> "v2".equals(text(cache.data())), writer, reader);
        writer.delete("/config/app", -1);
        RecipeCluster.await("removed", () -> null == cache.node(), writer, reader);
        writer.create("/config/app", bytes("v3"));
        RecipeCluster.await("v3 held", () -> "v3".equals(text(cache.data())), writer, reader);

        assertEquals(List.of("NODE_ADDED v1", "LOADED v1", "NODE_UPDATED v2", "NODE_REMOVED absent", "NODE_ADDED v3"), seen);
        assertEquals(0, cache.node().version());
    }

    @Test
    void shouldMirrorASubtreeThroughCreatesUpdatesAndDeletesAtEveryDepth() throws AerieException
    {
        final AerieClient writer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient reader = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        for (final String path : List.of("/tree", "/tree/a", "/tree/a/b", "/tree/a/b/c", "/tree/d"))
        {
            writer.create(path, bytes("at " + path));
        }
        final ConfigurationCache cache = new ConfigurationCache(reader, "/tree", true, null);
        cache.start();
        assertTrue(cache.awaitCurrent(30, TimeUnit.SECONDS));
        assertEquals(read(writer, "/tree"), held(cache, "/tree"));
        assertEquals(5, cache.size());

        writer.setData("/tree/a/b/c", bytes("changed"), -1);
        writer.create("/tree/a/b/e", bytes("new leaf"));
        writer.create("/tree/a/f", null);
        writer.create("/tree/a/f/g", bytes("new deep leaf"));
        writer.delete("/tree/d", -1);
        for (int i = 0; i < 50; i++)
        {
            writer.setData("/tree", bytes("root " + i), -1);
        }
        final Map<String, String> expected = read(writer, "/tree");

        RecipeCluster.await("the subtree mirrored", () -> expected.equals(held(cache, "/tree")), writer, reader);
        assertTrue(cache.isCurrent());
        assertEquals("root 49", text(cache.data()));
        assertEquals(List.of("b", "f"), names(cache.children("/tree/a")));
    }

    @Test
    void shouldBeEmptyAndCurrentUntilTheNodeIsCreated() throws AerieException
    {
        final AerieClient writer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient reader = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final List<CacheEvent> seen = new ArrayList<>();
        final ConfigurationCache cache = new ConfigurationCache(reader, "/later/node", false, (event, path) -> seen.add(event));
        cache.start();

        assertTrue(cache.awaitCurrent(30, TimeUnit.SECONDS));
        assertNull(cache.node());
        assertEquals(0, cache.size());
        writer.create("/later", null);
        writer.create("/later/node", bytes("here"));
        RecipeCluster.await("created", () -> null != cache.node(), writer, reader);

        assertEquals("here", text(cache.data()));
        assertEquals(List.of(CacheEvent.LOADED, CacheEvent.NODE_ADDED), seen);
    }

    @Test
    void shouldFreezeWithItsLastContentsWhenItsSessionExpires() throws AerieException
    {
        final AerieClient writer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient expiring = cluster.connect(RecipeCluster.SHORT_SESSION_MS);
        writer.create("/frozen", bytes("before"));
        final List<CacheEvent> seen = new ArrayList<>();
        final ConfigurationCache cache = new ConfigurationCache(expiring, "/frozen", false, (event, path) -> seen.add(event));
        cache.start();
        assertTrue(cache.awaitCurrent(30, TimeUnit.SECONDS));
        final String marker = ClientPause.mark(expiring, "configuration-cache");

        ClientPause.awaitExpired(writer, marker);
        writer.setData("/frozen", bytes("after"), -1);
        RecipeCluster.await("the cache told", () -> CacheState.SESSION_ENDED == cache.state(), expiring);

        assertEquals(CacheEvent.SESSION_ENDED, seen.get(seen.size() - 1));
        assertEquals("before", text(cache.data()), "the last known contents are kept");
        assertTrue(!cache.isCurrent() && !cache.awaitCurrent(0, TimeUnit.SECONDS));
        cache.close();
        assertEquals(CacheState.CLOSED, cache.state());
    }

    @Test
    void shouldSetItsWatchAgainWhenAnotherCacheOfThePathOnItsClientCloses() throws AerieException
    {
        final AerieClient writer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient reader = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        writer.create("/shared", bytes("one"));
        final List<CacheEvent> seen = new ArrayList<>();
        final ConfigurationCache survivor = new ConfigurationCache(reader, "/shared", true, (event, path) -> seen.add(event));
        final ConfigurationCache closed = new ConfigurationCache(reader, "/shared", true, null);
        survivor.start();
        closed.start();
        assertTrue(survivor.awaitCurrent(30, TimeUnit.SECONDS) && closed.awaitCurrent(30, TimeUnit.SECONDS));

        closed.close(); // removes this client's recursive watch on the path: the survivor's too
        RecipeCluster.await("the survivor reloaded", () -> seen.contains(CacheEvent.RELOADING) && survivor.isCurrent(),
            reader);
        writer.setData("/shared", bytes("two"), -1);

        RecipeCluster.await("the change seen", () -> "two".equals(text(survivor.data())), writer, reader);
        assertEquals("one", text(closed.data()), "a closed cache no longer changes");
    }

    /**
     * @return every node under {@code root} (included) and its data as text, read from the cluster now.
     */
    private static Map<String, String> read(final AerieClient client, final String root) throws AerieException
    {
        final Map<String, String> nodes = new TreeMap<>();
        final byte[] data = client.getData(root);
        // Null data (created without data) is held by the cache as empty, as CachedNode.data() promises.
        nodes.put(root, null == data ? "" : text(data));
        for (final String child : client.getChildren(root))
        {
            nodes.putAll(read(client, RecipeSupport.child(root, child)));
        }
        return nodes;
    }

    /**
     * @return every node under {@code root} (included) the cache holds, and its data as text.
     */
    private static Map<String, String> held(final ConfigurationCache cache, final String root)
    {
        final Map<String, String> nodes = new TreeMap<>();
        final CachedNode node = cache.node(root);
        if (null != node)
        {
            nodes.put(root, text(node.data()));
            for (final CachedNode child : cache.children(root))
            {
                nodes.putAll(held(cache, child.path()));
            }
        }
        return nodes;
    }

    private static List<String> names(final List<CachedNode> nodes)
    {
        final List<String> names = new ArrayList<>();
        for (final CachedNode node : nodes)
        {
            names.add(node.name());
        }
        return names;
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(final byte[] bytes)
    {
        return null == bytes ? "absent" : new String(bytes, StandardCharsets.UTF_8);
    }
}
