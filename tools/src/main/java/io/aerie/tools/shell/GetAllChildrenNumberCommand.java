package io.aerie.tools.shell;

import io.aerie.client.AerieException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code getAllChildrenNumber path}: prints the number of descendants.
 */
@Command(
    name = "getAllChildrenNumber",
    customSynopsis = "getAllChildrenNumber path",
    description = "Print the number of a znode's descendants (children, their children, and so on).")
final class GetAllChildrenNumberCommand extends ZnodeCommand
{
    @Parameters(index = "0", paramLabel = "path")
    String path;

    public Integer call() throws AerieException
    {
        checkPath(path);
        out().println(client().getAllChildrenNumber(path));
        return 0;
    }
}
