package io.aerie.tools.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code aerie admin mntr [--member N]}: ZooKeeper's {@code mntr}: the metrics of one member or, by default, of each
 * running node in the directories, {@code name<TAB>value} per line (see
 * {@link FourLetterWords#mntr(NodeStatus, String)}). Fails (exit 1) naming the nodes not running, after printing
 * the others. Run by picocli on the calling thread.
 */
@Command(
    name = "mntr",
    mixinStandardHelpOptions = true,
    description = "ZooKeeper's monitoring output of each node (or the --member), name<TAB>value per line: the " +
        "zk_* keys ZooKeeper 3.9 has for what Aerie measures, then aerie_* for every counter.")
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
     * @throws AdminFailure if a node is not running.
     */
    public Integer call()
    {
        final List<NodeStatus> statuses = memberOption.probe(spec, nodeOptions.resolve(spec), NodeProbe.LEADER_QUERY_TIMEOUT_MS);
        EveryMember.print(statuses, FourLetterWords::notRunningReason, (status) -> FourLetterWords.mntr(status, AdminCommand.version()), spec.commandLine().getOut());
        return 0;
    }
}
