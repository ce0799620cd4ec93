package io.aerie.testkit.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.recipes.LeaderLatch;
import io.aerie.client.recipes.LeadershipListener;
import io.aerie.client.recipes.LeadershipLoss;
import io.aerie.testkit.InMemoryAerie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.aerie.testkit.recipes.Steps.drain;
import static io.aerie.testkit.recipes.Steps.invoker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LeaderLatch} on the in-memory cluster: the hand-over when the leader's session expires, with a larger
 * fencing token, in milliseconds and the same every run (the real-cluster counterpart is LeaderLatchClusterTest).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LeaderLatchInMemoryTest
{
    private final InMemoryAerie aerie = InMemoryAerie.launch();

    @AfterEach
    void close()
    {
        aerie.close();
    }

    @Test
    void shouldHandLeadershipOverWithALargerTokenWhenTheLeadersSessionExpires() throws AerieException
    {
        final AerieClient first = aerie.newClient(invoker());
        final AerieClient second = aerie.newClient(invoker());
        final Recording firstEvents = new Recording();
        final LeaderLatch leader = new LeaderLatch(first, "/election", null, firstEvents);
        leader.start();
        assertTrue(leader.awaitLeadership(10, TimeUnit.SECONDS));
        final long firstToken = leader.fencingToken();
        final LeaderLatch successor = new LeaderLatch(second, "/election");
        successor.start();
        drain(second);
        final boolean successorLedBefore = successor.hasLeadership();

        aerie.expireSession(first);
        drain(first);

        assertFalse(successorLedBefore);
        assertFalse(leader.hasLeadership());
        assertEquals(LeaderLatch.State.SESSION_ENDED, leader.state());
        assertEquals(List.of("gained " + firstToken, "lost " + firstToken + " SESSION_ENDED"), firstEvents.events);
        assertTrue(successor.awaitLeadership(10, TimeUnit.SECONDS));
        assertTrue(successor.fencingToken() > firstToken, "a new term's token is larger than every earlier one's");
        assertEquals(List.of(successor.nodePath().substring("/election/".length())), second.getChildren("/election"));
    }

    @Test
    void shouldLeadAgainWithTheSameTokenWhenAConnectionComesBackWithItsSession() throws AerieException
    {
        final AerieClient client = aerie.newClient(invoker());
        final Recording events = new Recording();
        final LeaderLatch latch = new LeaderLatch(client, "/election", null, events);
        latch.start();
        assertTrue(latch.awaitLeadership(10, TimeUnit.SECONDS));
        final long token = latch.fencingToken();

        aerie.disconnect(client);
        client.poll(); // finds the connection closed: DISCONNECTED (it keeps trying to connect: never idle meanwhile)
        final boolean ledWhileCut = latch.hasLeadership();
        aerie.reconnect(client);

        assertFalse(ledWhileCut, "leadership ends at once when the connection is reported lost");
        assertTrue(latch.awaitLeadership(10, TimeUnit.SECONDS));
        assertEquals(token, latch.fencingToken());
        assertEquals(List.of("gained " + token, "lost " + token + " CONNECTION_LOST", "gained " + token), events.events);
    }

    @Test
    void shouldNotHandLeadershipOverWhileTheLeadersSessionLivesOnHowEverLongTimePasses() throws AerieException
    {
        final AerieClient first = aerie.newClient(invoker());
        final AerieClient second = aerie.newClient(invoker());
        final LeaderLatch leader = new LeaderLatch(first, "/election");
        leader.start();
        assertTrue(leader.awaitLeadership(10, TimeUnit.SECONDS));
        final LeaderLatch other = new LeaderLatch(second, "/election");
        other.start();

        aerie.advanceTime(1, TimeUnit.HOURS);
        drain(first, second);

        assertTrue(leader.hasLeadership());
        assertFalse(other.hasLeadership());
    }

    /**
     * Records gains and losses as text.
     */
    static final class Recording implements LeadershipListener
    {
        final List<String> events = new ArrayList<>();

        @Override
        public void onLeadershipGained(final long fencingToken)
        {
            events.add("gained " + fencingToken);
        }

        @Override
        public void onLeadershipLost(final long fencingToken, final LeadershipLoss reason)
        {
            events.add("lost " + fencingToken + " " + reason);
        }
    }
}
