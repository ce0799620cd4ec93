package io.aerie.engine.node;

import io.aeron.exceptions.AeronException;
import org.agrona.ErrorHandler;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The one error handler of a node: counts every report, errors and warnings apart, in the node's Aeron counters
 * ({@link NodeErrorCounters}), then hands it to the configured handler. Warnings are Aeron's {@link AeronException.Category#WARN} reports, such as the
 * {@code ClusterEvent}s of an election after a leader is lost. Called from any agent thread of the node
 * (driver, archive, consensus module, service container), concurrently.
 */
final class CountingErrorHandler implements ErrorHandler
{
    private final NodeErrorCounters counters;
    private final ErrorHandler delegate;
    private final Runnable fatalErrorHook;
    private final UnusableLogWatch unusableLogWatch = new UnusableLogWatch();
    private volatile Throwable fatalError;
    private volatile Throwable restartCause;

    CountingErrorHandler(final ErrorHandler delegate)
    {
        this(delegate, () -> {});
    }

    /**
     * @param delegate       the configured handler, given every report.
     * @param fatalErrorHook run once, on the reporting thread, after the first {@link Error} is reported: Agrona's
     *                       {@code AgentRunner} rethrows an {@link Error} after reporting it, so the agent that
     *                       reported it (consensus module, service container, driver, archive) is about to stop
     *                       and the node can no longer do its part in the cluster; also run once when the node
     *                       must be restarted ({@link #restartCause()}).
     */
    CountingErrorHandler(final ErrorHandler delegate, final Runnable fatalErrorHook)
    {
        this(delegate, fatalErrorHook, new NodeErrorCounters());
    }

    /**
     * @param delegate       as {@link #CountingErrorHandler(ErrorHandler, Runnable)}.
     * @param fatalErrorHook as {@link #CountingErrorHandler(ErrorHandler, Runnable)}.
     * @param counters       where errors and warnings are counted.
     */
    CountingErrorHandler(final ErrorHandler delegate, final Runnable fatalErrorHook, final NodeErrorCounters counters)
    {
        this.delegate = delegate;
        this.fatalErrorHook = fatalErrorHook;
        this.counters = counters;
    }

    public void onError(final Throwable throwable)
    {
        (isWarning(throwable) ? counters.warnings : counters.errors).getAndAdd(1);
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
        else if (unusableLogWatch.onError(throwable))
        {
            restartCause = throwable;
            fatalErrorHook.run();
        }
    }

    /**
     * Report a state of the node no election of this incarnation can leave, and ask for the node to start again from
     * its snapshot and log ({@link NodeRunner}): the report is counted and passed on as any other, then the hook runs,
     * unless a restart was already asked for. Called from any thread.
     *
     * @param cause what holds the node, e.g. {@link LogJoinWatch}'s finding.
     */
    void requestRestart(final Throwable cause)
    {
        onError(cause);
        if (null == restartCause)
        {
            restartCause = cause;
            fatalErrorHook.run();
        }
    }

    /**
     * Why the node must start again from its snapshot and log: its consensus module cannot replay its own log from
     * the position it has applied (see {@link UnusableLogWatch}), or its service waits forever to join the log
     * ({@link LogJoinWatch}), which no election of this incarnation can repair.
     *
     * @return the last refusal, or null while the node can go on.
     */
    Throwable restartCause()
    {
        return restartCause;
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

    long errorCount()
    {
        return counters.errors.get();
    }

    long warningCount()
    {
        return counters.warnings.get();
    }

    /**
     * @return the counters errors and warnings are counted in.
     */
    NodeErrorCounters counters()
    {
        return counters;
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
