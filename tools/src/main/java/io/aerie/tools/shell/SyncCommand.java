package io.aerie.tools.shell;

import io.aerie.client.AerieException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sync path}: waits until every write ordered before it is applied; prints {@code Sync is OK}.
 */
@Command(
    name = "sync",
    customSynopsis = "sync path",
    description = "Wait until every write ordered before this one has been applied.")
final class SyncCommand extends ZnodeCommand
{
    @Parameters(index = "0", paramLabel = "path")
    String path;

    public Integer call() throws AerieException
    {
        checkPath(path);
        client().sync(path);
        out().println("Sync is OK");
        return 0;
    }
}
