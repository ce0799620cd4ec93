package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.CreateRequestDecoder;
import io.aerie.codecs.ExistsRequestDecoder;
import io.aerie.codecs.KeepAliveRequestDecoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionEventDecoder;
import io.aerie.codecs.SessionState;
import io.aerie.engine.service.Replies.Connected;
import io.aerie.engine.service.Replies.Created;
import io.aerie.engine.service.Replies.ErrorReply;
import io.aerie.engine.service.Replies.Reply;
import io.aerie.engine.service.Replies.SessionEventValue;
import io.aerie.engine.service.ServiceFixture.Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static io.aerie.engine.service.ServiceFixture.MAX_TIMEOUT_MS;
import static io.aerie.engine.service.ServiceFixture.MIN_TIMEOUT_MS;
import static io.aerie.engine.service.ServiceFixture.START_MS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Service tests of sessions: connect, keepalive, expiry by timer, resume on a new connection, close.
 * <p>
 * Encoded requests are fed to {@link AerieClusteredService} through a {@link ServiceFixture}, whose stub
 * cluster captures egress and drives the log clock and the timers. Each test checks one behaviour through
 * the wire only.
 */
class ServiceSessionTest
{
    private static final int TIMEOUT_MS = 1000;

    private ServiceFixture f;

    @BeforeEach
    void before()
    {
        f = new ServiceFixture();
    }

