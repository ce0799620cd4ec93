package io.aerie.tools.shell;

import io.aerie.tools.cli.ExitCodes;
import io.aerie.tools.cli.Failures;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Runs shell lines read from a non-terminal input (a script, a pipe), one after the other, on the client thread.
 * Runs them all unless told to stop at the first failure; stops at {@code quit}.
 */
final class ScriptRunner
{
    private final ClientAgent agent;
    private final boolean exitOnError;

    /**
     * @param agent       runs each line.
     * @param exitOnError stop after the first line that fails.
     */
    ScriptRunner(final ClientAgent agent, final boolean exitOnError)
    {
        this.agent = agent;
        this.exitOnError = exitOnError;
    }

    /**
     * Read and run lines until the end of the input or {@code quit}.
     *
     * @param in the script; read on the caller's thread.
     * @return 0 if every line succeeded, else the highest exit code of a line (2 bad input over 1 failure).
     */
    int run(final BufferedReader in, final ShellDispatcher dispatcher)
    {
        int exitCode = 0;
        try
        {
            String line;
            while (null != (line = in.readLine()))
            {
                final String command = line;
                final int lineExitCode = agent.call(session -> dispatcher.execute(command));
                exitCode = Math.max(exitCode, lineExitCode);
                if ((0 != lineExitCode && exitOnError) || agent.call(ShellSession::isQuitRequested))
                {
                    break;
                }
            }
        }
        catch (final IOException ex)
        {
            dispatcher.session().err().println("aerie shell: cannot read the commands: " + Failures.describe(ex));
            return ExitCodes.FAILURE;
        }

        return exitCode;
    }
}
