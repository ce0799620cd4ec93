package io.aerie.engine.service;

import io.aeron.cluster.service.Cluster;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.concurrent.TimeUnit;

/**
 * The service's two cluster timers, the session expiry check and the container/TTL sweep, kept scheduled.
 * <p>
 * Aeron refuses a timer when the service's channel to its consensus module is back-pressured
 * ({@link Cluster#scheduleTimer(long, long)} returns false), and lets a service schedule one only while it applies
 * a log entry. A refused timer is therefore remembered, counted, and asked for again by {@link #retryRefused(long)}
 * as every later log entry begins: back pressure delays an expiry check or a sweep until the next entry,
 * it never loses it. (Before this class, a refused expiry timer was taken as scheduled, and sessions stopped
 * expiring for the rest of the term.)
 * <p>
 * Whether a timer was refused is this member's own affair (each member's service talks to its own consensus
 * module), so nothing here is replicated state: what the state machine decides when a timer fires depends only
 * on the log. Service thread only.
 */
final class ServiceTimers
{
    static final long EXPIRY_TIMER_ID = 1;
    static final long SWEEP_TIMER_ID = 2;
    private static final long NONE = Long.MAX_VALUE;

    private final long sweepIntervalMs;
    private final AtomicCounter refusals;
    private Cluster cluster;
    private TimeUnit timeUnit;
    /** Deadline of the expiry check the cluster holds, ms; {@link #NONE} when it holds none. */
    private long expiryScheduledMs = NONE;
    private boolean expiryRefused;
    /** Deadline wanted for the next sweep, ms; {@link #NONE} before the first leadership term. */
    private long sweepWantedMs = NONE;
    private boolean sweepRefused;

    /**
     * @param sweepIntervalMs time between container/TTL sweeps, ms.
     * @param refusals        counts timers the cluster refused (each is asked for again).
     */
    ServiceTimers(final long sweepIntervalMs, final AtomicCounter refusals)
    {
        this.sweepIntervalMs = sweepIntervalMs;
        this.refusals = refusals;
    }

    /**
     * @param cluster  the cluster timers are scheduled on.
     * @param timeUnit the unit of the cluster's timestamps.
     */
    void cluster(final Cluster cluster, final TimeUnit timeUnit)
    {
        this.cluster = cluster;
        this.timeUnit = timeUnit;
    }

    /**
     * Schedule both timers afresh, as a new leadership term begins: the new leader's consensus module may hold
     * neither.
     *
     * @param nowMs          the log time of the term's start, ms.
     * @param nextExpiryMs   the earliest session deadline, ms; {@link Long#MAX_VALUE} when there are no sessions.
     */
    void start(final long nowMs, final long nextExpiryMs)
    {
        expiryScheduledMs = NONE;
        expiryRefused = false;
        requestExpiryCheck(nextExpiryMs);
        requestSweep(nowMs + sweepIntervalMs);
    }

    /**
     * Make sure an expiry check is scheduled no later than {@code deadlineMs}.
     *
     * @param deadlineMs the earliest session deadline, ms; {@link Long#MAX_VALUE} when there are no sessions.
     */
    void requestExpiryCheck(final long deadlineMs)
    {
        if (null == timeUnit || deadlineMs >= expiryScheduledMs)
        {
            return;
        }
        if (cluster.scheduleTimer(EXPIRY_TIMER_ID, timeUnit.convert(deadlineMs, TimeUnit.MILLISECONDS)))
        {
            expiryScheduledMs = deadlineMs;
            expiryRefused = false;
        }
        else
        {
            expiryRefused = true;
            refusals.increment();
        }
    }

    /**
     * The expiry timer fired: the cluster holds none until the next {@link #requestExpiryCheck(long)}.
     */
    void onExpiryTimer()
    {
        expiryScheduledMs = NONE;
    }

    /**
     * The sweep timer fired at {@code nowMs}: schedule the next one an interval later.
     *
     * @param nowMs the log time of the timer event, ms.
     */
    void onSweepTimer(final long nowMs)
    {
        requestSweep(nowMs + sweepIntervalMs);
    }

    /**
     * Ask again for every timer the cluster refused; call as each log entry begins.
     *
     * @param nextExpiryMs the earliest session deadline now, ms.
     */
    void retryRefused(final long nextExpiryMs)
    {
        if (expiryRefused)
        {
            requestExpiryCheck(nextExpiryMs);
        }
        if (sweepRefused)
        {
            requestSweep(sweepWantedMs);
        }
    }

    /**
     * @return true while a timer the cluster refused is waiting to be asked for again.
     */
    boolean hasRefused()
    {
        return expiryRefused || sweepRefused;
    }

    private void requestSweep(final long deadlineMs)
    {
        sweepWantedMs = deadlineMs;
        sweepRefused = !cluster.scheduleTimer(SWEEP_TIMER_ID, timeUnit.convert(deadlineMs, TimeUnit.MILLISECONDS));
        if (sweepRefused)
        {
            refusals.increment();
        }
    }
}
