package io.aerie.client;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientConductorNewLeaderTimeoutTest
{
    @Test
    void shouldWaitForANewLeaderAsLongAsTheRequestedSessionTimeout()
    {
        assertEquals(TimeUnit.SECONDS.toNanos(4), ClientConductor.newLeaderTimeoutNs(4_000));
    }

    @Test
    void shouldWaitAtLeastTwoSecondsForANewLeaderWhateverTheSessionTimeout()
    {
        assertEquals(TimeUnit.SECONDS.toNanos(2), ClientConductor.newLeaderTimeoutNs(100));
    }

    @Test
    void shouldWaitAtMostTenSecondsForANewLeaderBeforeConnectingAfresh()
    {
        assertEquals(TimeUnit.SECONDS.toNanos(10), ClientConductor.newLeaderTimeoutNs(40_000));
    }
}
