package io.aerie.tools.shell;

import io.aerie.tools.AerieMain;
import picocli.CommandLine.Command;

/**
 * {@code version}: the shell's version, as zkCli's {@code ZooKeeper CLI version: ...} line. Needs no session.
 */
@Command(
    name = "version",
    customSynopsis = "version",
    description = "Print the version of this shell.")
final class VersionCommand extends ZnodeCommand
{
    public Integer call()
    {
        out().println("Aerie CLI version: " + AerieMain.version());
        return 0;
    }
}
