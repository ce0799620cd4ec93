package io.aerie.client;

import io.aerie.codecs.EventType;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.WatchEventEncoder;
import io.aerie.codecs.WatcherType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.aerie.client.PathWatches.CHILD;
import static io.aerie.client.PathWatches.DATA;
import static io.aerie.client.PathWatches.PERSISTENT;
import static io.aerie.client.PathWatches.RECURSIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's watch registry and dispatch, without Aeron: answers and encoded WatchEvents are fed straight in.
 */
class ClientWatchesTest
{
    private static final long SESSION_ID = 42;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();

    private final List<String> log = new ArrayList<>();
    private final SessionListener listener = (state, sessionId) -> log.add("listener " + state + " " + sessionId);
    private final Recorder defaultWatcher = new Recorder("default", log);
    private final ClientWatches watches = new ClientWatches(listener, defaultWatcher);
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[512]);
    private final WatchEventEncoder eventEncoder = new WatchEventEncoder();

    // ------------------------------------------------------------------------------------------------------------
    // Dispatch rules.
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void shouldFireDataWatcherOnceOnDataChange()
    {
        final Recorder w = recorder("w");
        watches.add(DATA, "/a", w);

        dispatch(EventType.NODE_DATA_CHANGED, 7, "/a");
        dispatch(EventType.NODE_DATA_CHANGED, 8, "/a");

        assertEquals(List.of("w NODE_DATA_CHANGED CONNECTED 7 /a"), log);
        assertEquals(0, watches.pathCount());
    }

    @Test
    void shouldFireDataWatcherOnCreated()
    {
        watches.add(DATA, "/a", recorder("w"));

        dispatch(EventType.NODE_CREATED, 3, "/a");

        assertEquals(List.of("w NODE_CREATED CONNECTED 3 /a"), log);
    }

    @Test
    void shouldFireDataAndChildWatchersOnDelete()
    {
        watches.add(DATA, "/a", recorder("data"));
        watches.add(CHILD, "/a", recorder("child"));

        dispatch(EventType.NODE_DELETED, 5, "/a");
        dispatch(EventType.NODE_DELETED, 6, "/a");

        assertEquals(List.of("data NODE_DELETED CONNECTED 5 /a", "child NODE_DELETED CONNECTED 5 /a"), log);
        assertEquals(0, watches.pathCount());
    }

    @Test
    void shouldFireChildWatcherOnlyOnChildrenChanged()
    {
        final Recorder child = recorder("child");
        final Recorder data = recorder("data");
        watches.add(CHILD, "/a", child);
        watches.add(DATA, "/a", data);

        dispatch(EventType.NODE_CHILDREN_CHANGED, 4, "/a");
        dispatch(EventType.NODE_CHILDREN_CHANGED, 5, "/a");

        assertEquals(List.of("child NODE_CHILDREN_CHANGED CONNECTED 4 /a"), log);
        assertTrue(watches.contains(DATA, "/a", data));
        assertFalse(watches.contains(CHILD, "/a", child));
    }

    @Test
    void shouldNotFireChildWatcherOnDataChangeOrCreate()
    {
        watches.add(CHILD, "/a", recorder("child"));

        dispatch(EventType.NODE_DATA_CHANGED, 4, "/a");
        dispatch(EventType.NODE_CREATED, 5, "/a");

        assertEquals(List.of(), log);
        assertEquals(1, watches.pathCount());
    }

    @Test
    void shouldKeepPersistentWatcherForEveryEventOfItsPath()
    {
        final Recorder w = recorder("p");
        watches.add(PERSISTENT, "/a", w);

        dispatch(EventType.NODE_CREATED, 1, "/a");
        dispatch(EventType.NODE_DATA_CHANGED, 2, "/a");
        dispatch(EventType.NODE_CHILDREN_CHANGED, 3, "/a");
        dispatch(EventType.NODE_DELETED, 4, "/a");
        dispatch(EventType.NODE_DATA_CHANGED, 5, "/a/b");

        assertEquals(List.of(
            "p NODE_CREATED CONNECTED 1 /a",
            "p NODE_DATA_CHANGED CONNECTED 2 /a",
            "p NODE_CHILDREN_CHANGED CONNECTED 3 /a",
            "p NODE_DELETED CONNECTED 4 /a"), log);
        assertTrue(watches.contains(PERSISTENT, "/a", w));
    }

    @Test
    void shouldFireRecursiveWatcherForPathAndDescendantsButNotChildrenChanged()
    {
        final Recorder w = recorder("r");
        watches.add(RECURSIVE, "/a", w);

        dispatch(EventType.NODE_CREATED, 1, "/a");
        dispatch(EventType.NODE_CREATED, 2, "/a/b");
        dispatch(EventType.NODE_DATA_CHANGED, 3, "/a/b/c");
        dispatch(EventType.NODE_DELETED, 4, "/a/b");
        dispatch(EventType.NODE_CHILDREN_CHANGED, 5, "/a");
        dispatch(EventType.NODE_CHILDREN_CHANGED, 6, "/a/b");

        assertEquals(List.of(
            "r NODE_CREATED CONNECTED 1 /a",
            "r NODE_CREATED CONNECTED 2 /a/b",
            "r NODE_DATA_CHANGED CONNECTED 3 /a/b/c",
            "r NODE_DELETED CONNECTED 4 /a/b"), log);
        assertTrue(watches.contains(RECURSIVE, "/a", w));
    }

    @Test
    void shouldFireRecursiveWatcherOnRootForEveryNode()
    {
        watches.add(RECURSIVE, "/", recorder("r"));

        dispatch(EventType.NODE_DATA_CHANGED, 1, "/");
        dispatch(EventType.NODE_CREATED, 2, "/x");
        dispatch(EventType.NODE_DELETED, 3, "/x/y/z");

        assertEquals(List.of(
            "r NODE_DATA_CHANGED CONNECTED 1 /",
            "r NODE_CREATED CONNECTED 2 /x",
            "r NODE_DELETED CONNECTED 3 /x/y/z"), log);
    }

    @Test
    void shouldNotFireRecursiveWatcherForPathSharingOnlyAPrefix()
    {
        watches.add(RECURSIVE, "/a", recorder("r"));

        dispatch(EventType.NODE_CREATED, 1, "/ab");
        dispatch(EventType.NODE_CREATED, 2, "/ab/c");
        dispatch(EventType.NODE_CREATED, 3, "/b/a");

        assertEquals(List.of(), log);
    }

    @Test
    void shouldNotFireWatchersOfOtherPaths()
    {
        watches.add(DATA, "/a", recorder("a"));
        watches.add(PERSISTENT, "/a/b", recorder("ab"));

        dispatch(EventType.NODE_DATA_CHANGED, 1, "/b");
        dispatch(EventType.NODE_DATA_CHANGED, 2, "/a/b/c");
        dispatch(EventType.NODE_CREATED, 3, "/a/b/c");

        assertEquals(List.of(), log);
        assertEquals(2, watches.pathCount());
    }

    @Test
    void shouldCallWatcherOnceWhenRegisteredInSeveralLists()
    {
        final Recorder w = recorder("w");
        watches.add(DATA, "/a/b", w);
        watches.add(PERSISTENT, "/a/b", w);
        watches.add(RECURSIVE, "/a/b", w);
        watches.add(RECURSIVE, "/a", w);
        watches.add(RECURSIVE, "/", w);

        dispatch(EventType.NODE_DATA_CHANGED, 9, "/a/b");

        assertEquals(List.of("w NODE_DATA_CHANGED CONNECTED 9 /a/b"), log);
        assertFalse(watches.contains(DATA, "/a/b", w));
        assertTrue(watches.contains(PERSISTENT, "/a/b", w));
    }

    @Test
    void shouldCallDistinctWatchersOfOneEventInRegistrationOrder()
    {
        watches.add(DATA, "/a", recorder("d1"));
        watches.add(DATA, "/a", recorder("d2"));
        watches.add(PERSISTENT, "/a", recorder("p"));
        watches.add(RECURSIVE, "/", recorder("root"));

        dispatch(EventType.NODE_DATA_CHANGED, 1, "/a");

        assertEquals(List.of(
            "d1 NODE_DATA_CHANGED CONNECTED 1 /a",
            "d2 NODE_DATA_CHANGED CONNECTED 1 /a",
            "p NODE_DATA_CHANGED CONNECTED 1 /a",
            "root NODE_DATA_CHANGED CONNECTED 1 /a"), log);
    }

    @Test
    void shouldDeduplicateAcrossManyWatchers()
    {
        final Recorder[] recorders = new Recorder[100];
        for (int i = 0; i < recorders.length; i++)
        {
            recorders[i] = recorder("w" + i);
            watches.add(DATA, "/a", recorders[i]);
            watches.add(PERSISTENT, "/a", recorders[i]);
            watches.add(RECURSIVE, "/", recorders[i]);
        }

        dispatch(EventType.NODE_DATA_CHANGED, 1, "/a");

        assertEquals(recorders.length, log.size());
        for (int i = 0; i < recorders.length; i++)
        {
            assertEquals("w" + i + " NODE_DATA_CHANGED CONNECTED 1 /a", log.get(i));
        }
    }

    @Test
    void shouldIgnoreTheSameWatcherAddedTwiceToOneList()
    {
        final Recorder w = recorder("w");
        watches.add(DATA, "/a", w);
        watches.add(DATA, "/a", w);

        dispatch(EventType.NODE_DATA_CHANGED, 1, "/a");
        dispatch(EventType.NODE_DATA_CHANGED, 2, "/a");

        assertEquals(List.of("w NODE_DATA_CHANGED CONNECTED 1 /a"), log);
    }

    @Test
    void shouldKeepWatchSetAgainFromCallbackForTheNextEventOnly()
    {
        final Watcher rearming = new Watcher()
        {
            @Override
            public void onEvent(final WatchedEvent event)
            {
                log.add("rearm " + event.type() + " " + event.zxid());
                watches.add(DATA, event.path(), this);
            }
        };
        watches.add(DATA, "/a", rearming);

        dispatch(EventType.NODE_DATA_CHANGED, 1, "/a");
        assertTrue(watches.contains(DATA, "/a", rearming));
        dispatch(EventType.NODE_DATA_CHANGED, 2, "/a");

        assertEquals(List.of("rearm NODE_DATA_CHANGED 1", "rearm NODE_DATA_CHANGED 2"), log);
        assertEquals(1, watches.pathCount());
    }

    @Test
    void shouldNotFireWatcherAddedToAnotherKindDuringDispatch()
    {
        final Recorder late = recorder("late");
        final Watcher adder = event ->
        {
            log.add("adder " + event.type());
            watches.add(PERSISTENT, "/a", late);
        };
        watches.add(DATA, "/a", adder);

        dispatch(EventType.NODE_DATA_CHANGED, 1, "/a");
        dispatch(EventType.NODE_DATA_CHANGED, 2, "/a");

        assertEquals(List.of("adder NODE_DATA_CHANGED", "late NODE_DATA_CHANGED CONNECTED 2 /a"), log);
    }

    @Test
    void shouldDispatchEventRaisedFromInsideACallback()
    {
        final Recorder inner = recorder("inner");
        watches.add(DATA, "/b", inner);
        final Watcher nesting = event ->
        {
            log.add("outer-before " + event.path() + " " + event.zxid());
            dispatch(EventType.NODE_CREATED, 99, "/b");
            log.add("outer-after " + event.path() + " " + event.zxid() + " " + event.type());
        };
        watches.add(DATA, "/a", nesting);
        watches.add(DATA, "/a", recorder("second"));

        dispatch(EventType.NODE_DATA_CHANGED, 1, "/a");

        assertEquals(List.of(
            "outer-before /a 1",
            "inner NODE_CREATED CONNECTED 99 /b",
            "outer-after /a 1 NODE_DATA_CHANGED",
            "second NODE_DATA_CHANGED CONNECTED 1 /a"), log);
    }

    // ------------------------------------------------------------------------------------------------------------
    // The event's path.
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void shouldReturnTheRegisteredPathStringItself()
    {
        final String path = new String("/app/config".toCharArray());
        final List<String> seen = new ArrayList<>();
        watches.add(PERSISTENT, path, event -> seen.add(event.path()));

        dispatch(EventType.NODE_DATA_CHANGED, 1, "/app/config");

        assertSame(path, seen.get(0));
    }

    @Test
    void shouldDecodeDescendantPathOnceForARecursiveWatcher()
    {
        final List<String> seen = new ArrayList<>();
        watches.add(RECURSIVE, "/a", event ->
        {
            seen.add(event.path());
            seen.add(event.path());
        });

        dispatch(EventType.NODE_CREATED, 1, "/a/\u00e9t\u00e9");

        assertEquals("/a/\u00e9t\u00e9", seen.get(0));
        assertSame(seen.get(0), seen.get(1));
    }

    @Test
    void shouldExposePathBytesWithoutDecoding()
    {
        final List<String> seen = new ArrayList<>();
        watches.add(RECURSIVE, "/", event -> seen.add(
            event.pathBuffer().getStringWithoutLengthUtf8(event.pathOffset(), event.pathLength())));

        dispatch(EventType.NODE_CREATED, 1, "/caf\u00e9");

        assertEquals(List.of("/caf\u00e9"), seen);
    }

    @Test
    void shouldRegisterPathGivenAsMutableCharSequence()
    {
        final StringBuilder path = new StringBuilder("/sb");
        watches.expect(1, DATA, false, path, recorder("w"));
        path.setLength(0);
        path.append("/other");

        watches.onAnswer(1, ResultCode.OK, 1);
        dispatch(EventType.NODE_DATA_CHANGED, 2, "/sb");

        assertEquals(List.of("w NODE_DATA_CHANGED CONNECTED 2 /sb"), log);
    }

    @Test
    void shouldGiveNoPathForSessionEvents()
    {
        final List<Object> seen = new ArrayList<>();
        final ClientWatches withDefault = new ClientWatches((s, id) -> {}, event ->
        {
            seen.add(event.path());
            seen.add(event.pathLength());
            seen.add(event.zxid());
        });

        withDefault.onSessionStateChange(SessionState.CONNECTED, SESSION_ID);

        assertNull(seen.get(0));
        assertEquals(0, seen.get(1));
        assertEquals(WatchedEvent.NO_ZXID, seen.get(2));
    }

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

    // ------------------------------------------------------------------------------------------------------------
    // Session state and lost events.
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void shouldTellOnlyListenerAndDefaultWatcherOfConnected()
    {
        watches.add(PERSISTENT, "/a", recorder("p"));

        watches.onSessionStateChange(SessionState.CONNECTED, SESSION_ID);

        assertEquals(List.of("listener CONNECTED 42", "default NONE CONNECTED -1 null"), log);
    }

    @Test
    void shouldTellEveryWatcherOnceOfDisconnectedAndKeepThem()
    {
        final Recorder w = recorder("w");
        watches.add(DATA, "/a", w);
        watches.add(CHILD, "/b", w);
        watches.add(RECURSIVE, "/", recorder("r"));

        watches.onSessionStateChange(SessionState.DISCONNECTED, SESSION_ID);

        assertEquals(List.of(
            "listener DISCONNECTED 42",
            "default NONE DISCONNECTED -1 null",
            "r NONE DISCONNECTED -1 null",
            "w NONE DISCONNECTED -1 null"), sortedAfter(2));
        assertEquals(3, watches.pathCount());
    }

    @Test
    void shouldTellDefaultWatcherOnceWhenAlsoRegistered()
    {
        watches.add(DATA, "/a", defaultWatcher);

        watches.onSessionStateChange(SessionState.DISCONNECTED, SESSION_ID);

        assertEquals(List.of("listener DISCONNECTED 42", "default NONE DISCONNECTED -1 null"), log);
    }

    @Test
    void shouldForgetEveryWatchOnExpired()
    {
        watches.add(DATA, "/a", recorder("d"));
        watches.add(RECURSIVE, "/", recorder("r"));

        watches.onSessionStateChange(SessionState.EXPIRED, SESSION_ID);
        dispatch(EventType.NODE_CREATED, 1, "/a");

        assertEquals(List.of(
            "listener EXPIRED 42",
            "default NONE EXPIRED -1 null",
            "d NONE EXPIRED -1 null",
            "r NONE EXPIRED -1 null"), sortedAfter(2));
        assertEquals(0, watches.pathCount());
    }

    @Test
    void shouldForgetEveryWatchOnClosed()
    {
        watches.add(PERSISTENT, "/a", recorder("p"));
        watches.add(CHILD, "/b", recorder("c"));

        watches.onSessionStateChange(SessionState.CLOSED, SESSION_ID);
        dispatch(EventType.NODE_DELETED, 1, "/a");
        dispatch(EventType.NODE_DELETED, 1, "/b");

        assertEquals(List.of(
            "listener CLOSED 42",
            "default NONE CLOSED -1 null",
            "c NONE CLOSED -1 null",
            "p NONE CLOSED -1 null"), sortedAfter(2));
        assertEquals(0, watches.pathCount());
    }

    @Test
    void shouldRaiseEventsLostOnSequenceGapBeforeDispatchingTheEvent()
    {
        watches.add(DATA, "/a", recorder("d"));
        watches.add(PERSISTENT, "/b", recorder("p"));
        onWatchEvent(1, EventType.NODE_DATA_CHANGED, 10, "/x");
        assertEquals(List.of(), log);

        onWatchEvent(3, EventType.NODE_DATA_CHANGED, 12, "/b");

        assertEquals("p NODE_DATA_CHANGED CONNECTED 12 /b", log.remove(log.size() - 1), "the event comes last");
        assertEquals(List.of(
            "listener EVENTS_LOST 42",
            "default NONE EVENTS_LOST -1 null",
            "d NONE EVENTS_LOST -1 null",
            "p NONE EVENTS_LOST -1 null"), sortedAfter(2));
        assertEquals(3, watches.lastEventSequence());
        assertEquals(1, watches.pathCount(), "one-time watches forgotten, persistent ones kept");
    }

    @Test
    void shouldDropDuplicateEvents()
    {
        watches.add(PERSISTENT, "/a", recorder("p"));
        onWatchEvent(1, EventType.NODE_DATA_CHANGED, 10, "/a");
        onWatchEvent(2, EventType.NODE_DATA_CHANGED, 11, "/a");

        onWatchEvent(2, EventType.NODE_DATA_CHANGED, 11, "/a");
        onWatchEvent(1, EventType.NODE_DATA_CHANGED, 10, "/a");

        assertEquals(List.of("p NODE_DATA_CHANGED CONNECTED 10 /a", "p NODE_DATA_CHANGED CONNECTED 11 /a"), log);
        assertEquals(2, watches.lastEventSequence());
    }

    @Test
    void shouldRaiseEventsLostWhenKeepAliveCountIsAhead()
    {
        final Recorder d = recorder("d");
        watches.add(DATA, "/a", d);
        onWatchEvent(1, EventType.NODE_CREATED, 10, "/x");

        watches.onKeepAlive(1, SESSION_ID);
        assertEquals(List.of(), log);
        watches.onKeepAlive(4, SESSION_ID);
        onWatchEvent(5, EventType.NODE_CREATED, 13, "/y");

        assertEquals(List.of("listener EVENTS_LOST 42", "default NONE EVENTS_LOST -1 null", "d NONE EVENTS_LOST -1 null"), log);
        assertEquals(5, watches.lastEventSequence());
        assertEquals(0, watches.pathCount());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Allocation.
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void shouldNotAllocateWhenDispatchingToRegisteredPaths()
    {
        final Watcher counting = new CountingWatcher();
        watches.add(PERSISTENT, "/app/config", counting);
        watches.add(RECURSIVE, "/app", counting);
        watches.add(DATA, "/app/config", new RearmingWatcher(watches));
        for (int i = 0; i < 50; i++)
        {
            watches.add(PERSISTENT, "/other/" + i, counting);
        }
        encodeEvent(0, EventType.NODE_DATA_CHANGED, 1, "/app/config");
        final DispatchRound round = new DispatchRound(watches, eventEncoder, message, counting);
        allocatedBy(round, 30_000);

        // Any allocation per round would show in every window (at least 16 bytes x 10,000); the JVM itself
        // allocates a few bytes now and then (deoptimisation), so one clean window of five is the proof.
        long fewest = Long.MAX_VALUE;
        for (int window = 0; window < 5 && fewest > 0; window++)
        {
            fewest = Math.min(fewest, allocatedBy(round, 10_000));
        }

        assertEquals(0, fewest, "bytes allocated by 10,000 rounds of dispatch");
        assertTrue(((CountingWatcher)counting).count > 0);
        assertEquals(52, watches.pathCount(), "every one-time entry went back to the pool");
    }

    // ------------------------------------------------------------------------------------------------------------

    private static long allocatedBy(final Runnable round, final int rounds)
    {
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < rounds; i++)
        {
            round.run();
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    private Recorder recorder(final String name)
    {
        return new Recorder(name, log);
    }

    private void dispatch(final EventType type, final long zxid, final String path)
    {
        final byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        watches.dispatch(type, zxid, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    /**
     * Encode a WatchEvent into {@link #message}, leaving {@link #eventEncoder} wrapped on it.
     */
    private void encodeEvent(final long sequence, final EventType type, final long zxid, final String path)
    {
        eventEncoder.wrapAndApplyHeader(message, 0, new MessageHeaderEncoder())
            .zxid(zxid)
            .sequence(sequence)
            .eventType(type)
            .path(path);
    }

    private void onWatchEvent(final long sequence, final EventType type, final long zxid, final String path)
    {
        encodeEvent(sequence, type, zxid, path);
        watches.onWatchEvent(message, 0, SESSION_ID);
    }

    /**
     * The log with everything from {@code from} on sorted: watchers told of a session event come in registry
     * order, which the tests do not rely on.
     */
    private List<String> sortedAfter(final int from)
    {
        final List<String> result = new ArrayList<>(log.subList(0, from));
        final List<String> rest = new ArrayList<>(log.subList(from, log.size()));
        rest.sort(null);
        result.addAll(rest);
        return result;
    }

    private static final class Recorder implements Watcher
    {
        private final String name;
        private final List<String> log;

        Recorder(final String name, final List<String> log)
        {
            this.name = name;
            this.log = log;
        }

        @Override
        public void onEvent(final WatchedEvent event)
        {
            log.add(name + " " + event.type() + " " + event.state() + " " + event.zxid() + " " + event.path());
        }
    }

    /**
     * One round: a WatchEvent message to a path with persistent, recursive and re-armed one-time watchers, and a
     * one-time watch set by an exists answer and fired, so its entry and registration go to their pools and back.
     */
    private static final class DispatchRound implements Runnable
    {
        private static final String PATH = "/app/lock";

        private final ClientWatches watches;
        private final WatchEventEncoder eventEncoder;
        private final UnsafeBuffer message;
        private final Watcher watcher;
        private final UnsafeBuffer pathBytes = new UnsafeBuffer(PATH.getBytes(StandardCharsets.UTF_8));
        private long sequence;

        DispatchRound(
            final ClientWatches watches, final WatchEventEncoder eventEncoder, final UnsafeBuffer message, final Watcher watcher)
        {
            this.watches = watches;
            this.eventEncoder = eventEncoder;
            this.message = message;
            this.watcher = watcher;
        }

        @Override
        public void run()
        {
            final long next = ++sequence;
            eventEncoder.sequence(next);
            watches.onWatchEvent(message, 0, SESSION_ID);
            watches.expect(next, DATA, true, PATH, watcher);
            watches.onAnswer(next, ResultCode.NO_NODE, next);
            watches.dispatch(EventType.NODE_CREATED, next, pathBytes, 0, pathBytes.capacity());
        }
    }

    private static final class CountingWatcher implements Watcher
    {
        long count;

        @Override
        public void onEvent(final WatchedEvent event)
        {
            count += event.pathLength();
        }
    }

    private static final class RearmingWatcher implements Watcher
    {
        private final ClientWatches watches;

        RearmingWatcher(final ClientWatches watches)
        {
            this.watches = watches;
        }

        @Override
        public void onEvent(final WatchedEvent event)
        {
            watches.add(DATA, event.path(), this);
        }
    }
}
