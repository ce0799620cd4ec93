package io.aerie.engine.service;

import io.aerie.codecs.CloseSessionRequestDecoder;
import io.aerie.codecs.CloseSessionResponseEncoder;
import io.aerie.codecs.ConnectRequestDecoder;
import io.aerie.codecs.ConnectResponseEncoder;
import io.aerie.codecs.KeepAliveRequestDecoder;
import io.aerie.codecs.KeepAliveResponseEncoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.session.Principal;
import io.aerie.engine.session.Session;
import io.aerie.codecs.model.NameList;
import io.aeron.cluster.service.ClientSession;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Session requests: connect (open a new session or resume one), keepalive and close. Closing deletes the
 * session's ephemerals in the same log entry.
 */
final class SessionRequests
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    static final int PASSWORD_LENGTH = Principal.PASSWORD_LENGTH;
    /** What a session opened before passwords were 16 bytes presents to resume. */
    private static final int OLD_PASSWORD_LENGTH = 8;

    private final ServiceState state;
    private final ConnectRequestDecoder connectDecoder = new ConnectRequestDecoder();
    private final ConnectResponseEncoder connectEncoder = new ConnectResponseEncoder();
    private final KeepAliveRequestDecoder keepAliveDecoder = new KeepAliveRequestDecoder();
    private final KeepAliveResponseEncoder keepAliveEncoder = new KeepAliveResponseEncoder();
    private final CloseSessionRequestDecoder closeDecoder = new CloseSessionRequestDecoder();
    private final CloseSessionResponseEncoder closeEncoder = new CloseSessionResponseEncoder();
    private final UnsafeBuffer passwordView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer password = new UnsafeBuffer(new byte[PASSWORD_LENGTH]);
    private final NameList deleted = new NameList();
    private final Principal principal = new Principal();

    private final AuthRequests auth;
    private final ConnectionIdentities connectionIdentities;

    SessionRequests(final ServiceState state, final AuthRequests auth)
    {
        this.state = state;
        this.auth = auth;
        this.connectionIdentities = new ConnectionIdentities(auth.schemes());
    }

    /**
     * Open or resume a session for the connection the request came on.
     *
     * @return the session opened or resumed, or null when the connect failed.
     */
    Session onConnect(
        final ClientSession clientSession,
        final long timestampMs,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final ConnectRequestDecoder decoder = connectDecoder.wrap(buffer, offset + HEADER, blockLength, version);
        final long correlationId = decoder.correlationId();
        final long sessionId = decoder.sessionId();
        final int requestedTimeoutMs = decoder.requestedTimeoutMs();
        final boolean credentialsKnown = auth.readConnectCredentials(decoder);
        decoder.wrapPassword(passwordView);
        if (!credentialsKnown)
        {
            // No session is opened or resumed on credentials that can never succeed.
            sendConnectResponse(clientSession, correlationId, ResultCode.AUTH_FAILED, null);
            return null;
        }

        final long clusterSessionId = clientSession.id();
        // What the connection authenticated as, from the log: its password seed and identities.
        principal.decode(clientSession.encodedPrincipal());
        final Session session;
        if (0 == sessionId)
        {
            session = state.sessions.open(clusterSessionId, requestedTimeoutMs, timestampMs,
                principal.passwordSeedLow(), principal.passwordSeedHigh());
        }
        else
        {
            final Session existing = state.sessions.get(sessionId);
            if (null != existing && existing.deadlineMs() <= timestampMs)
            {
                // Timed out, its expiry timer not yet through the log: it ends now rather than being revived.
                endSession(existing);
                state.counters.expiredSessions.increment();
            }
            session = resume(clusterSessionId, sessionId, timestampMs);
        }
        if (null != session)
        {
            // As ZooKeeper: the connection's own identities (its address first), then the credentials it presents.
            connectionIdentities.addTo(clientSession, session.identities());
            auth.applyConnectCredentials(session.identities());
        }
        sendConnectResponse(
            clientSession, correlationId, null == session ? ResultCode.SESSION_EXPIRED : ResultCode.OK, session);
        return session;
    }

    private void sendConnectResponse(
        final ClientSession clientSession, final long correlationId, final ResultCode code, final Session session)
    {
        password.putLong(0, null == session ? 0 : session.passwordLow(), ByteOrder.LITTLE_ENDIAN);
        password.putLong(Long.BYTES, null == session ? 0 : session.passwordHigh(), ByteOrder.LITTLE_ENDIAN);
        final ConnectResponseEncoder encoder = connectEncoder.wrapAndApplyHeader(state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .zxid(state.lastZxid)
            .sessionId(null == session ? 0 : session.id())
            .negotiatedTimeoutMs(null == session ? 0 : session.timeoutMs())
            .eventSequence(null == session ? 0 : session.eventSequence())
            .putPassword(password, 0, null == session ? 0 : PASSWORD_LENGTH);
        state.egress.send(clientSession, HEADER + encoder.encodedLength());
    }

    /**
     * Resume with the presented password: all 16 bytes, or the 8 of a session opened before passwords were 16
     * bytes long (whose high half is 0). Any other length matches nothing.
     */
    private Session resume(final long clusterSessionId, final long sessionId, final long timestampMs)
    {
        final int length = passwordView.capacity();
        if (PASSWORD_LENGTH != length && OLD_PASSWORD_LENGTH != length)
        {
            return null;
        }
        final long low = passwordView.getLong(0, ByteOrder.LITTLE_ENDIAN);
        final long high = PASSWORD_LENGTH == length ? passwordView.getLong(Long.BYTES, ByteOrder.LITTLE_ENDIAN) : 0;
        return state.sessions.resume(clusterSessionId, sessionId, low, high, timestampMs);
    }

    void onKeepAlive(
        final ClientSession clientSession,
        final Session session,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final long correlationId = keepAliveDecoder.wrap(buffer, offset + HEADER, blockLength, version).correlationId();
        final KeepAliveResponseEncoder encoder = keepAliveEncoder.wrapAndApplyHeader(
            state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(ResultCode.OK)
            .zxid(state.lastZxid)
            .eventSequence(session.eventSequence());
        state.egress.send(clientSession, HEADER + encoder.encodedLength());
    }

    void onClose(
        final ClientSession clientSession,
        final Session session,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final long correlationId = closeDecoder.wrap(buffer, offset + HEADER, blockLength, version).correlationId();
        endSession(session);

        final CloseSessionResponseEncoder encoder = closeEncoder.wrapAndApplyHeader(
            state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(ResultCode.OK)
            .zxid(state.lastZxid);
        state.egress.send(clientSession, HEADER + encoder.encodedLength());
    }

    /**
     * End a session, closed or expired: drop its watches, delete its ephemerals (firing other sessions' watches)
     * and forget it, as one change with one zxid.
     *
     * @return the paths deleted, valid until the next call.
     */
    NameList endSession(final Session session)
    {
        // Its watches go first: a session that is ending is told nothing, not even of its own ephemerals.
        state.watches.removeSession(session.id());
        state.tree.deleteEphemerals(state.nextZxid(), session.id(), deleted);
        state.commitChange();
        state.sessions.remove(session);
        return deleted;
    }
}
