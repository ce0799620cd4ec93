package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code deleteall path}: deletes the znode and all its descendants, deepest first ({@code deleteall /} deletes
 * everything but the root).
 */
@Command(
    name = "deleteall",
    customSynopsis = "deleteall path",
    description = "Delete a znode and all its descendants (not atomic: children created meanwhile fail it).")
final class DeleteAllCommand extends ZnodeCommand
{
    @Parameters(index = "0", paramLabel = "path")
    String path;

    public Integer call() throws AerieException
    {
        checkPath(path);
        final AerieClient client = client();
        final List<String> paths = Subtree.breadthFirst(client, path);
        // The root cannot be deleted: deleteall / empties the tree.
        final int last = "/".equals(path) ? 1 : 0;
        for (int i = paths.size() - 1; i >= last; i--)
        {
            try
            {
                client.delete(paths.get(i), -1);
            }
            catch (final AerieException ex)
            {
                // Deleted by someone else meanwhile: the goal is reached for that one.
                if (ResultCode.NO_NODE != ex.code())
                {
                    throw ex;
                }
            }
        }
        return 0;
    }
}
