package io.aerie.tools;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the {@code aerie} command line, with what it printed on stdout and stderr.
 */
final class CommandRun
{
    final int exitCode;
    final String out;
    final String err;

    private CommandRun(final int exitCode, final String out, final String err)
    {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static CommandRun execute(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final PrintWriter outWriter = new PrintWriter(out, true);
        final PrintWriter errWriter = new PrintWriter(err, true);
        final int exitCode = AerieMain.commandLine(outWriter, errWriter).execute(args);
        outWriter.flush();
        errWriter.flush();

        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    long errLines()
    {
        return err.lines().count();
    }

    public String toString()
    {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
