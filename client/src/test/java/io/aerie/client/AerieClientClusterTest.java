package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.model.Stat;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client against a real one-node Aerie cluster on loopback: every operation end to end.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AerieClientClusterTest
{
    private static final int PORT_BASE = 25000;
    private static final AclList OPEN = AclList.openAclUnsafe();

    @TempDir
    File tempDir;

    private TestClusters.ClusterWithClient cluster;
    private AerieClient client;
    private AerieClient other;

    @BeforeEach
    void start() throws AerieException
    {
        cluster = TestClusters.ClusterWithClient.launch(1, PORT_BASE, tempDir);
        client = cluster.client();
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(other, cluster);
    }

    @Test
    void shouldOpenSessionWithGrantedTimeout()
    {
        assertEquals(SessionState.CONNECTED, client.state());
        assertTrue(client.sessionId() > 0);
        assertEquals(10_000, client.sessionTimeoutMs());
    }

    @Test
    void shouldCreateReadUpdateAndDelete() throws AerieException
    {
        assertEquals("/app", client.create("/app", bytes("v1")));
        final Stat stat = new Stat();
        assertArrayEquals(bytes("v1"), client.getData("/app", stat));
        assertEquals(0, stat.version());

        assertEquals(1, client.setData("/app", bytes("v2"), 0).version());
        assertArrayEquals(bytes("v2"), client.getData("/app"));

        final AerieException badVersion = assertThrows(AerieException.class, () -> client.setData("/app", bytes("x"), 0));
        assertEquals(ResultCode.BAD_VERSION, badVersion.code());

        client.delete("/app", 1);
        assertNull(client.exists("/app"));
        assertEquals(ResultCode.NO_NODE, assertThrows(AerieException.class, () -> client.getData("/app")).code());
    }

    @Test
    void shouldCreateSequentialAndListChildrenSorted() throws AerieException
    {
        client.create("/q", null);
        assertEquals("/q/n-0000000000", client.create("/q/n-", null, OPEN, CreateMode.PERSISTENT_SEQUENTIAL, -1));
        assertEquals("/q/n-0000000001", client.create("/q/n-", null, OPEN, CreateMode.PERSISTENT_SEQUENTIAL, -1));
        client.create("/q/a", null);

        assertEquals(List.of("a", "n-0000000000", "n-0000000001"), client.getChildren("/q"));
        assertEquals(3, client.getAllChildrenNumber("/q"));
        // As ZooKeeper 3.9.5 (checked against a real server: 7): the reserved /zookeeper, /zookeeper/quota and
        // /zookeeper/config count too.
        assertEquals(7, client.getAllChildrenNumber("/"));
    }

    @Test
    void shouldSetAndGetAcl() throws AerieException
    {
        client.create("/secure", null);
        // READ and ADMIN for bob, READ for everyone: getACL then needs READ, and shows bob's hash only to ADMIN.
        final AclList acl = new AclList()
            .add(AclList.READ | AclList.ADMIN, "digest", "bob:hash")
            .add(AclList.READ, "world", "anyone");
        assertEquals(1, client.setAcl("/secure", acl, 0).aversion());
        assertEquals(new AclList()
            .add(AclList.READ | AclList.ADMIN, "digest", "bob:x")
            .add(AclList.READ, "world", "anyone"), client.getAcl("/secure"));
    }

    @Test
    void shouldRefuseBadInputWithClearCodes() throws AerieException
    {
        assertEquals("Invalid path string \"/a/../b\" caused by relative paths not allowed @4",
            assertThrows(IllegalArgumentException.class, () -> client.create("/a/../b", null)).getMessage());
        assertEquals(ResultCode.NO_NODE, assertThrows(AerieException.class, () -> client.create("/no/parent", null)).code());
        client.create("/dup", null);
        assertEquals(ResultCode.NODE_EXISTS, assertThrows(AerieException.class, () -> client.create("/dup", null)).code());
        assertEquals(ResultCode.BAD_ARGUMENTS, assertThrows(AerieException.class,
            () -> client.create("/ttl", null, OPEN, CreateMode.PERSISTENT_WITH_TTL, -1)).code());
        client.sync("/");
        assertEquals(List.of("dup", "zookeeper"), client.getChildren("/"), "the reserved /zookeeper is always there");
    }

    @Test
    void shouldApplyMultiAtomically() throws AerieException
    {
        client.create("/m", bytes("v0"));
        final org.agrona.concurrent.UnsafeBuffer data = new org.agrona.concurrent.UnsafeBuffer(bytes("v1"));
        final MultiOps ops = new MultiOps()
            .check("/m", 0)
            .create("/m/a", data, 0, 2, OPEN, CreateMode.PERSISTENT, -1)
            .create("/m/s-", data, 0, 2, OPEN, CreateMode.PERSISTENT_SEQUENTIAL, -1)
            .setData("/m", data, 0, 2, 0);
        final List<String> paths = new java.util.ArrayList<>();
        client.multi(ops).forEach(result -> paths.add(result.path()));
        assertEquals(java.util.Arrays.asList(null, "/m/a", "/m/s-0000000001", null), paths);
        assertArrayEquals(bytes("v1"), client.getData("/m"));

        ops.clear()
            .create("/m/b", data, 0, 2, OPEN, CreateMode.PERSISTENT, -1)
            .delete("/m/a", 7);
        assertEquals(ResultCode.BAD_VERSION, assertThrows(AerieException.class, () -> client.multi(ops)).code());
        assertNull(client.exists("/m/b"), "nothing of a failed multi is applied");
        assertEquals(List.of("a", "s-0000000001"), client.getChildren("/m"));
    }

    @Test
    void shouldDeleteEphemeralsWhenSessionCloses() throws AerieException
    {
        other = AerieClient.connect(cluster.clientContext());
        other.create("/e", null, OPEN, CreateMode.EPHEMERAL, -1);
        assertEquals(List.of("/e"), other.getEphemerals("/"));
        assertEquals(other.sessionId(), client.exists("/e").ephemeralOwner());

        other.close();
        other = null;
        assertNull(client.exists("/e"));
    }

    @Test
    void shouldExpireSilentSessionAndItsEphemeralsTogether() throws AerieException
    {
        final SessionState[] otherState = { SessionState.CONNECTED };
        final AerieClient.Context clientCtx5 = cluster.clientContext();
        clientCtx5.session().sessionTimeoutMs(300);
        clientCtx5.sessionListener((state, id) -> otherState[0] = state);
        other = AerieClient.connect(clientCtx5);
        assertEquals(300, other.sessionTimeoutMs());
        other.create("/lease", null, OPEN, CreateMode.EPHEMERAL, -1);
        assertNotNull(client.exists("/lease"));

        // The other client stops polling, so sends no keepalives: its session must expire on the cluster.
        TestClusters.awaitCondition("the ephemeral to vanish", () -> existsQuietly("/lease"), client);

        TestClusters.awaitCondition("the silent client to learn of its expiry",
            () -> SessionState.EXPIRED == otherState[0], other);
        assertEquals(ResultCode.SESSION_EXPIRED, assertThrows(AerieException.class, () -> other.create("/x", null)).code());
    }

    @Test
    void shouldKeepPolledSessionAliveWhileSilentOneExpires() throws AerieException
    {
        final AerieClient.Context clientCtx4 = cluster.clientContext();
        clientCtx4.session().sessionTimeoutMs(1_000);
        // 1 s rather than the 100 ms minimum: long enough that a loaded 2-core machine does not starve the polled
        // client's keepalives, short enough that the silent session expires within the test's deadline.
        other = AerieClient.connect(clientCtx4);
        other.create("/kept", null, OPEN, CreateMode.EPHEMERAL, -1);
        final AerieClient.Context clientCtx3 = cluster.clientContext();
        clientCtx3.session().sessionTimeoutMs(1_000);
        final AerieClient silent = AerieClient.connect(clientCtx3);
        try
        {
            silent.create("/dropped", null, OPEN, CreateMode.EPHEMERAL, -1);

            // Only `other` is polled (it sends keepalives): the silent session with the same timeout must expire
            // first, proving expiry ran, while the polled one and its ephemeral stay.
            TestClusters.awaitCondition("the silent session's ephemeral to vanish", () -> existsQuietly("/dropped"), other);
            assertEquals(SessionState.CONNECTED, other.state());
            assertNotNull(client.exists("/kept"));
        }
        finally
        {
            silent.close();
        }
    }

    @Test
    void shouldSendTheCloseAfterRequestsQueuedBeyondMaxInFlight() throws AerieException
    {
        final AerieClient.Context clientCtx2 = cluster.clientContext();
        clientCtx2.session().sessionTimeoutMs(40_000);
        // A 40 s session cannot expire within the wait below: the ephemeral can only go because the close went out.
        other = AerieClient.connect(clientCtx2);
        other.create("/closing", null, OPEN, CreateMode.EPHEMERAL, -1);
        final ResponseHandler ignore = response -> {};
        for (int i = 0; i < 40; i++)
        {
            other.getDataAsync("/closing", ignore);
        }
        assertTrue(other.pendingRequests() > 16, "requests queued behind maxInFlight");

        other.close();

        assertEquals(SessionState.CLOSED, other.state());
        TestClusters.awaitCondition("the closed session's ephemeral to vanish", () -> existsQuietly("/closing"), client);
    }

    @Test
    void shouldAnswerAsynchronousRequestsInOrder() throws AerieException
    {
        client.create("/async", null);
        final long[] answered = new long[3];
        final int[] count = { 0 };
        final ResponseHandler handler = response -> answered[count[0]++] = response.correlationId();
        final org.agrona.concurrent.UnsafeBuffer data = new org.agrona.concurrent.UnsafeBuffer(bytes("x"));
        final long first = client.setData("/async", data, 0, 1, -1, handler);
        final long second = client.getDataAsync("/async", handler);
        final long third = client.existsAsync("/async", handler);

        TestClusters.awaitCondition("three answers", () -> 3 == count[0], client);
        assertArrayEquals(new long[]{ first, second, third }, answered);
        assertEquals(0, client.pendingRequests());
    }

    @Test
    void shouldQueueRequestsBeyondMaxInFlightAndApplyEachOnce() throws AerieException
    {
        client.create("/burst", null);
        final int[] ok = { 0 };
        final ResponseHandler handler = response ->
        {
            if (ResultCode.OK == response.code())
            {
                ok[0]++;
            }
        };
        final org.agrona.concurrent.UnsafeBuffer data = new org.agrona.concurrent.UnsafeBuffer(bytes("x"));
        for (int i = 0; i < 50; i++)
        {
            client.setData("/burst", data, 0, 1, -1, handler);
        }
        assertEquals(50, client.pendingRequests());
        assertEquals(ClientRequests.Configuration.MAX_IN_FLIGHT_DEFAULT, client.inFlight(), "the rest wait their turn");

        TestClusters.awaitCondition("fifty answers", () -> 50 == ok[0], client);
        assertEquals(50, client.exists("/burst").version());
    }

    @Test
    void shouldApplyTheWritesOfAClientThatTakesTheSessionOver() throws AerieException
    {
        client.create("/moved", bytes("0"));
        for (int i = 1; i <= 5; i++)
        {
            client.setData("/moved", bytes(String.valueOf(i)), -1);
        }

        final AerieClient.Context clientCtx = cluster.clientContext();
        clientCtx.session().resumeSession(client.sessionId(), client.sessionPassword());
        other = AerieClient.connect(clientCtx);

        assertEquals(client.sessionId(), other.sessionId());
        assertEquals(6, other.setData("/moved", bytes("taken over"), -1).version(),
            "applied, not answered as a resend of the first client's write with the same correlation id");
        assertArrayEquals(bytes("taken over"), other.getData("/moved"));
    }

    private boolean existsQuietly(final String path)
    {
        try
        {
            return null == client.exists(path);
        }
        catch (final AerieException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static byte[] bytes(final String value)
    {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
