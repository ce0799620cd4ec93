package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.model.MultiOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code deleteall path [-b batch size]}: deletes the znode and all its descendants, deepest first, as ZooKeeper's
 * {@code ZKUtil.deleteRecursive}: the paths found by a breadth-first walk, deleted from the last one back in
 * atomic multis of {@code batch size} deletes (1000 by default; 0 or less: one multi for all). A batch that fails
 * (a child created meanwhile, a node already gone) stops the deletion: {@code Failed to delete some node(s) in the
 * subtree!}, exit 1. {@code deleteall /} deletes everything but the root and ZooKeeper's reserved
 * {@code /zookeeper}.
 */
@Command(
    name = "deleteall",
    customSynopsis = "deleteall path [-b batch size]",
    description = "Delete a znode and all its descendants, deepest first, in atomic batches (not atomic as a " +
        "whole: a child created meanwhile fails its batch).")
final class DeleteAllCommand extends ZnodeCommand
{
    /**
     * zkCli's default batch size.
     */
    static final int BATCH_SIZE_DEFAULT = 1000;

    /**
     * Bytes of paths in one multi at most, whatever the batch size: a batch must fit one cluster message.
     */
    static final int MAX_BATCH_PATH_BYTES = 256 * 1024;

    private static final String RESERVED = "/zookeeper";

    @Option(names = "-b", paramLabel = "batch size", description = "Deletes per atomic multi (default: " +
        BATCH_SIZE_DEFAULT + ").")
    String batchSize;

    @Parameters(index = "0", paramLabel = "path")
    String path;

    public Integer call() throws AerieException
    {
        final int batch = batchSize();
        checkPath(path);
        final AerieClient client = client();
        final List<String> paths = Subtree.breadthFirst(client, path);
        final int first = "/".equals(path) ? 1 : 0;

        final MultiOps ops = new MultiOps();
        int batchBytes = 0;
        for (int i = paths.size() - 1; i >= first; i--)
        {
            final String node = paths.get(i);
            if (first > 0 && isReserved(node))
            {
                continue;
            }
            ops.delete(node, -1);
            batchBytes += node.getBytes(StandardCharsets.UTF_8).length;
            if (ops.size() == batch || batchBytes >= MAX_BATCH_PATH_BYTES)
            {
                if (!deleteBatch(client, ops))
                {
                    throw new ShellFailure("Failed to delete some node(s) in the subtree!");
                }
                ops.clear();
                batchBytes = 0;
            }
        }
        if (ops.size() > 0 && !deleteBatch(client, ops))
        {
            throw new ShellFailure("Failed to delete some node(s) in the subtree!");
        }
        return 0;
    }

    private int batchSize()
    {
        if (null == batchSize)
        {
            return BATCH_SIZE_DEFAULT;
        }
        try
        {
            return Integer.parseInt(batchSize);
        }
        catch (final NumberFormatException ex)
        {
            throw usage("-b argument must be an int value");
        }
    }

    private static boolean deleteBatch(final AerieClient client, final MultiOps ops) throws AerieException
    {
        try
        {
            client.multi(ops);
            return true;
        }
        catch (final AerieException ex)
        {
            if (isTreeConflict(ex))
            {
                return false;
            }
            throw ex;
        }
    }

    /**
     * A failed delete in the batch, as opposed to a failure of the request itself (session, connection).
     */
    private static boolean isTreeConflict(final AerieException ex)
    {
        switch (ex.code())
        {
            case NO_NODE:
            case NOT_EMPTY:
            case BAD_VERSION:
            case NO_AUTH:
            case BAD_ARGUMENTS:
                return true;
            default:
                return false;
        }
    }

    private static boolean isReserved(final String node)
    {
        return RESERVED.equals(node) || node.startsWith(RESERVED + "/");
    }
}
