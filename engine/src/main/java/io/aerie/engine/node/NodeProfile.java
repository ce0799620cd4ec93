package io.aerie.engine.node;

import io.aeron.exceptions.ConfigurationException;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How a node's agents wait for work, traded against the CPU they burn while the node is idle or lightly loaded.
 * Every Aeron agent (driver, archive, consensus module, service) polls; with nothing to do it backs off to a park,
 * and a request that arrives meanwhile waits for the park to end, once per agent on its path. On Linux a park also
 * overshoots by the thread's timer slack (50 µs by default), so the deepest park decides the latency of a request
 * that finds the node idle, such as one at a low offered rate.
 * <p>
 * The profile applies to the {@code backoff} idle strategy (the default) and to the agents' threads; other idle
 * strategies ({@code yielding}, {@code sleeping}, {@code busy-spin}) keep their own behaviour.
 */
public enum NodeProfile
{
    /**
     * Parks of up to 100 µs with the operating system's timer slack: the lowest idle CPU (measured here: about a
     * fifth to a third of a core per idle node), at up to ~170 µs per agent woken on a request's path.
     */
    BALANCED(TimeUnit.MICROSECONDS.toNanos(100), 0),

    /**
     * Parks of up to 20 µs, and the agents' timer slack set to 1 µs (Linux, {@code /proc/<tid>/timerslack_ns}),
     * so a park of 20 µs ends within ~35 µs instead of ~70: requests that find the node idle wait several times
     * less, for more CPU while idle (see the README for the measured cost).
     */
    LOW_LATENCY(TimeUnit.MICROSECONDS.toNanos(20), 1_000);

    private final long maxParkNs;
    private final long timerSlackNs;

    NodeProfile(final long maxParkNs, final long timerSlackNs)
    {
        this.maxParkNs = maxParkNs;
        this.timerSlackNs = timerSlackNs;
    }

    /**
     * @return the longest park of the backoff idle strategy, ns.
     */
    public long maxParkNs()
    {
        return maxParkNs;
    }

    /**
     * @return the timer slack given to the node's agent threads, ns; 0 to leave the operating system's.
     */
    public long timerSlackNs()
    {
        return timerSlackNs;
    }

    /**
     * @param name {@code balanced} or {@code low-latency} (any case, {@code _} for {@code -} accepted).
     * @return the profile of that name.
     * @throws ConfigurationException if the name is neither.
     */
    public static NodeProfile parse(final String name)
    {
        try
        {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigurationException(
                NodeAgents.Configuration.PROFILE_PROP_NAME + "=" + name + " is not one of balanced, low-latency");
        }
    }
}
