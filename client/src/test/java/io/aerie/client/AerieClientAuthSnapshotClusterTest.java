package io.aerie.client;

import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session's identities are state built from the log: after a snapshot and a restart of the node, the restored
 * service holds the identity the session gained by addAuth, before the client has connected again (so not
 * through credentials sent again at reconnect).
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AerieClientAuthSnapshotClusterTest
{
    private static final int PORT_BASE = 14200;

    @TempDir
    File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private final List<AerieClusteredService> services = new ArrayList<>();
    private LocalCluster cluster;
    private AerieClient client;

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(client, cluster);
        errors.assertNone();
    }

    @Test
    void shouldKeepASessionsIdentitiesThroughSnapshotAndRestart() throws Exception
    {
        cluster = TestClusters.launch(
            new LocalCluster.Context(), 1, PORT_BASE, new File(tempDir, "cluster"), errors, 0, services);
        client = AerieClient.connect(TestClusters.clientContext(cluster));
        client.addAuthInfo("digest", "bob:secret".getBytes(StandardCharsets.UTF_8));
        final long sessionId = client.sessionId();
        final ByteArrayOutputStream progress = new ByteArrayOutputStream();
        assertTrue(cluster.node(0).takeSnapshot(new PrintStream(progress, true, StandardCharsets.UTF_8)),
            progress.toString(StandardCharsets.UTF_8));

        cluster.stopNode(0);
        cluster.restartNode(0);
        cluster.findLeader(System.nanoTime() + TestClusters.STEP_TIMEOUT_NS);

        final AerieClusteredService restored;
        synchronized (services)
        {
            restored = services.get(services.size() - 1);
        }
        // Read once the node is up again and before this client polls (it would send its credentials again).
        assertEquals("[ip:127.0.0.1, digest:" + io.aerie.engine.acl.AuthSchemes.generateDigest("bob:secret") + "]",
            restored.sessions().get(sessionId).identities().toString());
    }
}
