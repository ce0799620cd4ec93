package io.aerie.tools.admin;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --member} option of the commands about each node ({@code ruok}, {@code srvr}, {@code mntr}), a
 * picocli mixin: which of the nodes found to ask; without it, every one.
 */
final class MemberOption
{
    @Option(
        names = { "-m", "--member" },
        paramLabel = "ID",
        description = "The member to ask; default: every node in the directories.")
    Integer memberId;

    /**
     * Probe the nodes asked for: every node found, in member order, or the one with the {@code --member} id (by its
     * directory's name, else by its mark file).
     *
     * @param spec                 the running command, for usage errors.
     * @param nodes                the nodes found; not empty.
     * @param leaderQueryTimeoutMs how long a member may take to say who leads and follows; 0 not to ask.
     * @return their statuses, running or not; one with {@code --member}.
     * @throws ParameterException (exit code 2) if no node has the {@code --member} id.
     */
    List<NodeStatus> probe(final CommandSpec spec, final List<NodeDir> nodes, final long leaderQueryTimeoutMs)
    {
        if (null != memberId)
        {
            return List.of(probeMember(spec, nodes, leaderQueryTimeoutMs));
        }

        final List<NodeStatus> statuses = new ArrayList<>(nodes.size());
        for (final NodeDir node : nodes)
        {
            statuses.add(NodeProbe.probe(node, leaderQueryTimeoutMs));
        }

        return statuses;
    }

    private NodeStatus probeMember(final CommandSpec spec, final List<NodeDir> nodes, final long leaderQueryTimeoutMs)
    {
        for (final NodeDir node : nodes)
        {
            if (node.memberIdHint() == memberId)
            {
                return NodeProbe.probe(node, leaderQueryTimeoutMs);
            }
        }
        // A directory not named node-N says its member id only in its mark file: a cheap probe, no query.
        for (final NodeDir node : nodes)
        {
            if (NodeDir.UNKNOWN_MEMBER_ID == node.memberIdHint() && NodeProbe.probe(node, 0).memberId() == memberId)
            {
                return NodeProbe.probe(node, leaderQueryTimeoutMs);
            }
        }

        throw new ParameterException(spec.commandLine(),
            "no member " + memberId + " in the directories (members " + memberIds(nodes) + ")");
    }

    private static String memberIds(final List<NodeDir> nodes)
    {
        final List<String> ids = new ArrayList<>(nodes.size());
        for (final NodeDir node : nodes)
        {
            final int id = NodeDir.UNKNOWN_MEMBER_ID == node.memberIdHint() ?
                NodeProbe.probe(node, 0).memberId() : node.memberIdHint();
            ids.add(NodeDir.UNKNOWN_MEMBER_ID == id ? "? in " + node.nodeDir() : String.valueOf(id));
        }

        return String.join(", ", ids);
    }
}
