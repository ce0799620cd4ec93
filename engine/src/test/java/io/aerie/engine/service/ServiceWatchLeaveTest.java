package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import io.aerie.engine.service.Replies.Children;
import io.aerie.engine.service.Replies.DataReply;
import io.aerie.engine.service.Replies.ErrorReply;
import io.aerie.engine.service.Replies.Reply;
import io.aerie.engine.service.Replies.StatReply;
import io.aerie.engine.service.Replies.WatchEventValue;
import io.aerie.engine.service.ServiceFixture.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.aerie.codecs.EventType.NODE_CREATED;
import static io.aerie.codecs.EventType.NODE_DATA_CHANGED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Service tests of leaving watches, with ZooKeeper's semantics: which watched reads and AddWatch requests leave
 * a watch and which leave none, and requests to add or remove watches that are invalid or malformed.
 * <p>
 * Encoded requests are fed to {@link AerieClusteredService} through a {@link ServiceFixture}, whose stub
 * cluster captures egress, in send order across connections, and drives the log clock and the timers; the
 * helpers of {@link WatchTestSupport} read that order. Each test checks one behaviour through the wire only.
 */
class ServiceWatchLeaveTest extends WatchTestSupport
{
    // ---------------------------------------------------------------------------------------------------------------
    // Leaving watches

