package io.aerie.engine.service;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionEventDecoder;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.WatchMode;
import io.aerie.engine.service.Replies.Connected;
import io.aerie.engine.service.Replies.DataReply;
import io.aerie.engine.service.Replies.KeepAliveReply;
import io.aerie.engine.service.Replies.Reply;
import io.aerie.engine.service.Replies.WatchEventValue;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aerie.engine.service.StubCluster.Sent;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.aerie.codecs.EventType.NODE_CHILDREN_CHANGED;
import static io.aerie.codecs.EventType.NODE_CREATED;
import static io.aerie.codecs.EventType.NODE_DATA_CHANGED;
import static io.aerie.codecs.EventType.NODE_DELETED;
import static io.aerie.engine.service.ServiceFixture.MAX_TIMEOUT_MS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Service tests of watches over the life of a session: watches fired and dropped when a session closes or
 * expires and when the sweep deletes nodes, events on the connection a session resumed on, per-session event
 * sequences and keepalives reporting them, watches and sequences through a snapshot and restore, and resent
 * requests leaving no extra watch.
 * <p>
 * Encoded requests are fed to {@link AerieClusteredService} through a {@link ServiceFixture}, whose stub
 * cluster captures egress, in send order across connections, and drives the log clock and the timers; the
 * helpers of {@link WatchTestSupport} read that order. Each test checks one behaviour through the wire only.
 */
class ServiceWatchSessionTest extends WatchTestSupport
{
    // ---------------------------------------------------------------------------------------------------------------
    // End of a session

    @Test
    void shouldFireOtherSessionsWatchesWhenClosedSessionsEphemeralsAreDeleted()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(a, "/p", "", CreateMode.PERSISTENT);
        f.create(a, "/p/e", "", CreateMode.EPHEMERAL);
        watchData(b, "/p/e");
        watchChildren(b, "/p");

        final Exchange x = exchange(a, f.wire.closeSession(f.nextCorrelationId()));

