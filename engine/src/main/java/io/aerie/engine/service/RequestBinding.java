package io.aerie.engine.service;

import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.SessionHeaderDecoder;
import io.aerie.engine.session.Principal;
import io.aerie.engine.session.SessionTokens;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Binds each request to the connection that sent it: every ingress message must start with a
 * {@code SessionHeader} carrying the token its cluster session authenticated with (the principal's), and the
 * request follows it. Aeron Cluster 1.51 accepts an ingress message naming any open cluster session from any
 * publication; this check is what refuses one forged by another host.
 * <p>
 * Deterministic: tokens come from the log (session open events) and from the cluster's sessions after a snapshot
 * load. {@link #requestOffset} allocates nothing. Service thread only.
 */
final class RequestBinding
{
    /** Length of the session header that precedes every request. */
    static final int SESSION_HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH + SessionHeaderDecoder.BLOCK_LENGTH;
    private static final int SCHEMA_ID_OFFSET = 4;
    private static final int TEMPLATE_ID_OFFSET = 2;
    private static final int VERSION_OFFSET = 6;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final SessionTokens tokens = new SessionTokens();
    private final Principal principal = new Principal();
    private final Consumer<ClientSession> reopen = this::onSessionOpen;

    /**
     * A cluster session opened (or was loaded from a snapshot): remember its token.
     */
    void onSessionOpen(final ClientSession session)
    {
        principal.decode(session.encodedPrincipal());
        tokens.put(session.id(), principal.token());
    }

    /**
     * A cluster session closed: no request may name it again.
     */
    void onSessionClose(final long clusterSessionId)
    {
        tokens.remove(clusterSessionId);
    }

    /**
     * Rebuild the table from the cluster's open sessions, as loaded from a snapshot.
     */
    void reload(final Cluster cluster)
    {
        tokens.clear();
        cluster.forEachClientSession(reopen);
    }

    /**
     * Check the session header at the start of a message.
     *
     * @return the offset of the request after the header, or -1 if the header is missing, malformed or carries
     * another token than the one {@code clusterSessionId} authenticated with.
     */
    static int requestOffset(
        final SessionTokens tokens, final DirectBuffer buffer, final int offset, final int length, final long clusterSessionId)
    {
        if (length < SESSION_HEADER_LENGTH ||
            MessageHeaderDecoder.SCHEMA_ID != (buffer.getShort(offset + SCHEMA_ID_OFFSET, ORDER) & 0xFFFF) ||
            SessionHeaderDecoder.TEMPLATE_ID != (buffer.getShort(offset + TEMPLATE_ID_OFFSET, ORDER) & 0xFFFF) ||
            (buffer.getShort(offset + VERSION_OFFSET, ORDER) & 0xFFFF) < SessionHeaderDecoder.tokenSinceVersion())
        {
            return -1;
        }
        // A later version may lengthen the header: the request starts after its whole block.
        final int headerLength = MessageHeaderDecoder.ENCODED_LENGTH + (buffer.getShort(offset, ORDER) & 0xFFFF);
        if (headerLength < SESSION_HEADER_LENGTH || headerLength > length)
        {
            return -1;
        }
        final long token = buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH, ORDER);
        return tokens.matches(clusterSessionId, token) ? offset + headerLength : -1;
    }

    /**
     * @return the offset of the request after a valid header in {@code buffer}, or -1: see
     * {@link #requestOffset(SessionTokens, DirectBuffer, int, int, long)}.
     */
    int requestOffset(final DirectBuffer buffer, final int offset, final int length, final long clusterSessionId)
    {
        return requestOffset(tokens, buffer, offset, length, clusterSessionId);
    }

    /**
     * @return the token table, for tests and admin.
     */
    SessionTokens tokens()
    {
        return tokens;
    }
}
