package io.aerie.reliability.nemesis;

import io.aerie.engine.node.NodeCounters;
import io.aerie.reliability.cluster.NodeCluster;
import io.aeron.cluster.ElectionState;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a fault's target spends the time from the heal until the cluster has settled, by its consensus module's
 * election state (read from its counters at each poll of the settle wait), summed per fault kind: the evidence for
 * why a member is slow to rejoin (an election it keeps restarting, a catch-up, waiting for the live log...).
 * {@code CLOSED} is time in a term while the others had not settled yet. Called from the suite's control thread.
 */
public final class RejoinStates
{
    private static final int STARTING = ElectionState.values().length;

    private final NodeCluster cluster;
    private final Map<FaultKind, long[]> nsByKind = new EnumMap<>(FaultKind.class);
    private long[] current;
    private int target = -1;
    private long lastNs;

    RejoinStates(final NodeCluster cluster)
    {
        this.cluster = cluster;
    }

    /**
     * Start timing a member after a heal; nothing is timed for a fault with no single target.
     *
     * @param kind   the fault.
     * @param member its target, or -1.
     */
    void begin(final FaultKind kind, final int member)
    {
        target = member;
        current = member < 0 ? null : nsByKind.computeIfAbsent(kind, k -> new long[STARTING + 1]);
        lastNs = System.nanoTime();
    }

    /**
     * Add the time since the last sample to the state the target is in now (its counters, or "starting" if it has
     * none yet).
     */
    void sample()
    {
        if (null == current)
        {
            return;
        }
        final long nowNs = System.nanoTime();
        final NodeCounters counters = cluster.isRunning(target) ? cluster.counters(target) : null;
        final ElectionState state = null == counters ? null : counters.electionState();
        current[null == state ? STARTING : state.ordinal()] += nowNs - lastNs;
        lastNs = nowNs;
    }

    /**
     * @return per fault kind, the targets' time after heals by election state, e.g.
     * {@code CANVASS 12.3 s, FOLLOWER_CATCHUP 0.4 s}, largest first; empty if nothing was timed.
     */
    public Map<FaultKind, String> describe()
    {
        final Map<FaultKind, String> lines = new EnumMap<>(FaultKind.class);
        for (final Map.Entry<FaultKind, long[]> entry : nsByKind.entrySet())
        {
            final long[] ns = entry.getValue().clone();
            final StringBuilder line = new StringBuilder();
            for (int n = 0; n < ns.length; n++)
            {
                int largest = 0;
                for (int i = 1; i < ns.length; i++)
                {
                    largest = ns[i] > ns[largest] ? i : largest;
                }
                if (ns[largest] <= 0)
                {
                    break;
                }
                line.append(line.length() > 0 ? ", " : "")
                    .append(STARTING == largest ? "starting" : ElectionState.values()[largest].name())
                    .append(String.format(Locale.ROOT, " %.1f s", ns[largest] / 1e9));
                ns[largest] = 0;
            }
            lines.put(entry.getKey(), line.toString());
        }
        return lines;
    }
}