        assertEquals(ResultCode.OK, Replies.closeReply(x.answer()).code());
        assertEquals(3, x.zxid());
        assertEquals(List.of(
            new WatchEventValue(3, 1, NODE_DELETED, "/p/e"),
            new WatchEventValue(3, 2, NODE_CHILDREN_CHANGED, "/p")), x.eventsTo(b));
        final Sent last = x.sent().get(x.sent().size() - 1);
        assertArrayEquals(x.answer(), last.message(), "the answer after every event");
    }

    @Test
    void shouldDropClosedSessionsWatchesWithoutEvents()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(a, "/e", "", CreateMode.EPHEMERAL);
        f.create(b, "/x", "", CreateMode.PERSISTENT);
        watchData(a, "/e");
        watchChildren(a, "/");
        watchData(a, "/x");
        watchExists(a, "/y");
        addWatch(a, "/", WatchMode.PERSISTENT_RECURSIVE);
        addWatch(a, "/x", WatchMode.PERSISTENT);

        final Exchange closed = exchange(a, f.wire.closeSession(f.nextCorrelationId()));
        final List<Exchange> writes = List.of(setData(b, "/x", "v1"), create(b, "/y"), delete(b, "/x"));

        assertEquals(List.of(closed.answer()), closed.to(a), "no event to the closing session");
        assertNothingSentTo(a, writes);
    }

    @Test
    void shouldFireOtherSessionsWatchesWhenExpiredSessionsEphemeralsAreDeleted()
    {
        final Client a = connect(SHORT_TIMEOUT_MS);
        final Client b = connect(MAX_TIMEOUT_MS);
        f.create(a, "/e", "", CreateMode.EPHEMERAL);
        watchData(b, "/e");
        addWatch(b, "/", WatchMode.PERSISTENT);

        final List<Sent> sent = fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        final long zxid = f.lastZxid();
        assertEquals(2, zxid);
        assertEquals(List.of(
            new WatchEventValue(zxid, 1, NODE_DELETED, "/e"),
            new WatchEventValue(zxid, 2, NODE_CHILDREN_CHANGED, "/")), eventsTo(sent, b));
    }

    @Test
    void shouldDropExpiredSessionsWatchesWithoutEvents()
    {
        final Client a = connect(SHORT_TIMEOUT_MS);
        final Client b = connect(MAX_TIMEOUT_MS);
        f.create(a, "/e", "", CreateMode.EPHEMERAL);
        f.create(b, "/x", "", CreateMode.PERSISTENT);
        watchData(a, "/e");
        watchChildren(a, "/");
        addWatch(a, "/", WatchMode.PERSISTENT_RECURSIVE);
        addWatch(a, "/x", WatchMode.PERSISTENT);

        final List<Sent> sent = fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);
        final List<Exchange> writes = List.of(setData(b, "/x", "v1"), create(b, "/y"));

        final List<byte[]> toA = to(sent, a.connection().id());
        assertEquals(1, toA.size(), "the session event only");
        assertEquals(SessionEventDecoder.TEMPLATE_ID, Replies.templateId(toA.get(0)));
        assertEquals(SessionState.EXPIRED, Replies.sessionEvent(toA.get(0)).state());
        assertNothingSentTo(a, writes);
    }

    @Test
    void shouldFireWatchesWhenSweepDeletesEmptiedContainer()
    {
        final Client a = connect(MAX_TIMEOUT_MS);
        final Client b = connect(MAX_TIMEOUT_MS);
        f.create(a, "/c", "", CreateMode.CONTAINER);
        f.create(a, "/c/x", "", CreateMode.PERSISTENT);
        f.delete(a, "/c/x", -1);
        watchData(b, "/c");
        watchChildren(b, "/");

        final List<Sent> sent = fireTimer(AerieClusteredService.SWEEP_TIMER_ID);

        final long zxid = f.lastZxid();
        assertEquals(4, zxid);
        assertEquals(List.of(
            new WatchEventValue(zxid, 1, NODE_DELETED, "/c"),
            new WatchEventValue(zxid, 2, NODE_CHILDREN_CHANGED, "/")), eventsTo(sent, b));
    }

    @Test
    void shouldFireWatchesWhenSweepDeletesExpiredTtlNode()
    {
        final Client a = connect(MAX_TIMEOUT_MS);
        final Client b = connect(MAX_TIMEOUT_MS);
        f.create(a, "/p", "", CreateMode.PERSISTENT);
        f.createTtl(a, "/p/t", CreateMode.PERSISTENT_WITH_TTL, 1500);
        addWatch(b, "/p", WatchMode.PERSISTENT_RECURSIVE);
        addWatch(b, "/p", WatchMode.PERSISTENT);

        final List<Sent> early = fireTimer(AerieClusteredService.SWEEP_TIMER_ID);
        final List<Sent> sent = fireTimer(AerieClusteredService.SWEEP_TIMER_ID);

        assertEquals(List.of(), early);
        final long zxid = f.lastZxid();
        assertEquals(3, zxid);
        assertEquals(List.of(
            new WatchEventValue(zxid, 1, NODE_DELETED, "/p/t"),
            new WatchEventValue(zxid, 2, NODE_CHILDREN_CHANGED, "/p")), eventsTo(sent, b));
    }

    @Test
    void shouldSendEventsOnTheConnectionTheSessionResumedOn()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        watchData(a, "/a");
        f.closeConnection(a.connection());
        final StubClientSession connection = f.openConnection();
        final Connected resumed = Replies.connected(f.request(connection,
            f.wire.connect(f.nextCorrelationId(), a.sessionId(), TIMEOUT_MS, a.password())));
        assertEquals(ResultCode.OK, resumed.code());

        final Exchange x = setData(b, "/a", "v1");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_DATA_CHANGED, "/a")),
            Replies.watchEvents(x.to(connection.id())));
        assertEquals(List.of(), x.to(a));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Event sequences

    @Test
    void shouldNumberEachSessionsEventsFromOne()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        addWatch(a, "/a", WatchMode.PERSISTENT);

        final Exchange first = setData(b, "/a", "1");
        final Exchange second = setData(b, "/a", "2");
        final Exchange third = create(b, "/a/c");

        assertEquals(1, first.eventsTo(a).get(0).sequence());
        assertEquals(2, second.eventsTo(a).get(0).sequence());
        assertEquals(3, third.eventsTo(a).get(0).sequence());
    }

    @Test
    void shouldCountEventSequencesPerSession()
    {
        final Client a = connect();
        final Client b = connect();
        final Client w = connect();
        f.create(w, "/a", "", CreateMode.PERSISTENT);
        f.create(w, "/b", "", CreateMode.PERSISTENT);
        addWatch(a, "/a", WatchMode.PERSISTENT);
        addWatch(a, "/b", WatchMode.PERSISTENT);
        addWatch(b, "/b", WatchMode.PERSISTENT);
        setData(w, "/a", "1");
        setData(w, "/a", "2");

        final Exchange x = setData(w, "/b", "1");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 3, NODE_DATA_CHANGED, "/b")), x.eventsTo(a));
        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_DATA_CHANGED, "/b")), x.eventsTo(b));
    }

    @Test
    void shouldReportNoEventSequenceInKeepAliveBeforeAnyEvent()
    {
        final Client a = connect();
        f.create(a, "/a", "", CreateMode.PERSISTENT);
        addWatch(a, "/a", WatchMode.PERSISTENT);

        final KeepAliveReply reply = keepAlive(a);

        assertEquals(ResultCode.OK, reply.code());
        assertEquals(0, reply.eventSequence());
    }

    @Test
    void shouldReportSequenceOfLastEventSentInKeepAlive()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        addWatch(a, "/a", WatchMode.PERSISTENT);
        setData(b, "/a", "1");
        setData(b, "/a", "2");

        final KeepAliveReply toA = keepAlive(a);
        final KeepAliveReply toB = keepAlive(b);

        assertEquals(2, toA.eventSequence());
        assertEquals(0, toB.eventSequence(), "the writer was sent no event");
    }

    @Test
    void shouldKeepEventSequenceOfResumedSession()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        addWatch(a, "/a", WatchMode.PERSISTENT);
        setData(b, "/a", "1");
        f.closeConnection(a.connection());
        final StubClientSession connection = f.openConnection();
        Replies.connected(f.request(connection, f.wire.connect(f.nextCorrelationId(), a.sessionId(), TIMEOUT_MS, a.password())));
        final Client resumed = new Client(connection, a.sessionId(), a.password());

        final Exchange x = setData(b, "/a", "2");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 2, NODE_DATA_CHANGED, "/a")), x.eventsTo(resumed));
        assertEquals(2, keepAlive(resumed).eventSequence());
    }

    @Test
    void shouldCountEventsSentWhileAwayInTheResumeAnswer()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        addWatch(a, "/a", WatchMode.PERSISTENT);
        setData(b, "/a", "1");
        f.closeConnection(a.connection());
        setData(b, "/a", "2");
        setData(b, "/a", "3");

        final Connected resumed = Replies.connected(f.request(f.openConnection(),
            f.wire.connect(f.nextCorrelationId(), a.sessionId(), TIMEOUT_MS, a.password())));

        assertEquals(ResultCode.OK, resumed.code());
        assertEquals(3, resumed.eventSequence(), "two events were sent while the session had no connection");
    }

    @Test
    void shouldCountNoEventsInTheAnswerOpeningANewSession()
    {
        assertEquals(0, Replies.connected(f.request(f.openConnection(),
            f.wire.connect(f.nextCorrelationId(), 0, TIMEOUT_MS, new byte[0]))).eventSequence());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Replication: snapshot and restore

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldKeepWatchesAndEventSequencesAcrossSnapshotAndRestore(@TempDir final File dir)
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        addWatch(a, "/a", WatchMode.PERSISTENT);
        addWatch(a, "/r", WatchMode.PERSISTENT_RECURSIVE);
        assertEquals(1, setData(b, "/a", "1").eventsTo(a).get(0).sequence());
        watchChildren(a, "/a");
        watchExists(a, "/n");

        final StubCluster cluster = new StubCluster();
        final StubClientSession toA = cluster.addClientSession(a.connection().id());
        final StubClientSession toB = cluster.addClientSession(b.connection().id());
        final AerieClusteredService restored = new AerieClusteredService(ServiceFixture.context());
        try
        {
            cluster.time(f.nowMs());
            try (SnapshotStream stream = new SnapshotStream(dir))
            {
                restored.onStart(cluster, stream.snapshotOf(f.service));
            }
            restored.onNewLeadershipTermEvent(0, 0, f.nowMs(), 0, 0, 0, TimeUnit.MILLISECONDS, 0);

            deliver(restored, toB, f.wire.setData(f.nextCorrelationId(), "/a", "2", -1));
            deliver(restored, toB, f.wire.create(f.nextCorrelationId(), "/a/c", "", CreateMode.PERSISTENT));
            deliver(restored, toB, f.wire.create(f.nextCorrelationId(), "/n", "", CreateMode.PERSISTENT));
            deliver(restored, toB, f.wire.create(f.nextCorrelationId(), "/r", "", CreateMode.PERSISTENT));
            deliver(restored, toB, f.wire.create(f.nextCorrelationId(), "/r/s", "", CreateMode.PERSISTENT));
            deliver(restored, toA, f.wire.keepAlive(f.nextCorrelationId()));

            final List<byte[]> toAMessages = toA.messages();
            assertEquals(List.of(
                new WatchEventValue(3, 2, NODE_DATA_CHANGED, "/a"),
                new WatchEventValue(4, 3, NODE_CHILDREN_CHANGED, "/a"),
                new WatchEventValue(5, 4, NODE_CREATED, "/n"),
                new WatchEventValue(6, 5, NODE_CREATED, "/r"),
                new WatchEventValue(7, 6, NODE_CREATED, "/r/s")), Replies.watchEvents(toAMessages));
            assertEquals(6, Replies.keepAliveWithSequence(toAMessages.get(toAMessages.size() - 1)).eventSequence());
            assertEquals(List.of(), Replies.watchEvents(toB.messages()));
        }
        finally
        {
            restored.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Resends

    @Test
    void shouldSendOneEventPerChangeAfterWatchedReadIsResent()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        final byte[] read = f.wire.getData(f.nextCorrelationId(), "/a", true);

        final DataReply first = Replies.dataReply(f.request(a.connection(), read));
        final DataReply resent = Replies.dataReply(f.request(a.connection(), read));
        final Exchange changed = setData(b, "/a", "v1");
        final Exchange again = setData(b, "/a", "v2");

        assertEquals(ResultCode.OK, first.code());
        assertEquals(first, resent);
        assertEquals(List.of(new WatchEventValue(changed.zxid(), 1, NODE_DATA_CHANGED, "/a")), changed.eventsTo(a));
        assertEquals(List.of(), again.to(a), "still a one-shot watch");
    }

    @Test
    void shouldSendOneEventPerChangeAfterAddWatchIsResent()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        final byte[] add = f.wire.addWatch(f.nextCorrelationId(), "/a", WatchMode.PERSISTENT_RECURSIVE);

        final Reply first = Replies.addWatchReply(f.request(a.connection(), add));
        final Reply resent = Replies.addWatchReply(f.request(a.connection(), add));
        final Exchange changed = setData(b, "/a", "v1");

        assertEquals(ResultCode.OK, first.code());
        assertEquals(first, resent);
        assertEquals(List.of(new WatchEventValue(changed.zxid(), 1, NODE_DATA_CHANGED, "/a")), changed.eventsTo(a));
    }

    /**
     * Deliver a message to a service other than the fixture's, at the fixture's log time.
     */
    private void deliver(final AerieClusteredService service, final StubClientSession connection, final byte[] message)
    {
        final byte[] framed = ServiceFixture.withHeader(connection.token(), message);
        service.onSessionMessage(connection, f.nowMs(), new UnsafeBuffer(framed), 0, framed.length, null);
    }

    /**
     * An IPC stream on an embedded media driver to take a service's snapshot onto, as the cluster takes it onto
     * the archive, and to load it back from.
     */
    static final class SnapshotStream implements AutoCloseable
    {
        private static final int STREAM_ID = 7;

        private final MediaDriver driver;
        private final Aeron aeron;

        SnapshotStream(final File dir)
        {
            driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName(new File(dir, "aeron").getAbsolutePath())
                .threadingMode(ThreadingMode.SHARED)
                .ipcTermBufferLength(1024 * 1024)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        }

        /**
         * @return the image holding the service's snapshot, ended: valid until this stream is closed.
         */
        Image snapshotOf(final AerieClusteredService service)
        {
            final Subscription subscription = aeron.addSubscription("aeron:ipc", STREAM_ID);
            final ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc", STREAM_ID);
            while (!publication.isConnected() || 0 == subscription.imageCount())
            {
                Thread.yield();
            }
            final Image image = subscription.imageAtIndex(0);
            service.onTakeSnapshot(publication);
            // Closing the publication marks the end of the stream, where loading stops.
            publication.close();
            return image;
        }

        @Override
        public void close()
        {
            CloseHelper.closeAll(aeron, driver);
        }
    }
}
