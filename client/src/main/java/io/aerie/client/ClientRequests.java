package io.aerie.client;

import java.util.concurrent.TimeUnit;

/**
 * How many requests a client keeps outstanding and how long it waits for an answer. {@link Configuration} names the
 * {@code aerie.client.*} properties and defaults; {@link Context} holds one client's values. Composed by
 * {@link AerieClient.Context#requests()}.
 */
public final class ClientRequests
{
    private ClientRequests()
    {
    }

    /**
     * Property names and defaults of a client's requests, each readable from an {@code aerie.client.*} system
     * property.
     */
    public static final class Configuration
    {
        /** How long a blocking call or a connect waits, ns. */
        public static final String REQUEST_TIMEOUT_PROP_NAME = "aerie.client.request.timeout.ns";
        /** Default for {@link #REQUEST_TIMEOUT_PROP_NAME}: 10 s. */
        public static final long REQUEST_TIMEOUT_DEFAULT = TimeUnit.SECONDS.toNanos(10);
        /**
         * Most requests in flight (sent, not answered); more wait in order and go out from poll(). Keep it at most
         * the cluster's {@code aerie.session.remembered.writes}, so every write resent after a failover gets its
         * original answer.
         */
        public static final String MAX_IN_FLIGHT_PROP_NAME = "aerie.client.max.in.flight";
        /** Default for {@link #MAX_IN_FLIGHT_PROP_NAME}: the cluster's default remembered writes. */
        public static final int MAX_IN_FLIGHT_DEFAULT = 16;
        /**
         * Most requests pending (in flight and waiting their turn behind {@link #MAX_IN_FLIGHT_PROP_NAME}); an
         * asynchronous request made past it is not sent and is answered TOO_MANY_REQUESTS at the next poll.
         */
        public static final String MAX_PENDING_PROP_NAME = "aerie.client.max.pending";
        /** Default for {@link #MAX_PENDING_PROP_NAME}. */
        public static final int MAX_PENDING_DEFAULT = 4096;

        private Configuration()
        {
        }

        /** @return {@link #REQUEST_TIMEOUT_PROP_NAME} or its default, ns. */
        public static long requestTimeoutNs()
        {
            return Long.getLong(REQUEST_TIMEOUT_PROP_NAME, REQUEST_TIMEOUT_DEFAULT);
        }

        /** @return {@link #MAX_IN_FLIGHT_PROP_NAME} or its default. */
        public static int maxInFlight()
        {
            return Integer.getInteger(MAX_IN_FLIGHT_PROP_NAME, MAX_IN_FLIGHT_DEFAULT);
        }

        /** @return {@link #MAX_PENDING_PROP_NAME} or its default. */
        public static int maxPending()
        {
            return Integer.getInteger(MAX_PENDING_PROP_NAME, MAX_PENDING_DEFAULT);
        }
    }

    /**
     * One client's request limits. Fluent setters, same-named getters; not thread-safe: configure, then connect.
     */
    public static final class Context extends CopyableContext<Context>
    {
        private long requestTimeoutNs = Configuration.requestTimeoutNs();
        private int maxInFlight = Configuration.maxInFlight();
        private int maxPending = Configuration.maxPending();

        /**
         * Check the limits against each other. Called by {@link AerieClient.Context#conclude()}.
         *
         * @return this.
         * @throws IllegalArgumentException if no request may be in flight, fewer may be pending than in flight, or
         *                                  the timeout is not positive.
         */
        public Context conclude()
        {
            if (maxInFlight < 1)
            {
                throw new IllegalArgumentException("maxInFlight must be >= 1: " + maxInFlight);
            }
            if (maxPending < maxInFlight)
            {
                throw new IllegalArgumentException("maxPending must be >= maxInFlight: " + maxPending);
            }
            if (requestTimeoutNs <= 0)
            {
                throw new IllegalArgumentException("requestTimeoutNs must be > 0: " + requestTimeoutNs);
            }

            return this;
        }

        /** @return how long a blocking call waits, ns. */
        public long requestTimeoutNs()
        {
            return requestTimeoutNs;
        }

        /** @param requestTimeoutNs how long a blocking call waits, ns. @return this. */
        public Context requestTimeoutNs(final long requestTimeoutNs)
        {
            this.requestTimeoutNs = requestTimeoutNs;
            return this;
        }

        /** @return most requests in flight; more wait in order. */
        public int maxInFlight()
        {
            return maxInFlight;
        }

        /** @param maxInFlight most requests in flight, at most the cluster's remembered writes. @return this. */
        public Context maxInFlight(final int maxInFlight)
        {
            this.maxInFlight = maxInFlight;
            return this;
        }

        /** @return most requests pending (in flight or waiting); past it a request fails with TOO_MANY_REQUESTS. */
        public int maxPending()
        {
            return maxPending;
        }

        /**
         * @param maxPending most requests pending, at least {@link #maxInFlight()}: bounds what a caller that issues
         *                   asynchronous requests faster than the cluster answers can queue in this client.
         * @return this.
         */
        public Context maxPending(final int maxPending)
        {
            this.maxPending = maxPending;
            return this;
        }
    }
}
