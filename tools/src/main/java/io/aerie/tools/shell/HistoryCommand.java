package io.aerie.tools.shell;

import picocli.CommandLine.Command;

/**
 * {@code history}: the last lines run, numbered for {@code redo}, as zkCli prints them ({@code 3 - ls /}): this
 * line and up to {@value ShellHistory#SHOWN_BEFORE} before it.
 */
@Command(
    name = "history",
    customSynopsis = "history",
    description = "List the last commands run, with their numbers for redo.")
final class HistoryCommand extends ZnodeCommand
{
    public Integer call()
    {
        out().print(session().history().format(dispatcher.currentNumber()));
        return 0;
    }
}
