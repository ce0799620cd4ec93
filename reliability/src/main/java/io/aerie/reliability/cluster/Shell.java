package io.aerie.reliability.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short system command ({@code ip}, {@code tc}, {@code kill}) and returns its exit status and output.
 */
final class Shell
{
    private static final long TIMEOUT_S = 20;

    private Shell()
    {
    }

    /**
     * @param command the command and its arguments.
     * @return its output (stdout and stderr) if it exited 0.
     * @throws IllegalStateException if it could not run or exited non-zero, with its output.
     */
    static String run(final List<String> command)
    {
        final Result result = tryRun(command);
        if (0 != result.status)
        {
            throw new IllegalStateException(String.join(" ", command) + " exited " + result.status + ": " + result.output);
        }
        return result.output;
    }

    /**
     * @param command the command and its arguments.
     * @return its status (-1 if it could not be started or did not end in time) and output; never throws.
     */
    static Result tryRun(final List<String> command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output;
            try (InputStream in = process.getInputStream())
            {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), output);
        }
        catch (final IOException ex)
        {
            return new Result(-1, ex.toString());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return new Result(-1, ex.toString());
        }
    }

    /**
     * @param status exit status, -1 if it did not run to the end.
     * @param output what it printed.
     */
    record Result(int status, String output)
    {
    }
}
