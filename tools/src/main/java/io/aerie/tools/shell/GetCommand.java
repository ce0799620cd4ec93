package io.aerie.tools.shell;

import io.aerie.client.AerieException;
import io.aerie.codecs.model.Stat;
import io.aerie.tools.StatFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;

/**
 * {@code get [-s] [-w] path}: prints the data as UTF-8 text ({@code null} for null data, as zkCli), then the
 * stat with {@code -s}.
 */
@Command(
    name = "get",
    customSynopsis = "get [-s] [-w] path",
    description = "Print a znode's data (as UTF-8 text).")
final class GetCommand extends ZnodeCommand
{
    @Option(names = "-s", description = "Print the stat too.")
    boolean withStat;

    @Option(names = "-w", description = "Leave a one-time data watch: its event prints when the data changes or " +
        "the znode is deleted.")
    boolean isWatch;

    @Parameters(index = "0", paramLabel = "path")
    String path;

    public Integer call() throws AerieException
    {
        checkPath(path);
        final Stat stat = new Stat();
        final byte[] data = client().getData(path, isWatch ? session().watcher() : null, stat);

        // zkCli's GetCommand prints null data as the word null.
        out().println(null == data ? "null" : new String(data, StandardCharsets.UTF_8));
        if (withStat)
        {
            out().print(StatFormat.zkCli(stat));
        }
        return 0;
    }
}
