package io.aerie.client;

import io.aerie.codecs.KeepAliveRequestDecoder;
import io.aerie.codecs.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PendingRequestsWireIdTest
{
    private final PendingRequests pending = new PendingRequests();
    private final RequestEncoder encoder = new RequestEncoder(Chroot.NONE);
    private int length;

    @Test
    void shouldSendCallerIdWhenCallersComeInOrder()
    {
        final PendingRequests.Pending first = pending.add(1, null, request(1), length);
        final PendingRequests.Pending second = pending.add(2, null, request(2), length);

        assertEquals(1, first.correlationId);
        assertEquals(2, second.correlationId);
        assertEquals(2, correlationIdOnTheWire(second.request));
    }

    @Test
    void shouldGiveIncreasingWireIdsWhenThreadsHandOverOutOfOrder()
    {
        pending.add(5, null, request(5), length);
        final PendingRequests.Pending late = pending.add(3, null, request(3), length);

        assertEquals(6, late.correlationId);
        assertEquals(6, correlationIdOnTheWire(late.request));
        assertEquals(3, late.callerId);
    }

    @Test
    void shouldGiveTheCallerIdBackWhenCompleted()
    {
        pending.add(5, null, request(5), length);
        pending.add(3, null, request(3), length);

        pending.complete(6);

        assertEquals(3, pending.completedCallerId());
        assertEquals(5, pending.wireIdOf(5));
        assertEquals(0, pending.wireIdOf(3));
    }

    /**
     * A real request as the client's encoder lays it out: session header, message header, fields.
     */
    private UnsafeBuffer request(final long correlationId)
    {
        length = encoder.keepAlive(correlationId);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length]);
        buffer.putBytes(0, encoder.buffer(), 0, length);
        return buffer;
    }

    /**
     * The correlation id the cluster decodes from the request: where the patched wire id must land.
     */
    private static long correlationIdOnTheWire(final DirectBuffer request)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(request, RequestEncoder.SESSION_HEADER_LENGTH);
        return new KeepAliveRequestDecoder().wrap(
            request,
            RequestEncoder.SESSION_HEADER_LENGTH + MessageHeaderDecoder.ENCODED_LENGTH,
            header.blockLength(),
            header.version()).correlationId();
    }
}
