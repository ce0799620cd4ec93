package io.aerie.client;

import io.aerie.codecs.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PendingRequestsWireIdTest
{
    private static final int ID_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH;

    private final PendingRequests pending = new PendingRequests();

    @Test
    void shouldSendCallerIdWhenCallersComeInOrder()
    {
        final PendingRequests.Pending first = pending.add(1, null, request(1), 32);
        final PendingRequests.Pending second = pending.add(2, null, request(2), 32);

        assertEquals(1, first.correlationId);
        assertEquals(2, second.correlationId);
        assertEquals(2, second.request.getLong(ID_OFFSET, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void shouldGiveIncreasingWireIdsWhenThreadsHandOverOutOfOrder()
    {
        pending.add(5, null, request(5), 32);
        final PendingRequests.Pending late = pending.add(3, null, request(3), 32);

        assertEquals(6, late.correlationId);
        assertEquals(6, late.request.getLong(ID_OFFSET, ByteOrder.LITTLE_ENDIAN));
        assertEquals(3, late.callerId);
    }

    @Test
    void shouldGiveTheCallerIdBackWhenCompleted()
    {
        pending.add(5, null, request(5), 32);
        pending.add(3, null, request(3), 32);

        pending.complete(6);

        assertEquals(3, pending.completedCallerId());
        assertEquals(5, pending.wireIdOf(5));
        assertEquals(0, pending.wireIdOf(3));
    }

    private static UnsafeBuffer request(final long correlationId)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[32]);
        buffer.putLong(ID_OFFSET, correlationId, ByteOrder.LITTLE_ENDIAN);
        return buffer;
    }
}
