package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Leader election against a real 3-node cluster, several clients in this JVM: one leader among contenders, hand-over
 * in queue order when a leader closes, leadership given up at once when the leader's session is lost, a new node
 * when the leader's node is deleted, and selectors running their task in turn, or ending it when their session
 * expires.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaderLatchClusterTest
{
    private static final int PORT_BASE = 29000;
    private static final long SETTLE_NS = TimeUnit.MILLISECONDS.toNanos(300);

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
    void shouldElectExactlyOneLeaderAmongThreeContenders() throws AerieException
    {
        final AerieClient[] clients = connect(3, RecipeCluster.LONG_SESSION_MS);
        final LeaderLatch[] latches = startLatches("/one-leader", clients, null);

        RecipeCluster.await("a leader", () -> leaders(latches) > 0, clients);
        RecipeCluster.pollFor(SETTLE_NS, clients);

        assertEquals(1, leaders(latches));
        assertTrue(latches[0].hasLeadership(), "the first to queue leads");
        assertTrue(latches[0].awaitLeadership(0, TimeUnit.MILLISECONDS));
        assertEquals(clients[0].exists(latches[0].nodePath()).czxid(), latches[0].fencingToken());
        assertEquals(LeaderLatch.NO_TOKEN, latches[1].fencingToken());
        assertFalse(latches[1].awaitLeadership(50, TimeUnit.MILLISECONDS));
        assertEquals(3, clients[0].getChildren("/one-leader").size());
    }

    @Test
    void shouldHandLeadershipOverInQueueOrderWhenLeadersClose() throws AerieException
    {
        final AerieClient[] clients = connect(3, RecipeCluster.LONG_SESSION_MS);
        final RecordingLeadership[] listeners =
            { new RecordingLeadership(), new RecordingLeadership(), new RecordingLeadership() };
        final LeaderLatch[] latches = startLatches("/hand-over", clients, listeners);
        RecipeCluster.await("the first leader", latches[0]::hasLeadership, clients);

        long previousToken = latches[0].fencingToken();
        for (int next = 1; next < 3; next++)
        {
            final LeaderLatch successor = latches[next];
            latches[next - 1].close();
            assertFalse(latches[next - 1].hasLeadership(), "gives up at once on close");
            assertEquals(List.of("gained " + previousToken, "lost " + previousToken + " RELINQUISHED"),
                listeners[next - 1].events);
            RecipeCluster.await("leader " + next, successor::hasLeadership, clients);
            assertEquals(1, leaders(latches));
            assertTrue(successor.fencingToken() > previousToken, "tokens grow with each term");
            previousToken = successor.fencingToken();
        }
        assertEquals(LeaderLatch.State.CLOSED, latches[0].state());
        assertEquals(1, clients[2].getChildren("/hand-over").size());
    }

    @Test
    void shouldStopClaimingAtOnceWhenTheLeadersSessionIsLost() throws AerieException
    {
        final RecordingLeadership oldListener = new RecordingLeadership();
        // The long sessions first: a short one is not polled while other clients connect.
        final AerieClient[] others = connect(2, RecipeCluster.LONG_SESSION_MS);
        final AerieClient shortLived = cluster.connect(RecipeCluster.SHORT_SESSION_MS);
        final LeaderLatch old = new LeaderLatch(shortLived, "/session-lost", null, oldListener);
        old.start();
        assertTrue(old.awaitLeadership(30, TimeUnit.SECONDS));
        final long oldToken = old.fencingToken();
        final String oldPath = old.nodePath();
        final LeaderLatch[] successors = startLatches("/session-lost", others, null);

        // The leader's client is not polled: its session expires in the cluster, which deletes its node.
        RecipeCluster.await("a successor", () -> leaders(successors) > 0, others);
        final LeaderLatch successor = successors[0].hasLeadership() ? successors[0] : successors[1];
        assertTrue(successor.fencingToken() > oldToken, "the successor's token is larger");
        assertTrue(old.hasLeadership(), "a paused client cannot know yet: the reason for fencing tokens");

        // Polled again, the old leader gives up in the very poll its client learns of the loss.
        final long deadlineNs = System.nanoTime() + RecipeCluster.STEP_TIMEOUT_NS;
        while (LeaderLatch.State.SESSION_ENDED != old.state())
        {
            shortLived.poll();
            if (SessionState.CONNECTED != shortLived.state() && old.hasLeadership())
            {
                fail("still claiming leadership in state " + shortLived.state());
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("the old leader's client never noticed: " + shortLived.state());
            }
        }
        assertFalse(old.hasLeadership());
        assertEquals(LeaderLatch.NO_TOKEN, old.fencingToken());
        assertEquals("gained " + oldToken, oldListener.events.get(0));
        assertEquals(2, oldListener.events.size(), "one gain, one loss: " + oldListener.events);
        assertTrue(oldListener.events.get(1).startsWith("lost " + oldToken), oldListener.events.get(1));
        assertNull(others[0].exists(oldPath), "the node went with the session");
        old.close();
    }

    @Test
    void shouldEnterAgainWhenItsNodeIsDeletedBySomeoneElse() throws AerieException
    {
        final AerieClient[] clients = connect(2, RecipeCluster.LONG_SESSION_MS);
        final AerieClient admin = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final RecordingLeadership listener = new RecordingLeadership();
        final LeaderLatch first = new LeaderLatch(clients[0], "/deleted", null, listener);
        final LeaderLatch second = new LeaderLatch(clients[1], "/deleted");
        first.start();
        RecipeCluster.await("the first leader", first::hasLeadership, clients);
        second.start();
        RecipeCluster.await("the second queued", () -> null != second.nodePath(), clients);
        final String deletedPath = first.nodePath();
        final long deletedToken = first.fencingToken();

        admin.delete(deletedPath, -1);

        RecipeCluster.await("the second leads", second::hasLeadership, clients);
        RecipeCluster.await("the first queued again",
            () -> null != first.nodePath() && !deletedPath.equals(first.nodePath()), clients);
        assertEquals(LeaderLatch.State.STARTED, first.state());
        assertEquals(List.of("gained " + deletedToken, "lost " + deletedToken + " NODE_DELETED"), listener.events);

        final long secondToken = second.fencingToken();
        second.close();
        RecipeCluster.await("the first leads again", first::hasLeadership, clients);
        assertTrue(first.fencingToken() > secondToken, "a later term, a larger token");
        assertTrue(secondToken > deletedToken);
    }

    @Test
    void shouldRunEachElectedSelectorsTaskInTurnAndRequeue() throws AerieException
    {
        final AerieClient[] clients = connect(2, RecipeCluster.LONG_SESSION_MS);
        final List<String> runs = new ArrayList<>();
        final List<Long> tokens = new ArrayList<>();
        final LeaderSelector[] selectors = new LeaderSelector[2];
        for (int i = 0; i < 2; i++)
        {
            final String name = "s" + i;
            final AerieClient client = clients[i];
            selectors[i] = new LeaderSelector(client, "/selector", (selector, token) ->
            {
                assertTrue(selector.hasLeadership());
                assertEquals(token, selector.fencingToken());
                runs.add(name);
                tokens.add(token);
                client.setData("/selector", Long.toString(token).getBytes(), -1); // blocking calls are allowed here
            }).autoRequeue(true);
        }
        selectors[0].start();
        RecipeCluster.await("s0 queued", () -> null != selectors[0].nodePath(), clients);
        selectors[1].start();

        final long deadlineNs = System.nanoTime() + RecipeCluster.STEP_TIMEOUT_NS;
        while (runs.size() < 6)
        {
            for (final LeaderSelector selector : selectors)
            {
                selector.poll();
            }
            assertTrue(System.nanoTime() - deadlineNs < 0, "timed out: " + runs);
        }
        assertEquals(List.of("s0", "s1", "s0", "s1", "s0", "s1"), runs.subList(0, 6));
        for (int i = 1; i < tokens.size(); i++)
        {
            assertTrue(tokens.get(i) > tokens.get(i - 1), "tokens grow: " + tokens);
        }
        selectors[0].close();
        selectors[1].close();
        assertFalse(selectors[0].isQueued());
        assertNotNull(clients[0].exists("/selector"));
        RecipeCluster.await("both nodes gone", () -> childCount(clients[0], "/selector") == 0, clients);
    }

    @Test
    void shouldEndTheTaskAndStayOutWhenASelectorsSessionExpires() throws AerieException
    {
        // The long session first: a short one is not polled while another client connects.
        final AerieClient survivor = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient shortLived = cluster.connect(RecipeCluster.SHORT_SESSION_MS);
        final LeaderLatch next = new LeaderLatch(survivor, "/selector-expiry");
        final List<String> seen = new ArrayList<>();
        final LeaderSelector selector = new LeaderSelector(shortLived, "/selector-expiry", (leading, token) ->
        {
            // The task stops polling its client: the session expires and the next contender leads.
            RecipeCluster.await("the next leader", next::hasLeadership, survivor);
            seen.add("token " + token + " " + leading.hasLeadership());
            while (leading.hasLeadership())
            {
                leading.poll(); // from inside the task: only polls
            }
            seen.add(shortLived.state() + " " + leading.hasLeadership());
        }).autoRequeue(true);
        selector.start();
        RecipeCluster.await("the selector queued", () -> null != selector.nodePath(), shortLived);
        next.start();
        RecipeCluster.await("the next contender queued", () -> null != next.nodePath(), survivor);

        final long deadlineNs = System.nanoTime() + RecipeCluster.STEP_TIMEOUT_NS;
        while (seen.size() < 2)
        {
            selector.poll();
            assertTrue(System.nanoTime() - deadlineNs < 0, "the task never ended: " + seen);
        }
        assertTrue(seen.get(0).endsWith(" true"), "a paused task cannot know yet: " + seen);
        assertFalse(seen.get(1).endsWith("true"), seen.get(1));
        RecipeCluster.await("the selector's session ended",
            () -> LeaderLatch.State.SESSION_ENDED == selector.state(), shortLived);
        assertFalse(selector.requeue(), "no requeue without a session");
        assertFalse(selector.isQueued());
        assertTrue(next.hasLeadership());
    }

    private AerieClient[] connect(final int count, final int sessionTimeoutMs) throws AerieException
    {
        final AerieClient[] clients = new AerieClient[count];
        for (int i = 0; i < count; i++)
        {
            clients[i] = cluster.connect(sessionTimeoutMs);
        }
        return clients;
    }

    /**
     * Start one latch per client, in order, each queued before the next starts.
     */
    private static LeaderLatch[] startLatches(
        final String path, final AerieClient[] clients, final RecordingLeadership[] listeners)
    {
        final LeaderLatch[] latches = new LeaderLatch[clients.length];
        for (int i = 0; i < clients.length; i++)
        {
            final LeaderLatch latch = new LeaderLatch(clients[i], path, null, null == listeners ? null : listeners[i]);
            latch.start();
            RecipeCluster.await("latch " + i + " queued", () -> null != latch.nodePath(), clients[i]);
            latches[i] = latch;
        }
        return latches;
    }

    private static int leaders(final LeaderLatch... latches)
    {
        int leaders = 0;
        for (final LeaderLatch latch : latches)
        {
            leaders += latch.hasLeadership() ? 1 : 0;
        }
        return leaders;
    }

    private static int childCount(final AerieClient client, final String path)
    {
        try
        {
            return client.getChildren(path).size();
        }
        catch (final AerieException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
