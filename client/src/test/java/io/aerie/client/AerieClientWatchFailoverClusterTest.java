package io.aerie.client;

import io.aerie.client.TestClusters.RecordingWatcher;
import io.aerie.codecs.WatchMode;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Watches across a leader change on a real three-node cluster: the cluster keeps the watches, a change made under
 * the new leader fires them exactly once, persistent ones go on firing, and the event sequence has no gap (no
 * EVENTS_LOST).
 * <p>
 * {@code client} sets the watches and {@code writer} makes the changes. A watch event precedes the answer to any
 * later request of the watching client, so after a round trip of that client the exact events can be asserted.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AerieClientWatchFailoverClusterTest
{
    /**
     * Members at 26700, 26800 and 26900 (+0..5): clear of AerieClientProcessFailoverClusterTest (26400..26605), of
     * AerieClientWatchClusterTest (26650, 26750, 26850) and of the benchmarks' 27000.
     */
    private static final int PORT_BASE = 26700;

    @TempDir
    File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private final RecordingWatcher defaultWatcher = new RecordingWatcher();
    private final List<String> sessionStates = new ArrayList<>();
    private LocalCluster cluster;
    private AerieClient client;
    private AerieClient writer;

    @BeforeEach
    void start() throws AerieException
    {
        cluster = TestClusters.launch(3, PORT_BASE, new File(tempDir, "cluster"), errors);
        client = AerieClient.connect(TestClusters.clientContext(cluster)
            .defaultWatcher(defaultWatcher)
            .sessionListener((state, sessionId) -> sessionStates.add(state.name())));
        writer = AerieClient.connect(TestClusters.clientContext(cluster));
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(writer, client, cluster);
        errors.assertNone();
    }

    @Test
    void shouldFireOneTimeWatchExactlyOnceForChangeUnderNewLeader() throws AerieException
    {
        writer.create("/w", bytes("v0"));
        final RecordingWatcher watcher = new RecordingWatcher();
        client.getData("/w", watcher, (Stat)null);

        replaceLeader();
        final long zxid = writer.setData("/w", bytes("v1"), -1).mzxid();
        TestClusters.awaitCondition("the event under the new leader", () -> !watcher.events.isEmpty(), client);
        writer.setData("/w", bytes("v2"), -1);
        client.sync("/");

        assertEquals(List.of("NODE_DATA_CHANGED /w"), watcher.events);
        assertEquals(List.of(zxid), watcher.zxids);
        assertNoEventsLost();
    }

    @Test
    void shouldKeepPersistentWatchesFiringUnderNewLeader() throws AerieException
    {
        writer.create("/p", null);
        final RecordingWatcher persistent = new RecordingWatcher();
        final RecordingWatcher recursive = new RecordingWatcher();
        client.addWatch("/p", WatchMode.PERSISTENT, persistent);
        client.addWatch("/p", WatchMode.PERSISTENT_RECURSIVE, recursive);
        final List<Long> changes = new ArrayList<>();
        changes.add(writer.setData("/p", bytes("before"), -1).mzxid());
        client.sync("/");
        assertEquals(List.of("NODE_DATA_CHANGED /p"), persistent.events);

        replaceLeader();
        changes.add(writer.setData("/p", bytes("after-1"), -1).mzxid());
        changes.add(writer.setData("/p", bytes("after-2"), -1).mzxid());
        writer.create("/p/c", null);
        TestClusters.awaitCondition("the events under the new leader", () -> 4 == persistent.events.size(), client);
        client.sync("/");

        assertEquals(List.of(
            "NODE_DATA_CHANGED /p",
            "NODE_DATA_CHANGED /p",
            "NODE_DATA_CHANGED /p",
            "NODE_CHILDREN_CHANGED /p"), persistent.events);
        assertEquals(changes, persistent.zxids.subList(0, 3));
        assertEquals(List.of(
            "NODE_DATA_CHANGED /p",
            "NODE_DATA_CHANGED /p",
            "NODE_DATA_CHANGED /p",
            "NODE_CREATED /p/c"), recursive.events);
        assertEquals(changes, recursive.zxids.subList(0, 3));
        assertNoEventsLost();
    }

    /**
     * Stop the leader and poll both clients until another node leads.
     */
    private void replaceLeader()
    {
        final int oldLeader = cluster.findLeader(System.nanoTime() + TestClusters.STEP_TIMEOUT_NS).memberId();
        cluster.stopNode(oldLeader);
        TestClusters.awaitCondition("a new leader", () -> hasLeaderOtherThan(oldLeader), client, writer);
    }

    private boolean hasLeaderOtherThan(final int oldLeader)
    {
        for (int i = 0; i < cluster.nodeCount(); i++)
        {
            final AerieNode node = cluster.node(i);
            if (i != oldLeader && null != node && node.isLeader())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The watching session stayed connected throughout and saw no gap in its event sequence.
     */
    private void assertNoEventsLost()
    {
        assertEquals(List.of("CONNECTED"), sessionStates, "session states (EVENTS_LOST would show here)");
        assertEquals(List.of("NONE CONNECTED"), defaultWatcher.events);
    }

    private static byte[] bytes(final String value)
    {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
