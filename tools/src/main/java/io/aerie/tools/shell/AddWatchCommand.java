package io.aerie.tools.shell;

import io.aerie.client.AerieException;
import io.aerie.codecs.WatchMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code addWatch [-m mode] path}: a watch that stays until removed or the session ends.
 */
@Command(
    name = "addWatch",
    customSynopsis = "addWatch [-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - " +
        "default is PERSISTENT_RECURSIVE",
    description = "Add a persistent watch; the znode need not exist. PERSISTENT fires for the znode's creation, " +
        "data changes, deletion and child changes; PERSISTENT_RECURSIVE for creation, data changes and deletion of " +
        "the znode and every descendant.")
final class AddWatchCommand extends ZnodeCommand
{
    @Option(names = "-m", paramLabel = "mode", description = "PERSISTENT or PERSISTENT_RECURSIVE.")
    String mode = WatchMode.PERSISTENT_RECURSIVE.name();

    @Parameters(index = "0", paramLabel = "path")
    String path;

    public Integer call() throws AerieException
    {
        final WatchMode watchMode = watchMode();
        checkPath(path);
        client().addWatch(path, watchMode, session().watcher());
        return 0;
    }

    private WatchMode watchMode()
    {
        if (WatchMode.PERSISTENT.name().equals(mode))
        {
            return WatchMode.PERSISTENT;
        }
        if (WatchMode.PERSISTENT_RECURSIVE.name().equals(mode))
        {
            return WatchMode.PERSISTENT_RECURSIVE;
        }

        throw usage("Unsupported mode: " + mode + " (PERSISTENT or PERSISTENT_RECURSIVE)");
    }
}
