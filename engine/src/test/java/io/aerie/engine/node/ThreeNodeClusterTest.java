package io.aerie.engine.node;

import io.aeron.cluster.ElectionState;
import io.aeron.exceptions.TimeoutException;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@Tag("slow")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ThreeNodeClusterTest
{
    private static final int PORT_BASE = 24200;
    private static final long STEP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    File tempDir;

    private final ClusterErrors errors = new ClusterErrors();
    private LocalCluster cluster;
    private EchoClient client;

    @BeforeEach
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void startClusterAndClient()
    {
        cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(3)
            .portBase(PORT_BASE)
            .dir(new File(tempDir, "cluster"))
            .clusteredServiceSupplier(EchoService::new)
            .errorHandler(errors));
        cluster.findLeader(deadline());
        client = EchoClient.connect(cluster, errors, deadline());
    }

    @AfterEach
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void closeAndCheckErrors()
    {
        CloseHelper.closeAll(client, cluster);
        errors.assertNone();
    }

    @Test
    void shouldElectNewLeaderAndKeepServingTheClientWhenTheLeaderStops()
    {
        assertEcho("before failover");
        final long sessionId = client.clusterSessionId();
        final int oldLeaderId = cluster.findLeader(deadline()).memberId();

        final long stopNs = System.nanoTime();
        cluster.stopNode(oldLeaderId);
        final AerieNode newLeader = cluster.findLeader(deadline());
        final long electedNs = System.nanoTime();
        assertEcho("after failover");
        final long echoNs = System.nanoTime();

        System.out.printf(
            "ThreeNodeClusterTest failover: leader %d stopped, node %d leader after %d ms, client echo after %d ms%n",
            oldLeaderId, newLeader.memberId(),
            TimeUnit.NANOSECONDS.toMillis(electedNs - stopNs), TimeUnit.NANOSECONDS.toMillis(echoNs - stopNs));
        assertNotEquals(oldLeaderId, newLeader.memberId());
        assertEquals(sessionId, client.clusterSessionId());
    }

    @Test
    void shouldCatchUpARestartedNodeSoItCanFormTheNextQuorum()
    {
        final AerieNode leader = cluster.findLeader(deadline());
        final int followerId = (leader.memberId() + 1) % 3;
        assertEcho("with three");

        cluster.stopNode(followerId);
        // The restarted follower must catch up on a message as large as the largest znode.
        final byte[] missed = new byte[1024 * 1024];
        for (int i = 0; i < missed.length; i++)
        {
            missed[i] = (byte)(i * 7 + (i >>> 10));
        }
        assertArrayEquals(missed, client.echo(missed, deadline()));
        final AerieNode restarted = cluster.restartNode(followerId);
        awaitCaughtUp(restarted);

        // On a loaded machine a stall can have moved the leadership since the start (the election is not this test's
        // fault to find): stop whoever leads now, or, should that be the restarted node, the first leader. Either way
        // the restarted node is one of the two members left, which must form the next quorum.
        final int current = cluster.findLeader(deadline()).memberId();
        final int stopped = current != followerId ? current : leader.memberId();
        cluster.stopNode(stopped);
        final AerieNode newLeader = cluster.findLeader(deadline());
        assertEcho("with the restarted node in the quorum");
        assertNotEquals(stopped, newLeader.memberId());
    }

    private void assertEcho(final String text)
    {
        final byte[] message = text.getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(message, client.echo(message, deadline()));
    }

    /**
     * Wait until the node is in the current term (election closed) with the log the leader has committed; the leader
     * is looked up on each check, as it may change meanwhile on a loaded machine (the node may even become it).
     */
    private void awaitCaughtUp(final AerieNode node)
    {
        final long deadlineNs = deadline();
        while (true)
        {
            final AerieNode leader = cluster.findLeader(deadlineNs);
            if (ElectionState.CLOSED == node.electionState() && node.commitPosition() >= leader.commitPosition())
            {
                return;
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new TimeoutException("node " + node.memberId() + " did not catch up: " + node.role() + "/" +
                    node.electionState() + " at " + node.commitPosition() + ", leader at " + leader.commitPosition());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static long deadline()
    {
        return System.nanoTime() + STEP_TIMEOUT_NS;
    }
}
