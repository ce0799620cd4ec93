package io.aerie.engine.service;

import io.aerie.codecs.ResultCode;
import io.aerie.engine.acl.AuthSchemes;
import io.aerie.engine.session.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A connection's identities reach the session it opens or resumes from the log: the digest identity its
 * credentials proved to the node's authenticator (carried by its principal) and its address from the response
 * channel the ingress guard checked against its source.
 */
class ServiceConnectionIdentitiesTest
{
    private static final String BOB = AuthSchemes.generateDigest("bob:secret");
    private static final String SUPER = AuthSchemes.generateDigest("super:admin");

    private final ServiceFixture f = new ServiceFixture(ServiceFixture.context().superDigest(SUPER));

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldGiveSessionTheDigestIdentityOfItsPrincipal()
    {
        final long sessionId = connect(principal("digest", BOB), "aeron:ipc");

        assertEquals("[ip:127.0.0.1, digest:" + BOB + "]", identitiesOf(sessionId));
    }

    @Test
    void shouldMakeSuperDigestPrincipalSuper()
    {
        final long sessionId = connect(principal("digest", SUPER), "aeron:ipc");

        assertEquals("[ip:127.0.0.1, super:, digest:" + SUPER + "]", identitiesOf(sessionId));
    }

    @Test
    void shouldTakeAddressFromResponseEndpoint()
    {
        final long sessionId = connect(principal(), "aeron:udp?endpoint=10.1.2.3:40123|term-length=16m");

        assertEquals("[ip:10.1.2.3]", identitiesOf(sessionId));
    }

    @Test
    void shouldWriteIpv6AddressAsZooKeeperDoes()
    {
        final long sessionId = connect(principal(), "aeron:udp?endpoint=[::1]:40123");

        assertEquals("[ip:0:0:0:0:0:0:0:1]", identitiesOf(sessionId));
    }

    @Test
    void shouldAddNoAddressForHostName()
    {
        assertNull(ConnectionIdentities.addressOf("aeron:udp?endpoint=localhost:40123"));
        assertNull(ConnectionIdentities.addressOf("aeron:udp?control=10.0.0.1:1|control-mode=dynamic"));
        assertNull(ConnectionIdentities.addressOf("not a channel"));
    }

    @Test
    void shouldReplaceAddressWithNewConnectionsOnResume()
    {
        final long sessionId = connect(principal(), "aeron:udp?endpoint=10.1.2.3:40123");
        final byte[] password = passwordOf(sessionId);
        final StubClientSession next = f.openConnection(principal("digest", BOB));

        next.responseChannel("aeron:udp?endpoint=10.9.9.9:40123");
        final Replies.Connected resumed = Replies.connected(
            f.request(next, f.wire.connect(f.nextCorrelationId(), sessionId, 5000, password)));

        assertEquals(ResultCode.OK, resumed.code());
        assertEquals("[ip:10.9.9.9, digest:" + BOB + "]", identitiesOf(sessionId));
    }

    private long connect(final byte[] principal, final String responseChannel)
    {
        final StubClientSession connection = f.openConnection(principal);
        connection.responseChannel(responseChannel);
        final Replies.Connected connected = Replies.connected(
            f.request(connection, f.wire.connect(f.nextCorrelationId(), 0, 5000, new byte[0])));
        assertEquals(ResultCode.OK, connected.code());
        return connected.sessionId();
    }

    private String identitiesOf(final long sessionId)
    {
        return f.service.sessions().get(sessionId).identities().toString();
    }

    private byte[] passwordOf(final long sessionId)
    {
        final byte[] password = new byte[16];
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(password);
        buffer.putLong(0, f.service.sessions().get(sessionId).passwordLow(), java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(8, f.service.sessions().get(sessionId).passwordHigh(), java.nio.ByteOrder.LITTLE_ENDIAN);
        return password;
    }

    private static byte[] principal(final String... schemeAndId)
    {
        return schemeAndId.length == 0 ? Principal.encode(99, 1, 2, List.of(), List.of()) :
            Principal.encode(99, 1, 2, List.of(schemeAndId[0]), List.of(schemeAndId[1]));
    }
}