    @AfterEach
    void after()
    {
        f.close();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Connect

    @Test
    void shouldOpenSessionOnConnect()
    {
        final var connection = f.openConnection();

        final Connected connected = Replies.connected(f.request(connection, f.wire.connect(42, 0, 5000, new byte[0])));

        assertEquals(42, connected.correlationId());
        assertEquals(ResultCode.OK, connected.code());
        assertEquals(0, connected.zxid());
        assertNotEquals(0, connected.sessionId());
        assertEquals(5000, connected.timeoutMs());
        assertEquals(SessionRequests.PASSWORD_LENGTH, connected.password().length);
        assertEquals(1, f.service.sessions().size());
    }

    @Test
    void shouldGiveEachSessionItsOwnIdAndPassword()
    {
        final Client a = f.connect(5000);
        final Client b = f.connect(5000);

        assertNotEquals(a.sessionId(), b.sessionId());
        assertTrue(!Arrays.equals(a.password(), b.password()), "passwords differ");
    }

    @ParameterizedTest
    @ValueSource(ints = { Integer.MIN_VALUE, -1, 0, 1, 99, 100, 101, 5000, 9_999, 10_000, 10_001, Integer.MAX_VALUE })
    void shouldClampRequestedTimeoutToConfiguredBounds(final int requestedMs)
    {
        final var connection = f.openConnection();

        final Connected connected = Replies.connected(f.request(connection, f.wire.connect(1, 0, requestedMs, new byte[0])));

        assertEquals(ResultCode.OK, connected.code());
        assertEquals(Math.max(MIN_TIMEOUT_MS, Math.min(MAX_TIMEOUT_MS, requestedMs)), connected.timeoutMs());
    }

    @Test
    void shouldAnswerSessionExpiredToRequestOnConnectionWithoutSession()
    {
        final var connection = f.openConnection();
        final long digest = f.digest();

        final ErrorReply reply = Replies.error(f.request(connection, f.wire.create(77, "/a", "x", CreateMode.PERSISTENT)));

        assertEquals(77, reply.correlationId());
        assertEquals(ResultCode.SESSION_EXPIRED, reply.code());
        assertEquals(CreateRequestDecoder.TEMPLATE_ID, reply.templateIdOfRequest());
        assertEquals(0, reply.zxid());
        assertEquals(digest, f.digest());
        assertEquals(0, f.lastZxid());
        assertEquals(ServiceFixture.BASE_NODES, f.service.tree().nodeCount());
    }

    @Test
    void shouldAnswerSessionExpiredToReadOnConnectionWithoutSession()
    {
        final var connection = f.openConnection();

        final ErrorReply reply = Replies.error(f.request(connection, f.wire.exists(78, "/")));

        assertEquals(78, reply.correlationId());
        assertEquals(ResultCode.SESSION_EXPIRED, reply.code());
        assertEquals(ExistsRequestDecoder.TEMPLATE_ID, reply.templateIdOfRequest());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Keepalive and expiry

    @Test
    void shouldAnswerKeepAliveWithOk()
    {
        final Client a = f.connect(5000);

        final Reply reply = Replies.keepAliveReply(f.request(a.connection(), f.wire.keepAlive(99)));

        assertEquals(99, reply.correlationId());
        assertEquals(ResultCode.OK, reply.code());
    }

    @Test
    void shouldScheduleExpiryAtTheEarliestSessionDeadline()
    {
        assertNull(f.expiryDeadline());

        f.connect(5000);
        assertEquals(START_MS + 5000, f.expiryDeadline());

        f.advanceTo(START_MS + 100);
        f.connect(TIMEOUT_MS);
        assertEquals(START_MS + 100 + TIMEOUT_MS, f.expiryDeadline());
    }

    @Test
    void shouldDeleteEphemeralsOfSessionExpiredByTimer()
    {
        final Client a = f.connect(TIMEOUT_MS);
        final Client b = f.connect(MAX_TIMEOUT_MS);
        f.create(a, "/e1", "", CreateMode.EPHEMERAL);
        f.create(a, "/p", "", CreateMode.PERSISTENT);
        f.create(a, "/p/e2", "", CreateMode.EPHEMERAL_SEQUENTIAL);
        f.create(b, "/eb", "", CreateMode.EPHEMERAL);

        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(START_MS + TIMEOUT_MS, f.nowMs());
        assertEquals(ResultCode.NO_NODE, f.exists(b, "/e1").code());
        assertEquals(ResultCode.NO_NODE, f.exists(b, "/p/e2").code());
        assertEquals(List.of(), f.children(b, "/p", false).names());
        assertEquals(ResultCode.OK, f.exists(b, "/eb").code());
        assertEquals(5, f.lastZxid());
        assertEquals(0, f.service.tree().ephemeralCount(a.sessionId()));
        assertNull(f.service.sessions().get(a.sessionId()));
        assertEquals(1, f.counters().expiredSessions.get());
    }

    @Test
    void shouldSendExpiredEventToConnectionOfExpiredSession()
    {
        final Client a = f.connect(TIMEOUT_MS);
        final Client b = f.connect(MAX_TIMEOUT_MS);
        f.create(a, "/e", "", CreateMode.EPHEMERAL);
        final int bBefore = b.connection().messageCount();

        final List<byte[]> sent = f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(1, sent.size());
        assertEquals(SessionEventDecoder.TEMPLATE_ID, Replies.templateId(sent.get(0)));
        final SessionEventValue event = Replies.sessionEvent(a.connection().messages().get(a.connection().messageCount() - 1));
        assertEquals(new SessionEventValue(a.sessionId(), 2, SessionState.EXPIRED), event);
        assertEquals(bBefore, b.connection().messageCount());
    }

    @Test
    void shouldAnswerSessionExpiredOnConnectionOfExpiredSession()
    {
        final Client a = f.connect(TIMEOUT_MS);
        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        final ErrorReply reply = Replies.error(f.request(a.connection(), f.wire.keepAlive(501)));

        assertEquals(ResultCode.SESSION_EXPIRED, reply.code());
        assertEquals(501, reply.correlationId());
        assertEquals(KeepAliveRequestDecoder.TEMPLATE_ID, reply.templateIdOfRequest());
    }

    @Test
    void shouldRescheduleExpiryForRemainingSessions()
    {
        f.connect(TIMEOUT_MS);
        f.connect(MAX_TIMEOUT_MS);

        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(START_MS + MAX_TIMEOUT_MS, f.expiryDeadline());
        assertEquals(1, f.service.sessions().size());
    }

    @Test
    void shouldNotScheduleExpiryOnceNoSessionIsLeft()
    {
        f.connect(TIMEOUT_MS);

        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertNull(f.expiryDeadline());
        assertEquals(0, f.service.sessions().size());
    }

    @Test
    void shouldExpireSessionsDueTogetherInSessionIdOrderEachWithItsOwnZxid()
    {
        final Client a = f.connect(TIMEOUT_MS);
        final Client b = f.connect(TIMEOUT_MS);
        f.create(b, "/eb", "", CreateMode.EPHEMERAL);
        f.create(a, "/ea", "", CreateMode.EPHEMERAL);

        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        final List<byte[]> toA = a.connection().messages();
        final List<byte[]> toB = b.connection().messages();
        assertEquals(new SessionEventValue(a.sessionId(), 3, SessionState.EXPIRED),
            Replies.sessionEvent(toA.get(toA.size() - 1)));
        assertEquals(new SessionEventValue(b.sessionId(), 4, SessionState.EXPIRED),
            Replies.sessionEvent(toB.get(toB.size() - 1)));
        assertTrue(a.sessionId() < b.sessionId());
        assertEquals(4, f.lastZxid());
        assertEquals(2, f.counters().expiredSessions.get());
    }

    @Test
    void shouldExpireManySessionsDueTogether()
    {
        final Client observer = f.connect(MAX_TIMEOUT_MS);
        final Client[] clients = new Client[80];
        for (int i = 0; i < clients.length; i++)
        {
            clients[i] = f.connect(TIMEOUT_MS);
            f.create(clients[i], "/e" + i, "", CreateMode.EPHEMERAL);
        }

        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        long previousZxid = clients.length;
        for (final Client client : clients)
        {
            final List<byte[]> messages = client.connection().messages();
            final SessionEventValue event = Replies.sessionEvent(messages.get(messages.size() - 1));
            assertEquals(client.sessionId(), event.sessionId());
            assertEquals(previousZxid + 1, event.zxid(), "ascending session id order, one zxid each");
            previousZxid = event.zxid();
        }
        assertEquals(List.of("zookeeper"), f.children(observer, "/", false).names());
        assertEquals(1, f.service.sessions().size());
    }

    @Test
    void shouldNotExpireSessionKeptAliveByKeepAlivesAndRequests()
    {
        final Client a = f.connect(TIMEOUT_MS);
        f.create(a, "/e", "", CreateMode.EPHEMERAL);
        f.advanceTo(START_MS + 400);
        Replies.keepAliveReply(f.request(a.connection(), f.wire.keepAlive(f.nextCorrelationId())));
        f.advanceTo(START_MS + 900);
        f.exists(a, "/");
        final long digest = f.digest();

        final List<byte[]> sent = f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(List.of(), sent);
        assertEquals(digest, f.digest());
        assertEquals(1, f.lastZxid());
        assertEquals(START_MS + 900 + TIMEOUT_MS, f.expiryDeadline());
        assertEquals(ResultCode.OK, f.exists(a, "/e").code());
    }

    @Test
    void shouldExpireSessionOnceKeepAlivesStop()
    {
        final Client a = f.connect(TIMEOUT_MS);
        f.create(a, "/e", "", CreateMode.EPHEMERAL);
        f.advanceTo(START_MS + 600);
        f.request(a.connection(), f.wire.keepAlive(f.nextCorrelationId()));
        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        final List<byte[]> sent = f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(START_MS + 600 + TIMEOUT_MS, f.nowMs());
        assertEquals(1, sent.size());
        assertEquals(SessionState.EXPIRED, Replies.sessionEvent(sent.get(0)).state());
        assertEquals(0, f.service.tree().ephemeralCount(a.sessionId()));
    }

    @Test
    void shouldKeepSessionWhoseConnectionClosedUntilItsTimeout()
    {
        final Client a = f.connect(TIMEOUT_MS);
        final Client b = f.connect(MAX_TIMEOUT_MS);
        f.create(a, "/e", "", CreateMode.EPHEMERAL);
        f.advanceTo(START_MS + 300);

        f.closeConnection(a.connection());

        assertEquals(ResultCode.OK, f.exists(b, "/e").code());
        assertEquals(START_MS + TIMEOUT_MS, f.expiryDeadline());
        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);
        assertEquals(ResultCode.NO_NODE, f.exists(b, "/e").code());
    }

    @Test
    void shouldExpireUnboundSessionWithoutSendingAnything()
    {
        final Client a = f.connect(TIMEOUT_MS);
        f.create(a, "/e", "", CreateMode.EPHEMERAL);
        f.closeConnection(a.connection());
        final int before = a.connection().messageCount();

        final List<byte[]> sent = f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(List.of(), sent);
        assertEquals(before, a.connection().messageCount());
        assertEquals(0, f.service.sessions().size());
        assertEquals(2, f.lastZxid());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Resume

    @Test
    void shouldResumeSessionOnNewConnectionWithIdAndPassword()
    {
        final Client a = f.connect(TIMEOUT_MS);
        f.create(a, "/e", "", CreateMode.EPHEMERAL);
        f.closeConnection(a.connection());
        f.advanceTo(START_MS + 800);
        final var connection = f.openConnection();

        final Connected resumed = Replies.connected(f.request(connection, f.wire.connect(7, a.sessionId(), 1, a.password())));

        assertEquals(ResultCode.OK, resumed.code());
        assertEquals(7, resumed.correlationId());
        assertEquals(a.sessionId(), resumed.sessionId());
        assertEquals(TIMEOUT_MS, resumed.timeoutMs());
        assertArrayEquals(a.password(), resumed.password());
        assertEquals(1, resumed.zxid());
        final Client again = new Client(connection, a.sessionId(), a.password());
        assertEquals(List.of("/e"), f.ephemerals(again, "/").paths());
    }

    @Test
    void shouldNotExpireResumedSessionAtItsOldDeadline()
    {
        final Client a = f.connect(TIMEOUT_MS);
        f.create(a, "/e", "", CreateMode.EPHEMERAL);
        f.closeConnection(a.connection());
        f.advanceTo(START_MS + 800);
        final var connection = f.openConnection();
        f.request(connection, f.wire.connect(7, a.sessionId(), TIMEOUT_MS, a.password()));

        final List<byte[]> sent = f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(List.of(), sent);
        assertEquals(START_MS + 800 + TIMEOUT_MS, f.expiryDeadline());
        final List<byte[]> expiry = f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);
        assertEquals(1, expiry.size());
        assertEquals(new SessionEventValue(a.sessionId(), 2, SessionState.EXPIRED), Replies.sessionEvent(expiry.get(0)));
    }

    @Test
    void shouldRefuseResumeWithWrongPassword()
    {
        final Client a = f.connect(TIMEOUT_MS);
        final byte[] wrong = a.password().clone();
        wrong[0] ^= 1;
        final var connection = f.openConnection();

        final Connected refused = Replies.connected(f.request(connection, f.wire.connect(8, a.sessionId(), TIMEOUT_MS, wrong)));

        assertEquals(ResultCode.SESSION_EXPIRED, refused.code());
        assertEquals(8, refused.correlationId());
        assertEquals(0, refused.sessionId());
        assertEquals(0, refused.timeoutMs());
        assertEquals(0, refused.password().length);
        assertEquals(ResultCode.SESSION_EXPIRED, Replies.error(f.request(connection, f.wire.exists(9, "/"))).code());
        assertEquals(ResultCode.OK, f.exists(a, "/").code());
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 7, 9 })
    void shouldRefuseResumeWithPasswordOfWrongLength(final int length)
    {
        final Client a = f.connect(TIMEOUT_MS);
        final var connection = f.openConnection();

        final Connected refused = Replies.connected(f.request(connection,
            f.wire.connect(8, a.sessionId(), TIMEOUT_MS, Arrays.copyOf(a.password(), length))));

        assertEquals(ResultCode.SESSION_EXPIRED, refused.code());
    }

