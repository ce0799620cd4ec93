package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.ResponseHandler;
import io.aerie.codecs.SessionState;
import io.aerie.engine.node.LocalCluster;
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
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Changes made while a client's connection is down: the cluster closes the connection of a client silent past its
 * 1 s connection timeout, its 10 s session lives on, and the watch events of changes made then are lost to it. Polled
 * again, the client reports DISCONNECTED and resumes, and, at the next event, EVENTS_LOST. A configuration cache and a
 * service cache say RELOADING, read everything again (on DISCONNECTED already: the resume itself does not reveal the
 * lost events) and end holding exactly the cluster's state; a member is unregistered while disconnected and
 * registered again, same session, after. Clients send a cheap read every 200 ms to keep their connections, except the
 * silent one during the silence.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheReconnectClusterTest
{
    private static final int PORT_BASE = 9200;
    private static final long CONNECTION_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long PING_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final ResponseHandler IGNORE = response -> {};
    private static final BooleanSupplier ALWAYS = () -> true;

    @TempDir
    static File tempDir;

    private RecipeCluster cluster;
    private final List<SessionState> states = new ArrayList<>();
    private AerieClient silent;
    private AerieClient other;
    private Pinger silentPinger;
    private Pinger otherPinger;

    @BeforeAll
    void launch()
    {
        cluster = new RecipeCluster(new LocalCluster.Context().nodeCount(3)
            .nodeConfigurator((nodeCtx, memberId) -> nodeCtx.timing().sessionTimeoutNs(CONNECTION_TIMEOUT_NS)), PORT_BASE, tempDir);
    }

    @AfterEach
    void closeClients()
    {
        cluster.closeClients();
        states.clear();
    }

    @AfterAll
    void close()
    {
        cluster.close();
    }

    @Test
    void shouldReadASubtreeAgainAfterItsConnectionWasLost() throws AerieException
    {
        connect();
        for (final String path : List.of("/rt", "/rt/a", "/rt/b"))
        {
            other.create(path, bytes("v1 " + path));
        }
        final List<String> seen = new ArrayList<>();
        final ConfigurationCache cache = new ConfigurationCache(silent, "/rt", true, (event, path) -> seen.add(event + " " + path));
        cache.start();
        pollBoth("the cache loaded", cache::isCurrent, ALWAYS);
        seen.clear();

        silence(() ->
        {
            other.setData("/rt/a", bytes("v2"), -1);
            other.delete("/rt/b", -1);
            other.create("/rt/c", bytes("new"));
            other.create("/rt/c/d", bytes("new deep"));
        });
        final Map<String, String> expected = read(other, "/rt");
        pollBoth("the cache current again", () -> cache.isCurrent() && expected.equals(held(cache)),
            () -> !cache.isCurrent());

        assertTrue(seen.contains("RELOADING /rt") && seen.indexOf("RELOADING /rt") < seen.lastIndexOf("LOADED /rt"),
            seen.toString());
        assertTrue(seen.containsAll(List.of("NODE_UPDATED /rt/a", "NODE_REMOVED /rt/b", "NODE_ADDED /rt/c",
            "NODE_ADDED /rt/c/d")), seen.toString());
        // The answer resuming the session counted the events sent while its connection was down: EVENTS_LOST was
        // raised then, before the cache was current again. A later change comes with no gap and just updates it.
        assertTrue(states.contains(SessionState.EVENTS_LOST), states.toString());
        other.setData("/rt/a", bytes("v3"), -1);
        final Map<String, String> expectedAfter = read(other, "/rt");
        pollBoth("the next change applied", () -> cache.isCurrent() && expectedAfter.equals(held(cache)),
            () -> !cache.isCurrent());
        assertTrue(seen.lastIndexOf("NODE_UPDATED /rt/a") > seen.lastIndexOf("LOADED /rt"), seen.toString());
    }

    @Test
    void shouldRegisterAgainAndFollowTheServiceAgainAfterItsConnectionWasLost() throws AerieException
    {
        connect();
        final GroupMember member = new ServiceDiscovery(silent, "/rs").registerService("svc", "silent", bytes("s"));
        final GroupMember leaving = new ServiceDiscovery(other, "/rs").registerService("svc", "leaving", bytes("l"));
        final ServiceCache cache = new ServiceCache(silent, "/rs", "svc", null);
        cache.start();
        pollBoth("registered and loaded",
            () -> member.isRegistered() && leaving.isRegistered() && 2 == cache.instances().size(), ALWAYS);
        final long sessionId = silent.sessionId();

        final GroupMember[] late = new GroupMember[1];
        silence(() ->
        {
            leaving.close();
            late[0] = new ServiceDiscovery(other, "/rs").registerService("svc", "late", bytes("n"));
        });
        pollBoth("registered again, the list current",
            () -> member.isRegistered() && cache.isCurrent() && List.of("late", "silent").equals(ids(cache)),
            () -> !member.isRegistered());

        assertEquals(sessionId, silent.sessionId(), "the same session");
        assertEquals(GroupMember.State.STARTED, member.state());
        assertTrue(late[0].isRegistered());
    }

    private void connect() throws AerieException
    {
        silent = cluster.connect(RecipeCluster.LONG_SESSION_MS, (state, sessionId) -> states.add(state));
        other = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        silentPinger = new Pinger(silent);
        otherPinger = new Pinger(other);
    }

    /**
     * Keep the other client active (polled, pinged) while the silent one is not polled: past its connection timeout,
     * so that the cluster has closed its connection, make the changes (their events cannot reach the silent client),
     * then go on a little.
     */
    private void silence(final Change change) throws AerieException
    {
        keepOtherActiveFor(CONNECTION_TIMEOUT_NS + CONNECTION_TIMEOUT_NS / 2);
        change.make();
        keepOtherActiveFor(CONNECTION_TIMEOUT_NS / 2);
    }

    private void keepOtherActiveFor(final long durationNs)
    {
        final long untilNs = System.nanoTime() + durationNs;
        while (System.nanoTime() - untilNs < 0)
        {
            other.poll();
            otherPinger.ping();
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
    }

    /**
     * Poll and ping both clients until the condition holds; after a silence, also until the silent client went through
     * DISCONNECTED, checking meanwhile that {@code whileDisconnected} holds whenever it is not connected.
     */
    private void pollBoth(final String what, final BooleanSupplier condition, final BooleanSupplier whileDisconnected)
    {
        final boolean afterSilence = whileDisconnected != ALWAYS;
        final long deadlineNs = System.nanoTime() + RecipeCluster.STEP_TIMEOUT_NS;
        while (!condition.getAsBoolean() || (afterSilence && !states.contains(SessionState.DISCONNECTED)))
        {
            silent.poll();
            other.poll();
            if (SessionState.CONNECTED != silent.state() && !whileDisconnected.getAsBoolean())
            {
                fail("wrong while " + silent.state());
            }
            silentPinger.ping();
            otherPinger.ping();
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out waiting for " + what + "; states " + states);
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
    }

    private static Map<String, String> read(final AerieClient client, final String root) throws AerieException
    {
        final Map<String, String> nodes = new TreeMap<>();
        nodes.put(root, new String(client.getData(root), StandardCharsets.UTF_8));
        for (final String child : client.getChildren(root))
        {
            nodes.putAll(read(client, RecipeSupport.child(root, child)));
        }
        return nodes;
    }

    private static Map<String, String> held(final ConfigurationCache cache)
    {
        final Map<String, String> nodes = new TreeMap<>();
        final List<CachedNode> pending = new ArrayList<>();
        if (null != cache.node())
        {
            pending.add(cache.node());
        }
        while (!pending.isEmpty())
        {
            final CachedNode node = pending.remove(pending.size() - 1);
            nodes.put(node.path(), new String(node.data(), StandardCharsets.UTF_8));
            pending.addAll(cache.children(node.path()));
        }
        return nodes;
    }

    private static List<String> ids(final ServiceCache cache)
    {
        final List<String> ids = new ArrayList<>();
        for (final ServiceInstance instance : cache.instances())
        {
            ids.add(instance.id());
        }
        return ids;
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Keeps a client's connection open: the 10 s session's keepalives (every 3.3 s) are rarer than the cluster's 1 s
     * connection timeout, so an active client sends a cheap read every {@link #PING_INTERVAL_NS}.
     */
    private static final class Pinger
    {
        private final AerieClient client;
        private long nextPingNs = System.nanoTime();

        Pinger(final AerieClient client)
        {
            this.client = client;
        }

        void ping()
        {
            if (System.nanoTime() - nextPingNs >= 0)
            {
                client.existsAsync("/", IGNORE);
                nextPingNs = System.nanoTime() + PING_INTERVAL_NS;
            }
        }
    }

    /**
     * Changes made by the other client during a silence.
     */
    @FunctionalInterface
    private interface Change
    {
        void make() throws AerieException;
    }
}
