package io.aerie.tools.shell;

/**
 * A shell command failed while running, for a reason its one-line message says in full (exit code 1, no stack
 * trace): not connected, cluster unreachable, a feature the cluster lacks.
 */
final class ShellFailure extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    ShellFailure(final String message)
    {
        super(message);
    }

    ShellFailure(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
