package io.aerie.engine.service;

import io.aeron.Aeron;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * The service's metrics as Aeron counters, readable with AeronStat while the node runs. Without an Aeron
 * client (service tests) they live in a private counters buffer.
 */
final class ServiceCounters implements AutoCloseable
{
    static final int TYPE_ID_BASE = 7001;

    final AtomicCounter malformedRequests;
    final AtomicCounter droppedEgress;
    final AtomicCounter duplicateWrites;
    final AtomicCounter expiredSessions;
    final AtomicCounter storeFailures;
    final AtomicCounter watchEvents;
    final AtomicCounter znodes;
    final AtomicCounter sessions;
    final AtomicCounter watches;

    ServiceCounters(final Aeron aeron)
    {
        final CountersManager local = null == aeron ? new CountersManager(
            new UnsafeBuffer(new byte[64 * 1024]), new UnsafeBuffer(new byte[8 * 1024])) : null;
        malformedRequests = counter(aeron, local, 0, "Aerie malformed requests");
        droppedEgress = counter(aeron, local, 1, "Aerie egress messages dropped on back pressure");
        duplicateWrites = counter(aeron, local, 2, "Aerie resent writes answered without reapplying");
        expiredSessions = counter(aeron, local, 3, "Aerie sessions expired");
        storeFailures = counter(aeron, local, 4, "Aerie unexpected store or service errors");
        watchEvents = counter(aeron, local, 5, "Aerie watch events sent (one per recipient)");
        znodes = counter(aeron, local, 6, "Aerie znodes");
        sessions = counter(aeron, local, 7, "Aerie sessions");
        watches = counter(aeron, local, 8, "Aerie watches");
    }

    /**
     * Publish the sizes of the state: znodes, sessions and watches.
     */
    void sizes(final long znodeCount, final long sessionCount, final long watchCount)
    {
        znodes.setRelease(znodeCount);
        sessions.setRelease(sessionCount);
        watches.setRelease(watchCount);
    }

    private static AtomicCounter counter(final Aeron aeron, final CountersManager local, final int index, final String label)
    {
        return null == aeron ? local.newCounter(label, TYPE_ID_BASE + index) : aeron.addCounter(TYPE_ID_BASE + index, label);
    }

    @Override
    public void close()
    {
        malformedRequests.close();
        droppedEgress.close();
        duplicateWrites.close();
        expiredSessions.close();
        storeFailures.close();
        watchEvents.close();
        znodes.close();
        sessions.close();
        watches.close();
    }
}
