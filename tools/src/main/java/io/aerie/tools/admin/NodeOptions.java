package io.aerie.tools.admin;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --dir} option every admin subcommand takes (a picocli mixin): where the nodes are.
 */
final class NodeOptions
{
    @Option(
        names = { "-d", "--dir" },
        arity = "1..*",
        paramLabel = "DIR",
        description = "A node's directory, or the directory of an aerie local cluster (its node-N directories); " +
            "may be given more than once. Default: aerie local's directory (aerie.local.dir, else " +
            "aerie-local-<aerie.local.port.base> in the temp directory).")
    List<File> dirs = new ArrayList<>();

    /**
     * The nodes in the directories given, or in {@code aerie local}'s default directory.
     *
     * @param spec the running command, for the usage error.
     * @return the nodes, at least one.
     * @throws ParameterException (exit code 2) if a directory is missing, is a file or holds no node.
     */
    List<NodeDir> resolve(final CommandSpec spec)
    {
        final boolean isDefault = dirs.isEmpty();
        final List<File> given = isDefault ? List.of(NodeDirs.defaultDir()) : dirs;
        try
        {
            return NodeDirs.resolve(given);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(
                spec.commandLine(), ex.getMessage() + (isDefault ? " (aerie local's default; give --dir)" : ""));
        }
    }

    /**
     * @return the directories for a message: as given, or the default one.
     */
    String describe()
    {
        return dirs.isEmpty() ? NodeDirs.defaultDir().getPath() : dirs.toString();
    }
}
