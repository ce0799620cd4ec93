package io.aerie.client;

import io.aerie.codecs.EventType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.WatcherType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.aerie.client.PathWatches.CHILD;
import static io.aerie.client.PathWatches.DATA;
import static io.aerie.client.PathWatches.PERSISTENT;
import static io.aerie.client.PathWatches.RECURSIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How watches enter and leave the client's registry, without Aeron: watches registered by the answers to the
 * requests that set them, removeWatches answered by the cluster, and removals made locally.
 */
class ClientWatchesRegistrationTest extends ClientWatchesTestSupport
{
    // ------------------------------------------------------------------------------------------------------------
    // Registration by answers.
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void shouldRegisterExistsWatchOnOkAndOnNoNode()
    {
        final Recorder a = recorder("a");
        final Recorder b = recorder("b");
        watches.expect(1, DATA, true, "/a", a);
        watches.expect(2, DATA, true, "/b", b);

        watches.onAnswer(1, ResultCode.OK, 10);
        watches.onAnswer(2, ResultCode.NO_NODE, 10);

        assertTrue(watches.contains(DATA, "/a", a));
        assertTrue(watches.contains(DATA, "/b", b));
        assertEquals(0, watches.pendingCount());
    }

    @Test
    void shouldRegisterGetDataAndGetChildrenWatchesOnlyOnOk()
    {
        final Recorder data = recorder("data");
        final Recorder child = recorder("child");
        watches.expect(1, DATA, false, "/a", data);
        watches.expect(2, CHILD, false, "/a", child);
        watches.expect(3, DATA, false, "/missing", data);
        watches.expect(4, CHILD, false, "/missing", child);

        watches.onAnswer(1, ResultCode.OK, 1);
        watches.onAnswer(2, ResultCode.OK, 1);
        watches.onAnswer(3, ResultCode.NO_NODE, 1);
        watches.onAnswer(4, ResultCode.NO_NODE, 1);

        assertTrue(watches.contains(DATA, "/a", data));
        assertTrue(watches.contains(CHILD, "/a", child));
        assertEquals(1, watches.pathCount());
    }

    @Test
    void shouldRegisterPersistentAndRecursiveWatchesOnOk()
    {
        final Recorder p = recorder("p");
        final Recorder r = recorder("r");
        watches.expect(1, PERSISTENT, false, "/a", p);
        watches.expect(2, RECURSIVE, false, "/a", r);

        watches.onAnswer(1, ResultCode.OK, 1);
        watches.onAnswer(2, ResultCode.OK, 1);
        dispatch(EventType.NODE_CREATED, 2, "/a/b");

        assertTrue(watches.contains(PERSISTENT, "/a", p));
        assertTrue(watches.contains(RECURSIVE, "/a", r));
        assertEquals(List.of("r NODE_CREATED CONNECTED 2 /a/b"), log);
    }

    @Test
    void shouldNotRegisterWatchOnErrorFailureOrWithoutWatcher()
    {
        final Recorder w = recorder("w");
        watches.expect(1, PERSISTENT, false, "/a", w);
        watches.expect(2, DATA, true, "/b", w);
        watches.expect(3, DATA, true, "/c", null);

        watches.onAnswer(1, ResultCode.NO_AUTH, 1);
        watches.onRequestFailed(2);
        watches.onAnswer(3, ResultCode.OK, 1);
        watches.onAnswer(2, ResultCode.OK, 1);

        assertEquals(0, watches.pathCount());
        assertEquals(0, watches.pendingCount());
    }

    // ------------------------------------------------------------------------------------------------------------
    // removeWatches.
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void shouldRemoveDataWatchersAndTellThem()
    {
        final Recorder data = recorder("data");
        final Recorder child = recorder("child");
        watches.add(DATA, "/a", data);
        watches.add(CHILD, "/a", child);
        watches.expectRemoval(1, "/a", WatcherType.DATA, false);

        watches.onAnswer(1, ResultCode.OK, 12);

        assertEquals(List.of("data DATA_WATCH_REMOVED CONNECTED 12 /a"), log);
        assertFalse(watches.contains(DATA, "/a", data));
        assertTrue(watches.contains(CHILD, "/a", child));
    }

