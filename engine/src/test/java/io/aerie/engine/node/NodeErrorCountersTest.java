package io.aerie.engine.node;

import io.aerie.engine.service.ServiceCounterTypes;
import io.aeron.exceptions.AeronException;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The node's error counts live in Aeron counters, where {@link NodeCounters} (AeronStat, {@code aerie admin},
 * {@code /metrics}) reads them, and are kept whole while no counter holds them.
 */
class NodeErrorCountersTest
{
    private final CountersManager countersManager = new CountersManager(
        new UnsafeBuffer(new byte[64 * 1024]), new UnsafeBuffer(new byte[16 * 1024]));
    private final NodeErrorCounters counters = new NodeErrorCounters();

    @Test
    void shouldCountErrorsAndWarningsApartInTheNodesCounters()
    {
        attach();
        final CountingErrorHandler handler = new CountingErrorHandler((throwable) -> {}, () -> {}, counters);

        handler.onError(new IllegalStateException("an error"));
        handler.onError(new IllegalStateException("another"));
        handler.onError(new AeronException("an election", AeronException.Category.WARN));

        final NodeCounters read = NodeCounters.read(countersManager);
        assertEquals(2, read.value(NodeCounters.Metric.NODE_ERRORS, -1));
        assertEquals(1, read.value(NodeCounters.Metric.NODE_WARNINGS, -1));
        assertEquals(2, handler.errorCount());
    }

    @Test
    void shouldCountPaddedIngressFramesInTheNodesCounter()
    {
        attach();
        final IngressGuard guard = new IngressGuard(20000, 101, (throwable) -> {}, counters.paddedIngressFrames);

        guard.onPadded(3);

        assertEquals(3, NodeCounters.read(countersManager).value(NodeCounters.Metric.INGRESS_PADDED_FRAMES, -1));
        assertEquals(3, guard.paddedFrames());
    }

    @Test
    void shouldMoveAReportMadeBeforeTheCounterExistsIntoIt()
    {
        counters.errors.getAndAdd(1);

        attach();
        counters.errors.getAndAdd(1);

        assertEquals(2, NodeCounters.read(countersManager).value(NodeCounters.Metric.NODE_ERRORS, -1));
        assertEquals(2, counters.errors.get());
    }

    @Test
    void shouldKeepTheCountWhenTheCounterIsReleased()
    {
        attach();
        counters.errors.getAndAdd(2);

        counters.release();
        counters.errors.getAndAdd(1);

        assertEquals(3, counters.errors.get());
    }

    private void attach()
    {
        counters.errors.attach(counter(ServiceCounterTypes.NODE_ERRORS));
        counters.warnings.attach(counter(ServiceCounterTypes.NODE_WARNINGS));
        counters.paddedIngressFrames.attach(counter(ServiceCounterTypes.INGRESS_PADDED_FRAMES));
    }

    private AtomicCounter counter(final int typeId)
    {
        return countersManager.newCounter("test " + typeId, typeId);
    }
}
