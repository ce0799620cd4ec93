package io.aerie.engine.node;

import io.aeron.exceptions.ConfigurationException;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.function.Supplier;

/**
 * Idle strategies by configuration name. Idle strategies keep state (spin and park counts), so agents
 * never share one: every name maps to a supplier that makes a fresh instance per agent.
 */
final class IdleStrategies
{
    static final String BACKOFF = "backoff";
    static final String YIELDING = "yielding";
    static final String SLEEPING = "sleeping";
    static final String BUSY_SPIN = "busy-spin";

    private IdleStrategies()
    {
    }

    /**
     * The supplier for a strategy name.
     *
     * @param name    one of {@code backoff}, {@code yielding}, {@code sleeping}, {@code busy-spin}.
     * @param profile gives the backoff's deepest park.
     * @return a supplier returning a new instance on each call.
     * @throws ConfigurationException if the name is unknown.
     */
    static Supplier<IdleStrategy> supplier(final String name, final NodeProfile profile)
    {
        if (null == name)
        {
            throw new ConfigurationException("idle strategy name is null");
        }

        switch (name)
        {
            case BACKOFF:
                // Balanced, max park 100 us: on 2 cores the best compromise between latency and idle CPU (PLATFORM.md).
                final long maxParkNs = profile.maxParkNs();
                return () -> new BackoffIdleStrategy(10, 20, 1_000, maxParkNs);
            case YIELDING:
                return YieldingIdleStrategy::new;
            case SLEEPING:
                return () -> new SleepingMillisIdleStrategy(1);
            case BUSY_SPIN:
                return BusySpinIdleStrategy::new;
            default:
                throw new ConfigurationException(
                    "unknown idle strategy '" + name + "', expected one of " +
                    BACKOFF + ", " + YIELDING + ", " + SLEEPING + ", " + BUSY_SPIN);
        }
    }
}
