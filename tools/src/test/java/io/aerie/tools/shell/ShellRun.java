package io.aerie.tools.shell;

import io.aerie.tools.AerieMain;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One in-process run of {@code aerie shell ...}, with a given standard input (a script), and what it printed.
 */
final class ShellRun
{
    final int exitCode;
    final String out;
    final String err;

    private ShellRun(final int exitCode, final String out, final String err)
    {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    /**
     * @param args what follows {@code aerie shell}; the input is empty.
     */
    static ShellRun execute(final String... args)
    {
        return script("", args);
    }

    /**
     * @param input the script on standard input.
     * @param args  what follows {@code aerie shell}.
     */
    static ShellRun script(final String input, final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final PrintWriter outWriter = new PrintWriter(out, true);
        final PrintWriter errWriter = new PrintWriter(err, true);
        final List<String> arguments = new ArrayList<>();
        arguments.add(ShellCommand.NAME);
        arguments.addAll(Arrays.asList(args));

        final int exitCode = AerieMain.commandLine(
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), outWriter, errWriter)
            .execute(arguments.toArray(new String[0]));
        outWriter.flush();
        errWriter.flush();

        return new ShellRun(exitCode, out.toString(), err.toString());
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
