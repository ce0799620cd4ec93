package io.aerie.reliability;

import io.aerie.client.AerieClient;
import io.aerie.engine.node.ClusterTiming;
import io.aerie.engine.node.NodeCounters;
import io.aerie.reliability.cluster.NodeCluster;
import io.aerie.reliability.workload.ClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every node process stopped (SIGSTOP) for 2.5 times the leader heartbeat timeout, then resumed: what a starved
 * machine or a JVM-wide pause does to a cluster on one host ({@code aerie local} runs its nodes in one JVM). Each
 * consensus module wakes with heartbeats and positions waiting unread; none may take the silence as the others'
 * and start an election. The heartbeat timeout is 2 s here rather than the default 1 s, so that a stall of one
 * process on a loaded machine (which is not absorbed by its peers) is unlikely to add an election of its own.
 */
@Tag("slow")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class StallClusterTest
{
    /** Member i: 7750 + 100 i + 0..7, within this suite's 7500-7999 (aerie local runs by hand use 7500). */
    private static final int PORT_BASE = 7750;
    private static final long HEARTBEAT_TIMEOUT_MS = 2_000;
    private static final long STALL_MS = 5_000;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);

    @TempDir
    File tempDir;

    private NodeCluster cluster;
    private ClientFactory clients;

    @AfterEach
    void tearDown()
    {
        if (null != clients)
        {
            clients.close();
        }
        if (null != cluster)
        {
            cluster.close();
            cluster.copyLogs(new File("target/StallClusterTest-logs"));
        }
    }

    @Test
    void shouldKeepTheLeaderAndTermWhenEveryNodeStallsPastTheHeartbeatTimeout() throws Exception
    {
        cluster = new NodeCluster(3, PORT_BASE, new File(tempDir, "nodes"), null, Map.of(
            ClusterTiming.Configuration.LEADER_HEARTBEAT_TIMEOUT_PROP_NAME, HEARTBEAT_TIMEOUT_MS + "ms"));
        cluster.start();
        final int leader = cluster.awaitStableLeader(TIMEOUT_NS);
        final long term = value(leader, NodeCounters.Metric.LEADERSHIP_TERM_ID);
        final long[] electionsBefore = new long[3];
        for (int i = 0; i < 3; i++)
        {
            electionsBefore[i] = value(i, NodeCounters.Metric.ELECTIONS);
        }
        clients = new ClientFactory(cluster.ingressEndpoints(), cluster.clientHost(),
            new File(tempDir, "client-driver").getPath(), 30_000, TimeUnit.SECONDS.toNanos(30));

        try (AerieClient client = clients.connect(TIMEOUT_NS))
        {
            client.create("/before", "x".getBytes(StandardCharsets.UTF_8));
            cluster.pauseAll();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(STALL_MS)); // the fault itself: held for its length
            cluster.resumeAll();
            awaitEveryNodeSawItsStall();
            // A write after the stall reaches every member: each consensus module has been through its timeout
            // checks since it woke.
            client.create("/after", "x".getBytes(StandardCharsets.UTF_8));
            assertTrue(cluster.awaitCaughtUp(TIMEOUT_NS), "members caught up");
        }

        for (int i = 0; i < 3; i++)
        {
            assertEquals(term, value(i, NodeCounters.Metric.LEADERSHIP_TERM_ID), "term of node " + i);
            assertEquals(electionsBefore[i], value(i, NodeCounters.Metric.ELECTIONS), "elections of node " + i);
        }
    }

    private void awaitEveryNodeSawItsStall()
    {
        final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
        for (int i = 0; i < 3; i++)
        {
            while (value(i, NodeCounters.Metric.CONSENSUS_LONGEST_STALL_NS) < TimeUnit.MILLISECONDS.toNanos(STALL_MS / 2))
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, "node " + i + " never counted its stall");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    private long value(final int member, final NodeCounters.Metric metric)
    {
        final NodeCounters counters = cluster.counters(member);
        return null == counters ? -1 : counters.value(metric, -1);
    }
}
