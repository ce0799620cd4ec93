package io.aerie.tools.cli;

/**
 * Exit codes of every {@code aerie} command, as zkCli and the shell tools scripts expect them.
 */
public final class ExitCodes
{
    /**
     * The command did what was asked.
     */
    public static final int SUCCESS = 0;

    /**
     * The command failed while running (a node refused, a znode is missing, a cluster is unreachable).
     */
    public static final int FAILURE = 1;

    /**
     * Bad input: an unknown subcommand, flag or property, an invalid value. Nothing was done.
     */
    public static final int USAGE = 2;

    private ExitCodes()
    {
    }
}