    @Test
    void shouldLeaveDataWatchWithExistsOnMissingNode()
    {
        final Client a = connect();
        final Client b = connect();

        final StatReply missing = watchExists(a, "/a");
        final Exchange x = create(b, "/a");

        assertEquals(ResultCode.NO_NODE, missing.code());
        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_CREATED, "/a")), x.eventsTo(a));
        assertEquals(1, x.zxid());
    }

    @Test
    void shouldLeaveNoWatchWithGetDataOnMissingNode()
    {
        final Client a = connect();
        final Client b = connect();

        final DataReply missing = watchData(a, "/a");
        final List<Exchange> writes = List.of(create(b, "/a"), setData(b, "/a", "1"), delete(b, "/a"));

        assertEquals(ResultCode.NO_NODE, missing.code());
        assertNothingSentTo(a, writes);
    }

    @Test
    void shouldLeaveNoWatchWithGetChildrenOnMissingNode()
    {
        final Client a = connect();
        final Client b = connect();

        final Children missing = watchChildren(a, "/p");
        final List<Exchange> writes = List.of(create(b, "/p"), create(b, "/p/c"), delete(b, "/p/c"), delete(b, "/p"));

        assertEquals(ResultCode.NO_NODE, missing.code());
        assertNothingSentTo(a, writes);
    }

    @Test
    void shouldLeaveNoWatchWithReadOfInvalidPath()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);

        assertEquals(ResultCode.INVALID_PATH, watchExists(a, "/a/").code());
        assertEquals(ResultCode.INVALID_PATH, watchData(a, "/a/").code());
        assertEquals(ResultCode.INVALID_PATH, watchChildren(a, "/a/").code());
        assertEquals(ResultCode.INVALID_PATH, watchExists(a, "/b/").code());
        final List<Exchange> writes = List.of(setData(b, "/a", "1"), create(b, "/a/c"), create(b, "/b"), delete(b, "/a/c"));

        assertNothingSentTo(a, writes);
    }

    @Test
    void shouldAnswerAddWatchOnMissingNodeWithOkChangingNoNode()
    {
        final Client a = connect();
        f.create(a, "/x", "", CreateMode.PERSISTENT);
        final long digest = f.digest();
        final long correlationId = f.nextCorrelationId();

        final Reply reply = Replies.addWatchReply(f.request(a.connection(),
            f.wire.addWatch(correlationId, "/missing", WatchMode.PERSISTENT)));

        assertEquals(new Reply(correlationId, ResultCode.OK, 1), reply);
        assertEquals(digest, f.digest());
        assertEquals(1, f.lastZxid());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/a/", "a", "", "/a//b", "/a/../b", "/a/." })
    void shouldRefuseAddWatchOnInvalidPath(final String path)
    {
        final Client a = connect();
        final Client b = connect();

        final Reply persistent = addWatch(a, path, WatchMode.PERSISTENT);
        final Reply recursive = addWatch(a, path, WatchMode.PERSISTENT_RECURSIVE);
        final List<Exchange> writes = List.of(create(b, "/a"), create(b, "/b"), create(b, "/a/b"), setData(b, "/a", "1"));

        assertEquals(ResultCode.INVALID_PATH, persistent.code());
        assertEquals(ResultCode.INVALID_PATH, recursive.code());
        assertNothingSentTo(a, writes);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Bad input

    @Test
    void shouldRefuseTruncatedAddWatchAndAddNoWatch()
    {
        final Client a = connect();
        final Client b = connect();
        final byte[] full = f.wire.addWatch(81, "/a", WatchMode.PERSISTENT_RECURSIVE);

        for (int length = 16; length < full.length; length++)
        {
            final ErrorReply reply = Replies.error(f.request(a.connection(), Arrays.copyOf(full, length)));
            assertEquals(ResultCode.MALFORMED_REQUEST, reply.code(), "length " + length);
            assertEquals(81, reply.correlationId());
        }
        final List<Exchange> writes = List.of(create(b, "/a"), create(b, "/a/b"));

        assertNothingSentTo(a, writes);
    }

    @Test
    void shouldRefuseTruncatedRemoveWatchesAndRemoveNothing()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        watchData(a, "/a");
        final byte[] full = f.wire.removeWatches(82, "/a", WatcherType.ANY, false);

        for (int length = 16; length < full.length; length++)
        {
            final ErrorReply reply = Replies.error(f.request(a.connection(), Arrays.copyOf(full, length)));
            assertEquals(ResultCode.MALFORMED_REQUEST, reply.code(), "length " + length);
            assertEquals(82, reply.correlationId());
        }
        final Exchange x = setData(b, "/a", "v1");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_DATA_CHANGED, "/a")), x.eventsTo(a));
    }

    static Stream<byte[]> malformedUtf8Paths()
    {
        return Stream.of(
            new byte[]{ '/', 'a', (byte)0xC3 },                            // truncated 2-byte sequence
            new byte[]{ '/', (byte)0xC0, (byte)0xAF },                     // overlong '/'
            new byte[]{ '/', (byte)0xED, (byte)0xA0, (byte)0x80 },         // surrogate U+D800
            new byte[]{ '/', (byte)0xFF });                                // never valid
    }

    @ParameterizedTest
    @MethodSource("malformedUtf8Paths")
    void shouldRefuseAddWatchWithMalformedUtf8Path(final byte[] path)
    {
        final Client a = connect();
        final Client b = connect();

        final Reply reply = Replies.addWatchReply(f.request(a.connection(),
            f.wire.addWatch(f.nextCorrelationId(), path, WatchMode.PERSISTENT_RECURSIVE)));
        final List<Exchange> writes = List.of(create(b, "/a"), create(b, "/a/b"));

        assertEquals(ResultCode.INVALID_PATH, reply.code());
        assertNothingSentTo(a, writes);
    }

    @ParameterizedTest
    @MethodSource("malformedUtf8Paths")
    void shouldRefuseRemoveWatchesWithMalformedUtf8PathAndRemoveNothing(final byte[] path)
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        addWatch(a, "/", WatchMode.PERSISTENT_RECURSIVE);

        final Reply reply = Replies.removeWatchesReply(f.request(a.connection(),
            f.wire.removeWatches(f.nextCorrelationId(), path, WatcherType.ANY, false)));
        final Exchange x = setData(b, "/a", "v1");

        assertEquals(ResultCode.INVALID_PATH, reply.code());
        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_DATA_CHANGED, "/a")), x.eventsTo(a));
    }

    @ParameterizedTest
    @ValueSource(ints = { 2, 3, 100, 254 })
    void shouldRefuseWatchModeOutOfRange(final int mode)
    {
        final Client a = connect();
        final Client b = connect();
        final byte[] message = f.wire.addWatch(83, "/a", WatchMode.PERSISTENT);
        // AddWatchRequest: header 8, correlationId 8, then mode uint8.
        message[16] = (byte)mode;

        final ErrorReply reply = Replies.error(f.request(a.connection(), message));
        final Exchange x = create(b, "/a");

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(83, reply.correlationId());
        assertEquals(List.of(), x.to(a));
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 6, 100, 254 })
    void shouldRefuseWatcherTypeOutOfRange(final int watcherType)
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        watchData(a, "/a");
        final byte[] message = f.wire.removeWatches(84, "/a", WatcherType.ANY, false);
        // RemoveWatchesRequest: header 8, correlationId 8, then watcherType uint8.
        message[16] = (byte)watcherType;

        final ErrorReply reply = Replies.error(f.request(a.connection(), message));
        final Exchange x = setData(b, "/a", "v1");

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(84, reply.correlationId());
        assertEquals(1, x.eventsTo(a).size());
    }
}
