package io.aerie.client;

import io.aerie.codecs.EventType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import org.junit.jupiter.api.Test;

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
 * The client's watch dispatch, without Aeron: which watchers an event fires and in what order, deduplication of a
 * watcher registered in several lists, watches set again from inside a callback, and the path the event gives.
 */
class ClientWatchesDispatchTest extends ClientWatchesTestSupport
{
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
}