    @Test
    void shouldNotKeepSessionAliveWithRefusedResume()
    {
        final Client a = f.connect(TIMEOUT_MS);
        f.closeConnection(a.connection());
        f.advanceTo(START_MS + 900);
        f.request(f.openConnection(), f.wire.connect(8, a.sessionId(), TIMEOUT_MS, new byte[8]));

        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(START_MS + TIMEOUT_MS, f.nowMs());
        assertNull(f.service.sessions().get(a.sessionId()));
    }

    @Test
    void shouldRefuseResumeOfExpiredSession()
    {
        final Client a = f.connect(TIMEOUT_MS);
        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        final Connected refused = Replies.connected(f.request(f.openConnection(),
            f.wire.connect(8, a.sessionId(), TIMEOUT_MS, a.password())));

        assertEquals(ResultCode.SESSION_EXPIRED, refused.code());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Close

    @Test
    void shouldDeleteEphemeralsAtOnceOnCloseSession()
    {
        final Client a = f.connect(TIMEOUT_MS);
        final Client b = f.connect(MAX_TIMEOUT_MS);
        f.create(a, "/e1", "", CreateMode.EPHEMERAL);
        f.create(a, "/e2", "", CreateMode.EPHEMERAL);

        final Reply closed = Replies.closeReply(f.request(a.connection(), f.wire.closeSession(44)));

        assertEquals(44, closed.correlationId());
        assertEquals(ResultCode.OK, closed.code());
        assertEquals(3, closed.zxid());
        assertEquals(3, f.lastZxid());
        assertEquals(ResultCode.NO_NODE, f.exists(b, "/e1").code());
        assertEquals(ResultCode.NO_NODE, f.exists(b, "/e2").code());
        assertNull(f.service.sessions().get(a.sessionId()));
        assertEquals(ResultCode.SESSION_EXPIRED, Replies.error(f.request(a.connection(), f.wire.exists(45, "/"))).code());
    }

    @Test
    void shouldNotExpireClosedSessionLater()
    {
        final Client a = f.connect(TIMEOUT_MS);
        f.connect(MAX_TIMEOUT_MS);
        f.request(a.connection(), f.wire.closeSession(44));
        final int before = a.connection().messageCount();

        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(before, a.connection().messageCount());
        assertEquals(0, f.counters().expiredSessions.get());
        assertEquals(1, f.lastZxid());
    }

    @Test
    void shouldOpenNewSessionOnConnectionThatAlreadyCarriesOne()
    {
        final Client a = f.connect(TIMEOUT_MS);

        final Connected second = Replies.connected(f.request(a.connection(), f.wire.connect(3, 0, TIMEOUT_MS, new byte[0])));
        final Created created = f.create(new Client(a.connection(), second.sessionId(), second.password()), "/e", "",
            CreateMode.EPHEMERAL);

        assertNotEquals(a.sessionId(), second.sessionId());
        assertEquals(second.sessionId(), created.stat().ephemeralOwner());
        assertEquals(2, f.service.sessions().size());
    }
}
