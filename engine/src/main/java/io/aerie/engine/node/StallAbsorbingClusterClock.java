package io.aerie.engine.node;

import io.aeron.cluster.service.ClusterClock;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.concurrent.TimeUnit;

/**
 * The consensus module's clock: milliseconds since the epoch, as Aeron's default {@code MillisecondClusterClock},
 * except that a stall of the consensus module's own thread does not count against its peers.
 * <p>
 * Why: after a stall (the whole JVM descheduled on a starved machine, a long time-to-safepoint), Aeron's consensus
 * module checks the leader heartbeat timeout (a follower) or its followers' activity (a leader) in its first duty
 * cycle, before it reads the heartbeats and positions that arrived during the stall and wait in its subscription.
 * A follower stalled for longer than the timeout therefore starts an election although the leader was heard all
 * along, and a stalled leader steps down for followers that were never silent. This clock hides from the consensus
 * module the part of a gap between two of its readings that is longer than {@code stallThresholdNs}: time then goes
 * on from where it was, the queued messages are read and stamped, and no timeout fires for silence that was the
 * node's own. The hidden time (the lag) is given back by running the clock at twice real time until it is
 * level again, so heartbeats 50 ms apart seem 100 ms apart meanwhile, and a client's keepalives (a third of its
 * session timeout apart) stay inside the timeout. On a machine where stalls come every few seconds the lag adds
 * up: it must drain at least as fast as it grows, or it reaches its bound and stalls count again. Absorbing is Lifeguard's local health awareness: a member
 * that knows it was slow does not blame the others for it.
 * <p>
 * What it costs: a real failure met during the catch-up is detected up to the lag later, and the timestamps this
 * node puts in the log, should it lead meanwhile, run up to the lag behind wall time (never backwards on this node;
 * a new leader's term starts every session's deadline afresh, so a step in log time at a leader change expires no
 * session).
 * The lag is bounded by {@code maxLagNs}; a longer stall is absorbed only up to that bound, the rest counts as
 * before. A leader stalled alone is still replaced: its followers were not stalled.
 * <p>
 * Gaps count from the end of the consensus module's first duty cycle ({@link #onDutyCycleEnd()}). Each absorbed
 * stall is counted, and the longest real gap kept, in the counters given by
 * {@link #counters(AtomicCounter, AtomicCounter)}, since Aeron's own duty-cycle counters see this clock's time.
 * Read only by the consensus module's thread (Aeron reads its cluster clock from its agent only); not thread-safe.
 */
final class StallAbsorbingClusterClock implements ClusterClock
{
    /**
     * Gaps between readings longer than this are stalls: the consensus module's idle strategy parks for at most
     * a millisecond, so a 100 ms gap is a thread that wanted to run and could not (Aeron's cycle threshold too).
     */
    static final long STALL_THRESHOLD_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final EpochClock epochClock;
    private final NanoClock nanoClock;
    private final long stallThresholdNs;
    private final long maxLagNs;
    private boolean isInDutyCycles;
    private long lastReadNs;
    private long lagNs;
    private long lastTimeMs;
    private long stalls;
    private long longestStallNs;
    private AtomicCounter stallsCounter;
    private AtomicCounter longestStallCounter;

    /**
     * @param epochClock       wall time, ms.
     * @param nanoClock        monotonic time, ns: gaps are measured on it.
     * @param stallThresholdNs gaps longer than this are stalls, and absorbed beyond it.
     * @param maxLagNs         the most the clock may be behind wall time; 0 absorbs nothing (Aeron's behaviour).
     */
    StallAbsorbingClusterClock(
        final EpochClock epochClock, final NanoClock nanoClock, final long stallThresholdNs, final long maxLagNs)
    {
        this.epochClock = epochClock;
        this.nanoClock = nanoClock;
        this.stallThresholdNs = stallThresholdNs;
        this.maxLagNs = maxLagNs;
        this.lastReadNs = nanoClock.nanoTime();
    }

    /**
     * The consensus module ended a duty cycle ({@code ConsensusModule.Context.clusterTimeConsumerSupplier}): from
     * now on a long gap between readings is a stall. Before the first, the module is starting (recovery, archive
     * connection, waiting for its service), blocking for seconds without reading the clock, and that is not a
     * stall to hide.
     */
    void onDutyCycleEnd()
    {
        isInDutyCycles = true;
    }

    /**
     * Where to count absorbed stalls and the longest gap; the consensus module's thread, or before it starts.
     *
     * @param stallsCounter       incremented for each stall, or null.
     * @param longestStallCounter the longest gap between two readings, ns, or null.
     */
    void counters(final AtomicCounter stallsCounter, final AtomicCounter longestStallCounter)
    {
        this.stallsCounter = stallsCounter;
        this.longestStallCounter = longestStallCounter;
        publish();
    }

    /**
     * {@inheritDoc}
     */
    public TimeUnit timeUnit()
    {
        return TimeUnit.MILLISECONDS;
    }

    /**
     * @return milliseconds since the epoch, less what is still held back of stalls; never less than a previous value.
     */
    public long time()
    {
        final long nowNs = nanoClock.nanoTime();
        final long gapNs = nowNs - lastReadNs;
        lastReadNs = nowNs;
        if (gapNs > stallThresholdNs && isInDutyCycles)
        {
            onStall(gapNs);
        }
        else if (lagNs > 0)
        {
            lagNs = Math.max(0, lagNs - gapNs);
        }

        final long timeMs = epochClock.time() - TimeUnit.NANOSECONDS.toMillis(lagNs);
        if (timeMs > lastTimeMs)
        {
            lastTimeMs = timeMs;
        }

        return lastTimeMs;
    }

    /**
     * @return the time held back now, ns.
     */
    long lagNs()
    {
        return lagNs;
    }

    /**
     * @return stalls seen.
     */
    long stalls()
    {
        return stalls;
    }

    /**
     * @return the longest gap between two readings, ns.
     */
    long longestStallNs()
    {
        return longestStallNs;
    }

    private void onStall(final long gapNs)
    {
        lagNs = Math.min(maxLagNs, lagNs + gapNs - stallThresholdNs);
        stalls++;
        longestStallNs = Math.max(longestStallNs, gapNs);
        publish();
    }

    private void publish()
    {
        if (null != stallsCounter && !stallsCounter.isClosed())
        {
            stallsCounter.setRelease(stalls);
        }
        if (null != longestStallCounter && !longestStallCounter.isClosed())
        {
            longestStallCounter.setRelease(longestStallNs);
        }
    }
}
