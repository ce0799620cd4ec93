package io.aerie.engine.session;

import io.aerie.engine.acl.Identities;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * One Aerie session. Mutable; owned by the {@link SessionTable} and the service thread.
 */
public final class Session
{
    /** Value of {@link #clusterSessionId()} when no connection carries the session. */
    public static final long UNBOUND = -1;

    private final long id;
    private final long passwordLow;
    private final long passwordHigh;
    private final int timeoutMs;
    private long lastSeenMs;
    private long clusterSessionId = UNBOUND;
    private final long[] writeCorrelationIds;
    private final ExpandableArrayBuffer[] writeResponses;
    private final int[] writeResponseLengths;
    private long writeCount;
    private long lastWriteCorrelationId = Long.MIN_VALUE;
    private long eventSequence;
    private final Identities identities = new Identities();

    Session(
        final long id,
        final long passwordLow,
        final long passwordHigh,
        final int timeoutMs,
        final long lastSeenMs,
        final int rememberedWrites)
    {
        this.id = id;
        this.passwordLow = passwordLow;
        this.passwordHigh = passwordHigh;
        this.timeoutMs = timeoutMs;
        this.lastSeenMs = lastSeenMs;
        writeCorrelationIds = new long[rememberedWrites];
        writeResponses = new ExpandableArrayBuffer[rememberedWrites];
        writeResponseLengths = new int[rememberedWrites];
        for (int i = 0; i < rememberedWrites; i++)
        {
            writeCorrelationIds[i] = Long.MIN_VALUE;
            writeResponses[i] = new ExpandableArrayBuffer(128);
        }
    }

    /** @return the session id, as ZooKeeper's. */
    public long id()
    {
        return id;
    }

    /** @return low 8 bytes of the 16-byte password a client presents to resume the session. */
    public long passwordLow()
    {
        return passwordLow;
    }

    /** @return high 8 bytes of the 16-byte password a client presents to resume the session. */
    public long passwordHigh()
    {
        return passwordHigh;
    }

    /**
     * @param low  low 8 bytes of a presented password.
     * @param high high 8 bytes of a presented password.
     * @return true if it is this session's password: all 16 bytes equal, compared without an early exit.
     */
    public boolean hasPassword(final long low, final long high)
    {
        return 0 == ((passwordLow ^ low) | (passwordHigh ^ high));
    }

    /**
     * The identities this session holds (ZooKeeper's {@code authInfo}): added from the log by connect credentials,
     * addAuth and the connection's address; checked against znode ACLs; kept in the session snapshot.
     *
     * @return the session's identities, mutable, service thread only.
     */
    public Identities identities()
    {
        return identities;
    }

    /** @return the negotiated timeout in ms. */
    public int timeoutMs()
    {
        return timeoutMs;
    }

    /** @return log time in ms of the last request or keepalive. */
    public long lastSeenMs()
    {
        return lastSeenMs;
    }

    /** @return log time in ms at which the session expires unless it is seen again. */
    public long deadlineMs()
    {
        return lastSeenMs + timeoutMs;
    }

    /** @return id of the Aeron cluster session carrying this session, or {@link #UNBOUND}. */
    public long clusterSessionId()
    {
        return clusterSessionId;
    }

    /**
     * @return correlation id of the last write applied for this session; a write carrying an id not above it was
     * applied already and must not be applied again.
     */
    public long lastWriteCorrelationId()
    {
        return lastWriteCorrelationId;
    }

    /**
     * @return true once a write has been applied for this session (before that, no request is a resend).
     */
    public boolean hasWrites()
    {
        return writeCount > 0;
    }

    /**
     * Find the remembered response to an applied write.
     *
     * @return index for {@link #writeResponse(int)}, or -1 if that write is older than the remembered ones.
     */
    public int findWrite(final long correlationId)
    {
        for (int i = 0, filled = (int)Math.min(writeCount, writeCorrelationIds.length); i < filled; i++)
        {
            if (writeCorrelationIds[i] == correlationId)
            {
                return i;
            }
        }
        return -1;
    }

    /** @return the encoded response at {@code index} from {@link #findWrite(long)}, from offset 0. */
    public DirectBuffer writeResponse(final int index)
    {
        return writeResponses[index];
    }

    /** @return length of the response at {@code index}. */
    public int writeResponseLength(final int index)
    {
        return writeResponseLengths[index];
    }

    /**
     * Remember the response to a write just applied; the oldest remembered one is forgotten.
     */
    public void recordWrite(final long correlationId, final DirectBuffer response, final int offset, final int length)
    {
        final int index = (int)(writeCount++ % writeCorrelationIds.length);
        writeCorrelationIds[index] = correlationId;
        writeResponses[index].putBytes(0, response, offset, length);
        writeResponseLengths[index] = length;
        lastWriteCorrelationId = correlationId;
    }

    /**
     * @return sequence of the last watch event sent to this session; 0 before the first.
     */
    public long eventSequence()
    {
        return eventSequence;
    }

    /**
     * Count one more watch event sent to this session, delivered or not: the client finds a loss as a gap.
     *
     * @return the new event's sequence, from 1.
     */
    public long nextEventSequence()
    {
        return ++eventSequence;
    }

    void eventSequence(final long eventSequence)
    {
        this.eventSequence = eventSequence;
    }

    void lastSeenMs(final long lastSeenMs)
    {
        this.lastSeenMs = lastSeenMs;
    }

    void clusterSessionId(final long clusterSessionId)
    {
        this.clusterSessionId = clusterSessionId;
    }

    int rememberedWrites()
    {
        return writeCorrelationIds.length;
    }

    long writeCount()
    {
        return writeCount;
    }

    long writeCorrelationId(final int index)
    {
        return writeCorrelationIds[index];
    }

    void restoreWrites(final long writeCount, final long lastWriteCorrelationId)
    {
        this.writeCount = writeCount;
        this.lastWriteCorrelationId = lastWriteCorrelationId;
    }

    void restoreWrite(final int index, final long correlationId, final byte[] response)
    {
        writeCorrelationIds[index] = correlationId;
        writeResponses[index].putBytes(0, response);
        writeResponseLengths[index] = response.length;
    }

    @Override
    public String toString()
    {
        return "Session{id=0x" + Long.toHexString(id) + ", timeoutMs=" + timeoutMs + ", lastSeenMs=" + lastSeenMs +
            ", clusterSessionId=" + clusterSessionId + '}';
    }
}
