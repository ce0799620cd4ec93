package io.aerie.bench.suite;

/**
 * A workload could not finish: an operation timed out, a target did not start, or the service kept failing.
 * The suite records the row as failed, with this message, and goes on.
 */
public final class RigException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what did not happen.
     */
    public RigException(final String message)
    {
        super(message);
    }

    /**
     * @param message what did not happen.
     * @param cause   why.
     */
    public RigException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
