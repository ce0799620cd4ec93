package io.aerie.engine.service;

import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.agrona.concurrent.CountedErrorHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The tree's unexpected failures are counted and reported through the cluster's counted error handler, not printed.
 */
final class ServiceErrorHandlerTest
{
    private final CountersManager counters = new CountersManager(
        new UnsafeBuffer(new byte[64 * 1024]), new UnsafeBuffer(new byte[16 * 1024]));

    @Test
    void shouldCountAFailureAndReportItThroughTheClustersCountedErrorHandler()
    {
        final List<Throwable> reported = new ArrayList<>();
        final AtomicCounter containerErrors = counters.newCounter("container errors");
        final AtomicCounter storeFailures = counters.newCounter("store failures");
        final StubCluster cluster = new StubCluster();
        cluster.context(new ClusteredServiceContainer.Context()
            .countedErrorHandler(new CountedErrorHandler(reported::add, containerErrors)));
        final ServiceErrorHandler handler = new ServiceErrorHandler();
        handler.bind(cluster, storeFailures);
        final IllegalStateException failure = new IllegalStateException("store full");

        handler.onError(failure);

        assertEquals(1, storeFailures.get());
        assertEquals(1, containerErrors.get());
        assertEquals(List.of(failure), reported);
    }

    @Test
    void shouldBeTheTreesErrorHandlerByDefault()
    {
        final AerieClusteredService.Context byDefault = new AerieClusteredService.Context()
            .treeContext(new ZnodeTreeContext()).conclude();

        assertInstanceOf(ServiceErrorHandler.class, byDefault.treeContext().errorHandler());
    }

    @Test
    void shouldCountAFailureThroughTheClusterEvenWhenTheTreeHasAHandlerOfItsOwn()
    {
        final List<Throwable> own = new ArrayList<>();
        final AerieClusteredService.Context withOwn = new AerieClusteredService.Context()
            .treeContext(new ZnodeTreeContext().errorHandler(own::add)).conclude();
        final List<Throwable> reported = new ArrayList<>();
        final AtomicCounter containerErrors = counters.newCounter("container errors");
        final AtomicCounter storeFailures = counters.newCounter("store failures");
        final StubCluster cluster = new StubCluster();
        cluster.context(new ClusteredServiceContainer.Context()
            .countedErrorHandler(new CountedErrorHandler(reported::add, containerErrors)));
        ServiceErrorHandler.bind(withOwn.treeContext(), cluster, storeFailures);
        final IllegalStateException failure = new IllegalStateException("store full");

        withOwn.treeContext().errorHandler().onError(failure);

        assertEquals(1, storeFailures.get());
        assertEquals(1, containerErrors.get());
        assertEquals(List.of(failure), reported);
        assertEquals(List.of(failure), own);
    }
}
