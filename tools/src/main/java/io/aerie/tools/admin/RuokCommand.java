package io.aerie.tools.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code aerie admin ruok [--member N]}: ZooKeeper's {@code ruok}, of one member or, by default, of each node in
 * the directories. Prints {@code imok} for a node that runs in a term with a leader; fails (exit 1) naming those
 * that do not, with the reason. Run by picocli on the calling thread.
 */
@Command(
    name = "ruok",
    mixinStandardHelpOptions = true,
    description = "Print imok for each node (or the --member) that runs in a cluster with a leader; fail with the " +
        "reason for any that does not.")
final class RuokCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    NodeOptions nodeOptions;

    @Mixin
    MemberOption memberOption;

    /**
     * @return 0 after printing {@code imok} for each node.
     * @throws AdminFailure if a node is not running or has no leader.
     */
    public Integer call()
    {
        final List<NodeStatus> statuses = memberOption.probe(spec, nodeOptions.resolve(spec), 0);
        EveryMember.print(statuses, FourLetterWords::notOkReason, (status) -> FourLetterWords.IMOK + "\n", spec.commandLine().getOut());
        return 0;
    }
}
