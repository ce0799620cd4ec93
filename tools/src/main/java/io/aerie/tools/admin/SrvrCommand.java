package io.aerie.tools.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code aerie admin srvr [--member N]}: ZooKeeper's {@code srvr}: a summary of one member or, by default, of each
 * running node in the directories, {@code Name: value} per line (see
 * {@link FourLetterWords#srvr(NodeStatus, String)}). Fails (exit 1) naming the nodes not running, after printing
 * the others. Run by picocli on the calling thread.
 */
@Command(
    name = "srvr",
    mixinStandardHelpOptions = true,
    description = "ZooKeeper's server summary of each node (or the --member), ZooKeeper's lines first (latency, " +
        "received, sent, connections, outstanding, zxid, mode, node count), then Aerie's member, leader, term, " +
        "commit position, watches and snapshots.")
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
     * @throws AdminFailure if a node is not running.
     */
    public Integer call()
    {
        final List<NodeStatus> statuses = memberOption.probe(spec, nodeOptions.resolve(spec), NodeProbe.LEADER_QUERY_TIMEOUT_MS);
        EveryMember.print(statuses, FourLetterWords::notRunningReason, (status) -> FourLetterWords.srvr(status, AdminCommand.version()), spec.commandLine().getOut());
        return 0;
    }
}
