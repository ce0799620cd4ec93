package io.aerie.bench.fuzz;

import io.aeron.exceptions.AeronException;
import org.agrona.ErrorHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The error handler of the fuzzed cluster: the ingress guard's reports of padded frames and Aeron's warnings are
 * expected and counted; anything else is an error the fuzz must not cause, kept (the first few) for the report.
 */
public final class FuzzErrors implements ErrorHandler
{
    private static final int KEPT = 16;

    private final AtomicLong guardReports = new AtomicLong();
    private final AtomicLong warnings = new AtomicLong();
    private final AtomicLong responseChannels = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final List<Throwable> kept = new ArrayList<>();

    /**
     * {@inheritDoc}
     */
    public void onError(final Throwable throwable)
    {
        final String message = throwable.getMessage();
        if (null != message && message.contains("malformed cluster ingress message"))
        {
            guardReports.incrementAndGet();
        }
        else if (throwable instanceof AeronException &&
            AeronException.Category.WARN == ((AeronException)throwable).category())
        {
            warnings.incrementAndGet();
        }
        else if (isResponseChannelRefused(throwable))
        {
            responseChannels.incrementAndGet();
        }
        else
        {
            unexpected.incrementAndGet();
            synchronized (kept)
            {
                if (kept.size() < KEPT)
                {
                    kept.add(throwable);
                }
            }
        }
    }

    /**
     * @return reports of the ingress guard (thinned: 1st, 2nd, 4th, ... padded frame).
     */
    public long guardReports()
    {
        return guardReports.get();
    }

    /**
     * @return Aeron warnings reported.
     */
    public long warnings()
    {
        return warnings.get();
    }

    /**
     * @return Aeron's refusals of the response channel a connect request named (a channel it cannot parse or
     * resolve): the consensus module reports each to the node's error handler and drops the pending session.
     */
    public long responseChannelsRefused()
    {
        return responseChannels.get();
    }

    /**
     * @return errors neither the guard's nor warnings.
     */
    public long unexpected()
    {
        return unexpected.get();
    }

    private static boolean isResponseChannelRefused(final Throwable throwable)
    {
        // Thrown where a pending session's response publication is added or checked, by the consensus module's
        // Aeron client (RegistrationException), or by the driver refusing that publication (bad URI, term length,
        // a name that does not resolve): the only publications a fuzz run makes the node add.
        for (final StackTraceElement frame : throwable.getStackTrace())
        {
            final String className = frame.getClassName();
            if (className.startsWith("io.aeron.cluster.ClusterSession") ||
                className.startsWith("io.aeron.cluster.SessionManager") ||
                (className.equals("io.aeron.driver.DriverConductor") &&
                frame.getMethodName().contains("onAddNetworkPublication")))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the first unexpected errors, a copy.
     */
    public List<Throwable> kept()
    {
        synchronized (kept)
        {
            return new ArrayList<>(kept);
        }
    }
}
