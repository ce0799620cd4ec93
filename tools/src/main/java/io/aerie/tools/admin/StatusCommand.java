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
 * Fails (exit 1) after printing when no node runs. Run by picocli on the calling thread.
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
     * @return 0 when at least one node runs.
     * @throws AdminFailure if none runs (after printing their statuses).
     */
    public Integer call()
    {
        final List<NodeStatus> statuses = new ArrayList<>();
        int running = 0;
        for (final NodeDir node : nodeOptions.resolve(spec))
        {
            final NodeStatus status = NodeProbe.probe(node, NodeProbe.LEADER_QUERY_TIMEOUT_MS);
            statuses.add(status);
            running += status.isRunning() ? 1 : 0;
        }

        final PrintWriter out = spec.commandLine().getOut();
        out.print(isJson ? StatusFormat.json(statuses) : StatusFormat.table(statuses));
        out.flush();

        if (0 == running)
        {
            throw new AdminFailure("no node is running in " + nodeOptions.describe());
        }

        return 0;
    }
}
