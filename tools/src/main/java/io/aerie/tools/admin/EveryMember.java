package io.aerie.tools.admin;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Prints a four-letter word's answer for each node probed: one node's answer as ZooKeeper prints it; several
 * nodes' answers one after the other, each under a {@code # member N: <dir>} line and separated by a blank line.
 * A node that cannot answer (not running, no leader) is named in the failure, after the others have printed.
 * Stateless.
 */
final class EveryMember
{
    private EveryMember()
    {
    }

    /**
     * @param statuses the nodes probed; not empty.
     * @param notOk    why a node cannot answer, or null when it can.
     * @param answer   the text of a node's answer, lines ending in a newline.
     * @param out      where the answers go.
     * @throws AdminFailure naming the nodes that could not answer, after printing the others.
     */
    static void print(
        final List<NodeStatus> statuses,
        final Function<NodeStatus, String> notOk,
        final Function<NodeStatus, String> answer,
        final PrintWriter out)
    {
        final List<String> failures = new ArrayList<>();
        boolean isFirst = true;
        for (final NodeStatus status : statuses)
        {
            final String reason = notOk.apply(status);
            if (null != reason)
            {
                failures.add(reason);
                continue;
            }
            if (statuses.size() > 1)
            {
                out.print((isFirst ? "" : "\n") + "# member " + status.memberId() + ": " + status.nodeDir() + "\n");
            }
            out.print(answer.apply(status));
            isFirst = false;
        }
        out.flush();

        if (!failures.isEmpty())
        {
            throw new AdminFailure(String.join("; ", failures));
        }
    }
}
