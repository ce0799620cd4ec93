package io.aerie.client;

import io.aerie.codecs.SessionState;
import io.aerie.codecs.model.Stat;
import io.aerie.engine.node.LocalCluster;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * {@link ReadMode#LOCAL} reads across a leader failover: the client reads from the leader's node, the leader stops,
 * and the client's reads move to another node without ever showing a state older than its own acknowledged writes
 * or its earlier reads (a history checker over every read).
 */
@Tag("slow")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LocalReadsFailoverClusterTest
{
    private static final int PORT_BASE = 13020;

    @TempDir
    File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private LocalCluster cluster;

    @BeforeEach
    void start()
    {
        cluster = TestClusters.launch(3, PORT_BASE, new File(tempDir, "cluster"), errors);
    }

    @AfterEach
    void stop()
    {
        CloseHelper.close(cluster);
        errors.assertNone();
    }

    @Test
    void shouldKeepReadYourWritesAndMonotonicReadsAcrossLeaderFailover() throws AerieException
    {
        final int leader = cluster.findLeader(System.nanoTime() + TestClusters.STEP_TIMEOUT_NS).memberId();
        final AerieClient.Context clientCtx = TestClusters.clientContext(cluster);
        clientCtx.reads()
            .readMode(ReadMode.LOCAL)
            .readMember(leader)
            .readTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500));
        try (AerieClient client = AerieClient.connect(clientCtx))
        {
            final ReadHistory history = new ReadHistory();
            client.create("/failover", bytes(0));
            long value = 0;
            for (int i = 0; i < 40; i++)
            {
                client.setData("/failover", bytes(++value), -1);
                history.wrote(value);
                read(client, history);
            }
            assertEquals(leader, client.conductor.localReads().openedMemberId(), "reading from the leader's node");

            cluster.stopNode(leader);
            for (int i = 0; i < 40; i++)
            {
                read(client, history); // The first waits for the read timeout, then another node answers.
                client.setData("/failover", bytes(++value), -1);
                history.wrote(value);
                read(client, history);
            }

            assertEquals(List.of(), history.violations());
            assertNotEquals(leader, client.conductor.localReads().openedMemberId());
            assertEquals(SessionState.CONNECTED, client.state());
        }
    }

    private static void read(final AerieClient client, final ReadHistory history) throws AerieException
    {
        final Stat stat = new Stat();
        final byte[] data = client.getData("/failover", stat);
        history.read(Long.parseLong(new String(data, StandardCharsets.UTF_8)), stat.mzxid(),
            "member " + client.conductor.localReads().openedMemberId());
    }

    private static byte[] bytes(final long value)
    {
        return Long.toString(value).getBytes(StandardCharsets.UTF_8);
    }
}
