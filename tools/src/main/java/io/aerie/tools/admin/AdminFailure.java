package io.aerie.tools.admin;

/**
 * The nodes are not as the command asked (none running, no leader, snapshot refused): one line on stderr and
 * exit code 1, through {@code AerieMain}'s execution exception handler. No stack trace: the message says it all.
 */
final class AdminFailure extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message the one line to print; not null.
     */
    AdminFailure(final String message)
    {
        super(message, null, false, false);
    }
}
