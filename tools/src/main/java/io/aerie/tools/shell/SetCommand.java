package io.aerie.tools.shell;

import io.aerie.client.AerieException;
import io.aerie.codecs.model.Stat;
import io.aerie.tools.StatFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;

/**
 * {@code set [-s] [-v version] path data}: replaces the data; prints the new stat with {@code -s}.
 */
@Command(
    name = "set",
    customSynopsis = "set [-s] [-v version] path data",
    description = "Replace a znode's data, if its version matches (-v; any version without it).")
final class SetCommand extends ZnodeCommand
{
    @Option(names = "-s", description = "Print the stat after the change.")
    boolean withStat;

    @Option(names = "-v", paramLabel = "version", description = "Expected data version.")
    int version = -1;

    @Parameters(index = "0", paramLabel = "path")
    String path;

    @Parameters(index = "1", paramLabel = "data")
    String data;

    public Integer call() throws AerieException
    {
        checkPath(path);
        final Stat stat = client().setData(path, data.getBytes(StandardCharsets.UTF_8), version);
        if (withStat)
        {
            out().print(StatFormat.zkCli(stat));
        }
        return 0;
    }
}
