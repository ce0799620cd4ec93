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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The double barrier against a real 3-node cluster: three members on their own clients and threads, none entering
 * before all arrived nor leaving before all left, twice on one path; a timed-out member that leaves no node; an old
 * ready node that lets no one in early; and a member whose session expires before the barrier is full, which stops
 * counting.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributedDoubleBarrierClusterTest
{
    private static final int PORT_BASE = 32200;
    private static final int MEMBERS = 3;

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
    void shouldLetNoMemberInBeforeAllArrivedNorOutBeforeAllLeftRoundAfterRound() throws Exception
    {
        final AerieClient observer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final DistributedDoubleBarrier[] members = new DistributedDoubleBarrier[MEMBERS];
        for (int i = 0; i < MEMBERS; i++)
        {
            members[i] = new DistributedDoubleBarrier(cluster.connect(RecipeCluster.LONG_SESSION_MS), "/rounds", MEMBERS);
        }
        for (int round = 0; round < 2; round++)
        {
            final AtomicInteger arrived = new AtomicInteger();
            final AtomicInteger leaving = new AtomicInteger();
            final List<Worker<String>> workers = new ArrayList<>();
            for (final DistributedDoubleBarrier member : members)
            {
                workers.add(Worker.start("member", () -> cycle(member, arrived, leaving)));
            }
            for (final Worker<String> worker : workers)
            {
                assertEquals("entered with 3 arrived, left with 3 leaving", worker.join());
            }
            assertEquals(List.of(), observer.getChildren("/rounds"), "round " + round + ": every node gone, ready too");
        }
    }

    @Test
    void shouldTimeOutAndLeaveNoNodeWhenTooFewEnter() throws AerieException
    {
        final AerieClient client = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final DistributedDoubleBarrier member = new DistributedDoubleBarrier(client, "/too-few", 2);

        assertFalse(member.enter(200, TimeUnit.MILLISECONDS));

        assertNull(member.nodePath());
        RecipeCluster.await("the node deleted", () -> childCount(client, "/too-few") == 0, client);
        assertThrows(IllegalStateException.class, () -> member.leave(1, TimeUnit.SECONDS));
    }

    @Test
    void shouldNotLetAnOldReadyNodeLetAMemberInEarly() throws Exception
    {
        final AerieClient first = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient second = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        first.create("/stale", null);
        first.create("/stale/" + DistributedDoubleBarrier.READY, null);
        final DistributedDoubleBarrier early = new DistributedDoubleBarrier(first, "/stale", 2);
        final DistributedDoubleBarrier late = new DistributedDoubleBarrier(second, "/stale", 2);

        assertFalse(early.enter(200, TimeUnit.MILLISECONDS), "ready is older than the member: not full");
        final Worker<Boolean> waiting = Worker.start("early", () -> early.enter(30, TimeUnit.SECONDS));
        assertTrue(late.enter(30, TimeUnit.SECONDS), "the second member fills the barrier");
        assertTrue(waiting.join(), "and the first one is let in by the ready node written again");
    }

    @Test
    void shouldStopCountingAMemberWhoseSessionExpires() throws Exception
    {
        final AerieClient observer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient expiringClient = cluster.connect(RecipeCluster.SHORT_SESSION_MS);
        final DistributedDoubleBarrier expiring = new DistributedDoubleBarrier(expiringClient, "/expiry", MEMBERS);
        final ClientPause pause = new ClientPause(expiringClient, observer, "double-barrier");
        final AtomicInteger liveArrived = new AtomicInteger();
        final Worker<Boolean> dead = Worker.start("expiring", () -> expiring.enter(60, TimeUnit.SECONDS));
        final Worker<Boolean> first = enterCounting("first", liveArrived);
        RecipeCluster.await("two members queued", () -> childCount(observer, "/expiry") == 2, observer);

        pause.pauseUntilExpired();
        final Worker<Boolean> second = enterCounting("second", liveArrived);
        RecipeCluster.await("two live members queued", () -> childCount(observer, "/expiry") == 2, observer);
        assertFalse(first.isDone() || second.isDone(), "the expired member does not count");
        final Worker<Boolean> third = enterCounting("third", liveArrived);

        assertTrue(first.join() && second.join() && third.join(), "entered with three live members");
        pause.release();
        final AerieException ex = assertThrows(AerieException.class, dead::join);
        assertEquals(ResultCode.SESSION_EXPIRED, ex.code());
        assertNull(expiring.nodePath());
    }

    /**
     * Enter, checking that the barrier let this member in only once {@code liveArrived} reached the member count.
     */
    private Worker<Boolean> enterCounting(final String name, final AtomicInteger liveArrived) throws AerieException
    {
        final DistributedDoubleBarrier member = new DistributedDoubleBarrier(
            cluster.connect(RecipeCluster.LONG_SESSION_MS), "/expiry", MEMBERS);
        return Worker.start(name, () ->
        {
            liveArrived.incrementAndGet();
            final boolean entered = member.enter(60, TimeUnit.SECONDS);
            assertEquals(MEMBERS, liveArrived.get(), "entered before all live members arrived");
            assertNotNull(member.nodePath());
            return entered;
        });
    }

    private static String cycle(
        final DistributedDoubleBarrier member, final AtomicInteger arrived, final AtomicInteger leaving) throws AerieException
    {
        arrived.incrementAndGet();
        assertTrue(member.enter(30, TimeUnit.SECONDS));
        final int arrivedOnEntry = arrived.get();
        leaving.incrementAndGet();
        assertTrue(member.leave(30, TimeUnit.SECONDS));
        return "entered with " + arrivedOnEntry + " arrived, left with " + leaving.get() + " leaving";
    }

    private static int childCount(final AerieClient client, final String path)
    {
        try
        {
            return client.getChildren(path).size();
        }
        catch (final AerieException ex)
        {
            if (ResultCode.NO_NODE == ex.code())
            {
                return 0;
            }
            throw new AssertionError(ex);
        }
    }
}
