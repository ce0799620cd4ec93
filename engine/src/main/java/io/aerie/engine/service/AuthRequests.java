package io.aerie.engine.service;

import io.aerie.codecs.AddAuthRequestDecoder;
import io.aerie.codecs.AddAuthResponseEncoder;
import io.aerie.codecs.ConnectRequestDecoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionEventEncoder;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.WhoAmIRequestDecoder;
import io.aerie.codecs.WhoAmIResponseEncoder;
import io.aerie.engine.acl.AuthSchemes;
import io.aerie.engine.acl.Identities;
import io.aerie.engine.session.Session;
import io.aeron.cluster.service.ClientSession;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Authentication requests, as log entries: addAuth (credentials add identities to the live session), whoAmI,
 * and the credentials a ConnectRequest carries. As ZooKeeper 3.9: a {@code digest} credential always succeeds
 * (it adds the digest identity, and super when it matches the node's super digest); {@code ip} succeeds and adds
 * nothing (the address identity is the connection's); any other scheme is AUTH_FAILED, after which the session
 * is cut from its connection, as ZooKeeper closes the connection, and the client stops.
 */
final class AuthRequests
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final UnsafeBuffer DIGEST = new UnsafeBuffer("digest".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private final ServiceState state;
    private final AuthSchemes schemes;
    private final AddAuthRequestDecoder addAuthDecoder = new AddAuthRequestDecoder();
    private final AddAuthResponseEncoder addAuthEncoder = new AddAuthResponseEncoder();
    private final WhoAmIRequestDecoder whoAmIDecoder = new WhoAmIRequestDecoder();
    private final WhoAmIResponseEncoder whoAmIEncoder = new WhoAmIResponseEncoder();
    private final SessionEventEncoder sessionEventEncoder = new SessionEventEncoder();
    private final UnsafeBuffer schemeView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer authView = new UnsafeBuffer(0, 0);
    private final ExpandableArrayBuffer credentials = new ExpandableArrayBuffer(256);
    private final IntArrayList credentialOffsets = new IntArrayList();

    AuthRequests(final ServiceState state, final AuthSchemes schemes)
    {
        this.state = state;
        this.schemes = schemes;
    }

    /**
     * @return how credentials become identities, with the node's super digest.
     */
    AuthSchemes schemes()
    {
        return schemes;
    }

    /**
     * Read the credentials of a ConnectRequest (they come before its password) and keep them for
     * {@link #applyConnectCredentials(Identities)}.
     *
     * @return false if one has a scheme that can never succeed: the connect is then AUTH_FAILED.
     */
    boolean readConnectCredentials(final ConnectRequestDecoder decoder)
    {
        credentialOffsets.clear();
        int length = 0;
        boolean known = true;
        for (final ConnectRequestDecoder.AuthDecoder auth : decoder.auth())
        {
            auth.wrapScheme(schemeView);
            auth.wrapData(authView);
            credentialOffsets.addInt(length);
            length = put(length, schemeView);
            length = put(length, authView);
            known &= schemes.isKnown(schemeView, 0, schemeView.capacity());
        }
        if (!known)
        {
            state.counters.authFailures.increment();
        }
        return known;
    }

    /**
     * Add the identities of the credentials read by {@link #readConnectCredentials} to a session just opened or
     * resumed: a client resuming on a new connection sends its credentials again, as ZooKeeper's does, and an
     * identity already held is not added twice.
     */
    void applyConnectCredentials(final Identities identities)
    {
        for (int i = 0, n = credentialOffsets.size(); i < n; i++)
        {
            final int schemeAt = credentialOffsets.getInt(i);
            final int schemeLength = credentials.getInt(schemeAt);
            final int authAt = schemeAt + 4 + schemeLength;
            schemes.addAuth(
                credentials, schemeAt + 4, schemeLength,
                credentials, authAt + 4, credentials.getInt(authAt),
                identities);
        }
    }

    void onAddAuth(
        final ClientSession clientSession,
        final Session session,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final AddAuthRequestDecoder decoder = addAuthDecoder.wrap(buffer, offset + HEADER, blockLength, version);
        final long correlationId = decoder.correlationId();
        decoder.wrapScheme(schemeView);
        decoder.wrapAuth(authView);

        final ResultCode code = schemes.addAuth(
            schemeView, 0, schemeView.capacity(), authView, 0, authView.capacity(), session.identities());
        final AddAuthResponseEncoder encoder = addAuthEncoder.wrapAndApplyHeader(state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .zxid(state.lastZxid);
        state.egress.send(clientSession, HEADER + encoder.encodedLength());
        if (ResultCode.OK != code)
        {
            state.counters.authFailures.increment();
            sessionEventEncoder.wrapAndApplyHeader(state.egress.buffer(), 0, state.headerEncoder)
                .sessionId(session.id())
                .zxid(state.lastZxid)
                .state(SessionState.AUTH_FAILED);
            state.egress.send(clientSession, HEADER + sessionEventEncoder.encodedLength());
            // ZooKeeper closes the connection and its client stops: the session lives on until it times out.
            state.sessions.unbind(clientSession.id());
        }
    }

    void onWhoAmI(
        final ClientSession clientSession,
        final Session session,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final long correlationId = whoAmIDecoder.wrap(buffer, offset + HEADER, blockLength, version).correlationId();
        final Identities identities = session.identities();
        final WhoAmIResponseEncoder encoder = whoAmIEncoder.wrapAndApplyHeader(state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(ResultCode.OK)
            .zxid(state.lastZxid);
        final WhoAmIResponseEncoder.ClientInfosEncoder infos = encoder.clientInfosCount(identities.size());
        final DirectBuffer held = identities.buffer();
        for (int i = 0, n = identities.size(); i < n; i++)
        {
            infos.next().putAuthScheme(held, identities.schemeOffset(i), identities.schemeLength(i));
            final int idOffset = identities.idOffset(i);
            int userLength = identities.idLength(i);
            if (Identities.isScheme(held, identities.schemeOffset(i), identities.schemeLength(i), DIGEST))
            {
                // DigestAuthenticationProvider.getUserName: the text before the first ':', never the hash.
                userLength = indexOfColon(held, idOffset, userLength);
            }
            infos.putUser(held, idOffset, userLength);
        }
        state.egress.send(clientSession, HEADER + encoder.encodedLength());
    }

    private int put(final int at, final DirectBuffer bytes)
    {
        credentials.putInt(at, bytes.capacity());
        credentials.putBytes(at + 4, bytes, 0, bytes.capacity());
        return at + 4 + bytes.capacity();
    }

    private static int indexOfColon(final DirectBuffer bytes, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (':' == bytes.getByte(offset + i))
            {
                return i;
            }
        }
        return length;
    }
}
