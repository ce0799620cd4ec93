package io.aerie.bench.suite.zookeeper;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OrderedHostProviderTest
{
    private static final InetSocketAddress LEADER = new InetSocketAddress("127.0.0.1", 31_101);
    private static final InetSocketAddress FIRST_FOLLOWER = new InetSocketAddress("127.0.0.1", 31_100);
    private static final InetSocketAddress SECOND_FOLLOWER = new InetSocketAddress("127.0.0.1", 31_102);

    @Test
    void shouldTryTheServersInTheGivenOrderRoundRobin()
    {
        final OrderedHostProvider provider = new OrderedHostProvider(List.of(LEADER, FIRST_FOLLOWER, SECOND_FOLLOWER));

        assertEquals(LEADER, provider.next(0));
        assertEquals(FIRST_FOLLOWER, provider.next(0));
        assertEquals(SECOND_FOLLOWER, provider.next(0));
        assertEquals(LEADER, provider.next(0));
    }

    @Test
    void shouldMoveToTheNextServerAfterLosingTheConnectedOne()
    {
        final OrderedHostProvider provider = new OrderedHostProvider(List.of(LEADER, FIRST_FOLLOWER, SECOND_FOLLOWER));
        provider.next(0);
        provider.onConnected();

        assertEquals(FIRST_FOLLOWER, provider.next(0));
    }
}
