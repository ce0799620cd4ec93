package io.aerie.tools;

import io.aerie.tools.cli.Failures;
import io.aeron.cluster.client.ClusterEvent;
import io.aeron.exceptions.AeronException;
import org.agrona.ErrorHandler;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The error handler of one node of {@code aerie local}: an error becomes one line on the console (with its stack
 * trace only when asked); warnings (Aeron's WARN category, such as the election events when a member goes) are
 * shown only in verbose mode; the consensus module's events go to the {@link ElectionReporter} too, as the reasons
 * of its election lines. Counts the errors of all the nodes it is shared by. Called from any agent thread of the
 * node, concurrently.
 */
final class NodeErrorPrinter implements ErrorHandler
{
    private final int memberId;
    private final PrintWriter err;
    private final boolean isVerbose;
    private final AtomicLong errorCount;
    private final ElectionReporter elections;

    NodeErrorPrinter(
        final int memberId,
        final PrintWriter err,
        final boolean isVerbose,
        final AtomicLong errorCount,
        final ElectionReporter elections)
    {
        this.elections = elections;
        this.memberId = memberId;
        this.err = err;
        this.isVerbose = isVerbose;
        this.errorCount = errorCount;
    }

    public void onError(final Throwable throwable)
    {
        final boolean isWarning = throwable instanceof AeronException &&
            AeronException.Category.WARN == ((AeronException)throwable).category();
        if (!isWarning)
        {
            errorCount.incrementAndGet();
        }
        if (throwable instanceof ClusterEvent && null != elections)
        {
            elections.onClusterEvent(memberId, eventText((ClusterEvent)throwable));
        }
        if (isWarning && !isVerbose)
        {
            return;
        }

        final StringWriter report = new StringWriter();
        final PrintWriter writer = new PrintWriter(report);
        writer.println("aerie local: node " + memberId + (isWarning ? " warning: " : " error: ") +
            Failures.describe(throwable));
        if (isVerbose || Failures.isStackTraceAsked())
        {
            throwable.printStackTrace(writer);
        }
        writer.flush();

        // One write per report: reports from several agent threads do not interleave.
        err.print(report);
        err.flush();
    }

    /**
     * The event's own words, without Aeron's {@code "WARN - "} category prefix.
     */
    static String eventText(final ClusterEvent event)
    {
        final String message = String.valueOf(event.getMessage());
        final String prefix = event.category().name() + " - ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
