package io.aerie.tools.shell;

import io.aerie.client.AerieException;
import io.aerie.client.Watcher;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.Stat;
import io.aerie.tools.StatFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code ls [-s] [-w] [-R] path}: prints the children as {@code [a, b]}; with {@code -R} the path and every
 * descendant, one per line, depth first.
 */
@Command(
    name = "ls",
    customSynopsis = "ls [-s] [-w] [-R] path",
    description = "List a znode's children, sorted.")
final class LsCommand extends ZnodeCommand
{
    @Option(names = "-s", description = "Print the znode's stat too.")
    boolean withStat;

    @Option(names = "-w", description = "Leave a one-time child watch (on every znode listed, with -R): its event " +
        "prints when a child is created or deleted.")
    boolean isWatch;

    @Option(names = "-R", description = "Recurse: print the path and all its descendants.")
    boolean isRecursive;

    @Parameters(index = "0", paramLabel = "path")
    String path;

    public Integer call() throws AerieException
    {
        checkPath(path);
        final Watcher watcher = isWatch ? session().watcher() : null;
        if (isRecursive)
        {
            Subtree.depthFirst(client(), path, watcher, out()::println);
            return 0;
        }

        final List<String> children = client().getChildren(path, watcher);
        out().println("[" + String.join(", ", children) + "]");
        if (withStat)
        {
            final Stat stat = client().exists(path);
            if (null == stat)
            {
                throw AerieException.create(ResultCode.NO_NODE, path);
            }
            out().print(StatFormat.zkCli(stat));
        }
        return 0;
    }
}
