package io.aerie.tools.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code aerie admin mntr [--member N]}: ZooKeeper's {@code mntr}: one running node's
 * metrics, {@code name<TAB>value} per line (see {@link FourLetterWords#mntr(NodeStatus, String)}).
 * Fails (exit 1) when the node is not running. Run by picocli on the calling thread.
 */
@Command(
    name = "mntr",
    mixinStandardHelpOptions = true,
    description = "ZooKeeper's monitoring output of one node, name<TAB>value per line: zk_server_state, " +
        "zk_znode_count, zk_watch_count, zk_num_alive_connections (sessions), then aerie_* for every counter.")
final class MntrCommand implements Callable<Integer>
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
        out.print(FourLetterWords.mntr(node, AdminCommand.version()));
        out.flush();
        return 0;
    }
}