    @Test
    void shouldRemoveChildWatchersAndTellThem()
    {
        watches.add(DATA, "/a", recorder("data"));
        watches.add(CHILD, "/a", recorder("child"));

        watches.remove("/a", WatcherType.CHILDREN, 3);

        assertEquals(List.of("child CHILD_WATCH_REMOVED CONNECTED 3 /a"), log);
    }

    @Test
    void shouldRemovePersistentOrRecursiveWatchersSeparately()
    {
        final Recorder p = recorder("p");
        final Recorder r = recorder("r");
        watches.add(PERSISTENT, "/a", p);
        watches.add(RECURSIVE, "/a", r);

        watches.remove("/a", WatcherType.PERSISTENT_RECURSIVE, 3);
        dispatch(EventType.NODE_CREATED, 4, "/a/b");
        watches.remove("/a", WatcherType.PERSISTENT, 5);

        assertEquals(List.of("r PERSISTENT_WATCH_REMOVED CONNECTED 3 /a", "p PERSISTENT_WATCH_REMOVED CONNECTED 5 /a"), log);
        assertEquals(0, watches.pathCount());
    }

    @Test
    void shouldRemoveAnyTellingEachWatcherOncePerKindOfRemoval()
    {
        final Recorder w = recorder("w");
        watches.add(DATA, "/a", w);
        watches.add(CHILD, "/a", w);
        watches.add(PERSISTENT, "/a", w);
        watches.add(RECURSIVE, "/a", w);
        watches.add(PERSISTENT, "/a", recorder("other"));

        watches.remove("/a", WatcherType.ANY, 8);

        assertEquals(List.of(
            "w DATA_WATCH_REMOVED CONNECTED 8 /a",
            "w CHILD_WATCH_REMOVED CONNECTED 8 /a",
            "w PERSISTENT_WATCH_REMOVED CONNECTED 8 /a",
            "other PERSISTENT_WATCH_REMOVED CONNECTED 8 /a"), log);
        assertEquals(0, watches.pathCount());
    }

    @Test
    void shouldKeepWatchersWhenRemovalFailsAndNotLocal()
    {
        final Recorder w = recorder("w");
        watches.add(DATA, "/a", w);
        watches.expectRemoval(1, "/a", WatcherType.DATA, false);
        watches.expectRemoval(2, "/a", WatcherType.DATA, false);

        watches.onAnswer(1, ResultCode.NO_WATCHER, 3);
        watches.onRequestFailed(2);

        assertEquals(List.of(), log);
        assertTrue(watches.contains(DATA, "/a", w));
    }

    @Test
    void shouldRemoveLocallyOnErrorOrFailureWhenLocal()
    {
        watches.add(DATA, "/a", recorder("a"));
        watches.add(CHILD, "/b", recorder("b"));
        watches.expectRemoval(1, "/a", WatcherType.DATA, true);
        watches.expectRemoval(2, "/b", WatcherType.CHILDREN, true);

        watches.onAnswer(1, ResultCode.NO_WATCHER, 3);
        watches.onRequestFailed(2);

        assertEquals(List.of(
            "a DATA_WATCH_REMOVED CONNECTED " + WatchedEvent.NO_ZXID + " /a",
            "b CHILD_WATCH_REMOVED CONNECTED " + WatchedEvent.NO_ZXID + " /b"), log);
        assertEquals(0, watches.pathCount());
        assertEquals(0, watches.pendingCount());
    }

    @Test
    void shouldRemoveLocallyBeforeTheAnswerWhenDisconnected()
    {
        final Recorder a = recorder("a");
        final Recorder b = recorder("b");
        watches.add(DATA, "/a", a);
        watches.add(DATA, "/b", b);
        watches.expectRemoval(1, "/a", WatcherType.DATA, true);
        watches.expectRemoval(2, "/b", WatcherType.DATA, false);

        watches.onSessionStateChange(SessionState.DISCONNECTED, SESSION_ID);
        watches.onAnswer(1, ResultCode.OK, 9);

        assertEquals(List.of(
            "a DATA_WATCH_REMOVED CONNECTED " + WatchedEvent.NO_ZXID + " /a",
            "listener DISCONNECTED 42",
            "default NONE DISCONNECTED -1 null",
            "b NONE DISCONNECTED -1 null"), log);
        assertEquals(1, watches.pendingCount(), "the removal that is not local still waits for its answer");
        assertTrue(watches.contains(DATA, "/b", b));
    }
}
