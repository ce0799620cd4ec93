package io.aerie.client;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.function.Supplier;

/**
 * Who drives a client's conductor and how it waits: a conductor thread or the application's thread (invoker mode), and
 * the idle strategies. {@link Configuration} names the {@code aerie.client.*} property and default; {@link Context}
 * holds one client's values. Composed by {@link AerieClient.Context#agents()}.
 */
public final class ClientAgents
{
    private ClientAgents()
    {
    }

    /**
     * Property names and defaults of a client's threading, each readable from an {@code aerie.client.*} system
     * property.
     */
    public static final class Configuration
    {
        /**
         * True for invoker mode: no conductor thread, one application thread drives the client with
         * {@link AerieClient#poll()}; false (the default) runs a conductor thread.
         */
        public static final String USE_CONDUCTOR_INVOKER_PROP_NAME = "aerie.client.use.conductor.invoker";

        private Configuration()
        {
        }

        /** @return {@link #USE_CONDUCTOR_INVOKER_PROP_NAME}, false unless {@code true}. */
        public static boolean useConductorInvoker()
        {
            return Boolean.getBoolean(USE_CONDUCTOR_INVOKER_PROP_NAME);
        }
    }

    /**
     * One client's threading settings. Fluent setters, same-named getters; not thread-safe: configure, then connect.
     */
    public static final class Context extends CopyableContext<Context>
    {
        private boolean useConductorInvoker = Configuration.useConductorInvoker();
        private Supplier<IdleStrategy> idleStrategySupplier;
        private Supplier<IdleStrategy> awaitIdleStrategySupplier;

        /**
         * Fill the idle strategies left unset. Called by {@link AerieClient.Context#conclude()}.
         *
         * @return this.
         */
        public Context conclude()
        {
            if (null == idleStrategySupplier)
            {
                idleStrategySupplier = () -> new BackoffIdleStrategy(10, 20, 1_000, 100_000);
            }
            if (null == awaitIdleStrategySupplier)
            {
                awaitIdleStrategySupplier = idleStrategySupplier;
            }

            return this;
        }

        /** @return true for invoker mode (no conductor thread), false for the default conductor thread. */
        public boolean useConductorInvoker()
        {
            return useConductorInvoker;
        }

        /**
         * Choose the threading mode, as Aeron's {@code Aeron.Context.useConductorAgentInvoker}.
         * <p>
         * false (default): the client runs a conductor thread that polls the cluster, keeps the session alive and
         * runs every callback; any number of threads may call the client, blocking calls park their caller until the
         * conductor answers them; {@link AerieClient#poll()} does nothing.
         * <p>
         * true (invoker mode): no thread; the application calls {@link AerieClient#poll()} at least every third of the
         * session timeout, from one thread at a time (a client may be handed from thread to thread between calls);
         * callbacks run inside poll() or a blocking call; a call from another thread while one is inside a call throws
         * {@link IllegalStateException}. Nothing allocated per
         * request in steady state.
         *
         * @param useConductorInvoker true for invoker mode.
         * @return this.
         */
        public Context useConductorInvoker(final boolean useConductorInvoker)
        {
            this.useConductorInvoker = useConductorInvoker;
            return this;
        }

        /**
         * @return supplier of idle strategies (one per agent: they are stateful): the conductor thread's, and an
         * embedded driver's.
         */
        public Supplier<IdleStrategy> idleStrategySupplier()
        {
            return idleStrategySupplier;
        }

        /** @param idleStrategySupplier supplier of idle strategies. @return this. */
        public Context idleStrategySupplier(final Supplier<IdleStrategy> idleStrategySupplier)
        {
            this.idleStrategySupplier = idleStrategySupplier;
            return this;
        }

        /**
         * @return supplier of the idle strategies blocking calls wait with (one per calling thread); defaults to
         * {@link #idleStrategySupplier()}.
         */
        public Supplier<IdleStrategy> awaitIdleStrategySupplier()
        {
            return awaitIdleStrategySupplier;
        }

        /**
         * @param awaitIdleStrategySupplier makes the idle strategy a calling thread parks with while its blocking call
         *                                  waits for the conductor (default mode), or polls between (invoker mode).
         * @return this.
         */
        public Context awaitIdleStrategySupplier(final Supplier<IdleStrategy> awaitIdleStrategySupplier)
        {
            this.awaitIdleStrategySupplier = awaitIdleStrategySupplier;
            return this;
        }
    }
}
