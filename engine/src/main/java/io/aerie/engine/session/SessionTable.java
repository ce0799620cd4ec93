package io.aerie.engine.session;

import io.aerie.codecs.snapshot.MessageHeaderEncoder;
import io.aerie.codecs.snapshot.SessionDecoder;
import io.aerie.codecs.snapshot.SessionEncoder;
import io.aerie.codecs.snapshot.SessionWriteDecoder;
import io.aerie.codecs.snapshot.SessionWriteEncoder;
import io.aerie.codecs.snapshot.SessionsHeaderDecoder;
import io.aerie.codecs.snapshot.SessionsHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.MessageHandler;

import java.util.Arrays;

/**
 * The live sessions, by session id and by the cluster session carrying them.
 * <p>
 * Deterministic: ids come from a counter, timeouts are clamped to configured bounds, liveness is log time,
 * and every scan goes in ascending session id so hash order never reaches an output. Opening a session
 * allocates its object; touching, finding and expiring sessions allocate nothing. Service thread only.
 */
public final class SessionTable
{
    private final int minTimeoutMs;
    private final int maxTimeoutMs;
    private final int rememberedWrites;
    private final Long2ObjectHashMap<Session> byId = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Session> byClusterSession = new Long2ObjectHashMap<>();
    private long[] scratchIds = new long[64];
    private long nextSessionId = 1;
    private SnapshotCodecs snapshotCodecs;

    /**
     * @param minTimeoutMs     smallest timeout granted.
     * @param maxTimeoutMs     largest timeout granted.
     * @param rememberedWrites responses to recent writes each session keeps, to answer resent copies: at least
     *                         the number of writes a client may have in flight.
     */
    public SessionTable(final int minTimeoutMs, final int maxTimeoutMs, final int rememberedWrites)
    {
        if (minTimeoutMs <= 0 || maxTimeoutMs < minTimeoutMs)
        {
            throw new IllegalArgumentException("need 0 < minTimeoutMs <= maxTimeoutMs: " + minTimeoutMs + ", " + maxTimeoutMs);
        }
        if (rememberedWrites < 1)
        {
            throw new IllegalArgumentException("rememberedWrites must be >= 1: " + rememberedWrites);
        }
        this.minTimeoutMs = minTimeoutMs;
        this.maxTimeoutMs = maxTimeoutMs;
        this.rememberedWrites = rememberedWrites;
    }

    /**
     * Open a new session bound to a cluster session.
     *
     * @param requestedTimeoutMs clamped to [min, max].
     * @param nowMs              log time.
     * @param passwordLow        low 8 bytes of its password: the connection's random password seed, from its
     *                           principal in the log, so no one who cannot read the log can derive it.
     * @param passwordHigh       high 8 bytes of its password.
     * @return the new session.
     */
    public Session open(
        final long clusterSessionId,
        final int requestedTimeoutMs,
        final long nowMs,
        final long passwordLow,
        final long passwordHigh)
    {
        final long id = nextSessionId++;
        final int timeoutMs = Math.max(minTimeoutMs, Math.min(maxTimeoutMs, requestedTimeoutMs));
        final Session session = new Session(id, passwordLow, passwordHigh, timeoutMs, nowMs, rememberedWrites);
        byId.put(id, session);
        bind(session, clusterSessionId);
        return session;
    }

    /**
     * Resume a session on a (new) cluster session.
     *
     * @return the session, or null if it does not exist (expired or closed) or the password is wrong.
     */
    public Session resume(
        final long clusterSessionId, final long sessionId, final long passwordLow, final long passwordHigh, final long nowMs)
    {
        final Session session = byId.get(sessionId);
        if (null == session || !session.hasPassword(passwordLow, passwordHigh))
        {
            return null;
        }
        bind(session, clusterSessionId);
        session.lastSeenMs(nowMs);
        return session;
    }

    /**
     * @return the session a cluster session carries, or null.
     */
    public Session boundTo(final long clusterSessionId)
    {
        return byClusterSession.get(clusterSessionId);
    }

    /**
     * @return a session by id, or null.
     */
    public Session get(final long sessionId)
    {
        return byId.get(sessionId);
    }

    /**
     * Mark a session alive at log time {@code nowMs}.
     */
    public void touch(final Session session, final long nowMs)
    {
        session.lastSeenMs(nowMs);
    }

