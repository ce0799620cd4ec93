package io.aerie.tools.shell;

import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;
import io.aerie.tools.cli.ExitCodes;
import io.aerie.tools.cli.Failures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Parses and runs one shell line: a nested picocli command line whose subcommands are zkCli's commands, each in its
 * own class. Errors become one line on the session's error writer and an exit code: 0 ok, 1 the command failed,
 * 2 bad input (unknown command, bad flag or argument, invalid path). Confined to the client thread.
 */
@Command(
    name = "shell",
    subcommands = {
        AddAuthCommand.class, AddWatchCommand.class, CloseCommand.class, ConfigCommand.class, ConnectCommand.class,
        CreateCommand.class, DeleteCommand.class, DeleteAllCommand.class, DelQuotaCommand.class, GetCommand.class,
        GetAclCommand.class, GetAllChildrenNumberCommand.class, GetEphemeralsCommand.class, HelpCommand.class,
        HistoryCommand.class, ListQuotaCommand.class, LsCommand.class, PrintWatchesCommand.class, QuitCommand.class,
        RedoCommand.class, RemoveWatchesCommand.class, SetCommand.class, SetAclCommand.class, SetQuotaCommand.class,
        StatCommand.class, SyncCommand.class, VersionCommand.class, WhoAmICommand.class
    })
final class ShellDispatcher implements Callable<Integer>
{
    private static final int USAGE_HELP_WIDTH = 100;

    private final ShellSession session;
    private final CommandLine commandLine;
    private int currentNumber;
    private String redoLine;

    ShellDispatcher(final ShellSession session)
    {
        this.session = session;
        this.commandLine = new CommandLine(this)
            .setOut(session.out())
            .setErr(session.err())
            .setUsageHelpAutoWidth(false)
            .setUsageHelpWidth(USAGE_HELP_WIDTH)
            .setParameterExceptionHandler(this::onParameterException)
            .setExecutionExceptionHandler(this::onExecutionException);
    }

    /**
     * @return the names of the shell's commands, in the order {@code help} lists them.
     */
    static List<String> commandNames()
    {
        final List<String> names = new ArrayList<>();
        for (final Class<?> type : ShellDispatcher.class.getAnnotation(Command.class).subcommands())
        {
            names.add(type.getAnnotation(Command.class).name());
        }

        return names;
    }

    /**
     * Run one line: blank lines and {@code #} comments do nothing.
     *
     * @param line as typed.
     * @return the exit code of the line.
     */
    int execute(final String line)
    {
        final List<String> words;
        try
        {
            words = LineSplitter.split(line);
        }
        catch (final IllegalArgumentException ex)
        {
            currentNumber = session.history().add(line);
            return fail("Cannot parse the line: " + ex.getMessage(), ExitCodes.USAGE);
        }
        if (words.isEmpty() || words.get(0).startsWith("#"))
        {
            return 0;
        }

        currentNumber = session.history().add(line);
        final int exitCode = commandLine.execute(words.toArray(new String[0]));
        session.out().flush();
        if (null != redoLine)
        {
            return redo();
        }
        return exitCode;
    }

    /**
     * @return the history number of the line running.
     */
    int currentNumber()
    {
        return currentNumber;
    }

    /**
     * Have {@code redo} run a line once it returns: the line is recorded under the redo's number and run in its
     * place (picocli does not run a command line from inside one of its commands).
     *
     * @param line a line from the history.
     */
    void redo(final String line)
    {
        redoLine = line;
    }

    private int redo()
    {
        final String line = redoLine;
        redoLine = null;
        session.history().replace(currentNumber, line);
        // A line in the history was split once already, and a redo in it is refused: this cannot recurse.
        final int exitCode = commandLine.execute(LineSplitter.split(line).toArray(new String[0]));
        session.out().flush();
        return exitCode;
    }

    ShellSession session()
    {
        return session;
    }

    CommandLine commandLine()
    {
        return commandLine;
    }

    /**
     * Never runs: a line always names a command, or is an unknown command.
     */
    public Integer call()
    {
        return ExitCodes.USAGE;
    }

    private int onParameterException(final ParameterException ex, final String[] args)
    {
        final CommandLine failed = ex.getCommandLine();
        if (failed == commandLine)
        {
            final StringBuilder line = new StringBuilder("Unknown command: ").append(args[0]);
            if (ex instanceof UnmatchedArgumentException)
            {
                final List<String> suggestions = ((UnmatchedArgumentException)ex).getSuggestions();
                if (!suggestions.isEmpty())
                {
                    line.append(" (did you mean ").append(String.join(" or ", suggestions)).append("?)");
                }
            }
            return fail(line.append("; type help for the commands").toString(), ExitCodes.USAGE);
        }

        return fail(failed.getCommandName() + ": " + oneLine(ex.getMessage()) + "; usage: " + synopsis(failed),
            ExitCodes.USAGE);
    }

    private int onExecutionException(final Exception ex, final CommandLine failed, final ParseResult parseResult)
    {
        final String message;
        if (ex instanceof AerieException)
        {
            message = ErrorText.of((AerieException)ex, session.timeoutMs());
        }
        else if (ex instanceof ShellFailure)
        {
            message = oneLine(ex.getMessage());
        }
        else
        {
            message = failed.getCommandName() + ": " + Failures.describe(ex);
        }
        if (Failures.isStackTraceAsked())
        {
            ex.printStackTrace(session.err());
        }

        // A path the cluster finds invalid is bad input, as one the shell finds invalid.
        final boolean isBadInput = ex instanceof AerieException &&
            ResultCode.INVALID_PATH == ((AerieException)ex).code();
        return fail(message, isBadInput ? ExitCodes.USAGE : ExitCodes.FAILURE);
    }

    /**
     * @return the command's zkCli-style synopsis, e.g. {@code get [-s] [-w] path}.
     */
    static String synopsis(final CommandLine command)
    {
        final String[] custom = command.getCommandSpec().usageMessage().customSynopsis();
        return custom.length > 0 ? custom[0].trim() : command.getCommandName();
    }

    private int fail(final String message, final int exitCode)
    {
        final PrintWriter err = session.err();
        session.out().flush();
        err.println(message);
        err.flush();
        return exitCode;
    }

    private static String oneLine(final String message)
    {
        return null == message ? "" : message.trim().replaceAll("\\s*\\R\\s*", " ");
    }
}
