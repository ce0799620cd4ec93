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
    final AtomicCounter malformedRequests;
    final AtomicCounter droppedEgress;
    final AtomicCounter duplicateWrites;
    final AtomicCounter expiredSessions;
    final AtomicCounter storeFailures;
    final AtomicCounter watchEvents;
    final AtomicCounter znodes;
    final AtomicCounter sessions;
    final AtomicCounter watches;
    final AtomicCounter droppedWatchEvents;
    final AtomicCounter quotaExceeded;

    ServiceCounters(final Aeron aeron)
    {
        final CountersManager local = null == aeron ? new CountersManager(
            new UnsafeBuffer(new byte[64 * 1024]), new UnsafeBuffer(new byte[8 * 1024])) : null;
        malformedRequests = counter(aeron, local, ServiceCounterTypes.MALFORMED_REQUESTS, "Aerie malformed requests");
        droppedEgress = counter(aeron, local, ServiceCounterTypes.DROPPED_EGRESS, "Aerie answers dropped on back pressure");
        duplicateWrites = counter(aeron, local, ServiceCounterTypes.DUPLICATE_WRITES, "Aerie resent writes answered without reapplying");
        expiredSessions = counter(aeron, local, ServiceCounterTypes.EXPIRED_SESSIONS, "Aerie sessions expired");
        storeFailures = counter(aeron, local, ServiceCounterTypes.STORE_FAILURES, "Aerie unexpected store or service errors");
        watchEvents = counter(aeron, local, ServiceCounterTypes.WATCH_EVENTS, "Aerie watch events sent (one per recipient)");
        znodes = counter(aeron, local, ServiceCounterTypes.ZNODES, "Aerie znodes");
        sessions = counter(aeron, local, ServiceCounterTypes.SESSIONS, "Aerie sessions");
        watches = counter(aeron, local, ServiceCounterTypes.WATCHES, "Aerie watches");
        droppedWatchEvents = counter(
            aeron, local, ServiceCounterTypes.DROPPED_WATCH_EVENTS, "Aerie watch events lost by their recipient");
        quotaExceeded = counter(
            aeron, local, ServiceCounterTypes.QUOTA_EXCEEDED, "Aerie writes over a quota limit (not enforced)");
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

    private static AtomicCounter counter(final Aeron aeron, final CountersManager local, final int typeId, final String label)
    {
        return null == aeron ? local.newCounter(label, typeId) : aeron.addCounter(typeId, label);
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
        droppedWatchEvents.close();
        quotaExceeded.close();
    }
}
