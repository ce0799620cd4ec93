package io.aerie.client;

import io.aerie.client.TestClusters.RecordingWatcher;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.EventType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;
import io.aerie.engine.node.LocalCluster;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Watches against a real cluster on loopback: ZooKeeper's trigger rules, events of other clients' changes before
 * the answers that follow them, removal, ephemerals of closed and expired sessions, the default watcher, and a
 * fan-out to a thousand watchers in sixteen sessions.
 * <p>
 * {@code client} sets the watches and {@code writer} makes most changes. A watch event precedes the answer to any
 * later request of the watching client, so once a round trip of that client ({@link #roundTrip()}) returns after
 * a change, every event of the change has arrived: asserting the exact events then shows each watcher was told
 * exactly once.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AerieClientWatchClusterTest
{
    /**
     * Members at 26650, 26750 and 26850 (+0..5): clear of AerieClientProcessFailoverClusterTest (26400, third member
     * at 26600) and of AerieClientWatchFailoverClusterTest (26700, 26800, 26900).
     */
    private static final int PORT_BASE = 26650;
    private static final AclList OPEN = AclList.openAclUnsafe();
    private static final int FAN_OUT_SESSIONS = 16;
    private static final int FAN_OUT_WATCHERS = 1_000;
    private static final int FAN_OUT_CHANGES = 5;

    @TempDir
    File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private LocalCluster cluster;
    private AerieClient client;
    private AerieClient writer;

    @AfterEach
    void stop()
    {
        Collections.reverse(resources);
        CloseHelper.closeAll(resources);
        errors.assertNone();
    }

    @Test
    void shouldFireGetDataWatchOnDataChange() throws AerieException
    {
        launch(1);
        writer.create("/a", bytes("v0"));
        final RecordingWatcher watcher = new RecordingWatcher();
        assertArrayEquals(bytes("v0"), client.getData("/a", watcher, (Stat)null));

        final long zxid = writer.setData("/a", bytes("v1"), 0).mzxid();
        roundTrip();

        assertEquals(List.of("NODE_DATA_CHANGED /a"), watcher.events);
        assertEquals(List.of(zxid), watcher.zxids, "the event carries the zxid of the change");
    }

    @Test
    void shouldFireExistsWatchOnMissingNodeWhenCreatedThenParentChildWatch() throws AerieException
    {
        launch(1);
        writer.create("/p", null);
        final List<String> journal = new ArrayList<>();
        final RecordingWatcher created = new RecordingWatcher("exists", journal);
        final RecordingWatcher parent = new RecordingWatcher("parent", journal);
        assertNull(client.exists("/p/n", created));
        client.getChildren("/p", parent);

        writer.create("/p/n", null);
        roundTrip();

        assertEquals(List.of("exists NODE_CREATED /p/n", "parent NODE_CHILDREN_CHANGED /p"), journal);
    }

    @Test
    void shouldFireChildWatchWhenChildCreated() throws AerieException
    {
        launch(1);
        writer.create("/p", null);
        final RecordingWatcher watcher = new RecordingWatcher();
        assertEquals(List.of(), client.getChildren("/p", watcher));

        writer.create("/p/c", null);
        roundTrip();

        assertEquals(List.of("NODE_CHILDREN_CHANGED /p"), watcher.events);
    }

    @Test
    void shouldFireChildWatchWhenChildDeleted() throws AerieException
    {
        launch(1);
        writer.create("/p", null);
        writer.create("/p/c", null);
        final RecordingWatcher watcher = new RecordingWatcher();
        assertEquals(List.of("c"), client.getChildren("/p", watcher));

        writer.delete("/p/c", -1);
        roundTrip();

        assertEquals(List.of("NODE_CHILDREN_CHANGED /p"), watcher.events);
    }

    @Test
    void shouldTellDataAndChildWatchersOfDeletionThenParentChildWatcher() throws AerieException
    {
        launch(1);
        writer.create("/p", null);
        writer.create("/p/n", null);
        final List<String> journal = new ArrayList<>();
        final RecordingWatcher data = new RecordingWatcher("data", journal);
        final RecordingWatcher child = new RecordingWatcher("child", journal);
        final RecordingWatcher parent = new RecordingWatcher("parent", journal);
        client.getData("/p/n", data, (Stat)null);
        client.getChildren("/p/n", child);
        client.getChildren("/p", parent);

        writer.delete("/p/n", -1);
        roundTrip();

        assertEquals(List.of("NODE_DELETED /p/n"), data.events);
        assertEquals(List.of("NODE_DELETED /p/n"), child.events);
        assertEquals(List.of("NODE_CHILDREN_CHANGED /p"), parent.events);
        assertEquals("parent NODE_CHILDREN_CHANGED /p", journal.get(2), "the node's deletion is told before its parent's change");
    }

    @Test
    void shouldFireOneTimeWatchesOnlyOnce() throws AerieException
    {
        launch(1);
        writer.create("/o", null);
        final RecordingWatcher data = new RecordingWatcher();
        final RecordingWatcher child = new RecordingWatcher();
        client.getData("/o", data, (Stat)null);
        client.getChildren("/o", child);

        writer.setData("/o", bytes("1"), -1);
        writer.setData("/o", bytes("2"), -1);
        writer.create("/o/a", null);
        writer.create("/o/b", null);
        writer.delete("/o/a", -1);
        roundTrip();

        assertEquals(List.of("NODE_DATA_CHANGED /o"), data.events);
        assertEquals(List.of("NODE_CHILDREN_CHANGED /o"), child.events);
    }

    @Test
    void shouldKeepPersistentWatchFiringOnDataChildrenDeletionAndCreation() throws AerieException
    {
        launch(1);
        writer.create("/p", null);
        final RecordingWatcher watcher = new RecordingWatcher();
        client.addWatch("/p", WatchMode.PERSISTENT, watcher);

        writer.setData("/p", bytes("1"), -1);
        writer.create("/p/c", null);
        writer.setData("/p/c", bytes("not the watched node"), -1);
        writer.delete("/p/c", -1);
        writer.setData("/p", bytes("2"), -1);
        writer.delete("/p", -1);
        writer.create("/p", null);
        roundTrip();

        assertEquals(List.of(
            "NODE_DATA_CHANGED /p",
            "NODE_CHILDREN_CHANGED /p",
            "NODE_CHILDREN_CHANGED /p",
            "NODE_DATA_CHANGED /p",
            "NODE_DELETED /p",
            "NODE_CREATED /p"), watcher.events);
    }

    @Test
    void shouldTellRecursiveWatchOfDescendantsButNeverOfChildrenChanges() throws AerieException
    {
        launch(1);
        writer.create("/r", null);
        final RecordingWatcher watcher = new RecordingWatcher();
        client.addWatch("/r", WatchMode.PERSISTENT_RECURSIVE, watcher);

        writer.create("/r/a", null);
        writer.create("/r/a/b", null);
        writer.setData("/r/a/b", bytes("1"), -1);
        writer.delete("/r/a/b", -1);
        writer.setData("/r", bytes("1"), -1);
        writer.create("/rx", null);
        writer.create("/other", null);
        roundTrip();

        assertEquals(List.of(
            "NODE_CREATED /r/a",
            "NODE_CREATED /r/a/b",
            "NODE_DATA_CHANGED /r/a/b",
            "NODE_DELETED /r/a/b",
            "NODE_DATA_CHANGED /r"), watcher.events);
    }

    @Test
    void shouldDeliverEventsOfAnotherClientsChangesBeforeTheAnswerToALaterRequest() throws AerieException
    {
        launch(1);
        writer.create("/o", null);
        final RecordingWatcher watcher = new RecordingWatcher();
        client.addWatch("/o", WatchMode.PERSISTENT, watcher);
        final List<Long> changes = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            changes.add(writer.setData("/o", bytes("v" + i), -1).mzxid());
        }

        // The watching client has not polled since the changes: its events and the answer arrive in one go.
        final int[] eventsAtAnswer = { -1 };
        final ResponseHandler handler = response -> eventsAtAnswer[0] = watcher.events.size();
        client.getDataAsync("/o", handler);
        TestClusters.awaitCondition("the answer to getData", () -> eventsAtAnswer[0] >= 0, client);

        assertEquals(3, eventsAtAnswer[0], "every event of an earlier change came before the answer");
        assertEquals(changes, watcher.zxids, "in change order");
        roundTrip();
        assertEquals(List.of("NODE_DATA_CHANGED /o", "NODE_DATA_CHANGED /o", "NODE_DATA_CHANGED /o"), watcher.events);
    }

    @Test
    void shouldTellRemovedWatcherAndNotifyItNoMore() throws AerieException
    {
        launch(1);
        writer.create("/rm", null);
        final RecordingWatcher removed = new RecordingWatcher();
        final RecordingWatcher kept = new RecordingWatcher();
        client.getData("/rm", removed, (Stat)null);
        client.addWatch("/rm", WatchMode.PERSISTENT, kept);

        client.removeWatches("/rm", WatcherType.DATA);
        assertEquals(List.of("DATA_WATCH_REMOVED /rm"), removed.events);

        writer.setData("/rm", bytes("1"), -1);
        roundTrip();
        assertEquals(List.of("DATA_WATCH_REMOVED /rm"), removed.events, "a removed watch does not fire");
        assertEquals(List.of("NODE_DATA_CHANGED /rm"), kept.events, "other kinds on the path stay");
    }

    @Test
    void shouldRemoveWatchesOfEveryKindWithAny() throws AerieException
    {
        launch(1);
        writer.create("/rm", null);
        final RecordingWatcher data = new RecordingWatcher();
        final RecordingWatcher child = new RecordingWatcher();
        final RecordingWatcher persistent = new RecordingWatcher();
        final RecordingWatcher recursive = new RecordingWatcher();
        client.getData("/rm", data, (Stat)null);
        client.getChildren("/rm", child);
        client.addWatch("/rm", WatchMode.PERSISTENT, persistent);
        client.addWatch("/rm", WatchMode.PERSISTENT_RECURSIVE, recursive);

        client.removeWatches("/rm", WatcherType.ANY);
        assertEquals(List.of("DATA_WATCH_REMOVED /rm"), data.events);
        assertEquals(List.of("CHILD_WATCH_REMOVED /rm"), child.events);
        assertEquals(List.of("PERSISTENT_WATCH_REMOVED /rm"), persistent.events);
        assertEquals(List.of("PERSISTENT_WATCH_REMOVED /rm"), recursive.events);

        writer.setData("/rm", bytes("1"), -1);
        writer.create("/rm/c", null);
        writer.delete("/rm/c", -1);
        writer.delete("/rm", -1);
        roundTrip();
        for (final RecordingWatcher watcher : List.of(data, child, persistent, recursive))
        {
            assertEquals(1, watcher.events.size(), "no event after removal: " + watcher.events);
        }
        assertEquals(ResultCode.NO_WATCHER,
            assertThrows(AerieException.class, () -> client.removeWatches("/rm", WatcherType.ANY)).code());
    }

    @Test
    void shouldFireOtherSessionsWatchesWhenClosedSessionsEphemeralIsDeleted() throws AerieException
    {
        launch(1);
        writer.create("/eph", null);
        final AerieClient owner = AerieClient.connect(TestClusters.clientContext(cluster));
        closeLater(owner);
        owner.create("/eph/e", null, OPEN, CreateMode.EPHEMERAL, -1);
        final List<String> journal = new ArrayList<>();
        assertNotNull(client.exists("/eph/e", new RecordingWatcher("data", journal)));
        client.getChildren("/eph", new RecordingWatcher("child", journal));

        owner.close();
        roundTrip();

        assertEquals(List.of("data NODE_DELETED /eph/e", "child NODE_CHILDREN_CHANGED /eph"), journal);
    }

    @Test
    void shouldFireOtherSessionsWatchesWhenExpiredSessionsEphemeralIsDeleted() throws AerieException
    {
        launch(1);
        writer.create("/eph", null);
        final SessionState[] ownerState = { SessionState.CONNECTED };
        final AerieClient.Context clientCtx2 = TestClusters.clientContext(cluster);
        clientCtx2.session().sessionTimeoutMs(300);
        clientCtx2.sessionListener((state, sessionId) -> ownerState[0] = state);
        final AerieClient owner = AerieClient.connect(clientCtx2);
        closeLater(owner);
        owner.create("/eph/e", null, OPEN, CreateMode.EPHEMERAL, -1);
        final List<String> journal = new ArrayList<>();
        assertNotNull(client.exists("/eph/e", new RecordingWatcher("data", journal)));
        client.getChildren("/eph", new RecordingWatcher("child", journal));

        // The owner is no longer polled, so sends no keepalives: its session expires on the cluster.
        TestClusters.awaitCondition("the watches to fire", () -> 2 == journal.size(), client);
        roundTrip();

        assertEquals(List.of("data NODE_DELETED /eph/e", "child NODE_CHILDREN_CHANGED /eph"), journal);
        TestClusters.awaitCondition("the owner to learn of its expiry", () -> SessionState.EXPIRED == ownerState[0], owner);
    }

    @Test
    void shouldTellDefaultWatcherOfSessionStatesOnly() throws AerieException
    {
        launch(1);
        final RecordingWatcher defaultWatcher = new RecordingWatcher();
        final List<String> listened = new ArrayList<>();
        final AerieClient watching = AerieClient.connect(TestClusters.clientContext(cluster)
            .defaultWatcher(defaultWatcher)
            .sessionListener((state, sessionId) -> listened.add(state + " " + sessionId)));
        closeLater(watching);
        final long sessionId = watching.sessionId();
        assertEquals(List.of("NONE CONNECTED"), defaultWatcher.events);
        assertEquals(List.of(WatchedEvent.NO_ZXID), defaultWatcher.zxids);

        writer.create("/d", null);
        final RecordingWatcher data = new RecordingWatcher();
        watching.getData("/d", data, (Stat)null);
        writer.setData("/d", bytes("1"), -1);
        watching.sync("/");
        assertEquals(List.of("NODE_DATA_CHANGED /d"), data.events);
        assertEquals(List.of("NONE CONNECTED"), defaultWatcher.events, "node events go only to the watchers set");

        watching.close();
        assertEquals(List.of("NONE CONNECTED", "NONE CLOSED"), defaultWatcher.events);
        assertEquals(List.of("CONNECTED " + sessionId, "CLOSED " + sessionId), listened);
    }

    @Test
    void shouldTellEveryRegisteredWatcherClosedWhenTheSessionCloses() throws AerieException
    {
        launch(1);
        writer.create("/c", null);
        final RecordingWatcher oneTime = new RecordingWatcher();
        final RecordingWatcher persistent = new RecordingWatcher();
        client.getData("/c", oneTime, (Stat)null);
        client.addWatch("/c", WatchMode.PERSISTENT, persistent);

        client.close();

        assertEquals(List.of("NONE CLOSED"), oneTime.events);
        assertEquals(List.of("NONE CLOSED"), persistent.events);
    }

    @Test
    void shouldTellEachOfAThousandWatchersInSixteenSessionsOnceForEveryChange() throws AerieException
    {
        launch(3);
        final MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(new File(tempDir, "client-driver").getAbsolutePath())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 100_000))
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        closeLater(driver);
        final AerieClient[] sessions = new AerieClient[FAN_OUT_SESSIONS];
        for (int i = 0; i < sessions.length; i++)
        {
            final AerieClient.Context clientCtx = TestClusters.clientContext(cluster);
            clientCtx.connection().aeronDirectoryName(driver.aeronDirectoryName());
            sessions[i] = AerieClient.connect(clientCtx);
            closeLater(sessions[i]);
        }
        writer.create("/fan", null);
        final CountingWatcher[] watchers = new CountingWatcher[FAN_OUT_WATCHERS];
        for (int i = 0; i < watchers.length; i++)
        {
            watchers[i] = new CountingWatcher();
            sessions[i % sessions.length].addWatch("/fan", WatchMode.PERSISTENT, watchers[i]);
        }

        final long[] changes = new long[FAN_OUT_CHANGES];
        for (int i = 0; i < changes.length; i++)
        {
            changes[i] = writer.setData("/fan", bytes("v" + i), -1).mzxid();
        }
        TestClusters.awaitCondition("every watcher told of every change",
            () -> told(watchers) >= FAN_OUT_WATCHERS * FAN_OUT_CHANGES, sessions);
        for (final AerieClient session : sessions)
        {
            session.sync("/");
        }

        for (int i = 0; i < watchers.length; i++)
        {
            assertEquals(FAN_OUT_CHANGES, watchers[i].count, "changes told to watcher " + i);
            assertArrayEquals(changes, watchers[i].zxids, "zxids told to watcher " + i);
            assertEquals(0, watchers[i].unexpected, "other events told to watcher " + i);
        }
    }

    /**
     * Counts the data changes of "/fan" it is told, keeping their zxids; anything else is unexpected.
     */
    private static final class CountingWatcher implements Watcher
    {
        final long[] zxids = new long[FAN_OUT_CHANGES];
        int count;
        int unexpected;

        @Override
        public void onEvent(final WatchedEvent event)
        {
            if (EventType.NODE_DATA_CHANGED != event.type() || !"/fan".equals(event.path()))
            {
                unexpected++;
            }
            else if (count++ < zxids.length)
            {
                zxids[count - 1] = event.zxid();
            }
        }
    }

    private static int told(final CountingWatcher[] watchers)
    {
        int told = 0;
        for (final CountingWatcher watcher : watchers)
        {
            told += watcher.count;
        }
        return told;
    }

    private void launch(final int nodes) throws AerieException
    {
        cluster = TestClusters.launch(nodes, PORT_BASE, new File(tempDir, "cluster"), errors);
        closeLater(cluster);
        client = AerieClient.connect(TestClusters.clientContext(cluster));
        closeLater(client);
        writer = AerieClient.connect(TestClusters.clientContext(cluster));
        closeLater(writer);
    }

    /**
     * Close when the test ends, after everything registered later.
     */
    private void closeLater(final AutoCloseable resource)
    {
        resources.add(resource);
    }

    /**
     * A round trip of the watching client: once it returns, every event of a change made before it has arrived.
     */
    private void roundTrip() throws AerieException
    {
        client.sync("/");
    }

    private static byte[] bytes(final String value)
    {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