    /**
     * A new leader took over at log time {@code nowMs}: no session can have reached the cluster while there was
     * none, so every session's timeout starts again from now, as a new ZooKeeper leader does.
     */
    public void touchAll(final long nowMs)
    {
        for (final Session session : byId.values())
        {
            session.lastSeenMs(Math.max(session.lastSeenMs(), nowMs));
        }
    }

    /**
     * The cluster session went away: its Aerie session lives on, unbound, until it is resumed or times out.
     */
    public void unbind(final long clusterSessionId)
    {
        final Session session = byClusterSession.remove(clusterSessionId);
        if (null != session)
        {
            session.clusterSessionId(Session.UNBOUND);
        }
    }

    /**
     * Remove a session (closed or expired).
     */
    public void remove(final Session session)
    {
        byId.remove(session.id());
        if (Session.UNBOUND != session.clusterSessionId())
        {
            byClusterSession.remove(session.clusterSessionId());
        }
    }

    /**
     * @return number of live sessions.
     */
    public int size()
    {
        return byId.size();
    }

    /**
     * @return the earliest deadline of any session, or {@link Long#MAX_VALUE} when there are none.
     */
    public long nextDeadlineMs()
    {
        long deadline = Long.MAX_VALUE;
        for (final Session session : byId.values())
        {
            deadline = Math.min(deadline, session.deadlineMs());
        }
        return deadline;
    }

    /**
     * Ids of the sessions whose deadline is at or before {@code nowMs}, ascending.
     *
     * @return the number of ids written to {@link #expiredIds()}.
     */
    public int collectExpired(final long nowMs)
    {
        int count = 0;
        for (final Session session : byId.values())
        {
            if (session.deadlineMs() <= nowMs)
            {
                if (count == scratchIds.length)
                {
                    scratchIds = Arrays.copyOf(scratchIds, count * 2);
                }
                scratchIds[count++] = session.id();
            }
        }
        Arrays.sort(scratchIds, 0, count);
        return count;
    }

    /**
     * @return ids filled by the last {@link #collectExpired(long)}.
     */
    public long[] expiredIds()
    {
        return scratchIds;
    }

