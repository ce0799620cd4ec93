package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aerie.engine.session.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests are bound to the connection that sent them: a message must start with a session header carrying the
 * token its cluster session authenticated with. Anything else is refused unanswered, changes nothing, and is
 * counted.
 */
class ServiceRequestBindingTest
{
    private final ServiceFixture f = new ServiceFixture();

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldRefuseSetDataCarryingAnotherToken()
    {
        final Client victim = f.connect(5000);
        f.create(victim, "/app", "mine", CreateMode.PERSISTENT);
        final long digest = f.digest();

        final byte[] forged = ServiceFixture.withHeader(
            victim.connection().token() + 1, f.wire.setData(f.nextCorrelationId(), "/app", "evil", -1));
        final List<byte[]> sent = f.deliverRaw(victim.connection(), forged);

        assertEquals(List.of(), sent, "no answer: it would go to the victim");
        assertEquals(digest, f.digest());
        assertEquals(1, f.counters().forgedRequests.get());
        assertEquals("mine", f.getData(victim, "/app").data());
    }

    @Test
    void shouldRefuseRequestWithoutSessionHeader()
    {
        final Client victim = f.connect(5000);
        f.create(victim, "/app", "mine", CreateMode.PERSISTENT);
        final long zxid = f.lastZxid();

        final List<byte[]> sent = f.deliverRaw(victim.connection(), f.wire.delete(f.nextCorrelationId(), "/app", -1));

        assertEquals(List.of(), sent);
        assertEquals(zxid, f.lastZxid());
        assertEquals(1, f.counters().forgedRequests.get());
    }

    @Test
    void shouldRefuseForgedCloseSessionAndKeepVictimsEphemeral()
    {
        final Client victim = f.connect(5000);
        f.create(victim, "/lock", "", CreateMode.EPHEMERAL);

        f.deliverRaw(victim.connection(), ServiceFixture.withHeader(0, f.wire.closeSession(f.nextCorrelationId())));

        assertEquals(ResultCode.OK, f.exists(victim, "/lock").code());
        assertEquals(1, f.service.sessions().size());
        assertEquals(1, f.counters().forgedRequests.get());
    }

    @Test
    void shouldRefuseForgedConnectOnAnotherConnection()
    {
        final Client victim = f.connect(5000);
        final int sessions = f.service.sessions().size();

        final List<byte[]> sent = f.deliverRaw(victim.connection(),
            ServiceFixture.withHeader(42, f.wire.connect(f.nextCorrelationId(), victim.sessionId(), 5000, new byte[0])));

        assertEquals(List.of(), sent);
        assertEquals(sessions, f.service.sessions().size());
        assertEquals(victim.connection().id(), f.service.sessions().get(victim.sessionId()).clusterSessionId());
    }

    @Test
    void shouldRefuseEveryRequestOnConnectionWithoutPrincipal()
    {
        final StubClientSession connection = f.openConnection(new byte[0]);

        final List<byte[]> sent = f.deliver(connection, f.wire.connect(f.nextCorrelationId(), 0, 5000, new byte[0]));

        assertEquals(List.of(), sent);
        assertEquals(0, f.service.sessions().size());
        assertEquals(1, f.counters().forgedRequests.get());
    }

    @Test
    void shouldRefuseTokenOfClosedConnection()
    {
        final Client client = f.connect(5000);
        final long token = client.connection().token();
        f.closeConnection(client.connection());

        f.deliverRaw(client.connection(), ServiceFixture.withHeader(token, f.wire.keepAlive(f.nextCorrelationId())));

        assertEquals(1, f.counters().forgedRequests.get());
    }

    @Test
    void shouldGiveNewSessionTheConnectionsPasswordSeed()
    {
        final StubClientSession connection = f.openConnection(
            Principal.encode(77, 0x0102030405060708L, 0x1112131415161718L, List.of(), List.of()));

        final Replies.Connected connected = Replies.connected(
            f.request(connection, f.wire.connect(f.nextCorrelationId(), 0, 5000, new byte[0])));

        final byte[] expected = new byte[16];
        for (int i = 0; i < 8; i++)
        {
            expected[i] = (byte)(8 - i);
            expected[8 + i] = (byte)(0x18 - i);
        }
        assertArrayEquals(expected, connected.password());
    }

    @Test
    void shouldAcceptLongerSessionHeaderOfLaterVersion()
    {
        final Client client = f.connect(5000);
        final byte[] message = f.wire.keepAlive(f.nextCorrelationId());
        final byte[] framed = ServiceFixture.withHeader(client.connection().token(), message);
        // Block length 16 instead of 8: a later version's header with a field appended.
        final byte[] longer = new byte[framed.length + 8];
        System.arraycopy(framed, 0, longer, 0, RequestBinding.SESSION_HEADER_LENGTH);
        System.arraycopy(message, 0, longer, RequestBinding.SESSION_HEADER_LENGTH + 8, message.length);
        longer[0] = 16;

        final List<byte[]> sent = f.deliverRaw(client.connection(), longer);

        assertEquals(1, sent.size());
        assertEquals(0, f.counters().forgedRequests.get());
        assertTrue(Arrays.equals(sent.get(0), client.connection().messages().get(client.connection().messageCount() - 1)));
    }
}
