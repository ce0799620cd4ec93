package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;
import io.aerie.engine.node.AerieNode;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client against three node processes ({@link AerieNode#main(String[])}, one JVM each): the leader's process
 * is killed with {@code kill -9}, the client carries on through the election with its session and ephemeral,
 * nothing acknowledged is lost or applied twice, and the killed member restarts and is a member again: with
 * another member killed, the cluster can only commit with it.
 * <p>
 * The processes are a {@link NodeProcessCluster}.
 */
@Tag("slow")
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class AerieClientProcessFailoverClusterTest
{
    private static final int PORT_BASE = 26400;
    private static final int NODES = 3;
    private static final long STEP_TIMEOUT_NS = TestClusters.STEP_TIMEOUT_NS;
    private static final long START_TIMEOUT_NS = NodeProcessCluster.START_TIMEOUT_NS;

    @TempDir
    File tempDir;

    private NodeProcessCluster nodes;
    private AerieClient client;

    @BeforeEach
    void createNodes()
    {
        nodes = new NodeProcessCluster(
            NODES, PORT_BASE, tempDir, AerieNode.class.getName(), (memberId) -> new Properties());
    }

    @AfterEach
    @Timeout(value = 360, unit = TimeUnit.SECONDS)
    void stop() throws InterruptedException
    {
        CloseHelper.quietClose(client);
        nodes.close();
    }

    @Test
    void shouldKeepWritesSessionAndEphemeralWhenTheLeaderProcessIsKilledAndRestarted() throws Exception
    {
        try
        {
            killLeaderWriteThroughAndRestart();
        }
        catch (final Throwable t)
        {
            t.addSuppressed(new AssertionError("node process output:\n" + nodes.processLogs()));
            throw t;
        }
    }

    private void killLeaderWriteThroughAndRestart() throws Exception
    {
        // 1. Three node processes, all in an established term, then a client.
        nodes.startAll();
        awaitCondition(
            "a leader and two followers among the node processes", START_TIMEOUT_NS, () -> nodes.leaderProcess() >= 0);
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.connection()
            .ingressEndpoints(nodes.ingressEndpoints())
            .ingressChannel("aeron:udp?term-length=16m")
            .egressChannel("aeron:udp?endpoint=localhost:0|term-length=16m");
        clientCtx.requests().requestTimeoutNs(STEP_TIMEOUT_NS);
        clientCtx.session().sessionTimeoutMs(10_000);
        client = connect(clientCtx);

        // 2. Writes acknowledged before the failover, and an ephemeral.
        client.create("/log", null);
        final List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            acknowledged.add(createSequential());
        }
        client.create("/leader-lease", null, AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1);
        final long sessionId = client.sessionId();
        assertEquals(sessionId, client.exists("/leader-lease").ephemeralOwner());

        // 3. kill -9 of the leader's process. On a loaded machine a stall can move the leadership at any time (the
        // nodes' failure detector cannot tell a stall from a crash): wait until the client's leader is the process
        // that leads, so that the kill is of the leader the client writes to.
        awaitCondition("the client's leader to be the process that leads",
            () -> client.leaderMemberId() == nodes.leaderProcess());
        final int oldLeader = client.leaderMemberId();
        final long killNs = System.nanoTime();
        nodes.kill(oldLeader, STEP_TIMEOUT_NS);
        final long exitedNs = System.nanoTime();

        // 4. The same client keeps writing: blocking calls ride through the election.
        for (int i = 0; i < 20; i++)
        {
            acknowledged.add(createSequential());
            if (0 == i)
            {
                final long ackNs = System.nanoTime();
                System.out.printf(
                    "AerieClientProcessFailoverClusterTest: leader %d killed; process gone after %d ms, " +
                    "next write acknowledged %d ms after the kill (new leader %d)%n",
                    oldLeader,
                    TimeUnit.NANOSECONDS.toMillis(exitedNs - killNs),
                    TimeUnit.NANOSECONDS.toMillis(ackNs - killNs),
                    client.leaderMemberId());
            }
        }
        assertNotEquals(oldLeader, client.leaderMemberId());
        assertAcknowledgedExactlyOnce(acknowledged, 40);
        assertSession(sessionId);

        // 5. Restart the killed member: same properties, its stale mark files removed at start.
        nodes.start(oldLeader);
        awaitCondition("restarted member " + oldLeader + " following in an established term", START_TIMEOUT_NS,
            () -> nodes.isFollowing(oldLeader));
        client.create("/after-restart", null);
        final long digest = client.digest();
        final int leader = client.leaderMemberId();
        final long leaderCommitPosition = nodes.commitPositionOf(leader);
        awaitCondition("restarted member " + oldLeader + " at the leader's commit position " + leaderCommitPosition,
            () -> nodes.commitPositionOf(oldLeader) >= leaderCommitPosition);
        assertEquals(digest, client.digest(), "no write between the digests");
        assertTrue(nodes.isAlive(oldLeader), "restarted member is alive");

        // The restarted member is a member again: with the third member killed, nothing commits without it.
        int third = 0;
        while (third == oldLeader || third == leader)
        {
            third++;
        }
        nodes.kill(third, STEP_TIMEOUT_NS);
        final long thirdKilledNs = System.nanoTime();
        for (int i = 0; i < 2; i++)
        {
            acknowledged.add(createSequential());
        }
        System.out.printf(
            "AerieClientProcessFailoverClusterTest: member %d killed, members %d (restarted) and %d commit; " +
            "two writes in %d ms%n",
            third, oldLeader, client.leaderMemberId(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - thirdKilledNs));
        assertAcknowledgedExactlyOnce(acknowledged, 42);
        assertSession(sessionId);
        assertTrue(nodes.isAlive(oldLeader), "restarted member is alive");
        assertNotNull(client.exists("/after-restart"));
    }

    private String createSequential() throws AerieException
    {
        return client.create("/log/e-", null, AclList.openAclUnsafe(), CreateMode.PERSISTENT_SEQUENTIAL, -1);
    }

    private void assertAcknowledgedExactlyOnce(final List<String> acknowledged, final int count) throws AerieException
    {
        assertEquals(count, acknowledged.size());
        assertEquals(count, new HashSet<>(acknowledged).size(), "acknowledged paths are distinct");
        final List<String> children = client.getChildren("/log");
        assertEquals(count, children.size(), "children of /log: " + children);
        assertEquals(count, new HashSet<>(children).size(), "children of /log are distinct");
        for (final String path : acknowledged)
        {
            assertTrue(children.contains(path.substring("/log/".length())), path);
        }
        assertEquals(count, client.exists("/log").cversion(), "no create was applied twice");
    }

    private void assertSession(final long sessionId) throws AerieException
    {
        assertEquals(sessionId, client.sessionId());
        final Stat lease = client.exists("/leader-lease");
        assertNotNull(lease, "the ephemeral outlived the failover");
        assertEquals(sessionId, lease.ephemeralOwner());
        assertEquals(SessionState.CONNECTED, client.state());
    }

    private AerieClient connect(final AerieClient.Context ctx)
    {
        final long deadlineNs = System.nanoTime() + STEP_TIMEOUT_NS;
        while (true)
        {
            try
            {
                return AerieClient.connect(ctx);
            }
            catch (final AerieException | RuntimeException ex)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new AssertionError("no client connection; node process output:\n" + nodes.processLogs(), ex);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }

    /**
     * Wait for the condition, polling the client (if connected) so its session stays alive.
     */
    private void awaitCondition(final String what, final BooleanSupplier condition)
    {
        awaitCondition(what, STEP_TIMEOUT_NS, condition);
    }

    private void awaitCondition(final String what, final long timeoutNs, final BooleanSupplier condition)
    {
        nodes.awaitCondition(what, timeoutNs, condition, () ->
        {
            if (null != client)
            {
                client.poll();
            }
        });
    }
}
