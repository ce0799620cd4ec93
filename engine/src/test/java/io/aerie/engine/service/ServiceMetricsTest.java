package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counters behind ZooKeeper's {@code srvr} and {@code mntr}: requests received and messages sent as leader,
 * their latency, ephemerals, the approximate data size and the last zxid. The stub cluster is the leader.
 */
class ServiceMetricsTest
{
    private final ServiceFixture f = new ServiceFixture();

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldCountRequestsReceivedAndAnswersSentAsLeader()
    {
        final ServiceFixture.Client client = f.connect(5000);
        f.request(client.connection(), f.wire.create(1, "/a", "xyz", CreateMode.PERSISTENT));
        f.request(client.connection(), f.wire.getData(2, "/a"));

        final ServiceCounters counters = f.counters();
        assertEquals(3, counters.packetsReceived.get());
        assertEquals(3, counters.packetsSent.get());
        assertEquals(3, counters.latencyCount.get());
        assertTrue(counters.latencyMinMs.get() <= counters.latencyMaxMs.get());
        assertTrue(counters.latencyTotalMs.get() >= counters.latencyMaxMs.get());
    }

    @Test
    void shouldPublishEphemeralsDataSizeAndZxid()
    {
        final ServiceFixture.Client client = f.connect(5000);
        final long initialSize = f.counters().approximateDataSize.get();
        f.request(client.connection(), f.wire.create(1, "/app", "12345", CreateMode.PERSISTENT));
        f.request(client.connection(), f.wire.create(2, "/app/e", "", CreateMode.EPHEMERAL));

        final ServiceCounters counters = f.counters();
        assertEquals(1, counters.ephemerals.get());
        assertEquals(initialSize + 4 + 5 + 6, counters.approximateDataSize.get());
        assertEquals(f.lastZxid(), counters.lastZxid.get());
    }
}