    /**
     * Write the table as snapshot messages: a {@code SessionsHeader}, then every session ascending by id, each a
     * {@code Session} followed by a {@code SessionWrite} per remembered write. Bindings to cluster sessions are
     * written too: Aeron Cluster keeps client sessions across a snapshot.
     *
     * @param out receives each encoded message (template id, buffer, offset 0, length); the buffer is reused.
     */
    public void writeSnapshot(final MessageHandler out)
    {
        final SnapshotCodecs codecs = snapshotCodecs();
        final int count = sortedIds();
        codecs.header.wrapAndApplyHeader(codecs.buffer, 0, codecs.messageHeader)
            .nextSessionId(nextSessionId).sessionCount(count);
        out.onMessage(SessionsHeaderEncoder.TEMPLATE_ID, codecs.buffer, 0,
            MessageHeaderEncoder.ENCODED_LENGTH + codecs.header.encodedLength());
        for (int i = 0; i < count; i++)
        {
            final Session session = byId.get(scratchIds[i]);
            final SessionEncoder encoder = codecs.session.wrapAndApplyHeader(codecs.buffer, 0, codecs.messageHeader)
                .sessionId(session.id())
                .passwordLow(session.passwordLow())
                .passwordHigh(session.passwordHigh())
                .timeoutMs(session.timeoutMs())
                .lastSeenMs(session.lastSeenMs())
                .clusterSessionId(session.clusterSessionId())
                .writeCount(session.writeCount())
                .lastWriteCorrelationId(session.lastWriteCorrelationId())
                .eventSequence(session.eventSequence())
                .rememberedWrites(session.rememberedWrites());
            session.identities().writeSnapshot(encoder);
            out.onMessage(SessionEncoder.TEMPLATE_ID, codecs.buffer, 0,
                MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
            for (int w = 0; w < session.rememberedWrites(); w++)
            {
                codecs.write.wrapAndApplyHeader(codecs.buffer, 0, codecs.messageHeader)
                    .correlationId(session.writeCorrelationId(w))
                    .putResponse(session.writeResponse(w), 0, session.writeResponseLength(w));
                out.onMessage(SessionWriteEncoder.TEMPLATE_ID, codecs.buffer, 0,
                    MessageHeaderEncoder.ENCODED_LENGTH + codecs.write.encodedLength());
            }
        }
    }

    /**
     * Load one snapshot message written by {@link #writeSnapshot}: a {@code SessionsHeader} empties the table,
     * each {@code Session} and {@code SessionWrite} restores what it holds.
     *
     * @param templateId  of the message; one of the three above.
     * @param buffer      holding the message.
     * @param offset      of its body, after the message header.
     * @param blockLength of its fixed block, from the header.
     * @param version     of the schema it was written with, from the header.
     * @throws IllegalStateException if the messages are not in the order {@link #writeSnapshot} writes.
     */
    public void loadSnapshot(
        final int templateId, final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final SnapshotCodecs codecs = snapshotCodecs();
        switch (templateId)
        {
            case SessionsHeaderDecoder.TEMPLATE_ID:
                codecs.headerDecoder.wrap(buffer, offset, blockLength, version);
                byId.clear();
                byClusterSession.clear();
                nextSessionId = codecs.headerDecoder.nextSessionId();
                codecs.loading = null;
                break;
            case SessionDecoder.TEMPLATE_ID:
                codecs.loading = loadSession(codecs.sessionDecoder.wrap(buffer, offset, blockLength, version));
                codecs.loadingWrite = 0;
                break;
            case SessionWriteDecoder.TEMPLATE_ID:
                if (null == codecs.loading)
                {
                    throw new IllegalStateException("corrupt snapshot: a session write before its session");
                }
                final SessionWriteDecoder write = codecs.writeDecoder.wrap(buffer, offset, blockLength, version);
                final int index = codecs.loadingWrite++;
                final long correlationId = write.correlationId();
                final byte[] response = new byte[write.responseLength()];
                write.getResponse(response, 0, response.length);
                if (index < rememberedWrites)
                {
                    codecs.loading.restoreWrite(index, correlationId, response);
                }
                break;
            default:
                throw new IllegalStateException("not a session snapshot message: " + templateId);
        }
    }

    private Session loadSession(final SessionDecoder decoder)
    {
        final Session session = new Session(decoder.sessionId(), decoder.passwordLow(), decoder.passwordHigh(),
            decoder.timeoutMs(), decoder.lastSeenMs(), rememberedWrites);
        final long clusterSessionId = decoder.clusterSessionId();
        session.restoreWrites(decoder.writeCount(), decoder.lastWriteCorrelationId());
        session.eventSequence(decoder.eventSequence());
        session.identities().loadSnapshot(decoder);
        byId.put(session.id(), session);
        if (Session.UNBOUND != clusterSessionId)
        {
            bind(session, clusterSessionId);
        }
        return session;
    }

    private SnapshotCodecs snapshotCodecs()
    {
        if (null == snapshotCodecs)
        {
            snapshotCodecs = new SnapshotCodecs();
        }
        return snapshotCodecs;
    }

    /**
     * Encoders and decoders of the session messages, made at the first snapshot: most tables never take one.
     */
    private static final class SnapshotCodecs
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        final MessageHeaderEncoder messageHeader = new MessageHeaderEncoder();
        final SessionsHeaderEncoder header = new SessionsHeaderEncoder();
        final SessionEncoder session = new SessionEncoder();
        final SessionWriteEncoder write = new SessionWriteEncoder();
        final SessionsHeaderDecoder headerDecoder = new SessionsHeaderDecoder();
        final SessionDecoder sessionDecoder = new SessionDecoder();
        final SessionWriteDecoder writeDecoder = new SessionWriteDecoder();
        Session loading;
        int loadingWrite;
    }

    private void bind(final Session session, final long clusterSessionId)
    {
        if (Session.UNBOUND != session.clusterSessionId())
        {
            byClusterSession.remove(session.clusterSessionId());
        }
        final Session previous = byClusterSession.put(clusterSessionId, session);
        if (null != previous && previous != session)
        {
            // One connection carries one session: a new connect on it leaves the old session unbound.
            previous.clusterSessionId(Session.UNBOUND);
        }
        session.clusterSessionId(clusterSessionId);
    }

    private int sortedIds()
    {
        int count = 0;
        if (scratchIds.length < byId.size())
        {
            scratchIds = new long[byId.size()];
        }
        for (final Session session : byId.values())
        {
            scratchIds[count++] = session.id();
        }
        Arrays.sort(scratchIds, 0, count);
        return count;
    }
}
