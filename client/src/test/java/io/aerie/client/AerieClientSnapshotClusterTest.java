package io.aerie.client;

import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.RecordingLog;
import io.aerie.engine.node.LocalCluster;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The leader takes a snapshot by itself once the log has grown past the configured size, and a restart
 * comes back from it.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AerieClientSnapshotClusterTest
{
    private static final int PORT_BASE = 25600;
    private static final long SNAPSHOT_LOG_BYTES = 64 * 1024;

    @TempDir
    File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private LocalCluster cluster;
    private AerieClient client;

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(client, cluster);
        errors.assertNone();
    }

    @Test
    void shouldSnapshotWhenLogGrowsPastConfiguredSizeAndRestartFromIt() throws AerieException
    {
        cluster = TestClusters.launch(1, PORT_BASE, new File(tempDir, "cluster"), errors, SNAPSHOT_LOG_BYTES);
        client = AerieClient.connect(TestClusters.clientContext(cluster));
        final File clusterDir = cluster.node(0).context().storage().clusterDir();
        assertEquals(0, snapshots(clusterDir), "no snapshot before the log has grown");

        final byte[] data = new byte[2048];
        client.create("/grow", data);
        for (int i = 0; i < 100; i++)
        {
            data[0] = (byte)i;
            client.setData("/grow", data, -1);
        }
        TestClusters.awaitCondition("an automatic snapshot", () -> snapshots(clusterDir) > 0, client);

        client.close();
        client = null;
        cluster.stopNode(0);
        cluster.restartNode(0);
        cluster.findLeader(System.nanoTime() + TestClusters.STEP_TIMEOUT_NS);
        client = AerieClient.connect(TestClusters.clientContext(cluster));
        assertArrayEquals(data, client.getData("/grow"));
        assertEquals(100, client.exists("/grow").version());
    }

    private static int snapshots(final File clusterDir)
    {
        try (RecordingLog log = new RecordingLog(clusterDir, false))
        {
            return null == log.getLatestSnapshot(ConsensusModule.Configuration.SERVICE_ID) ? 0 : 1;
        }
    }
}
