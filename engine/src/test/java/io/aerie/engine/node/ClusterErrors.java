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
 * an election after a leader stops) are expected in failover tests and only printed, and so is Aeron's refusal of a
 * retried catch-up ({@link #isRetriedCatchupClash(Throwable)}).
 */
final class ClusterErrors implements ErrorHandler
{
    private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Throwable> warnings = new ConcurrentLinkedQueue<>();

    public void onError(final Throwable throwable)
    {
        final String thread = Thread.currentThread().getName();
        if (CountingErrorHandler.isWarning(throwable) || isRetriedCatchupClash(throwable))
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

    /**
     * Aeron 1.51 refuses a leader's catch-up replay to a follower while the replay publication of that follower's
     * previous catch-up, stopped asynchronously, still lingers in the leader's driver ("existing publication has
     * clashing sessionId ... alias=catchup-followerId-N"): on a loaded machine a restarted follower's first catch-up
     * can time out and be tried again that soon. The driver, the archive and the consensus module each report the
     * refusal; the follower canvasses again and catches up on a later try, which the tests that restart a follower
     * assert. A transient of a slow catch-up, not a fault of the node (README, "A partitioned follower slow to
     * rejoin").
     *
     * @param throwable as reported.
     * @return true if the report, or a cause of it, is that refusal.
     */
    static boolean isRetriedCatchupClash(final Throwable throwable)
    {
        for (Throwable cause = throwable; null != cause; cause = cause.getCause())
        {
            final String message = cause.getMessage();
            if (null != message && message.contains("existing publication has clashing sessionId") &&
                message.contains("alias=catchup-followerId-"))
            {
                return true;
            }
        }
        return false;
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
