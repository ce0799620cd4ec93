package io.aerie.tools.shell;

import io.aerie.client.AerieException;
import io.aerie.codecs.WatcherType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code removewatches path [-c|-d|-a|-p|-r] [-l]}: removes this session's watches of a type on a path; each removed
 * watch prints its removal event. With {@code -l} the shell's watchers are removed here whatever the cluster
 * answers, as zkCli's {@code -l} (remove locally when there is no server connection).
 */
@Command(
    name = "removewatches",
    customSynopsis = "removewatches path [-c|-d|-a|-p|-r] [-l]",
    description = "Remove this session's watches on a path: all of them (-a, the default), or only child (-c), " +
        "data (-d), persistent (-p) or persistent recursive (-r) ones; -l removes them here even if the cluster " +
        "cannot be reached.")
final class RemoveWatchesCommand extends ZnodeCommand
{
    @Option(names = "-c", description = "Child watches.")
    boolean isChildren;

    @Option(names = "-d", description = "Data watches.")
    boolean isData;

    @Option(names = "-a", description = "Any watches (the default).")
    boolean isAny;

    @Option(names = "-p", description = "Persistent watches.")
    boolean isPersistent;

    @Option(names = "-r", description = "Persistent recursive watches.")
    boolean isPersistentRecursive;

    @Option(names = "-l", description = "Remove locally too: even when the cluster cannot be reached.")
    boolean isLocal;

    @Parameters(index = "0", paramLabel = "path")
    String path;

    public Integer call() throws AerieException
    {
        final WatcherType type = watcherType();
        checkPath(path);
        client().removeWatches(path, type, isLocal);
        return 0;
    }

    private WatcherType watcherType()
    {
        final boolean[] flags = { isChildren, isData, isAny, isPersistent, isPersistentRecursive };
        final WatcherType[] types =
            { WatcherType.CHILDREN, WatcherType.DATA, WatcherType.ANY, WatcherType.PERSISTENT,
                WatcherType.PERSISTENT_RECURSIVE };
        WatcherType type = null;
        for (int i = 0; i < flags.length; i++)
        {
            if (flags[i])
            {
                if (null != type)
                {
                    throw usage("give at most one of -c, -d, -a, -p, -r");
                }
                type = types[i];
            }
        }

        return null == type ? WatcherType.ANY : type;
    }
}
