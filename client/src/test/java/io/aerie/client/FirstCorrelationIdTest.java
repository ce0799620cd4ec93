package io.aerie.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirstCorrelationIdTest
{
    private static final long NOW_MS = 1_796_601_600_000L;

    @Test
    void shouldStartAtOneForANewSession()
    {
        assertEquals(1, CorrelationIds.first(0, NOW_MS));
    }

    @Test
    void shouldStartAboveEveryIdOfTheClientWhoseSessionItTakesOver()
    {
        final long first = CorrelationIds.first(42, NOW_MS);

        assertEquals(NOW_MS * 1_000, first);
        assertTrue(first > 1L << 40, "far above what a client that began at 1 can have used");
    }

    @Test
    void shouldStartAboveAnEarlierTakeOverThatSentLessThanARequestAMicrosecond()
    {
        final long earlier = CorrelationIds.first(42, NOW_MS);
        final long later = CorrelationIds.first(42, NOW_MS + 1);

        assertTrue(later >= earlier + 1_000, "a millisecond later leaves room for a thousand requests");
    }
}
