package io.aerie.tools.shell;

import io.aerie.tools.cli.ToolsVersion;
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
        out().println("Aerie CLI version: " + ToolsVersion.version());
        return 0;
    }
}
