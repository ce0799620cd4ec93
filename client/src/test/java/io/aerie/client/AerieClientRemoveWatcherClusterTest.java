package io.aerie.client;

import io.aerie.codecs.WatcherType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * ZooKeeper's removeWatches(path, watcher, type, local): one watcher goes, the path's other watchers stay.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AerieClientRemoveWatcherClusterTest
{
    private static final int PORT_BASE = 18200;

    @TempDir
    File tempDir;

    private TestClusters.ClusterWithClient cluster;
    private AerieClient client;

    @BeforeEach
    void launch() throws AerieException
    {
        cluster = TestClusters.ClusterWithClient.launch(1, PORT_BASE, tempDir);
        client = cluster.client();
        client.create("/node", new byte[]{ 1 });
    }

    @AfterEach
    void close()
    {
        cluster.close();
    }

    @Test
    void shouldRemoveOnlyTheGivenWatcherAndTellIt() throws Exception
    {
        final TestClusters.RecordingWatcher removed = new TestClusters.RecordingWatcher();
        final TestClusters.RecordingWatcher kept = new TestClusters.RecordingWatcher();
        client.getData("/node", removed, null);
        client.getData("/node", kept, null);

        client.removeWatches("/node", removed, WatcherType.DATA, false);
        client.setData("/node", new byte[]{ 2 }, -1);
        TestClusters.awaitCondition("the kept watcher's event", () -> !kept.events.isEmpty(), client);

        assertEquals(List.of("DATA_WATCH_REMOVED /node"), removed.events);
        assertEquals(List.of("NODE_DATA_CHANGED /node"), kept.events);
    }

    @Test
    void shouldRemoveTheLastWatcherSoNoEventFollows() throws Exception
    {
        final TestClusters.RecordingWatcher removed = new TestClusters.RecordingWatcher();
        final TestClusters.RecordingWatcher childWatcher = new TestClusters.RecordingWatcher();
        client.exists("/node", removed);
        client.getChildren("/node", childWatcher);

        client.removeWatches("/node", removed, WatcherType.DATA, false);
        client.setData("/node", new byte[]{ 2 }, -1);
        client.create("/node/child", null);
        TestClusters.awaitCondition("the child watcher's event", () -> !childWatcher.events.isEmpty(), client);

        assertEquals(List.of("DATA_WATCH_REMOVED /node"), removed.events);
        assertEquals(List.of("NODE_CHILDREN_CHANGED /node"), childWatcher.events);
    }

    @Test
    void shouldAnswerNoWatcherForWatcherNotHeldOnThePath()
    {
        final TestClusters.RecordingWatcher never = new TestClusters.RecordingWatcher();

        assertThrows(AerieException.NoWatcherException.class,
            () -> client.removeWatches("/node", never, WatcherType.ANY, false));
        assertEquals(List.of(), never.events);
    }

    @Test
    void shouldRefuseNullWatcher()
    {
        assertThrows(IllegalArgumentException.class,
            () -> client.removeWatches("/node", null, WatcherType.DATA, false));
        assertEquals(0, client.pendingRequests());
    }
}
