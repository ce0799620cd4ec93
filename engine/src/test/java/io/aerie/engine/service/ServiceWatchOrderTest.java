package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import io.aerie.engine.service.Replies.WatchEventValue;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aerie.engine.service.StubCluster.Sent;
import io.aerie.engine.service.Wire.Op;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import static io.aerie.codecs.EventType.NODE_CHILDREN_CHANGED;
import static io.aerie.codecs.EventType.NODE_CREATED;
import static io.aerie.codecs.EventType.NODE_DATA_CHANGED;
import static io.aerie.codecs.EventType.NODE_DELETED;
import static io.aerie.engine.service.Wire.OPEN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Service tests of who is sent watch events and in what order: only watching sessions, in ascending session
 * id order, every event before the answer to the write, each carrying the zxid of its change; the events of a
 * multi in op order, none for a failed multi; and identical egress from the same log.
 * <p>
 * Encoded requests are fed to {@link AerieClusteredService} through a {@link ServiceFixture}, whose stub
 * cluster captures egress, in send order across connections, and drives the log clock and the timers; the
 * helpers of {@link WatchTestSupport} read that order. Each test checks one behaviour through the wire only.
 */
class ServiceWatchOrderTest extends WatchTestSupport
{
    // ---------------------------------------------------------------------------------------------------------------
    // Recipients, order, zxids

    @Test
    void shouldSendEachEventOnlyToWatchingSessions()
    {
        final Client a = connect();
        final Client b = connect();
        final Client c = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        f.create(b, "/z", "", CreateMode.PERSISTENT);
        watchData(a, "/a");
        watchData(c, "/z");

        final Exchange x = setData(b, "/a", "v1");

        assertEquals(1, x.eventsTo(a).size());
        assertEquals(List.of(), x.to(c));
        assertEquals(List.of(x.answer()), x.to(b));
    }

    @Test
    void shouldSendEventsToRecipientsInAscendingSessionIdOrder()
    {
        final StubClientSession[] connections = new StubClientSession[5];
        for (int i = 0; i < connections.length; i++)
        {
            connections[i] = f.openConnection();
        }
        // Sessions opened in reverse connection order and watches left in a third order, so that neither the
        // connection order nor the order the watches were set in gives session id order.
        final List<Client> clients = new ArrayList<>();
        for (int i = connections.length - 1; i >= 0; i--)
        {
            clients.add(open(connections[i]));
        }
        for (final int i : new int[]{ 3, 0, 4, 2, 1 })
        {
            watchExists(clients.get(i), "/a");
        }

        final Exchange x = create(clients.get(2), "/a");

        final List<Long> expected = new ArrayList<>();
        clients.stream().sorted(Comparator.comparingLong(Client::sessionId))
            .forEach(client -> expected.add(client.connection().id()));
        assertEquals(expected, x.eventRecipients());
        final List<Long> byConnection = new ArrayList<>(expected);
        Collections.sort(byConnection);
        assertNotEquals(byConnection, expected, "the test orders sessions unlike connections");
    }

    @Test
    void shouldSendEveryEventBeforeTheAnswer()
    {
        final Client a = connect();
        final Client b = connect();
        final Client c = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        watchExists(a, "/p/c");
        watchChildren(b, "/p");
        addWatch(c, "/", WatchMode.PERSISTENT_RECURSIVE);

        final Exchange x = create(b, "/p/c");

        assertEquals(4, x.sent().size(), "three events and the answer");
        final Sent last = x.sent().get(x.sent().size() - 1);
        assertEquals(b.connection().id(), last.connectionId());
        assertArrayEquals(x.answer(), last.message());
        assertEquals(3, x.events().size());
    }

    @Test
    void shouldSendTriggeringSessionItsOwnEventsBeforeItsAnswer()
    {
        final Client a = connect();
        f.create(a, "/a", "", CreateMode.PERSISTENT);
        watchData(a, "/a");
        watchChildren(a, "/");

        final Exchange x = delete(a, "/a");

        final List<byte[]> toA = x.to(a);
        assertEquals(3, toA.size());
        assertEquals(List.of(
            new WatchEventValue(x.zxid(), 1, NODE_DELETED, "/a"),
            new WatchEventValue(x.zxid(), 2, NODE_CHILDREN_CHANGED, "/")), Replies.watchEvents(toA.subList(0, 2)));
        assertEquals(ResultCode.OK, Replies.deleted(toA.get(2)).code());
    }

