package io.aerie.engine.service;

import io.aeron.Aeron;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * Counters of the node's local read path (type ids 7090-7095 and 7200 in {@link ServiceCounterTypes}): metrics of this
 * replica, never replicated state. Without an Aeron client (service tests) they live in a private buffer.
 */
final class LocalReadCounters implements AutoCloseable
{
    final AtomicCounter served;
    final AtomicCounter servedIpc;
    final AtomicCounter held;
    final AtomicCounter refused;
    final AtomicCounter timedOut;
    final AtomicCounter forged;
    final AtomicCounter connections;

    LocalReadCounters(final Aeron aeron)
    {
        final CountersManager local = null == aeron ? new CountersManager(
            new UnsafeBuffer(new byte[8 * 1024]), new UnsafeBuffer(new byte[1024])) : null;
        served = counter(aeron, local, ServiceCounterTypes.LOCAL_READS, "Aerie local reads answered");
        servedIpc = counter(aeron, local, ServiceCounterTypes.LOCAL_READS_IPC,
            "Aerie local reads answered over IPC (same host)");
        held = counter(aeron, local, ServiceCounterTypes.LOCAL_READS_HELD, "Aerie local reads held for the client's zxid");
        refused = counter(aeron, local, ServiceCounterTypes.LOCAL_READS_REFUSED, "Aerie local reads refused: too many held");
        timedOut = counter(aeron, local, ServiceCounterTypes.LOCAL_READS_TIMED_OUT, "Aerie held local reads timed out");
        forged = counter(aeron, local, ServiceCounterTypes.LOCAL_READS_FORGED,
            "Aerie read-channel messages refused: unknown connection, wrong token or foreign host");
        connections = counter(aeron, local, ServiceCounterTypes.READ_CONNECTIONS, "Aerie read connections open");
    }

    private static AtomicCounter counter(final Aeron aeron, final CountersManager local, final int typeId, final String label)
    {
        return null == aeron ? local.newCounter(label, typeId) : aeron.addCounter(typeId, label);
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(served, servedIpc, held, refused, timedOut, forged, connections);
    }
}
