package io.aerie.engine.node;

import org.agrona.ErrorHandler;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Error handler for cluster tests: records every report of any node or client component (from their threads).
 * Errors fail the test in {@link #assertNone()}; warnings (Aeron's WARN category, such as the cluster events of
 * an election after a leader stops) are expected in failover tests and only printed.
 */
final class ClusterErrors implements ErrorHandler
{
    private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Throwable> warnings = new ConcurrentLinkedQueue<>();

    public void onError(final Throwable throwable)
    {
        final String thread = Thread.currentThread().getName();
        if (CountingErrorHandler.isWarning(throwable))
        {
            warnings.add(throwable);
            System.out.println("cluster warning on " + thread + ": " + throwable.getMessage());
            return;
        }

        errors.add(throwable);
        final StringWriter out = new StringWriter();
        final PrintWriter writer = new PrintWriter(out);
        writer.println("*** cluster error on " + thread);
        throwable.printStackTrace(writer);
        writer.flush();
        System.err.print(out);
    }

    List<Throwable> warnings()
    {
        return new ArrayList<>(warnings);
    }

    void assertNone()
    {
        final Throwable first = errors.peek();
        if (null != first)
        {
            fail(errors.size() + " cluster error(s), first: " + first, first);
        }
    }
}
