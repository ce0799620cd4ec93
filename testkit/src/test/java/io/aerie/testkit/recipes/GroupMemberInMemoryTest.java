package io.aerie.testkit.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.recipes.GroupMember;
import io.aerie.codecs.model.Stat;
import io.aerie.testkit.InMemoryAerie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.aerie.testkit.recipes.Steps.drain;
import static io.aerie.testkit.recipes.Steps.invoker;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link GroupMember} on the in-memory cluster: members listed while their sessions live, dropped when one expires,
 * a node deleted by someone else created again, and an id taken over only once the previous session's node goes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupMemberInMemoryTest
{
    private final InMemoryAerie aerie = InMemoryAerie.launch();

    @AfterEach
    void close()
    {
        aerie.close();
    }

    @Test
    void shouldListMembersAndDropTheOneWhoseSessionExpires() throws AerieException
    {
        final AerieClient observer = aerie.newClient(invoker());
        final AerieClient aliceClient = aerie.newClient(invoker());
        final GroupMember alice = register(aliceClient, "alice");
        final GroupMember bob = register(aerie.newClient(invoker()), "bob");
        final List<String> before = observer.getChildren("/group");

        aerie.expireSession(aliceClient);
        drain(aliceClient);

        assertEquals(List.of("alice", "bob"), before);
        assertEquals(List.of("bob"), observer.getChildren("/group"));
        assertEquals(GroupMember.State.SESSION_ENDED, alice.state());
        assertFalse(alice.isRegistered());
        assertTrue(bob.isRegistered());
    }

    @Test
    void shouldCreateItsNodeAgainWhenSomeoneElseDeletesIt() throws AerieException
    {
        final AerieClient memberClient = aerie.newClient(invoker());
        final AerieClient other = aerie.newClient(invoker());
        final GroupMember member = register(memberClient, "alice");
        final Stat first = other.exists("/group/alice");

        other.delete("/group/alice", -1);
        drain(memberClient);

        assertTrue(member.awaitRegistered(10, TimeUnit.SECONDS));
        final Stat again = other.exists("/group/alice");
        assertNotEquals(first.czxid(), again.czxid());
        assertEquals(memberClient.sessionId(), again.ephemeralOwner());
        assertArrayEquals(payload("alice"), other.getData("/group/alice"));
    }

    @Test
    void shouldTakeAnIdOnlyOnceThePreviousSessionsNodeHasGone() throws AerieException
    {
        final AerieClient oldClient = aerie.newClient(invoker());
        register(oldClient, "alice");
        final AerieClient newClient = aerie.newClient(invoker());
        final GroupMember replacement = new GroupMember(newClient, "/group", "alice", payload("alice"));
        replacement.start();
        drain(newClient);
        final boolean registeredWhileOldLives = replacement.isRegistered();

        aerie.expireSession(oldClient);

        assertFalse(registeredWhileOldLives);
        assertTrue(replacement.awaitRegistered(10, TimeUnit.SECONDS));
        assertEquals(newClient.sessionId(), newClient.exists("/group/alice").ephemeralOwner());
    }

    private static GroupMember register(final AerieClient client, final String id)
    {
        final GroupMember member = new GroupMember(client, "/group", id, payload(id));
        member.start();
        assertTrue(member.awaitRegistered(10, TimeUnit.SECONDS));
        return member;
    }

    private static byte[] payload(final String id)
    {
        return id.getBytes(StandardCharsets.UTF_8);
    }
}
