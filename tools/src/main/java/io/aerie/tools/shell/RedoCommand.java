package io.aerie.tools.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code redo cmdno}: run again the line {@code history} lists under that number; the redo is recorded as that
 * line. As zkCli: a number not below this line's is out of range, and a redo is not redone.
 */
@Command(
    name = "redo",
    customSynopsis = "redo cmdno",
    description = "Run again the command history lists under that number.")
final class RedoCommand extends ZnodeCommand
{
    private static final String REDO = "redo";

    @Parameters(index = "0", paramLabel = "cmdno")
    String number;

    public Integer call()
    {
        final int index;
        try
        {
            index = Integer.decode(number);
        }
        catch (final NumberFormatException ex)
        {
            throw usage("'" + number + "' is not a command number");
        }
        if (index < 0 || index >= dispatcher.currentNumber())
        {
            throw usage("Command index out of range");
        }

        final String line = session().history().line(index);
        final String trimmed = line.trim();
        if (trimmed.equals(REDO) || trimmed.startsWith(REDO + " ") || trimmed.startsWith("'" + REDO + "'"))
        {
            throw usage("No redoing redos");
        }

        dispatcher.redo(line);
        return 0;
    }
}
