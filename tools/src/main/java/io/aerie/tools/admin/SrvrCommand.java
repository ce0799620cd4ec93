package io.aerie.tools.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code aerie admin srvr [--member N]}: ZooKeeper's {@code srvr}: a summary of one
 * running node, {@code Name: value} per line (see {@link FourLetterWords#srvr(NodeStatus, String)}).
 * Fails (exit 1) when the node is not running. Run by picocli on the calling thread.
 */
@Command(
    name = "srvr",
    mixinStandardHelpOptions = true,
    description = "ZooKeeper's server summary of one node: mode, node count, connections (sessions), and Aerie's " +
        "member, leader, term, commit position, watches and snapshots; what Aerie does not measure is marked not " +
        "available.")
final class SrvrCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    NodeOptions nodeOptions;

    @Mixin
    MemberOption memberOption;

    /**
     * @return 0 after printing.
     * @throws AdminFailure if the node is not running.
     */
    public Integer call()
    {
        final NodeStatus node = memberOption.probeOne(
            spec, nodeOptions.resolve(spec), NodeProbe.LEADER_QUERY_TIMEOUT_MS);
        if (!node.isRunning())
        {
            throw new AdminFailure(FourLetterWords.notOkReason(node));
        }

        final PrintWriter out = spec.commandLine().getOut();
        out.print(FourLetterWords.srvr(node, AdminCommand.version()));
        out.flush();
        return 0;
    }
}
