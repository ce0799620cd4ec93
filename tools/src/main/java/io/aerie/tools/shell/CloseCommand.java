package io.aerie.tools.shell;

import picocli.CommandLine.Command;

/**
 * {@code close}: closes the session (its ephemeral znodes are deleted, its watches end); commands fail until
 * {@code connect}.
 */
@Command(
    name = "close",
    customSynopsis = "close",
    description = "Close the session: its ephemeral znodes and watches go. Use connect to open another.")
final class CloseCommand extends ZnodeCommand
{
    public Integer call()
    {
        session().closeByUser();
        return 0;
    }
}
