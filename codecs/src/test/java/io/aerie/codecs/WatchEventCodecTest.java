package io.aerie.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.aerie.codecs.WireTestSupport.CAPACITY;
import static io.aerie.codecs.WireTestSupport.OFFSET;
import static io.aerie.codecs.WireTestSupport.UTF8_PATH;
import static io.aerie.codecs.WireTestSupport.assertFullyDecoded;
import static io.aerie.codecs.WireTestSupport.decode;
import static io.aerie.codecs.WireTestSupport.newBuffer;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WatchEventCodecTest
{
    private final UnsafeBuffer buffer = newBuffer(CAPACITY);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    @Test
    void shouldRoundTripWatchEvent()
    {
        final WatchEventEncoder encoder = new WatchEventEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .zxid(0x9_0000_0001L)
            .sequence(77L)
            .eventType(EventType.NODE_CHILDREN_CHANGED)
            .path(UTF8_PATH);

        final WatchEventDecoder decoder = decode(buffer, headerDecoder, new WatchEventDecoder());
        assertEquals(0x9_0000_0001L, decoder.zxid());
        assertEquals(77L, decoder.sequence());
        assertEquals(EventType.NODE_CHILDREN_CHANGED, decoder.eventType());
        assertEquals(UTF8_PATH, decoder.path());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripEveryEventTypeIncludingNegativeNone()
    {
        final WatchEventEncoder encoder = new WatchEventEncoder();
        final WatchEventDecoder decoder = new WatchEventDecoder();
        for (final EventType eventType : EventType.values())
        {
            if (eventType == EventType.NULL_VAL)
            {
                continue;
            }
            encoder.wrapAndApplyHeader(buffer, OFFSET, headerEncoder).zxid(1L).eventType(eventType).path("/w");

            decode(buffer, headerDecoder, decoder);
            assertEquals(eventType, decoder.eventType());
            assertEquals(eventType.value(), decoder.eventTypeRaw());
        }
    }
}
