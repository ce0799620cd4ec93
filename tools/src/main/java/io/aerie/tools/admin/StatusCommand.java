package io.aerie.tools.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code aerie admin status [--dir DIR ...] [--json]}: one line (or JSON object) per node found, running or not.
 * Fails (exit 1) after printing when no node runs, or when quorum is lost: no more than half the members are in a
 * term with a leader (the members being the nodes found, or the leader's followers and itself if more). Run by
 * picocli on the calling thread.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Per node: member id, running or not, role, election state, leadership term, leader, commit " +
        "position, sessions, znodes, watches, snapshots since start and the last snapshot's log position.")
final class StatusCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    NodeOptions nodeOptions;

    @Option(names = "--json", description = "Print JSON ({\"nodes\":[...]}) instead of a table.")
    boolean isJson;

    /**
     * Probe every node and print the table or JSON.
     *
     * @return 0 when a majority of the members is in a term with a leader.
     * @throws AdminFailure if none runs, or quorum is lost (after printing their statuses).
     */
    public Integer call()
    {
        final List<NodeStatus> statuses = new ArrayList<>();
        int running = 0;
        int withLeader = 0;
        long members = 0;
        for (final NodeDir node : nodeOptions.resolve(spec))
        {
            final NodeStatus status = NodeProbe.probe(node, NodeProbe.LEADER_QUERY_TIMEOUT_MS);
            statuses.add(status);
            members++;
            running += status.isRunning() ? 1 : 0;
            withLeader += null == FourLetterWords.notOkReason(status) ? 1 : 0;
        }
        for (final NodeStatus status : statuses)
        {
            // A leader knows members whose directories were not given.
            final long followers = status.followers().count;
            members = NodeStatus.UNKNOWN == followers ? members : Math.max(members, followers + 1);
        }

        final PrintWriter out = spec.commandLine().getOut();
        out.print(isJson ? StatusFormat.json(statuses) : StatusFormat.table(statuses));
        out.flush();

        if (0 == running)
        {
            throw new AdminFailure("no node is running in " + nodeOptions.describe());
        }
        if (2L * withLeader <= members)
        {
            throw new AdminFailure("quorum lost: " + withLeader + " of " + members +
                " members in a term with a leader, a majority needs " + (members / 2 + 1));
        }

        return 0;
    }
}