    @Test
    void shouldCarryTheZxidOfTheChangeInEveryEvent()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        f.create(b, "/b", "", CreateMode.PERSISTENT);
        f.setData(b, "/b", "x", -1);
        addWatch(a, "/", WatchMode.PERSISTENT);
        addWatch(a, "/a", WatchMode.PERSISTENT);

        final Exchange changed = setData(b, "/a", "v1");
        final Exchange deleted = delete(b, "/a");

        assertEquals(4, changed.zxid());
        assertEquals(List.of(new WatchEventValue(4, 1, NODE_DATA_CHANGED, "/a")), changed.eventsTo(a));
        assertEquals(5, deleted.zxid());
        assertEquals(List.of(
            new WatchEventValue(5, 2, NODE_DELETED, "/a"),
            new WatchEventValue(5, 3, NODE_CHILDREN_CHANGED, "/")), deleted.eventsTo(a));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Multi

    @Test
    void shouldSendEveryOpsEventsInOpOrderAfterTheMultiApplies()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/x", "", CreateMode.PERSISTENT);
        f.create(b, "/y", "", CreateMode.PERSISTENT);
        addWatch(a, "/", WatchMode.PERSISTENT);
        addWatch(a, "/m", WatchMode.PERSISTENT_RECURSIVE);
        watchData(a, "/x");
        watchExists(a, "/y");

        final Exchange x = multi(b,
            Op.create("/m", "", CreateMode.PERSISTENT),
            Op.create("/m/c", "", CreateMode.PERSISTENT),
            Op.setData("/x", "v1", -1),
            Op.delete("/y", -1));

