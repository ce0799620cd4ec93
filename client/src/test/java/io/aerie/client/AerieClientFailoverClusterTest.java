package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;
import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.LocalCluster;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The client against a real three-node cluster: a leader stops, a new one is elected, the client carries on,
 * and nothing acknowledged is lost or applied twice.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AerieClientFailoverClusterTest
{
    private static final int PORT_BASE = 25200;

    @TempDir
    File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private LocalCluster cluster;
    private AerieClient client;

    @BeforeEach
    void start() throws AerieException
    {
        cluster = TestClusters.launch(3, PORT_BASE, new File(tempDir, "cluster"), errors);
        client = AerieClient.connect(TestClusters.clientContext(cluster));
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(client, cluster);
        errors.assertNone();
    }

    @Test
    void shouldKeepEveryAcknowledgedWriteAcrossLeaderFailover() throws AerieException
    {
        client.create("/log", null);
        final List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            acknowledged.add(client.create("/log/e-", null, AclList.openAclUnsafe(), CreateMode.PERSISTENT_SEQUENTIAL, -1));
        }
        client.create("/counter", new byte[]{ 0 });

        final AerieNode leader = cluster.findLeader(System.nanoTime() + TestClusters.STEP_TIMEOUT_NS);
        final int oldLeader = leader.memberId();
        cluster.stopNode(oldLeader);

        // Blocking calls wait through the election: requests in flight are resent to the new leader.
        for (int i = 0; i < 20; i++)
        {
            acknowledged.add(client.create("/log/e-", null, AclList.openAclUnsafe(), CreateMode.PERSISTENT_SEQUENTIAL, -1));
        }
        final Stat counter = client.setData("/counter", new byte[]{ 1 }, 0);

        assertNotEquals(oldLeader, cluster.findLeader(System.nanoTime() + TestClusters.STEP_TIMEOUT_NS).memberId());
        final List<String> children = client.getChildren("/log");
        assertEquals(40, children.size());
        for (final String path : acknowledged)
        {
            assertEquals(true, children.contains(path.substring("/log/".length())), path);
        }
        assertEquals(1, counter.version(), "the setData was applied exactly once");
        assertEquals(40, client.exists("/log").cversion(), "no create was applied twice");
    }

    @Test
    void shouldKeepShortSessionAndItsEphemeralAcrossLeaderFailover() throws AerieException
    {
        final AerieClient.Context clientCtx = TestClusters.clientContext(cluster);
        clientCtx.session().sessionTimeoutMs(500);
        // The election takes longer than this session's timeout: time without a leader must not count against it.
        try (AerieClient shortLived = AerieClient.connect(clientCtx))
        {
            final long sessionId = shortLived.sessionId();
            shortLived.create("/leader", null, AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1);

            cluster.stopNode(cluster.findLeader(System.nanoTime() + TestClusters.STEP_TIMEOUT_NS).memberId());
            shortLived.create("/after", null);

            assertEquals(sessionId, shortLived.sessionId());
            assertEquals(sessionId, shortLived.exists("/leader").ephemeralOwner());
            assertEquals(io.aerie.codecs.SessionState.CONNECTED, shortLived.state());
        }
    }

    @Test
    void shouldWriteAndReadBackOneMebibyteOnThreeNodes() throws AerieException
    {
        final byte[] big = new byte[1024 * 1024];
        for (int i = 0; i < big.length; i++)
        {
            big[i] = (byte)(i * 131 + 17);
        }
        client.create("/big", big);
        final Stat stat = new Stat();
        assertArrayEquals(big, client.getData("/big", stat));
        assertEquals(big.length, stat.dataLength());
    }
}
