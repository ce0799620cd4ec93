package io.aerie.gateway;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * The gateway agent's idle strategy. While requests await the cluster's answers it yields instead of parking: an
 * answer arrives in the Aeron subscription the agent polls and nothing can wake a parked agent for it, so each park
 * there is added to the request's latency (up to the backoff's longest park, 100 µs by default, at each idle turn).
 * It yields for at most {@link #YIELD_WINDOW_NS} after the agent last did work, so a slow answer (a leader election)
 * or a count gone wrong does not keep it busy. With nothing awaited it idles as configured (backoff to parking), and
 * a packet from Netty's thread wakes it ({@link GatewayAgent#enqueue}). An idle gateway costs what it did.
 * <p>
 * Used by the agent's thread only, as every idle strategy.
 */
final class AwaitingIdleStrategy implements IdleStrategy
{
    /** How long after its last work the agent yields rather than parks while requests are awaited. */
    static final long YIELD_WINDOW_NS = TimeUnit.MILLISECONDS.toNanos(2);

    private final IdleStrategy idle;
    private final GatewayCounters counters;
    private long lastWorkNs;
    private boolean isAfterWork;

    /**
     * @param idle     the configured strategy, used while nothing is awaited.
     * @param counters whose {@link GatewayCounters#awaited} counts the requests awaiting the cluster's answers.
     */
    AwaitingIdleStrategy(final IdleStrategy idle, final GatewayCounters counters)
    {
        this.idle = idle;
        this.counters = counters;
    }

    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            isAfterWork = true;
            idle.reset();
        }
        else
        {
            idle();
        }
    }

    public void idle()
    {
        if (counters.awaited > 0)
        {
            final long nowNs = System.nanoTime();
            if (isAfterWork)
            {
                isAfterWork = false;
                lastWorkNs = nowNs;
            }
            if (nowNs - lastWorkNs < YIELD_WINDOW_NS)
            {
                Thread.yield();
                return;
            }
        }
        idle.idle();
    }

    public void reset()
    {
        isAfterWork = true;
        idle.reset();
    }

    public String alias()
    {
        return "awaiting(yield)+" + idle.alias();
    }
}
