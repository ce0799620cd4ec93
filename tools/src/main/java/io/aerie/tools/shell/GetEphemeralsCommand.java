package io.aerie.tools.shell;

import io.aerie.client.AerieException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code getEphemerals [path]}: prints this session's ephemeral znodes under a path as {@code [/a, /b]}.
 */
@Command(
    name = "getEphemerals",
    customSynopsis = "getEphemerals [path]",
    description = "List this session's ephemeral znodes whose path starts with the given one (all without it).")
final class GetEphemeralsCommand extends ZnodeCommand
{
    @Parameters(index = "0", arity = "0..1", paramLabel = "path")
    String path = "/";

    public Integer call() throws AerieException
    {
        checkPath(path);
        final List<String> ephemerals = client().getEphemerals(path);
        out().println("[" + String.join(", ", ephemerals) + "]");
        return 0;
    }
}
