package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.Stat;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group membership against a real 3-node cluster: a member's ephemeral node with its payload, deleted on close,
 * created again when someone else deletes it, an id held by another session taken only once that session's node is
 * gone, and a member out for good when its session expires, replaced by a new client's member with the same id.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupMemberClusterTest
{
    private static final int PORT_BASE = 32400;

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
    void shouldRegisterWithItsPayloadAndDeregisterOnClose() throws AerieException
    {
        final AerieClient client = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient observer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final GroupMember member = new GroupMember(client, "/groups/workers", "w1", bytes("host-a:7000"));

        member.start();
        assertTrue(member.awaitRegistered(30, TimeUnit.SECONDS));

        final Stat stat = new Stat();
        assertArrayEquals(bytes("host-a:7000"), observer.getData("/groups/workers/w1", stat));
        assertEquals(client.sessionId(), stat.ephemeralOwner(), "ephemeral, owned by the member's session");
        member.setPayload(bytes("host-a:7001"));
        RecipeCluster.await("the payload written", () -> "host-a:7001".equals(data(observer, "/groups/workers/w1")),
            client, observer);

        member.close();
        member.close();
        assertFalse(member.isRegistered());
        assertEquals(GroupMember.State.CLOSED, member.state());
        RecipeCluster.await("the node deleted", () -> null == data(observer, "/groups/workers/w1"), client, observer);
    }

    @Test
    void shouldRegisterAgainWhenItsNodeIsDeletedBySomeoneElse() throws AerieException
    {
        final AerieClient client = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient admin = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final GroupMember member = new GroupMember(client, "/groups/deleted", "w1", bytes("p"));
        member.start();
        assertTrue(member.awaitRegistered(30, TimeUnit.SECONDS));
        final long firstCzxid = admin.exists("/groups/deleted/w1").czxid();

        admin.delete("/groups/deleted/w1", -1);

        RecipeCluster.await("the node created again",
            () -> member.isRegistered() && null != stat(admin, "/groups/deleted/w1"), client, admin);
        assertNotEquals(firstCzxid, admin.exists("/groups/deleted/w1").czxid());
        assertEquals("p", data(admin, "/groups/deleted/w1"));
    }

    @Test
    void shouldTakeAnIdHeldByAnotherSessionOnlyOnceItsNodeIsGone() throws AerieException
    {
        final AerieClient firstClient = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient secondClient = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final GroupMember first = new GroupMember(firstClient, "/groups/same-id", "w1", bytes("first"));
        final GroupMember second = new GroupMember(secondClient, "/groups/same-id", "w1", bytes("second"));
        first.start();
        assertTrue(first.awaitRegistered(30, TimeUnit.SECONDS));

        second.start();
        assertFalse(second.awaitRegistered(300, TimeUnit.MILLISECONDS), "the id is held by another session");
        assertEquals("first", data(secondClient, "/groups/same-id/w1"), "never overwritten");

        first.close();
        assertTrue(second.awaitRegistered(30, TimeUnit.SECONDS));
        assertEquals("second", data(secondClient, "/groups/same-id/w1"));
        assertEquals(secondClient.sessionId(), secondClient.exists("/groups/same-id/w1").ephemeralOwner());
    }

    @Test
    void shouldBeOutWhenItsSessionExpiresAndLetANewClientTakeTheId() throws AerieException
    {
        // The long session first: a short one is not polled while another client connects.
        final AerieClient observer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient expiring = cluster.connect(RecipeCluster.SHORT_SESSION_MS);
        final GroupMember member = new GroupMember(expiring, "/groups/expiry", "w1", bytes("old"));
        member.start();
        assertTrue(member.awaitRegistered(30, TimeUnit.SECONDS));

        // The member's client is no longer polled: its session expires and the node goes with it.
        RecipeCluster.await("the node gone with the session", () -> null == data(observer, "/groups/expiry/w1"), observer);
        RecipeCluster.await("the member told", () -> GroupMember.State.STARTED != member.state(), expiring);
        assertEquals(GroupMember.State.SESSION_ENDED, member.state());
        assertFalse(member.isRegistered());
        assertFalse(member.awaitRegistered(0, TimeUnit.SECONDS));

        final GroupMember replacement = new GroupMember(
            cluster.connect(RecipeCluster.LONG_SESSION_MS), "/groups/expiry", "w1", bytes("new"));
        replacement.start();
        assertTrue(replacement.awaitRegistered(30, TimeUnit.SECONDS));
        assertEquals("new", data(observer, "/groups/expiry/w1"));
    }

    @Test
    void shouldWriteAPayloadSetBeforeTheRegistrationIsConfirmed() throws AerieException
    {
        final AerieClient client = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final GroupMember member = new GroupMember(client, "/groups/early-payload", "w1", bytes("v1"));
        member.start();
        member.setPayload(bytes("v2"));
        assertArrayEquals(bytes("v2"), member.payload());

        assertTrue(member.awaitRegistered(30, TimeUnit.SECONDS));
        RecipeCluster.await("the last payload written", () -> "v2".equals(data(client, "/groups/early-payload/w1")), client);
        assertNull(data(client, "/groups/early-payload/none"));
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return the node's data as text, or null if it does not exist.
     */
    static String data(final AerieClient client, final String path)
    {
        try
        {
            return new String(client.getData(path), StandardCharsets.UTF_8);
        }
        catch (final AerieException ex)
        {
            if (ResultCode.NO_NODE == ex.code())
            {
                return null;
            }
            throw new AssertionError(ex);
        }
    }

    private static Stat stat(final AerieClient client, final String path)
    {
        try
        {
            return client.exists(path);
        }
        catch (final AerieException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
