package io.aerie.engine.node;

import io.aeron.exceptions.AeronException;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one error handler of a node: counts every report, errors and warnings apart, then hands it to the
 * configured handler. Warnings are Aeron's {@link AeronException.Category#WARN} reports, such as the
 * {@code ClusterEvent}s of an election after a leader is lost. Called from any agent thread of the node
 * (driver, archive, consensus module, service container), concurrently.
 * <p>
 * The counts live in the node's Aeron counters ({@link #ERRORS_TYPE_ID}, {@link #WARNINGS_TYPE_ID}), where AeronStat,
 * {@code aerie admin} and the metrics endpoint read them, once the media driver that holds them runs
 * ({@link #countIn}); what is reported before that is kept on the heap and still counted by {@link #errorCount()}.
 * Each report is also in the reporting component's distinct error log: Aeron's contexts log every report there before
 * handing it to this handler.
 */
final class CountingErrorHandler implements ErrorHandler
{
    /** Counter type id of the errors reported to a node's error handler. */
    static final int ERRORS_TYPE_ID = 7140;
    /** Counter type id of the warnings reported to a node's error handler. */
    static final int WARNINGS_TYPE_ID = 7141;

    private final AtomicLong earlyErrorCount = new AtomicLong();
    private final AtomicLong earlyWarningCount = new AtomicLong();
    private volatile AtomicCounter errorCounter;
    private volatile AtomicCounter warningCounter;
    private final ErrorHandler delegate;
    private final Runnable fatalErrorHook;
    private volatile Throwable fatalError;

    CountingErrorHandler(final ErrorHandler delegate)
    {
        this(delegate, () -> {});
    }

    /**
     * @param delegate       the configured handler, given every report.
     * @param fatalErrorHook run once, on the reporting thread, after the first {@link Error} is reported: Agrona's
     *                       {@code AgentRunner} rethrows an {@link Error} after reporting it, so the agent that
     *                       reported it (consensus module, service container, driver, archive) is about to stop
     *                       and the node can no longer do its part in the cluster.
     */
    CountingErrorHandler(final ErrorHandler delegate, final Runnable fatalErrorHook)
    {
        this.delegate = delegate;
        this.fatalErrorHook = fatalErrorHook;
    }

    public void onError(final Throwable throwable)
    {
        final boolean isWarning = isWarning(throwable);
        final AtomicCounter counter = isWarning ? warningCounter : errorCounter;
        if (null != counter)
        {
            counter.increment();
        }
        else
        {
            (isWarning ? earlyWarningCount : earlyErrorCount).incrementAndGet();
        }
        final boolean isFirstFatal = throwable instanceof Error && null == fatalError;
        if (isFirstFatal)
        {
            fatalError = throwable;
        }
        try
        {
            delegate.onError(throwable);
        }
        catch (final Throwable handlerFailure)
        {
            // An agent must keep running even if the application's handler fails.
            handlerFailure.addSuppressed(throwable);
            handlerFailure.printStackTrace(System.err);
        }

        if (isFirstFatal)
        {
            fatalErrorHook.run();
        }
    }

    /**
     * Record an abnormal stop found other than by an {@link Error} report, unless a fatal error is already known.
     * Neither counted nor passed on: it is a consequence of an earlier report.
     *
     * @param cause what stopped the node.
     */
    void recordFatal(final Throwable cause)
    {
        if (null == fatalError)
        {
            fatalError = cause;
        }
    }

    /**
     * The first {@link Error} reported, after which an agent of the node has stopped.
     *
     * @return the error, or null while none was reported.
     */
    Throwable fatalError()
    {
        return fatalError;
    }

    /**
     * Count in these counters from now on, the reports so far included.
     *
     * @param errors   counter of type {@link #ERRORS_TYPE_ID}.
     * @param warnings counter of type {@link #WARNINGS_TYPE_ID}.
     */
    void countIn(final AtomicCounter errors, final AtomicCounter warnings)
    {
        errorCounter = errors;
        warningCounter = warnings;
        errors.getAndAdd(earlyErrorCount.getAndSet(0));
        warnings.getAndAdd(earlyWarningCount.getAndSet(0));
    }

    long errorCount()
    {
        return count(errorCounter, earlyErrorCount);
    }

    long warningCount()
    {
        return count(warningCounter, earlyWarningCount);
    }

    private static long count(final AtomicCounter counter, final AtomicLong early)
    {
        // A report racing countIn may stay in the early count: both are read.
        return early.get() + (null == counter ? 0 : counter.get());
    }

    /**
     * Is the report a warning rather than an error?
     *
     * @param throwable as reported.
     * @return true for an {@link AeronException} of category {@link AeronException.Category#WARN}.
     */
    static boolean isWarning(final Throwable throwable)
    {
        return throwable instanceof AeronException &&
            AeronException.Category.WARN == ((AeronException)throwable).category();
    }

    /**
     * The default handler: the whole report printed to stderr in one write, so reports from several agent
     * threads do not interleave.
     *
     * @param memberId of the node, printed with each report.
     * @return a handler printing to {@link System#err}.
     */
    static ErrorHandler printingTo(final int memberId)
    {
        return (throwable) ->
        {
            final StringWriter out = new StringWriter();
            final PrintWriter writer = new PrintWriter(out);
            writer.println("aerie node " + memberId + (isWarning(throwable) ? " warning:" : " error:"));
            throwable.printStackTrace(writer);
            writer.flush();
            System.err.print(out);
        };
    }
}
