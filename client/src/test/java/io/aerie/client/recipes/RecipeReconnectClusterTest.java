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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A lost connection with the session kept: the cluster closes the connection of a client silent past its 2 s
 * connection timeout, while the client's 10 s Aerie session lives on; polled again, the client reports
 * DISCONNECTED, reconnects and resumes. A leader or lock holder gives up at once on DISCONNECTED, and claims the
 * same term or hold again (same token) only once a fresh answer shows its node still first; a lock released while
 * disconnected is deleted once the session resumes; a selector's running task sees its leadership end and returns.
 * Clients are kept active (a request every 200 ms) except during the silence, so only the silent one loses its
 * connection, and only then.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecipeReconnectClusterTest
{
    private static final int PORT_BASE = 29600;
    /**
     * The cluster's timeout of a silent connection. 2 s, not 1 s: the consensus module checks it before it reads the
     * keepalives that came meanwhile, so a stall of this test's JVM (nodes and clients together) as long as this,
     * which a loaded 2-core machine has been seen to cause, would close every client's connection, not only the
     * silent one's.
     */
    private static final long CONNECTION_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(2);
    private static final long SILENCE_NS = 2 * CONNECTION_TIMEOUT_NS;
    private static final long PING_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final ResponseHandler IGNORE = response -> {};

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
    void shouldGiveUpLeadershipOnDisconnectAndClaimTheSameTermAfterResuming() throws AerieException
    {
        connect();
        final RecordingLeadership listener = new RecordingLeadership();
        final LeaderLatch leader = new LeaderLatch(silent, "/reconnect-latch", null, listener);
        leader.start();
        assertTrue(leader.awaitLeadership(30, TimeUnit.SECONDS));
        final long token = leader.fencingToken();
        final long sessionId = silent.sessionId();
        final LeaderLatch follower = new LeaderLatch(other, "/reconnect-latch");
        follower.start();
        awaitActive("the follower queued", () -> null != follower.nodePath());

        silence();
        assertFalse(follower.hasLeadership(), "the silent leader's session is alive: no new leader");
        pollSilentUntil("leadership claimed again", leader::hasLeadership, leader::hasLeadership);

        assertEquals(List.of("gained " + token, "lost " + token + " CONNECTION_LOST", "gained " + token), listener.events);
        assertEquals(token, leader.fencingToken(), "the same term");
        assertEquals(sessionId, silent.sessionId());
        assertFalse(follower.hasLeadership());
    }

    @Test
    void shouldSuspendALockHoldWhileDisconnectedAndConfirmItAfterResuming() throws AerieException
    {
        connect();
        final InterProcessMutex held = new InterProcessMutex(silent, "/reconnect-mutex");
        final InterProcessMutex contender = new InterProcessMutex(other, "/reconnect-mutex");
        assertTrue(held.acquire(30, TimeUnit.SECONDS));
        final long token = held.fencingToken();

        silence();
        pollSilentUntil("the hold confirmed", held::isHeld, held::isHeld);

        assertEquals(1, held.holdCount());
        assertEquals(token, held.fencingToken());
        assertFalse(contender.acquire(100, TimeUnit.MILLISECONDS), "still held by the resumed session");
        held.release();
        assertTrue(contender.acquire(30, TimeUnit.SECONDS));
        assertTrue(contender.fencingToken() > token);
        contender.release();
    }

    @Test
    void shouldReleaseALockWhileDisconnectedAndDeleteItsNodeOnResuming() throws AerieException
    {
        connect();
        final InterProcessMutex held = new InterProcessMutex(silent, "/release-disconnected");
        final InterProcessMutex contender = new InterProcessMutex(other, "/release-disconnected");
        assertTrue(held.acquire(30, TimeUnit.SECONDS));
        final String nodePath = held.nodePath();

        silence();
        pollSilentUntil("the connection lost", () -> SessionState.DISCONNECTED == silent.state(), held::isHeld);
        held.release(); // never blocks, never throws; the delete waits in the client
        assertEquals(0, held.holdCount());
        held.release();

        RecipeCluster.await("the session resumed and the node deleted",
            () -> SessionState.CONNECTED == silent.state() && !exists(other, nodePath), silent, other);
        assertTrue(contender.acquire(30, TimeUnit.SECONDS));
        contender.release();
    }

    @Test
    void shouldEndTheRunningTaskOfASelectorThatLosesItsConnection() throws AerieException
    {
        connect();
        final List<String> seen = new ArrayList<>();
        final LeaderSelector selector = new LeaderSelector(silent, "/reconnect-selector", (leading, token) ->
        {
            seen.add("leading " + leading.hasLeadership());
            silence();
            pollSilentUntil("the task told", () -> !leading.hasLeadership(), () -> false);
            seen.add("leading " + leading.hasLeadership() + " in state " + silent.state());
        });
        final LeaderLatch next = new LeaderLatch(other, "/reconnect-selector");
        selector.start();
        final long deadlineNs = System.nanoTime() + RecipeCluster.STEP_TIMEOUT_NS;
        while (seen.isEmpty())
        {
            selector.poll();
            silentPinger.ping();
            assertTrue(System.nanoTime() - deadlineNs < 0, () -> "the task never ran: queued " + selector.nodePath() +
                ", client " + silent.state() + ", states " + states);
        }
        next.start();
        RecipeCluster.await("the next contender leading", next::hasLeadership, silent, other);

        assertEquals(2, seen.size(), seen.toString());
        assertEquals("leading true", seen.get(0));
        assertEquals("leading false in state DISCONNECTED", seen.get(1));
        assertFalse(selector.isQueued(), "the returned task gave the node up");
    }

    private static boolean exists(final AerieClient client, final String path)
    {
        try
        {
            return null != client.exists(path);
        }
        catch (final AerieException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private void connect() throws AerieException
    {
        silent = cluster.connect(RecipeCluster.LONG_SESSION_MS, (state, sessionId) -> states.add(state));
        other = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        silentPinger = new Pinger(silent);
        otherPinger = new Pinger(other);
    }

    /**
     * The silent client is not polled for two connection timeouts; the other is kept active.
     */
    private void silence()
    {
        final long untilNs = System.nanoTime() + SILENCE_NS;
        awaitActive("the silence", () -> System.nanoTime() - untilNs > 0);
    }

    /**
     * Poll the silent client (active again) until the condition holds, checking after each poll that {@code claims}
     * is false whenever the client is not connected, and that it went through DISCONNECTED.
     */
    private void pollSilentUntil(final String what, final BooleanSupplier condition, final BooleanSupplier claims)
    {
        final long deadlineNs = System.nanoTime() + RecipeCluster.STEP_TIMEOUT_NS;
        while (!condition.getAsBoolean() || !states.contains(SessionState.DISCONNECTED))
        {
            silent.poll();
            if (SessionState.CONNECTED != silent.state() && claims.getAsBoolean())
            {
                fail("claimed while " + silent.state());
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

    /**
     * Poll the other client, with a request every {@link #PING_INTERVAL_NS} to keep its connection open, until the
     * condition holds.
     */
    private void awaitActive(final String what, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + RecipeCluster.STEP_TIMEOUT_NS;
        while (!condition.getAsBoolean())
        {
            other.poll();
            otherPinger.ping();
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
    }

    /**
     * Keeps a client's connection open: the 10 s session's keepalives (every 3.3 s) are rarer than the cluster's 2 s
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
}
