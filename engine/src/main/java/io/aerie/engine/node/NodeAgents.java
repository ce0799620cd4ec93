package io.aerie.engine.node;

import io.aeron.exceptions.ConfigurationException;
import org.agrona.concurrent.IdleStrategy;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * How a node's agents run: the threading of driver and archive, and how every agent waits for work (idle strategy
 * and profile). {@link Configuration} names the {@code aerie.node.*} properties and defaults; {@link Context} holds one
 * node's values. Composed by {@link AerieNode.Context#agents()}.
 */
public final class NodeAgents
{
    private NodeAgents()
    {
    }

    /**
     * Property names and defaults of a node's agents, each readable from an {@code aerie.node.*} system property.
     */
    public static final class Configuration
    {
        /**
         * Threading of driver and archive: {@code shared} or {@code dedicated}.
         */
        public static final String THREADING_MODE_PROP_NAME = "aerie.node.threading.mode";

        /**
         * Default threading mode.
         */
        public static final ThreadingMode THREADING_MODE_DEFAULT = ThreadingMode.SHARED;

        /**
         * How agents wait for work: {@code balanced} or {@code low-latency} (see {@link NodeProfile}): the deepest park
         * of the {@code backoff} idle strategy and the agent threads' timer slack.
         */
        public static final String PROFILE_PROP_NAME = "aerie.node.profile";

        /**
         * Default: {@link NodeProfile#BALANCED}, the lowest idle CPU.
         */
        public static final NodeProfile PROFILE_DEFAULT = NodeProfile.BALANCED;

        /**
         * Idle strategy of every agent: {@code backoff} (spin 10, yield 20, park 1 us to the profile's deepest park),
         * {@code yielding}, {@code sleeping} (1 ms) or {@code busy-spin} (never on small machines).
         */
        public static final String IDLE_STRATEGY_PROP_NAME = "aerie.node.idle.strategy";

        /**
         * Default idle strategy.
         */
        public static final String IDLE_STRATEGY_DEFAULT = IdleStrategies.BACKOFF;

        private Configuration()
        {
        }

        /**
         * @return {@link #THREADING_MODE_PROP_NAME} or its default.
         * @throws ConfigurationException if the value is not {@code shared} or {@code dedicated}.
         */
        public static ThreadingMode threadingMode()
        {
            final String value = System.getProperty(THREADING_MODE_PROP_NAME);
            if (null == value)
            {
                return THREADING_MODE_DEFAULT;
            }

            try
            {
                return ThreadingMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigurationException(
                    THREADING_MODE_PROP_NAME + "=" + value + " is not one of shared, dedicated");
            }
        }

        /**
         * @return {@link #PROFILE_PROP_NAME} or its default.
         * @throws ConfigurationException if the value is not a {@link NodeProfile}.
         */
        public static NodeProfile profile()
        {
            final String value = System.getProperty(PROFILE_PROP_NAME);
            return null == value ? PROFILE_DEFAULT : NodeProfile.parse(value);
        }

        /**
         * @return {@link #IDLE_STRATEGY_PROP_NAME} or its default.
         */
        public static String idleStrategy()
        {
            return System.getProperty(IDLE_STRATEGY_PROP_NAME, IDLE_STRATEGY_DEFAULT);
        }
    }

    /**
     * One node's agent settings. Fluent setters, same-named getters; not thread-safe: configure, then launch.
     */
    public static final class Context
    {
        private ThreadingMode threadingMode = Configuration.threadingMode();
        private String idleStrategy = Configuration.idleStrategy();
        private NodeProfile profile = Configuration.profile();
        private Supplier<IdleStrategy> idleStrategySupplier;

        /**
         * Check the modes and make the idle strategy supplier from its name if none was given. Called by
         * {@link AerieNode.Context#conclude()}.
         *
         * @return this.
         * @throws ConfigurationException if a mode is null or the idle strategy name is unknown.
         */
        public Context conclude()
        {
            if (null == profile || null == threadingMode)
            {
                throw new ConfigurationException("profile and threadingMode must not be null");
            }
            if (null == idleStrategySupplier)
            {
                idleStrategySupplier = IdleStrategies.supplier(idleStrategy, profile);
            }

            return this;
        }

        /**
         * @param threadingMode threading of driver and archive.
         * @return this.
         * @see Configuration#THREADING_MODE_PROP_NAME
         */
        public Context threadingMode(final ThreadingMode threadingMode)
        {
            this.threadingMode = threadingMode;
            return this;
        }

        /** @return threading of driver and archive. */
        public ThreadingMode threadingMode()
        {
            return threadingMode;
        }

        /**
         * @param profile how agents wait for work: the backoff's deepest park and the agent threads' timer slack.
         * @return this.
         * @see Configuration#PROFILE_PROP_NAME
         */
        public Context profile(final NodeProfile profile)
        {
            this.profile = profile;
            return this;
        }

        /** @return how agents wait for work. */
        public NodeProfile profile()
        {
            return profile;
        }

        /**
         * @param idleStrategy name: {@code backoff}, {@code yielding}, {@code sleeping}, {@code busy-spin}.
         * @return this.
         * @see Configuration#IDLE_STRATEGY_PROP_NAME
         */
        public Context idleStrategy(final String idleStrategy)
        {
            this.idleStrategy = idleStrategy;
            return this;
        }

        /** @return the idle strategy name. */
        public String idleStrategy()
        {
            return idleStrategy;
        }

        /**
         * @param idleStrategySupplier makes one idle strategy per agent; overrides {@link #idleStrategy()}.
         * @return this.
         */
        public Context idleStrategySupplier(final Supplier<IdleStrategy> idleStrategySupplier)
        {
            this.idleStrategySupplier = idleStrategySupplier;
            return this;
        }

        /** @return the idle strategy supplier (from the name after {@link #conclude()} if not set). */
        public Supplier<IdleStrategy> idleStrategySupplier()
        {
            return idleStrategySupplier;
        }

        /**
         * {@inheritDoc}
         */
        public String toString()
        {
            return "threadingMode=" + threadingMode + ", idleStrategy=" + idleStrategy + ", profile=" + profile;
        }
    }

    /**
     * How the node's agents are mapped to threads.
     */
    public enum ThreadingMode
    {
        /**
         * Media driver conductor, sender and receiver on one thread; archive conductor, recorder and replayer on
         * another. Right for small machines (PLATFORM.md measured 2 cores).
         */
        SHARED,

        /**
         * One thread per driver agent and per archive agent: lower latency under load, needs cores.
         */
        DEDICATED
    }
}
