package io.aerie.reliability.nemesis;

import io.aerie.reliability.cluster.NetworkNamespaces;
import io.aerie.reliability.cluster.NodeCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Injects one fault, holds it, heals it, and waits for the cluster to settle (a stable leader followed by every
 * running member) and for every member to catch up (to have applied the log as far as the furthest one had). Targets and hold times come from a seeded {@link Random}. Called from the suite's control thread.
 */
public final class Nemesis
{
    private static final long SETTLE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(90);

    private final NodeCluster cluster;
    private final NetworkNamespaces namespaces;
    private final Random random;
    private final RejoinStates rejoinStates;

    /**
     * @param cluster    the nodes.
     * @param namespaces their namespaces, or null on loopback (then network faults cannot run).
     * @param random     chooses targets and hold times.
     */
    public Nemesis(final NodeCluster cluster, final NetworkNamespaces namespaces, final Random random)
    {
        this.cluster = cluster;
        this.namespaces = namespaces;
        this.random = random;
        this.rejoinStates = new RejoinStates(cluster);
    }

    /**
     * @return where the targets spent the time from each heal to the settling, by election state.
     */
    public RejoinStates rejoinStates()
    {
        return rejoinStates;
    }

    /**
     * Inject a fault of this kind now, hold it, heal it and wait for a stable leader.
     *
     * @param kind the fault.
     * @return what was done and when.
     * @throws IllegalStateException if there is no leader to target, or the cluster does not settle.
     */
    public Fault run(final FaultKind kind)
    {
        final int leader = cluster.awaitStableLeader(SETTLE_TIMEOUT_NS);
        final int follower = (leader + 1 + random.nextInt(cluster.nodes() - 1)) % cluster.nodes();
        final int target = switch (kind)
        {
            case KILL_LEADER, PAUSE_LEADER, PARTITION_LEADER, SLOW_LEADER -> leader;
            case KILL_FOLLOWER, PARTITION_FOLLOWER -> follower;
            case KILL_ALL -> -1;
        };
        final long termIdBefore = cluster.newestTermId();
        inject(kind, target);
        // In effect from here: the process is gone or stopped, every neighbour entry or qdisc is in place.
        final long startNs = System.nanoTime();
        hold(kind);
        final long healNs = System.nanoTime();
        heal(kind, target);
        rejoinStates.begin(kind, target);
        long stableNs = -1;
        long caughtUpNs = -1;
        try
        {
            cluster.awaitStableLeader(SETTLE_TIMEOUT_NS, rejoinStates::sample);
            stableNs = System.nanoTime();
            caughtUpNs = cluster.awaitCaughtUp(SETTLE_TIMEOUT_NS, rejoinStates::sample) ? System.nanoTime() : -1;
            rejoinStates.sample();
        }
        catch (final IllegalStateException ex)
        {
            // reported as not settled; the run's final checks say more
        }
        final long termsStarted = Math.max(0, cluster.newestTermId() - termIdBefore);
        return new Fault(kind, target, startNs, healNs, stableNs, caughtUpNs, termsStarted);
    }

    private void inject(final FaultKind kind, final int target)
    {
        switch (kind)
        {
            case KILL_LEADER, KILL_FOLLOWER -> cluster.kill(target);
            case PAUSE_LEADER -> cluster.pause(target);
            case KILL_ALL ->
            {
                for (int i = 0; i < cluster.nodes(); i++)
                {
                    cluster.kill(i);
                }
            }
            case PARTITION_LEADER, PARTITION_FOLLOWER -> namespaces().partition(Set.of(target));
            case SLOW_LEADER -> namespaces().slow(target);
        }
    }

    private void hold(final FaultKind kind)
    {
        final long holdMs = switch (kind)
        {
            case PAUSE_LEADER -> 2_000 + random.nextInt(3_001);
            case KILL_ALL -> 500 + random.nextInt(1_000);
            default -> 1_000 + random.nextInt(3_001);
        };
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(holdMs));
    }

    private void heal(final FaultKind kind, final int target)
    {
        try
        {
            switch (kind)
            {
                case KILL_LEADER, KILL_FOLLOWER -> cluster.start(target);
                case PAUSE_LEADER -> cluster.resume(target);
                case KILL_ALL ->
                {
                    for (int i = 0; i < cluster.nodes(); i++)
                    {
                        cluster.start(i);
                    }
                }
                case PARTITION_LEADER, PARTITION_FOLLOWER, SLOW_LEADER -> namespaces().heal();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private NetworkNamespaces namespaces()
    {
        if (null == namespaces)
        {
            throw new IllegalStateException("network faults need the nodes in network namespaces (--netns)");
        }
        return namespaces;
    }
}
