package io.aerie.engine.node;

import io.aeron.exceptions.AeronEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The node's error and warning counts end in Aeron counters, where AeronStat and {@code aerie admin} read them.
 */
final class CountingErrorHandlerTest
{
    private final CountersManager counters = new CountersManager(
        new UnsafeBuffer(new byte[64 * 1024]), new UnsafeBuffer(new byte[16 * 1024]));
    private final List<Throwable> delegated = new ArrayList<>();
    private final CountingErrorHandler handler = new CountingErrorHandler(delegated::add);

    @Test
    void shouldCountReportsMadeBeforeAndAfterItsCountersExistInThem()
    {
        handler.onError(new IllegalStateException("before"));
        final AtomicCounter errors = counters.newCounter("errors", CountingErrorHandler.ERRORS_TYPE_ID);
        final AtomicCounter warnings = counters.newCounter("warnings", CountingErrorHandler.WARNINGS_TYPE_ID);

        handler.countIn(errors, warnings);
        handler.onError(new IllegalStateException("after"));
        handler.onError(new AeronEvent("election"));

        assertEquals(2, errors.get());
        assertEquals(1, warnings.get());
        assertEquals(2, handler.errorCount());
        assertEquals(1, handler.warningCount());
        assertEquals(3, delegated.size());
    }

    @Test
    void shouldShowTheCountsAmongTheNodesCounters()
    {
        final AtomicCounter errors = counters.newCounter("errors", CountingErrorHandler.ERRORS_TYPE_ID);
        handler.countIn(errors, counters.newCounter("warnings", CountingErrorHandler.WARNINGS_TYPE_ID));
        handler.onError(new IllegalStateException("x"));

        assertEquals(1, NodeCounters.read(counters).value(NodeCounters.Metric.NODE_ERRORS, -1));
    }
}
