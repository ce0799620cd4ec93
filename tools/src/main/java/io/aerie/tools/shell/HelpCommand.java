package io.aerie.tools.shell;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/**
 * {@code help [command]}: the list of commands with their synopsis, as zkCli prints it, or one command's usage.
 */
@Command(
    name = "help",
    customSynopsis = "help [command]",
    description = "List the commands, or describe one.")
final class HelpCommand extends ZnodeCommand
{
    @Parameters(index = "0", arity = "0..1", paramLabel = "command")
    String command;

    public Integer call()
    {
        final CommandLine shell = dispatcher.commandLine();
        final PrintWriter out = out();
        if (null != command)
        {
            final CommandLine subcommand = shell.getSubcommands().get(command);
            if (null == subcommand)
            {
                throw usage("Unknown command: " + command);
            }
            subcommand.usage(out);
            return 0;
        }

        out.println("aerie shell [-c host:port,...] [--timeout-ms MS] [command [args]]");
        for (final String name : ShellDispatcher.commandNames())
        {
            out.println("\t" + ShellDispatcher.synopsis(shell.getSubcommands().get(name)));
        }
        return 0;
    }
}
