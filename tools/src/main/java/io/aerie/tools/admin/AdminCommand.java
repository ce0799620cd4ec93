package io.aerie.tools.admin;

import io.aerie.tools.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code aerie admin}: the parent of the admin subcommands. Alone it prints a one-line usage error.
 * <p>
 * Exit codes, for every subcommand: 0 ok, 1 the nodes are not as asked (none running, no leader, snapshot
 * refused), 2 bad input (unknown directory, no node in it, several nodes without {@code --member}). Picocli
 * creates and runs it on the calling thread.
 */
@Command(
    name = AdminCommand.NAME,
    mixinStandardHelpOptions = true,
    description = {
        "Cluster admin for the nodes on this machine, read from their directories (as Aeron's ClusterTool and " +
            "AeronStat do): status, snapshot, and ZooKeeper's ruok, srvr and mntr.",
        "Exit codes: 0 ok, 1 the nodes are not as asked (none running, no leader, snapshot refused), 2 bad input." },
    subcommands = { StatusCommand.class, SnapshotCommand.class, RuokCommand.class, SrvrCommand.class,
        MntrCommand.class })
public final class AdminCommand implements Callable<Integer>
{
    /**
     * The subcommand's name under {@code aerie}.
     */
    public static final String NAME = "admin";

    @Spec
    CommandSpec spec;

    /**
     * {@code aerie admin} without a subcommand: a one-line error.
     *
     * @return {@link ExitCodes#USAGE}.
     */
    public Integer call()
    {
        spec.commandLine().getErr().println(
            "aerie admin: missing subcommand (status, snapshot, ruok, srvr, mntr); see 'aerie admin --help'");
        return ExitCodes.USAGE;
    }

    /**
     * The version {@code srvr} and {@code mntr} report: the tools jar's {@code Implementation-Version}.
     *
     * @return the version, or {@code development build} when run from classes.
     */
    static String version()
    {
        final String version = AdminCommand.class.getPackage().getImplementationVersion();
        return null == version ? "development build" : version;
    }
}
