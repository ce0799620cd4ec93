package io.aerie.tools.shell;

import io.aerie.client.AerieException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code delete [-v version] path}: deletes a childless znode.
 */
@Command(
    name = "delete",
    customSynopsis = "delete [-v version] path",
    description = "Delete a znode without children, if its version matches (-v; any version without it).")
final class DeleteCommand extends ZnodeCommand
{
    @Option(names = "-v", paramLabel = "version", description = "Expected data version.")
    int version = -1;

    @Parameters(index = "0", paramLabel = "path")
    String path;

    public Integer call() throws AerieException
    {
        checkPath(path);
        client().delete(path, version);
        return 0;
    }
}
