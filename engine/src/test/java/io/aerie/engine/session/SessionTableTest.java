package io.aerie.engine.session;

import io.aerie.codecs.snapshot.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionTableTest
{
    private final SessionTable table = new SessionTable(100, 10_000, 4);

    @Test
    void shouldClampRequestedTimeout()
    {
        assertEquals(100, open(table, 1, 5, 0).timeoutMs());
        assertEquals(10_000, open(table, 2, 60_000, 0).timeoutMs());
        assertEquals(2_000, open(table, 3, 2_000, 0).timeoutMs());
    }

    @Test
    void shouldGiveSessionsIncreasingIdsAndDistinctPasswords()
    {
        final Session a = open(table, 1, 1000, 0);
        final Session b = open(table, 2, 1000, 0);
        assertEquals(a.id() + 1, b.id());
        assertNotEquals(a.passwordLow(), b.passwordLow());
        assertSame(a, table.boundTo(1));
        assertSame(b, table.get(b.id()));
    }

    @Test
    void shouldExpireOnlyPastDeadlineInIdOrder()
    {
        final Session late = open(table, 1, 500, 0);
        final Session early = open(table, 2, 200, 0);
        final Session touched = open(table, 3, 200, 0);
        table.touch(touched, 150);

        assertEquals(200, table.nextDeadlineMs());
        assertEquals(1, table.collectExpired(199 + 1));
        assertEquals(early.id(), table.expiredIds()[0]);

        assertEquals(3, table.collectExpired(1000));
        assertArrayEquals(new long[]{ late.id(), early.id(), touched.id() }, java.util.Arrays.copyOf(table.expiredIds(), 3));
    }

    @Test
    void shouldOutliveItsConnectionAndResumeWithPassword()
    {
        final Session session = open(table, 1, 1000, 0);
        table.unbind(1);
        assertNull(table.boundTo(1));
        assertEquals(Session.UNBOUND, session.clusterSessionId());

        assertNull(table.resume(2, session.id(), session.passwordLow() + 1, session.passwordHigh(), 10), "wrong password");
        assertSame(session, table.resume(2, session.id(), session.passwordLow(), session.passwordHigh(), 10));
        assertSame(session, table.boundTo(2));
        assertEquals(10, session.lastSeenMs());
        assertNull(table.resume(3, 999, 0, 0, 10), "unknown session");
    }

    @Test
    void shouldUnbindOldSessionWhenConnectionOpensAnother()
    {
        final Session first = open(table, 1, 1000, 0);
        final Session second = open(table, 1, 1000, 0);
        assertSame(second, table.boundTo(1));
        assertEquals(Session.UNBOUND, first.clusterSessionId());
    }

    @Test
    void shouldRememberRecentWriteResponses()
    {
        final Session session = open(table, 1, 1000, 0);
        for (int i = 1; i <= 6; i++)
        {
            session.recordWrite(i, new UnsafeBuffer(new byte[]{ (byte)i, (byte)(i * 2) }), 0, 2);
        }
        assertEquals(6, session.lastWriteCorrelationId());
        assertEquals(-1, session.findWrite(2), "only the last four are remembered");
        final int index = session.findWrite(4);
        assertEquals(2, session.writeResponseLength(index));
        assertEquals(8, session.writeResponse(index).getByte(1));
    }

    @Test
    void shouldRoundTripThroughSnapshot()
    {
        final Session a = open(table, 7, 1000, 5);
        a.recordWrite(42, new UnsafeBuffer(new byte[]{ 1, 2, 3 }), 0, 3);
        open(table, 8, 2000, 6);
        table.unbind(8);

        final SessionTable loaded = roundTrip(table);

        assertEquals(2, loaded.size());
        final Session b = loaded.boundTo(7);
        assertEquals(a.id(), b.id());
        assertEquals(a.passwordLow(), b.passwordLow());
        assertEquals(a.passwordHigh(), b.passwordHigh());
        assertEquals(a.deadlineMs(), b.deadlineMs());
        assertEquals(42, b.lastWriteCorrelationId());
        assertEquals(3, b.writeResponseLength(b.findWrite(42)));
        assertEquals(Session.UNBOUND, loaded.get(a.id() + 1).clusterSessionId());
        assertEquals(a.id() + 2, open(loaded, 9, 1000, 10).id(), "the id counter survives");
    }

    @Test
    void shouldRefuseResumeWhenOnlyHighHalfOfPasswordDiffers()
    {
        final Session session = open(table, 1, 1000, 0);
        table.unbind(1);

        assertNull(table.resume(2, session.id(), session.passwordLow(), session.passwordHigh() ^ 1L << 63, 10));
        assertEquals(Session.UNBOUND, session.clusterSessionId());
    }

    private static Session open(final SessionTable table, final long clusterSessionId, final int timeoutMs, final long nowMs)
    {
        return table.open(clusterSessionId, timeoutMs, nowMs, clusterSessionId * 0x9E37_79B9L + 1, ~clusterSessionId);
    }

    @Test
    void shouldKeepIdentitiesThroughSnapshot()
    {
        final Session a = open(table, 7, 1000, 5);
        a.identities().add("digest", "bob:hash");
        a.identities().add("super", "");

        final SessionTable loaded = roundTrip(table);

        assertEquals("[digest:bob:hash, super:]", loaded.get(a.id()).identities().toString());
        assertTrue(loaded.get(a.id()).identities().isSuper());
    }

    /**
     * Write the table's snapshot messages and load them into a new table, as the service snapshot loader does.
     */
    private static SessionTable roundTrip(final SessionTable table)
    {
        final List<byte[]> messages = new ArrayList<>();
        table.writeSnapshot((msgTypeId, buffer, index, length) ->
        {
            final byte[] message = new byte[length];
            buffer.getBytes(index, message);
            messages.add(message);
        });
        final SessionTable loaded = new SessionTable(100, 10_000, 4);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        for (final byte[] message : messages)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(message);
            header.wrap(buffer, 0);
            loaded.loadSnapshot(header.templateId(), buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                header.version());
        }
        return loaded;
    }

    @Test
    void shouldRestartEveryTimeoutWhenNewLeaderTakesOver()
    {
        final Session idle = open(table, 1, 200, 0);
        final Session recent = open(table, 2, 200, 900);
        table.touchAll(500);
        assertEquals(700, idle.deadlineMs(), "timed from the new leader's start");
        assertEquals(1100, recent.deadlineMs(), "never moved backwards");
        assertEquals(0, table.collectExpired(699));
    }

    @Test
    void shouldRejectBadConfiguration()
    {
        assertThrows(IllegalArgumentException.class, () -> new SessionTable(0, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> new SessionTable(200, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> new SessionTable(100, 200, 0));
    }
}
