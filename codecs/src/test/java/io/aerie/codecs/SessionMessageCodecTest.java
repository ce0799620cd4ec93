package io.aerie.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.aerie.codecs.WireTestSupport.CAPACITY;
import static io.aerie.codecs.WireTestSupport.OFFSET;
import static io.aerie.codecs.WireTestSupport.assertFullyDecoded;
import static io.aerie.codecs.WireTestSupport.assertVarData;
import static io.aerie.codecs.WireTestSupport.bytes;
import static io.aerie.codecs.WireTestSupport.decode;
import static io.aerie.codecs.WireTestSupport.newBuffer;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SessionMessageCodecTest
{
    private final UnsafeBuffer buffer = newBuffer(CAPACITY);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    @Test
    void shouldRoundTripConnectRequestWithCredentials()
    {
        final byte[] password = bytes(16, 3);
        final byte[] digest = "alice:secret".getBytes(UTF_8);
        final byte[] token = bytes(300, 9);

        final ConnectRequestEncoder encoder = new ConnectRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(1L)
            .lastZxidSeen(0x1_0000_0042L)
            .sessionId(0x7FEE_0000_0000_0001L)
            .requestedTimeoutMs(30_000);
        final ConnectRequestEncoder.AuthEncoder auth = encoder.authCount(2);
        auth.next().scheme("digest").putData(digest, 0, digest.length);
        auth.next().scheme("token").putData(token, 0, token.length);
        encoder.putPassword(password, 0, password.length);

        final ConnectRequestDecoder decoder = decode(buffer, headerDecoder, new ConnectRequestDecoder());
        assertEquals(1L, decoder.correlationId());
        assertEquals(0x1_0000_0042L, decoder.lastZxidSeen());
        assertEquals(0x7FEE_0000_0000_0001L, decoder.sessionId());
        assertEquals(30_000, decoder.requestedTimeoutMs());
        final ConnectRequestDecoder.AuthDecoder authDecoder = decoder.auth();
        assertEquals(2, authDecoder.count());
        authDecoder.next();
        assertEquals("digest", authDecoder.scheme());
        assertVarData(digest, authDecoder.dataLength(), authDecoder::getData);
        authDecoder.next();
        assertEquals("token", authDecoder.scheme());
        assertVarData(token, authDecoder.dataLength(), authDecoder::getData);
        assertFalse(authDecoder.hasNext());
        assertVarData(password, decoder.passwordLength(), decoder::getPassword);
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripConnectRequestForNewSessionWithoutCredentials()
    {
        final ConnectRequestEncoder encoder = new ConnectRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(2L)
            .lastZxidSeen(0L)
            .sessionId(0L)
            .requestedTimeoutMs(4_000);
        encoder.authCount(0);
        encoder.putPassword(new byte[0], 0, 0);

        final ConnectRequestDecoder decoder = decode(buffer, headerDecoder, new ConnectRequestDecoder());
        assertEquals(2L, decoder.correlationId());
        assertEquals(0L, decoder.lastZxidSeen());
        assertEquals(0L, decoder.sessionId());
        assertEquals(4_000, decoder.requestedTimeoutMs());
        assertEquals(0, decoder.auth().count());
        assertEquals(0, decoder.passwordLength());
        assertEquals(0, decoder.skipPassword());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripConnectResponse()
    {
        final byte[] password = bytes(16, 77);
        final ConnectResponseEncoder encoder = new ConnectResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(3L)
            .code(ResultCode.OK)
            .zxid(0x5_0000_0001L)
            .sessionId(0x0102_0304_0506_0708L)
            .negotiatedTimeoutMs(20_000)
            .eventSequence(21L)
            .putPassword(password, 0, password.length);

        final ConnectResponseDecoder decoder = decode(buffer, headerDecoder, new ConnectResponseDecoder());
        assertEquals(3L, decoder.correlationId());
        assertEquals(ResultCode.OK, decoder.code());
        assertEquals(0x5_0000_0001L, decoder.zxid());
        assertEquals(0x0102_0304_0506_0708L, decoder.sessionId());
        assertEquals(20_000, decoder.negotiatedTimeoutMs());
        assertEquals(21L, decoder.eventSequence());
        assertVarData(password, decoder.passwordLength(), decoder::getPassword);
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripKeepAliveRequest()
    {
        final KeepAliveRequestEncoder encoder = new KeepAliveRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(Long.MAX_VALUE);

        final KeepAliveRequestDecoder decoder = decode(buffer, headerDecoder, new KeepAliveRequestDecoder());
        assertEquals(Long.MAX_VALUE, decoder.correlationId());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripKeepAliveResponse()
    {
        final KeepAliveResponseEncoder encoder = new KeepAliveResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(4L)
            .code(ResultCode.SESSION_EXPIRED)
            .zxid(99L)
            .eventSequence(12L);

        final KeepAliveResponseDecoder decoder = decode(buffer, headerDecoder, new KeepAliveResponseDecoder());
        assertEquals(4L, decoder.correlationId());
        assertEquals(ResultCode.SESSION_EXPIRED, decoder.code());
        assertEquals(99L, decoder.zxid());
        assertEquals(12L, decoder.eventSequence());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripCloseSessionRequest()
    {
        final CloseSessionRequestEncoder encoder = new CloseSessionRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(5L);

        final CloseSessionRequestDecoder decoder = decode(buffer, headerDecoder, new CloseSessionRequestDecoder());
        assertEquals(5L, decoder.correlationId());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripCloseSessionResponse()
    {
        final CloseSessionResponseEncoder encoder = new CloseSessionResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(6L)
            .code(ResultCode.OK)
            .zxid(100L);

        final CloseSessionResponseDecoder decoder = decode(buffer, headerDecoder, new CloseSessionResponseDecoder());
        assertEquals(6L, decoder.correlationId());
        assertEquals(ResultCode.OK, decoder.code());
        assertEquals(100L, decoder.zxid());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripAddAuthRequest()
    {
        final byte[] auth = "bob:pa55".getBytes(UTF_8);
        final AddAuthRequestEncoder encoder = new AddAuthRequestEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(7L)
            .scheme("digest")
            .putAuth(auth, 0, auth.length);

        final AddAuthRequestDecoder decoder = decode(buffer, headerDecoder, new AddAuthRequestDecoder());
        assertEquals(7L, decoder.correlationId());
        assertEquals("digest", decoder.scheme());
        assertVarData(auth, decoder.authLength(), decoder::getAuth);
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripAddAuthResponse()
    {
        final AddAuthResponseEncoder encoder = new AddAuthResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(8L)
            .code(ResultCode.AUTH_FAILED)
            .zxid(101L);

        final AddAuthResponseDecoder decoder = decode(buffer, headerDecoder, new AddAuthResponseDecoder());
        assertEquals(8L, decoder.correlationId());
        assertEquals(ResultCode.AUTH_FAILED, decoder.code());
        assertEquals(101L, decoder.zxid());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripSessionEvent()
    {
        final SessionEventEncoder encoder = new SessionEventEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(0x0A0B_0C0D_0E0F_1011L)
            .zxid(0x3_0000_0007L)
            .state(SessionState.EXPIRED);

        final SessionEventDecoder decoder = decode(buffer, headerDecoder, new SessionEventDecoder());
        assertEquals(0x0A0B_0C0D_0E0F_1011L, decoder.sessionId());
        assertEquals(0x3_0000_0007L, decoder.zxid());
        assertEquals(SessionState.EXPIRED, decoder.state());
        assertFullyDecoded(encoder, decoder);
    }
}
