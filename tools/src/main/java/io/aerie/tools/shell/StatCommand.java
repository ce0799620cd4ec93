package io.aerie.tools.shell;

import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.Stat;
import io.aerie.tools.StatFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stat [-w] path}: prints the stat; {@code -w} leaves a watch even on a znode that does not exist yet.
 */
@Command(
    name = "stat",
    customSynopsis = "stat [-w] path",
    description = "Print a znode's stat.")
final class StatCommand extends ZnodeCommand
{
    @Option(names = "-w", description = "Leave a one-time data watch, even if the znode does not exist: its event " +
        "prints when the znode is created, changed or deleted.")
    boolean isWatch;

    @Parameters(index = "0", paramLabel = "path")
    String path;

    public Integer call() throws AerieException
    {
        checkPath(path);
        final Stat stat = client().exists(path, isWatch ? session().watcher() : null);
        if (null == stat)
        {
            throw AerieException.create(ResultCode.NO_NODE, path);
        }

        out().print(StatFormat.zkCli(stat));
        return 0;
    }
}
