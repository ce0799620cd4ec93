package io.aerie.tools.shell;

import picocli.CommandLine.Command;

/**
 * {@code quit}: ends the shell after this line; the session is closed.
 */
@Command(
    name = "quit",
    customSynopsis = "quit",
    description = "Close the session and leave the shell.")
final class QuitCommand extends ZnodeCommand
{
    public Integer call()
    {
        session().requestQuit();
        return 0;
    }
}
