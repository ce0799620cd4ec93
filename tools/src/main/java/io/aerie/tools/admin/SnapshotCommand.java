package io.aerie.tools.admin;

import io.aerie.engine.node.NodeCounters.Metric;
import io.aeron.cluster.ClusterTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code aerie admin snapshot [--dir DIR ...] [--timeout-ms MS]}: find the leader among the nodes, ask it for a
 * snapshot as {@code ClusterTool snapshot} does, and wait until its snapshot counter has moved: only then is the
 * snapshot taken (every member writes one at the same log position). Fails (exit 1) when no node runs, when the
 * directories hold only followers (naming the leader when they know it), or when the snapshot is refused or not
 * taken in time. Run by picocli on the calling thread, which it blocks up to the timeout.
 */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = "Take a snapshot now: asked of the leader found among the nodes in the directories (give the " +
        "leader's directory, or an aerie local directory); waits until the leader has taken it.")
final class SnapshotCommand implements Callable<Integer>
{
    static final long TIMEOUT_MS_DEFAULT = 30_000;

    private static final long POLL_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);

    @Spec
    CommandSpec spec;

    @Mixin
    NodeOptions nodeOptions;

    @Option(
        names = "--timeout-ms",
        paramLabel = "MS",
        description = "How long the snapshot may take. Default: ${DEFAULT-VALUE}.")
    long timeoutMs = TIMEOUT_MS_DEFAULT;

    /**
     * @return 0 once the leader has taken the snapshot.
     * @throws ParameterException (exit 2) for a timeout that is not positive.
     * @throws AdminFailure       (exit 1) if there is no leader in the directories or no snapshot in time.
     */
    public Integer call()
    {
        if (timeoutMs <= 0)
        {
            throw new ParameterException(spec.commandLine(), "--timeout-ms=" + timeoutMs + " must be > 0");
        }

        final NodeStatus leader = findLeader(nodeOptions.resolve(spec));
        // Snapshots are counted since the node started; a counter not there yet counts as none.
        final long snapshotsBefore = Math.max(0, leader.value(Metric.SNAPSHOTS));
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);

        // ClusterTool prints its progress; keep it for the error message rather than mixing it into ours.
        final ByteArrayOutputStream toolOutput = new ByteArrayOutputStream();
        final boolean isAccepted;
        try (PrintStream toolOut = new PrintStream(toolOutput, true, StandardCharsets.UTF_8))
        {
            isAccepted = ClusterTool.snapshot(leader.dir().clusterDir(), toolOut);
        }
        if (!isAccepted)
        {
            throw new AdminFailure(
                "member " + leader.memberId() + " did not take the snapshot: " + lastLine(toolOutput));
        }

        final NodeStatus after = awaitSnapshot(leader.dir(), snapshotsBefore, deadlineNs);
        if (null == after)
        {
            throw new AdminFailure("asked member " + leader.memberId() + " for a snapshot, but it took none within " +
                timeoutMs + " ms: " + lastLine(toolOutput));
        }

        spec.commandLine().getOut().println(
            "snapshot taken: leader member " + after.memberId() +
            ", term " + StatusFormat.text(after.lastSnapshotLeadershipTermId()) +
            ", log position " + StatusFormat.text(after.lastSnapshotPosition()) +
            " (" + StatusFormat.text(after.value(Metric.SNAPSHOTS)) + " since the node started)");

        return 0;
    }

    private NodeStatus findLeader(final List<NodeDir> nodes)
    {
        final List<String> running = new ArrayList<>();
        int knownLeader = -1;
        for (final NodeDir node : nodes)
        {
            final NodeStatus status = NodeProbe.probe(node, NodeProbe.LEADER_QUERY_TIMEOUT_MS);
            if (status.isLeader())
            {
                return status;
            }
            if (status.isRunning())
            {
                running.add(String.valueOf(status.memberId()));
                knownLeader = Math.max(knownLeader, status.leaderMemberId());
            }
        }

        if (running.isEmpty())
        {
            throw new AdminFailure("no node is running in " + nodeOptions.describe());
        }

        // Only the leader's consensus module takes the request, and only its directory tells us it did.
        throw new AdminFailure("no leader among the running members (" + String.join(", ", running) + ") in " +
            nodeOptions.describe() + ": a snapshot is asked of the leader; " +
            (-1 == knownLeader ? "none is elected yet" : "member " + knownLeader + " leads, give its directory"));
    }

    private static NodeStatus awaitSnapshot(final NodeDir leader, final long snapshotsBefore, final long deadlineNs)
    {
        while (true)
        {
            final NodeStatus status = NodeProbe.probe(leader, 0);
            if (status.isRunning() && status.value(Metric.SNAPSHOTS) > snapshotsBefore)
            {
                return status;
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                return null;
            }
            LockSupport.parkNanos(POLL_INTERVAL_NS);
        }
    }

    private static String lastLine(final ByteArrayOutputStream output)
    {
        final String text = output.toString(StandardCharsets.UTF_8).trim();
        final int lastBreak = text.lastIndexOf('\n');
        final String line = lastBreak < 0 ? text : text.substring(lastBreak + 1).trim();

        return line.isEmpty() ? "no answer from ClusterTool" : line;
    }
}
