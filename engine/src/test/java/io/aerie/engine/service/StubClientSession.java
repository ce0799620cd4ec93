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
 * {@link StubCluster} that opened the session, which keeps the order between sessions.
 */
final class StubClientSession implements ClientSession
{
    private final long id;
    private final List<StubCluster.Sent> sendLog;
    private final List<byte[]> messages = new ArrayList<>();
    private byte[] principal;
    private String responseChannel = "aeron:ipc";
    private long position;
    private boolean closing;
    private long refusal;
    private int offerAttempts;

    /**
     * @param id      the cluster session id.
     * @param sendLog the cluster-wide log to append each accepted message to, with this session's id.
     */
    StubClientSession(final long id, final List<StubCluster.Sent> sendLog)
    {
        this.id = id;
        this.sendLog = sendLog;
        this.principal = principalFor(id);
    }

    /**
     * @return every message offered so far, oldest first; the list is live.
     */
    List<byte[]> messages()
    {
        return messages;
    }

    /**
     * Refuse every offer from now on with this result (for example {@code Publication.BACK_PRESSURED}), capturing
     * nothing; 0 accepts offers again.
     */
    void refuseOffersWith(final long result)
    {
        refusal = result;
    }

    /**
     * @return number of calls to offer, accepted or refused.
     */
    int offerAttempts()
    {
        return offerAttempts;
    }

    /**
     * @return number of messages accepted so far.
     */
    int messageCount()
    {
        return messages.size();
    }

    /**
     * @return the messages offered since {@code fromIndex}, as a new list.
     */
    List<byte[]> messagesSince(final int fromIndex)
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
    void responseChannel(final String responseChannel)
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
    long token()
    {
        final io.aerie.engine.session.Principal decoded = new io.aerie.engine.session.Principal();
        decoded.decode(principal);
        return decoded.token();
    }

    /**
     * Authenticate this connection as something else, before the service is told it opened.
     */
    void principal(final byte[] principal)
    {
        this.principal = principal;
    }

    /**
     * @return the principal of a connection with this id: a token and a password seed of its own, no identity.
     */
    static byte[] principalFor(final long id)
    {
        return io.aerie.engine.session.Principal.encode(tokenFor(id), id * 31 + 7, ~id, List.of(), List.of());
    }

    /**
     * @return the token {@link #principalFor(long)} gives a connection with this id.
     */
    static long tokenFor(final long id)
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
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy, 0, length);
        return accept(copy);
    }

    @Override
    public long offer(final DirectBufferVector[] vectors)
    {
        int total = 0;
        for (final DirectBufferVector vector : vectors)
        {
            total += vector.length();
        }
        final byte[] copy = new byte[total];
        int position = 0;
        for (final DirectBufferVector vector : vectors)
        {
            vector.buffer().getBytes(vector.offset(), copy, position, vector.length());
            position += vector.length();
        }
        return accept(copy);
    }

    @Override
    public long tryClaim(final int length, final BufferClaim bufferClaim)
    {
        throw new UnsupportedOperationException("the service offers its messages; tryClaim is not stubbed");
    }

    private long accept(final byte[] message)
    {
        offerAttempts++;
        if (0 != refusal)
        {
            return refusal;
        }
        messages.add(message);
        sendLog.add(new StubCluster.Sent(id, message));
        // Like a log buffer: a frame header plus the message, aligned; always positive.
        position += 32 + ((message.length + 31) & ~31);
        return position;
    }
}
