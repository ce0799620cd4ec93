package io.aerie.engine.session;

import org.agrona.collections.Long2ObjectHashMap;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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
    private static final int SNAPSHOT_MAGIC = 0x41455353; // "AESS"
    /**
     * 4: 16-byte passwords (two longs) and each session's identities after its event sequence. 3 (identities,
     * 8-byte password) and 2 (no identities, 8-byte password) still load; an 8-byte password resumes with those 8
     * bytes, its high half read as 0.
     */
    private static final int SNAPSHOT_VERSION = 4;
    private static final int SNAPSHOT_VERSION_WITH_IDENTITIES = 3;
    private static final int SNAPSHOT_VERSION_WITHOUT_IDENTITIES = 2;

    private final int minTimeoutMs;
    private final int maxTimeoutMs;
    private final int rememberedWrites;
    private final Long2ObjectHashMap<Session> byId = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Session> byClusterSession = new Long2ObjectHashMap<>();
    private long[] scratchIds = new long[64];
    private long nextSessionId = 1;

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
     * Write every session, ascending by id. Bindings to cluster sessions are written too: Aeron Cluster keeps
     * client sessions across a snapshot.
     *
     * @throws IOException from the stream.
     */
    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeInt(SNAPSHOT_MAGIC);
        out.writeInt(SNAPSHOT_VERSION);
        out.writeLong(nextSessionId);
        final int count = sortedIds();
        out.writeInt(count);
        for (int i = 0; i < count; i++)
        {
            final Session session = byId.get(scratchIds[i]);
            out.writeLong(session.id());
            out.writeLong(session.passwordLow());
            out.writeLong(session.passwordHigh());
            out.writeInt(session.timeoutMs());
            out.writeLong(session.lastSeenMs());
            out.writeLong(session.clusterSessionId());
            out.writeLong(session.writeCount());
            out.writeLong(session.lastWriteCorrelationId());
            out.writeLong(session.eventSequence());
            session.identities().writeSnapshot(out);
            out.writeInt(session.rememberedWrites());
            for (int w = 0; w < session.rememberedWrites(); w++)
            {
                out.writeLong(session.writeCorrelationId(w));
                out.writeInt(session.writeResponseLength(w));
                out.write(session.writeResponse(w).byteArray(), 0, session.writeResponseLength(w));
            }
        }
    }

    /**
     * Replace the table with one written by {@link #writeSnapshot}.
     *
     * @throws IOException if the stream is not such a snapshot.
     */
    public void loadSnapshot(final DataInput in) throws IOException
    {
        if (SNAPSHOT_MAGIC != in.readInt())
        {
            throw new IOException("not an Aerie session snapshot");
        }
        final int version = in.readInt();
        if (SNAPSHOT_VERSION != version && SNAPSHOT_VERSION_WITH_IDENTITIES != version &&
            SNAPSHOT_VERSION_WITHOUT_IDENTITIES != version)
        {
            throw new IOException("unknown Aerie session snapshot version: " + version);
        }
        byId.clear();
        byClusterSession.clear();
        nextSessionId = in.readLong();
        final int count = in.readInt();
        for (int i = 0; i < count; i++)
        {
            final long id = in.readLong();
            final long passwordLow = in.readLong();
            // An old session's 8-byte password is resumed with those 8 bytes (the high half reads as 0).
            final long passwordHigh = SNAPSHOT_VERSION == version ? in.readLong() : 0;
            final int timeoutMs = in.readInt();
            final Session session = new Session(id, passwordLow, passwordHigh, timeoutMs, in.readLong(), rememberedWrites);
            final long clusterSessionId = in.readLong();
            session.restoreWrites(in.readLong(), in.readLong());
            session.eventSequence(in.readLong());
            if (SNAPSHOT_VERSION_WITHOUT_IDENTITIES != version)
            {
                session.identities().loadSnapshot(in);
            }
            final int written = in.readInt();
            for (int w = 0; w < written; w++)
            {
                final long correlationId = in.readLong();
                final byte[] response = new byte[in.readInt()];
                in.readFully(response);
                if (w < rememberedWrites)
                {
                    session.restoreWrite(w, correlationId, response);
                }
            }
            byId.put(id, session);
            if (Session.UNBOUND != clusterSessionId)
            {
                bind(session, clusterSessionId);
            }
        }
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
