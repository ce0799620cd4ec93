package io.aerie.reliability.nemesis;

import java.util.Locale;

/**
 * The faults, by the name used on the command line.
 */
public enum FaultKind
{
    /** kill -9 of the leader, restarted after the hold. */
    KILL_LEADER("kill-leader", false),
    /** kill -9 of a follower, restarted after the hold. */
    KILL_FOLLOWER("kill-follower", false),
    /** SIGSTOP of the leader for 2-5 s, then SIGCONT. */
    PAUSE_LEADER("pause-leader", false),
    /** kill -9 of every node, all restarted after the hold. */
    KILL_ALL("kill-all", false),
    /** The leader cut off from both followers (clients still reach it). */
    PARTITION_LEADER("partition-leader", true),
    /** A follower cut off from the other two: a 1/2 split. */
    PARTITION_FOLLOWER("partition-follower", true),
    /** The leader's link made slow and lossy (netem, or a narrow token bucket). */
    SLOW_LEADER("slow-leader", true);

    private final String label;
    private final boolean needsNamespaces;

    FaultKind(final String label, final boolean needsNamespaces)
    {
        this.label = label;
        this.needsNamespaces = needsNamespaces;
    }

    /**
     * @return the command line name.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return true if the fault needs the nodes in their own network namespaces.
     */
    public boolean needsNamespaces()
    {
        return needsNamespaces;
    }

    /**
     * @param text a command line name, or a group: {@code kill} (leader and follower), {@code stop}/{@code pause},
     *             {@code partition} (leader and follower), {@code slow}/{@code netem}, {@code all-kill}.
     * @return the kinds it names.
     * @throws IllegalArgumentException if none.
     */
    public static FaultKind[] parse(final String text)
    {
        final String name = text.trim().toLowerCase(Locale.ROOT);
        switch (name)
        {
            case "kill": return new FaultKind[]{ KILL_LEADER, KILL_FOLLOWER };
            case "stop", "pause": return new FaultKind[]{ PAUSE_LEADER };
            case "partition": return new FaultKind[]{ PARTITION_LEADER, PARTITION_FOLLOWER };
            case "slow", "netem": return new FaultKind[]{ SLOW_LEADER };
            case "kill-all", "all-kill", "restart": return new FaultKind[]{ KILL_ALL };
            default:
                for (final FaultKind kind : values())
                {
                    if (kind.label.equals(name))
                    {
                        return new FaultKind[]{ kind };
                    }
                }
                throw new IllegalArgumentException("unknown nemesis '" + text + "'");
        }
    }
}
