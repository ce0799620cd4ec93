package io.aerie.tools.admin;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --member} option of the commands about one node ({@code ruok}, {@code srvr}, {@code mntr}), a
 * picocli mixin: which of the nodes found to ask.
 */
final class MemberOption
{
    @Option(
        names = { "-m", "--member" },
        paramLabel = "ID",
        description = "The member to ask when the directories hold several nodes.")
    Integer memberId;

    /**
     * Probe the one node asked for: the only node found, or the one with the {@code --member} id (by its
     * directory's name, else by its mark file).
     *
     * @param spec                 the running command, for usage errors.
     * @param nodes                the nodes found; not empty.
     * @param leaderQueryTimeoutMs how long a follower may take to say who leads; 0 not to ask.
     * @return the node's status, running or not.
     * @throws ParameterException (exit code 2) if several nodes were found without {@code --member}, or none has
     *                            that member id.
     */
    NodeStatus probeOne(final CommandSpec spec, final List<NodeDir> nodes, final long leaderQueryTimeoutMs)
    {
        if (null == memberId)
        {
            if (1 == nodes.size())
            {
                return NodeProbe.probe(nodes.get(0), leaderQueryTimeoutMs);
            }

            throw new ParameterException(spec.commandLine(), "the directories hold " + nodes.size() +
                " nodes (members " + memberIds(nodes) + "): choose one with --member");
        }

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
