package io.aerie.tools.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code aerie admin ruok [--member N]}: ZooKeeper's {@code ruok}. Prints {@code imok} when the node runs in a
 * term with a leader, else fails (exit 1) with the reason. Run by picocli on the calling thread.
 */
@Command(
    name = "ruok",
    mixinStandardHelpOptions = true,
    description = "Print imok if the node runs and is in a cluster with a leader, else fail with the reason.")
final class RuokCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    NodeOptions nodeOptions;

    @Mixin
    MemberOption memberOption;

    /**
     * @return 0 after printing {@code imok}.
     * @throws AdminFailure if the node is not running or has no leader.
     */
    public Integer call()
    {
        // Only the election state matters here: no need to ask a follower who leads.
        final NodeStatus node = memberOption.probeOne(spec, nodeOptions.resolve(spec), 0);
        final String reason = FourLetterWords.notOkReason(node);
        if (null != reason)
        {
            throw new AdminFailure(reason);
        }

        spec.commandLine().getOut().println(FourLetterWords.IMOK);
        return 0;
    }
}
