package io.aerie.client;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AeronClusterTransportNewLeaderTimeoutTest
{
    @Test
    void shouldWaitForANewLeaderAsLongAsTheRequestedSessionTimeout()
    {
        assertEquals(TimeUnit.SECONDS.toNanos(4), AeronClusterTransport.newLeaderTimeoutNs(4_000));
    }

    @Test
    void shouldWaitAtLeastTwoSecondsForANewLeaderWhateverTheSessionTimeout()
    {
        assertEquals(TimeUnit.SECONDS.toNanos(2), AeronClusterTransport.newLeaderTimeoutNs(100));
    }

    @Test
    void shouldWaitAtMostTenSecondsForANewLeaderBeforeConnectingAfresh()
    {
        assertEquals(TimeUnit.SECONDS.toNanos(10), AeronClusterTransport.newLeaderTimeoutNs(40_000));
    }
}
