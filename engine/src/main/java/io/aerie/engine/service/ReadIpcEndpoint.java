package io.aerie.engine.service;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ReadIpcOfferEncoder;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * The node's read channel over {@code aeron:ipc} on its own media driver (docs/local-reads.md): a client on this host
 * that can reach the driver's directory reads through it, and its reads and their answers never pass a driver agent
 * (the service thread polls the client's log buffer, the client polls the service's).
 * <p>
 * A client learns of it from {@code ReadIpcOffer}, sent on a read connection opened over UDP from this host, and
 * checks, before it uses the driver named there, that the driver holds this endpoint's counter
 * ({@link ServiceCounterTypes#READ_IPC_ENDPOINT}, keyed by member id and incarnation): that it reads from this run of
 * this member. Service thread only.
 */
final class ReadIpcEndpoint implements AutoCloseable
{
    /** Channel of the node's IPC read subscription; answers go to each client's own {@code aeron:ipc?session-id=}. */
    static final String CHANNEL = "aeron:ipc";
    /** Key of the endpoint counter: member id then incarnation. */
    static final int KEY_LENGTH = Integer.BYTES + Long.BYTES;

    private final Subscription subscription;
    private final Counter endpointCounter;
    private final long incarnation;
    private final ExpandableArrayBuffer offer = new ExpandableArrayBuffer(256);
    private final int offerLength;

    ReadIpcEndpoint(final Aeron aeron, final int memberId, final int streamId)
    {
        // Not replicated state: which run of this node a client talks to, so randomness is right here.
        this.incarnation = new SecureRandom().nextLong() | 1L;
        this.subscription = aeron.addSubscription(CHANNEL, streamId);
        final UnsafeBuffer key = new UnsafeBuffer(new byte[KEY_LENGTH]);
        key.putInt(0, memberId, ByteOrder.LITTLE_ENDIAN);
        key.putLong(Integer.BYTES, incarnation, ByteOrder.LITTLE_ENDIAN);
        final String label = "Aerie read IPC endpoint: member " + memberId + " stream " + streamId;
        final UnsafeBuffer labelBuffer = new UnsafeBuffer(new byte[label.length()]);
        labelBuffer.putStringWithoutLengthAscii(0, label);
        this.endpointCounter = aeron.addCounter(
            ServiceCounterTypes.READ_IPC_ENDPOINT, key, 0, KEY_LENGTH, labelBuffer, 0, label.length());
        endpointCounter.setRelease(1);
        final ReadIpcOfferEncoder encoder = new ReadIpcOfferEncoder()
            .wrapAndApplyHeader(offer, 0, new MessageHeaderEncoder())
            .memberId(memberId)
            .readStreamId(streamId)
            .incarnation(incarnation)
            .aeronDirectory(aeron.context().aeronDirectoryName());
        this.offerLength = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /**
     * @param handler gets each message clients sent over IPC.
     * @return fragments read.
     */
    int poll(final FragmentHandler handler, final int fragmentLimit)
    {
        return subscription.poll(handler, fragmentLimit);
    }

    /**
     * Tell a client on this host, on its UDP read connection, where the IPC endpoint is; once, before the open answer.
     *
     * @return true if offered.
     */
    boolean offerTo(final ReadConnection connection)
    {
        return connection.offer(offer, 0, offerLength) > 0;
    }

    long incarnation()
    {
        return incarnation;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(endpointCounter, subscription);
    }
}
