package io.aerie.tools.admin;

import io.aerie.tools.AerieMain;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One in-process run of {@code aerie admin ...}, with its exit code and what it printed.
 */
final class AdminRun
{
    final int exitCode;
    final String out;
    final String err;

    private AdminRun(final int exitCode, final String out, final String err)
    {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    /**
     * @param args what follows {@code aerie admin}.
     * @return the finished run.
     */
    static AdminRun execute(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final PrintWriter outWriter = new PrintWriter(out, true);
        final PrintWriter errWriter = new PrintWriter(err, true);
        final List<String> arguments = new ArrayList<>();
        arguments.add(AdminCommand.NAME);
        arguments.addAll(Arrays.asList(args));

        final int exitCode = AerieMain.commandLine(outWriter, errWriter).execute(arguments.toArray(new String[0]));
        outWriter.flush();
        errWriter.flush();

        return new AdminRun(exitCode, out.toString(), err.toString());
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
