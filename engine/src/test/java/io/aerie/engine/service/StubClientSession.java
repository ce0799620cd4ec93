package io.aerie.engine.service;

import io.aeron.DirectBufferVector;
import io.aeron.cluster.service.ClientSession;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * A client session that keeps a copy of every message offered to it, in order, and accepts the offer with a
 * growing positive position, as an unblocked egress publication does; or, when told to, refuses every offer
 * with a given result such as back pressure. Each accepted message is also appended to the send log of the
 * {@link StubCluster} that opened the session, which keeps the order between sessions. While that cluster does not
 * capture egress, accepted messages are only counted, and an offer allocates nothing.
 * <p>
 * Part of the engine's published test fixtures, with {@link StubCluster}.
 */
public final class StubClientSession implements ClientSession
{
    private final long id;
    private final StubCluster cluster;
    private final List<byte[]> messages = new ArrayList<>();
    private byte[] principal;
    private String responseChannel = "aeron:ipc";
    private long position;
    private boolean closing;
    private long refusal;
    private int offerAttempts;

    /**
     * @param id      the cluster session id.
     * @param cluster the cluster that opened it, which counts and logs what it accepts.
     */
    StubClientSession(final long id, final StubCluster cluster)
    {
        this.id = id;
        this.cluster = cluster;
        this.principal = principalFor(id);
    }

    /**
     * @return every message offered so far, oldest first; the list is live.
     */
    public List<byte[]> messages()
    {
        return messages;
    }

    /**
     * Refuse every offer from now on with this result (for example {@code Publication.BACK_PRESSURED}), capturing
     * nothing; 0 accepts offers again.
     */
    public void refuseOffersWith(final long result)
    {
        refusal = result;
    }

    /**
     * @return number of calls to offer, accepted or refused.
     */
    public int offerAttempts()
    {
        return offerAttempts;
    }

    /**
     * @return number of messages accepted so far.
     */
    public int messageCount()
    {
        return messages.size();
    }

    /**
     * @return the messages offered since {@code fromIndex}, as a new list.
     */
    public List<byte[]> messagesSince(final int fromIndex)
    {
        return new ArrayList<>(messages.subList(fromIndex, messages.size()));
    }

    @Override
    public long id()
    {
        return id;
    }

    @Override
    public int responseStreamId()
    {
        return 102;
    }

    @Override
    public String responseChannel()
    {
        return responseChannel;
    }

    /**
     * Declare another response channel, before the service is told the connection opened.
     */
    public void responseChannel(final String responseChannel)
    {
        this.responseChannel = responseChannel;
    }

    @Override
    public byte[] encodedPrincipal()
    {
        return principal;
    }

    /**
     * @return the token this connection authenticated with: every request on it carries it.
     */
    public long token()
    {
        final io.aerie.engine.session.Principal decoded = new io.aerie.engine.session.Principal();
        decoded.decode(principal);
        return decoded.token();
    }

    /**
     * Authenticate this connection as something else, before the service is told it opened.
     */
    public void principal(final byte[] principal)
    {
        this.principal = principal;
    }

    /**
     * @return the principal of a connection with this id: a token and a password seed of its own, no identity.
     */
    public static byte[] principalFor(final long id)
    {
        return io.aerie.engine.session.Principal.encode(tokenFor(id), id * 31 + 7, ~id, List.of(), List.of());
    }

    /**
     * @return the token {@link #principalFor(long)} gives a connection with this id.
     */
    public static long tokenFor(final long id)
    {
        return 0x7E57_0000_0000_0000L | id;
    }

    @Override
    public void close()
    {
        closing = true;
    }

    @Override
    public boolean isClosing()
    {
        return closing;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        offerAttempts++;
        if (0 != refusal)
        {
            return refusal;
        }
        byte[] copy = null;
        if (cluster.isCapturingEgress())
        {
            copy = new byte[length];
            buffer.getBytes(offset, copy, 0, length);
        }
        return accept(copy, length);
    }

    @Override
    public long offer(final DirectBufferVector[] vectors)
    {
        offerAttempts++;
        if (0 != refusal)
        {
            return refusal;
        }
        int total = 0;
        for (final DirectBufferVector vector : vectors)
        {
            total += vector.length();
        }
        byte[] copy = null;
        if (cluster.isCapturingEgress())
        {
            copy = new byte[total];
            int position = 0;
            for (final DirectBufferVector vector : vectors)
            {
                vector.buffer().getBytes(vector.offset(), copy, position, vector.length());
                position += vector.length();
            }
        }
        return accept(copy, total);
    }

    @Override
    public long tryClaim(final int length, final BufferClaim bufferClaim)
    {
        throw new UnsupportedOperationException("the service offers its messages; tryClaim is not stubbed");
    }

    private long accept(final byte[] copy, final int length)
    {
        if (null != copy)
        {
            messages.add(copy);
        }
        cluster.onAccepted(id, copy);
        // Like a log buffer: a frame header plus the message, aligned; always positive.
        position += 32 + ((length + 31) & ~31);
        return position;
    }
}
