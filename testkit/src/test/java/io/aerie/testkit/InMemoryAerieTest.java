package io.aerie.testkit;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.WatchedEvent;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;
import io.aerie.engine.acl.AuthSchemes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-memory cluster itself: requests reach the real state machine, time moves only when the test says, sessions
 * of connected clients live through any jump, and expiry, a cut connection and a leader change behave as on a real
 * cluster. Invoker-mode clients driven from the test's thread: every step is deterministic, no waiting.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InMemoryAerieTest
{
    private static final int SESSION_MS = 5_000;

    private final InMemoryAerie aerie = InMemoryAerie.launch();

    @AfterEach
    void close()
    {
        aerie.close();
    }

    @Test
    void shouldApplyRequestsWithTheStateMachinesVersionsAndSequentialNames() throws AerieException
    {
        final AerieClient client = aerie.newClient(invoker());

        client.create("/app", bytes("v0"));
        final Stat stat = client.setData("/app", bytes("v1"), 0);
        final String first = client.create("/app/job-", null, AclList.openAclUnsafe(), CreateMode.PERSISTENT_SEQUENTIAL, -1);
        final String second = client.create("/app/job-", null, AclList.openAclUnsafe(), CreateMode.PERSISTENT_SEQUENTIAL, -1);

        assertEquals(1, stat.version());
        assertEquals("/app/job-0000000000", first);
        assertEquals("/app/job-0000000001", second);
        assertArrayEquals(bytes("v1"), client.getData("/app"));
        assertEquals(ResultCode.BAD_VERSION, assertThrows(AerieException.class,
            () -> client.setData("/app", bytes("v2"), 0)).code());
    }

    @Test
    void shouldStampNodesWithTheClusterClockTheTestAdvances() throws AerieException
    {
        final AerieClient client = aerie.newClient(invoker());
        final long start = aerie.timeMs();

        client.create("/first", null);
        aerie.advanceTimeMs(1_234);
        client.create("/second", null);

        assertEquals(InMemoryAerie.Context.START_TIME_MS_DEFAULT, start);
        assertEquals(start, client.exists("/first").ctime());
        assertEquals(start + 1_234, client.exists("/second").ctime());
    }

    @Test
    void shouldKeepAConnectedSessionAliveHoweverFarTimeMoves() throws AerieException
    {
        final AerieClient client = aerie.newClient(invoker());
        client.create("/alive", null, AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1);

        aerie.advanceTime(10L * SESSION_MS, TimeUnit.MILLISECONDS);
        client.poll();

        assertEquals(SessionState.CONNECTED, client.state());
        assertNotNull(client.exists("/alive"));
    }

    @Test
    void shouldDeleteEphemeralsAndTellWatchersWhenASessionExpires() throws AerieException
    {
        final AerieClient owner = aerie.newClient(invoker());
        final AerieClient watcher = aerie.newClient(invoker());
        owner.create("/owned", null, AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1);
        final List<String> events = new ArrayList<>();
        watcher.exists("/owned", (event) -> events.add(describe(event)));

        aerie.expireSession(owner);
        owner.poll();
        watcher.poll();

        assertEquals(SessionState.EXPIRED, owner.state());
        assertEquals(List.of("NODE_DELETED /owned"), events);
        assertNull(watcher.exists("/owned"));
        assertEquals(SessionState.CONNECTED, watcher.state());
        assertEquals(ResultCode.SESSION_EXPIRED, assertThrows(AerieException.class,
            () -> owner.create("/late", null)).code());
    }

    @Test
    void shouldResumeTheSessionWhenACutOffClientComesBackInTime() throws AerieException
    {
        final AerieClient client = aerie.newClient(invoker());
        client.create("/kept", null, AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1);
        final long sessionId = client.sessionId();

        aerie.disconnect(client);
        client.poll();
        final SessionState whileCut = client.state();
        aerie.advanceTimeMs(SESSION_MS / 2);
        aerie.reconnect(client);
        client.poll();
        client.poll();

        assertEquals(SessionState.DISCONNECTED, whileCut);
        assertEquals(SessionState.CONNECTED, client.state());
        assertEquals(sessionId, client.sessionId());
        assertNotNull(client.exists("/kept"));
    }

    @Test
    void shouldExpireTheSessionOfAClientCutOffPastItsTimeout() throws AerieException
    {
        final AerieClient client = aerie.newClient(invoker());
        final AerieClient other = aerie.newClient(invoker());
        client.create("/gone", null, AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1);

        aerie.disconnect(client);
        aerie.advanceTimeMs(SESSION_MS);
        final boolean goneBeforeReconnect = null == other.exists("/gone");
        aerie.reconnect(client);
        client.poll();
        client.poll();

        assertTrue(goneBeforeReconnect);
        assertEquals(SessionState.EXPIRED, client.state());
    }

    @Test
    void shouldRemoveATtlNodeOnlyOnceTimeHasPassedItsTtl() throws AerieException
    {
        final AerieClient client = aerie.newClient(invoker());
        client.create("/ttl", null, AclList.openAclUnsafe(), CreateMode.PERSISTENT_WITH_TTL, 2_000);

        aerie.advanceTimeMs(1_000);
        final boolean before = null != client.exists("/ttl");
        aerie.advanceTimeMs(5_000);

        assertTrue(before);
        assertNull(client.exists("/ttl"));
    }

    @Test
    void shouldAnswerARequestWhoseAnswerALeaderChangeLostWithoutApplyingItTwice() throws AerieException
    {
        final AerieClient client = aerie.newClient(invoker());
        client.create("/counter", null);
        final List<ResultCode> answers = new ArrayList<>();
        client.setData("/counter", null, 0, 0, 0, (response) -> answers.add(response.code()));

        aerie.electNewLeader();
        while (client.pendingRequests() > 0)
        {
            client.poll();
        }

        assertEquals(List.of(ResultCode.OK), answers);
        assertEquals(1, client.exists("/counter").version());
        assertEquals(1, client.leaderMemberId());
    }

    @Test
    void shouldServeClientsInTheDefaultThreadingMode() throws AerieException
    {
        final AerieClient first = aerie.newClient();
        final AerieClient second = aerie.newClient();

        first.create("/shared", bytes("hello"));

        assertArrayEquals(bytes("hello"), second.getData("/shared"));
        assertNotEquals(first.sessionId(), second.sessionId());
    }

    @Test
    void shouldAuthenticateConnectionsAsANodeDoes() throws AerieException
    {
        final AerieClient.Context clientCtx2 = invoker();
        clientCtx2.session().digestAuth("alice:secret");
        final AerieClient alice = aerie.newClient(clientCtx2);
        final AerieClient anonymous = aerie.newClient(invoker());
        final AclList aliceOnly = new AclList().add(AclList.ALL, "digest", AuthSchemes.generateDigest("alice:secret"));

        alice.create("/private", bytes("x"), aliceOnly, CreateMode.PERSISTENT, -1);

        assertArrayEquals(bytes("x"), alice.getData("/private"));
        assertEquals(ResultCode.NO_AUTH, assertThrows(AerieException.class, () -> anonymous.getData("/private")).code());
    }

    private static AerieClient.Context invoker()
    {
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.session().sessionTimeoutMs(SESSION_MS);
        return clientCtx;
    }

    private static String describe(final WatchedEvent event)
    {
        return event.type() + " " + event.path();
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
