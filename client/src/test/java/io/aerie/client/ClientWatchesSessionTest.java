package io.aerie.client;

import io.aerie.codecs.EventType;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.WatchEventEncoder;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's watches across session events, without Aeron: session states told to the listener, the default
 * watcher and every registered watcher, events lost in a sequence gap, watches forgotten when the session ends,
 * and dispatch that allocates nothing.
 */
class ClientWatchesSessionTest extends ClientWatchesTestSupport
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();

    private final UnsafeBuffer message = new UnsafeBuffer(new byte[512]);
    private final WatchEventEncoder eventEncoder = new WatchEventEncoder();

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

        // Any allocation per round would show in every window (at least 16 bytes x 1,000); the JVM itself
        // allocates a few bytes now and then (deoptimisation, recompilation), and on a loaded machine its compiler
        // threads finish late, so those land in window after window: one clean window, of up to 200, is the proof.
        long fewest = Long.MAX_VALUE;
        for (int window = 0; window < 200 && fewest > 0; window++)
        {
            fewest = Math.min(fewest, allocatedBy(round, 1_000));
        }

        assertEquals(0, fewest, "bytes allocated by 1,000 rounds of dispatch");
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
