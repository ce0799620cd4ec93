package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.model.AclList;
import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node whose tree maps are files ({@code aerie.tree.map.dir}, or by default its own {@code tree/} directory)
 * restarted: from the copy of its maps kept with its snapshot, from the snapshot when the copy is gone, and from the
 * log alone; each time with the tree it had (its digest through the log), what came after the snapshot replayed
 * from the log.
 */
@Tag("slow")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TreeCopyRestartClusterTest
{
    private static final int PORT_BASE = 4700;

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
    void shouldRestartFromTheTreeCopyWithTheSameTree() throws AerieException
    {
        final long digest = populateSnapshotAndRestart(true, false);

        assertEquals(digest, client.digest());
        assertTrue(lastService().tree().snapshots().loadedFromCopy());
        assertArrayEquals(new byte[]{ 9 }, client.getData("/after"));
    }

    @Test
    void shouldRestartFromTheCopyKeptInTheNodesOwnDirectoryByDefault() throws AerieException
    {
        launch(null);
        final long digest = populateSnapshotAndRestart(true, false);

        assertEquals(digest, client.digest());
        assertTrue(lastService().tree().snapshots().loadedFromCopy());
        final File[] copies =
            new File(tempDir, "cluster/node-0/tree").listFiles((dir, name) -> name.startsWith("copy-"));
        assertEquals(1, null == copies ? 0 : copies.length, "one copy kept in the node's directory");
    }

    @Test
    void shouldRestartFromTheSnapshotWhenTheCopyIsGone() throws AerieException
    {
        final long digest = populateSnapshotAndRestart(true, true);

        assertEquals(digest, client.digest());
        assertFalse(lastService().tree().snapshots().loadedFromCopy());
    }

    @Test
    void shouldRestartFromTheLogAloneWithTheSameTree() throws AerieException
    {
        final long digest = populateSnapshotAndRestart(false, false);

        assertEquals(digest, client.digest());
        assertFalse(lastService().tree().snapshots().loadedFromCopy());
    }

    /**
     * @return the tree's digest before the restart; {@link #client} is connected to the restarted node.
     */
    private long populateSnapshotAndRestart(final boolean snapshot, final boolean removeCopy) throws AerieException
    {
        if (null == cluster)
        {
            launch(new File(tempDir, "tree-maps"));
        }
        client = AerieClient.connect(TestClusters.clientContext(cluster));
        client.create("/app", null);
        for (int i = 0; i < 200; i++)
        {
            client.create("/app/n" + i, ("data-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        client.create("/app/big", new byte[20_000]);
        client.setAcl("/app/n7", new AclList().add(AclList.READ, "world", "anyone"), -1);
        client.create("/app/seq-", null, AclList.openAclUnsafe(), CreateMode.PERSISTENT_SEQUENTIAL, -1);
        if (snapshot)
        {
            final AerieNode leader = cluster.findLeader(System.nanoTime() + TestClusters.STEP_TIMEOUT_NS);
            assertTrue(leader.takeSnapshot(System.out), "snapshot taken");
        }
        client.create("/after", new byte[]{ 9 });
        client.delete("/app/n3", -1);
        final long digest = client.digest();
        client.close();
        client = null;

        cluster.stopNode(0);
        if (removeCopy)
        {
            final File[] copies = new File(tempDir, "tree-maps").listFiles((dir, name) -> name.startsWith("copy-"));
            assertEquals(1, null == copies ? 0 : copies.length, "one copy kept");
            IoUtil.delete(copies[0], false);
        }
        cluster.restartNode(0);
        cluster.findLeader(System.nanoTime() + TestClusters.STEP_TIMEOUT_NS);
        client = AerieClient.connect(TestClusters.clientContext(cluster));
        return digest;
    }

    /**
     * @param mapDir the tree maps' directory, or null for the node's default.
     */
    private void launch(final File mapDir)
    {
        cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(1)
            .portBase(PORT_BASE)
            .dir(new File(tempDir, "cluster"))
            .serviceContextSupplier(() -> new AerieClusteredService.Context()
                .minSessionTimeoutMs(100)
                .snapshotLogBytes(0)
                .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(32L * 1024 * 1024)
                    .mapDir(mapDir)))
            .errorHandler(errors));
        cluster.findLeader(System.nanoTime() + TestClusters.STEP_TIMEOUT_NS);
    }

    private AerieClusteredService lastService()
    {
        return (AerieClusteredService)cluster.node(0).context().service().clusteredService();
    }
}
