package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;
import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole three-node cluster stopped and started again comes back with its tree and sessions: from a
 * snapshot for what came before it, and from the log for what came after.
 */
@Tag("slow")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AerieClientRestartClusterTest
{
    private static final int PORT_BASE = 25400;

    @TempDir
    File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private LocalCluster cluster;
    private AerieClient writer;
    private AerieClient holder;
    private AerieClient reader;

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(reader, holder, writer, cluster);
        errors.assertNone();
    }

    @Test
    void shouldRestoreTreeAndSessionsFromSnapshotAndLogAfterFullRestart() throws AerieException
    {
        final List<AerieClusteredService> services = new ArrayList<>();
        cluster = TestClusters.launch(
            new LocalCluster.Context(), 3, PORT_BASE, new File(tempDir, "cluster"), errors, 0, services);
        writer = TestClusters.connect(() -> TestClusters.clientContext(cluster));
        holder = TestClusters.connect(() ->
        {
            final AerieClient.Context clientCtx = TestClusters.clientContext(cluster);
            clientCtx.session().sessionTimeoutMs(30_000);
            return clientCtx;
        });

        writer.create("/app", null);
        writer.create("/app/config", new byte[]{ 1, 2, 3 });
        writer.setData("/app/config", new byte[]{ 4, 5, 6 }, 0);
        for (int i = 0; i < 30; i++)
        {
            writer.create("/app/job-", null, AclList.openAclUnsafe(), CreateMode.PERSISTENT_SEQUENTIAL, -1);
        }
        holder.create("/app/lease", null, AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1);
        final Stat configBefore = writer.exists("/app/config");

        final AerieNode leader = cluster.findLeader(System.nanoTime() + TestClusters.STEP_TIMEOUT_NS);
        assertTrue(leader.takeSnapshot(System.out), "snapshot taken");

        // After the snapshot: these must come back from the log.
        writer.create("/after", new byte[]{ 9 });
        writer.delete("/app/job-0000000001", -1);
        writer.close();
        writer = null;

        for (int i = 0; i < 3; i++)
        {
            cluster.stopNode(i);
        }
        for (int i = 0; i < 3; i++)
        {
            cluster.restartNode(i);
        }
        cluster.findLeader(System.nanoTime() + TestClusters.STEP_TIMEOUT_NS);

        reader = TestClusters.connect(() -> TestClusters.clientContext(cluster));
        assertEquals(configBefore, reader.exists("/app/config"));
        assertArrayEquals(new byte[]{ 4, 5, 6 }, reader.getData("/app/config"));
        assertArrayEquals(new byte[]{ 9 }, reader.getData("/after"));
        assertEquals(31, reader.getChildren("/app").size(), "config, 29 jobs and the lease");
        final Stat lease = reader.exists("/app/lease");
        assertNotNull(lease, "the holder's session outlives the restart while within its timeout");
        assertEquals(holder.sessionId(), lease.ephemeralOwner());
        assertEquals("/app/job-0000000032", reader.create("/app/job-", null, AclList.openAclUnsafe(),
            CreateMode.PERSISTENT_SEQUENTIAL, -1), "the sequence continues where it was");

        // Every restarted node took the digest at the same log position: they all hold the same tree.
        final long digest = reader.digest();
        final List<AerieClusteredService> restarted;
        synchronized (services)
        {
            restarted = new ArrayList<>(services.subList(services.size() - 3, services.size()));
        }
        TestClusters.awaitCondition("every node to take the digest",
            () -> restarted.stream().allMatch(service -> service.digestsTaken() > 0), reader);
        for (final AerieClusteredService service : restarted)
        {
            assertEquals(digest, service.lastDigest());
        }
    }
}