        assertEquals(ResultCode.OK, x.code());
        final long zxid = x.zxid();
        assertEquals(3, zxid);
        assertEquals(List.of(
            new WatchEventValue(zxid, 1, NODE_CREATED, "/m"),
            new WatchEventValue(zxid, 2, NODE_CHILDREN_CHANGED, "/"),
            new WatchEventValue(zxid, 3, NODE_CREATED, "/m/c"),
            new WatchEventValue(zxid, 4, NODE_DATA_CHANGED, "/x"),
            new WatchEventValue(zxid, 5, NODE_DELETED, "/y"),
            new WatchEventValue(zxid, 6, NODE_CHILDREN_CHANGED, "/")), x.eventsTo(a));
        final Sent last = x.sent().get(x.sent().size() - 1);
        assertArrayEquals(x.answer(), last.message(), "the answer after every event");
    }

    @Test
    void shouldSendNoEventForFailedMulti()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/x", "", CreateMode.PERSISTENT);
        addWatch(a, "/", WatchMode.PERSISTENT_RECURSIVE);
        watchData(a, "/x");
        watchChildren(a, "/");

        final Exchange failed = multi(b,
            Op.create("/m", "", CreateMode.PERSISTENT),
            Op.setData("/x", "v1", -1),
            Op.delete("/missing", -1));
        final Exchange later = setData(b, "/x", "v2");

        assertEquals(ResultCode.NO_NODE, failed.code());
        assertEquals(List.of(), failed.events());
        assertEquals(List.of(new WatchEventValue(later.zxid(), 1, NODE_DATA_CHANGED, "/x")), later.eventsTo(a),
            "watches untouched by the failed multi");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Determinism

    @Test
    void shouldProduceIdenticalEgressWithWatchTrafficFromTheSameLog()
    {
        try (ServiceFixture other = new ServiceFixture())
        {
            final List<StubClientSession> connections = runWatchScript(f);
            runWatchScript(other);

            final List<byte[]> transcript = f.transcript();
            final List<byte[]> otherTranscript = other.transcript();
            assertEquals(transcript.size(), otherTranscript.size());
            for (int i = 0; i < transcript.size(); i++)
            {
                assertArrayEquals(transcript.get(i), otherTranscript.get(i), "message " + i);
            }
            int events = 0;
            for (final StubClientSession connection : connections)
            {
                events += Replies.watchEvents(connection.messages()).size();
            }
            assertTrue(events >= 15, "a transcript with watch events worth comparing: " + events);
            assertEquals(f.digest(), other.digest());
            assertEquals(f.lastZxid(), other.lastZxid());
        }
    }

    private static List<StubClientSession> runWatchScript(final ServiceFixture s)
    {
        final Wire w = s.wire;
        final List<StubClientSession> c = new ArrayList<>();
        for (int i = 0; i < 5; i++)
        {
            c.add(s.openConnection());
        }
        // Sessions on the connections in reverse order: session id order differs from connection order.
        s.deliver(c.get(4), w.connect(1, 0, 700, new byte[0]));
        for (int i = 3; i >= 0; i--)
        {
            s.deliver(c.get(i), w.connect(1, 0, 5000, new byte[0]));
        }
        s.deliver(c.get(0), w.create(2, "/app", "v0", CreateMode.PERSISTENT));
        s.deliver(c.get(4), w.create(2, "/app/e1", "", CreateMode.EPHEMERAL));
        s.deliver(c.get(1), w.addWatch(2, "/", WatchMode.PERSISTENT_RECURSIVE));
        s.deliver(c.get(2), w.addWatch(2, "/app", WatchMode.PERSISTENT));
        s.deliver(c.get(3), w.addWatch(2, "/app", WatchMode.PERSISTENT_RECURSIVE));
        s.deliver(c.get(0), w.exists(3, "/app/new", true));
        s.deliver(c.get(1), w.getData(3, "/app", true));
        s.deliver(c.get(2), w.getChildren(3, "/app", false, true));
        s.deliver(c.get(0), w.getData(4, "/app/e1", true));
        s.deliver(c.get(4), w.create(3, "/app/new", "", CreateMode.PERSISTENT));
        s.deliver(c.get(4), w.setData(4, "/app", "v1", -1));
        s.deliver(c.get(0), w.multi(5,
            Op.create("/app/m-", "", CreateMode.PERSISTENT_SEQUENTIAL),
            Op.setData("/app/new", "x", -1),
            Op.delete("/app/new", -1)));
        s.deliver(c.get(0), w.multi(6, Op.setData("/app", "no", -1), Op.delete("/missing", -1)));
        s.deliver(c.get(1), w.removeWatches(4, "/", WatcherType.PERSISTENT_RECURSIVE, false));
        s.deliver(c.get(1), w.removeWatches(5, "/", WatcherType.ANY, false));
        s.deliver(c.get(1), w.addWatch(6, "/app", WatchMode.PERSISTENT));
        s.deliver(c.get(0), w.create(7, "/box", "", CreateMode.CONTAINER));
        s.deliver(c.get(0), w.create(8, "/box/x", "", CreateMode.PERSISTENT));
        s.deliver(c.get(3), w.exists(4, "/box", true));
        s.deliver(c.get(2), w.getChildren(4, "/", false, true));
        s.deliver(c.get(0), w.delete(9, "/box/x", -1));
        s.deliver(c.get(0), w.setAcl(10, "/app", -1, List.of(OPEN)));
        for (int i = 0; i < 4; i++)
        {
            s.deliver(c.get(i), w.keepAlive(20));
        }
        s.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);
        s.fireTimer(AerieClusteredService.SWEEP_TIMER_ID);
        s.deliver(c.get(3), w.closeSession(21));
        s.deliver(c.get(0), w.setData(22, "/app", "v2", -1));
        s.deliver(c.get(0), new byte[]{ 1, 2, 3 });
        s.deliver(c.get(0), Arrays.copyOf(w.addWatch(23, "/app", WatchMode.PERSISTENT), 18));
        for (int i = 0; i < 3; i++)
        {
            s.deliver(c.get(i), w.keepAlive(24));
        }
        return c;
    }
}
