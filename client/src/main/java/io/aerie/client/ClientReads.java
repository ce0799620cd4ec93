package io.aerie.client;

import java.util.concurrent.TimeUnit;

/**
 * How a client serves reads without a watch: through the log or from one node's state beside it (README "Reads").
 * {@link Configuration} names the {@code aerie.client.*} properties and defaults; {@link Context} holds one client's
 * values. Composed by {@link AerieClient.Context#reads()}.
 */
public final class ClientReads
{
    private ClientReads()
    {
    }

    /**
     * Property names and defaults of a client's reads, each readable from an {@code aerie.client.*} system
     * property.
     */
    public static final class Configuration
    {
        /** How reads without a watch are served: {@link ReadMode} name; see README "Reads". */
        public static final String READ_MODE_PROP_NAME = "aerie.client.read.mode";
        /**
         * Members' read endpoints for {@link ReadMode#LOCAL}, "0=host:port,1=host:port,..."; unset: each member's
         * ingress host and ingress port + 7, the node's default ({@code aerie.node.read.endpoint}).
         */
        public static final String READ_ENDPOINTS_PROP_NAME = "aerie.client.read.endpoints";
        /** Member to read from first in {@link ReadMode#LOCAL}; unset (-1): a node on this host, else any, round robin. */
        public static final String READ_MEMBER_PROP_NAME = "aerie.client.read.member";
        /** How long a local read waits for its node before it is sent to another (and the node counts as down), ms. */
        public static final String READ_TIMEOUT_PROP_NAME = "aerie.client.read.timeout.ms";
        /** Default for {@link #READ_TIMEOUT_PROP_NAME}. */
        public static final long READ_TIMEOUT_DEFAULT = 1000;
        /**
         * Whether {@link ReadMode#LOCAL} reads from a node on this host go through that node's own media driver over
         * {@code aeron:ipc} when it offers it (true, the default), or always over UDP (false).
         */
        public static final String READ_IPC_PROP_NAME = "aerie.client.read.ipc";

        private Configuration()
        {
        }

        /** @return {@link #READ_MODE_PROP_NAME} or {@link ReadMode#LINEARIZABLE}. */
        public static ReadMode readMode()
        {
            return ReadMode.valueOf(System.getProperty(READ_MODE_PROP_NAME, ReadMode.LINEARIZABLE.name()));
        }

        /** @return {@link #READ_ENDPOINTS_PROP_NAME}, or null for the members' ingress hosts and ports + 7. */
        public static String readEndpoints()
        {
            return System.getProperty(READ_ENDPOINTS_PROP_NAME);
        }

        /** @return {@link #READ_MEMBER_PROP_NAME}, or -1 for a node on this host, else any. */
        public static int readMember()
        {
            return Integer.getInteger(READ_MEMBER_PROP_NAME, -1);
        }

        /** @return {@link #READ_IPC_PROP_NAME}, true unless set to false. */
        public static boolean readIpc()
        {
            return Boolean.parseBoolean(System.getProperty(READ_IPC_PROP_NAME, "true"));
        }

        /** @return {@link #READ_TIMEOUT_PROP_NAME} or its default, in ns. */
        public static long readTimeoutNs()
        {
            return TimeUnit.MILLISECONDS.toNanos(Long.getLong(READ_TIMEOUT_PROP_NAME, READ_TIMEOUT_DEFAULT));
        }
    }

    /**
     * One client's read settings. Fluent setters, same-named getters; not thread-safe: configure, then connect.
     */
    public static final class Context extends CopyableContext<Context>
    {
        private ReadMode readMode = Configuration.readMode();
        private String readEndpoints = Configuration.readEndpoints();
        private int readMember = Configuration.readMember();
        private long readTimeoutNs = Configuration.readTimeoutNs();
        private boolean readIpc = Configuration.readIpc();

        /**
         * Derive the read endpoints from the ingress endpoints if unset and check the settings. Called by
         * {@link AerieClient.Context#conclude()}.
         *
         * @param ingressEndpoints the concluded ingress endpoints, or null behind a custom transport.
         * @return this.
         * @throws IllegalArgumentException if the read mode is null or the timeout is not positive.
         */
        public Context conclude(final String ingressEndpoints)
        {
            // Behind a custom transport there may be no ingress endpoints, and no read channel either.
            if ((null == readEndpoints || readEndpoints.isEmpty()) && null != ingressEndpoints)
            {
                readEndpoints = ReadEndpoints.fromIngress(ingressEndpoints);
            }
            if (readTimeoutNs <= 0 || null == readMode)
            {
                throw new IllegalArgumentException("readMode must be set and readTimeoutNs > 0: " + readTimeoutNs);
            }

            return this;
        }

        /** @return how reads without a watch are served. */
        public ReadMode readMode()
        {
            return readMode;
        }

        /**
         * @param readMode {@link ReadMode#LINEARIZABLE} (the default: through the log) or {@link ReadMode#LOCAL} (from one
         *                 node's own state, never older than what this client has seen; needs the client's media
         *                 driver, so behind a {@link ClientConnection.Context#clusterTransport(ClusterTransport)} reads stay linearizable).
         * @return this.
         */
        public Context readMode(final ReadMode readMode)
        {
            this.readMode = readMode;
            return this;
        }

        /** @return the members' read endpoints, "id=host:port,...". */
        public String readEndpoints()
        {
            return readEndpoints;
        }

        /** @param readEndpoints the members' read endpoints, "id=host:port,..."; null: derived from ingress. @return this. */
        public Context readEndpoints(final String readEndpoints)
        {
            this.readEndpoints = readEndpoints;
            return this;
        }

        /** @return the member read from first, or -1 for a node on this host, else round robin. */
        public int readMember()
        {
            return readMember;
        }

        /** @param readMember the member to read from first, -1 to choose (this host's, else round robin). @return this. */
        public Context readMember(final int readMember)
        {
            this.readMember = readMember;
            return this;
        }

        /** @return true if local reads from a node on this host may go through its own media driver over IPC. */
        public boolean readIpc()
        {
            return readIpc;
        }

        /**
         * @param readIpc true (the default): a {@link ReadMode#LOCAL} read from a node on this host goes over
         *                {@code aeron:ipc} through that node's own media driver when the node offers it, and over UDP
         *                when its driver is not visible or IPC fails; false: always over UDP. See docs/local-reads.md.
         * @return this.
         */
        public Context readIpc(final boolean readIpc)
        {
            this.readIpc = readIpc;
            return this;
        }

        /** @return how long a local read waits for its node before another is asked, ns. */
        public long readTimeoutNs()
        {
            return readTimeoutNs;
        }

        /** @param readTimeoutNs how long a local read waits for its node before another is asked, ns. @return this. */
        public Context readTimeoutNs(final long readTimeoutNs)
        {
            this.readTimeoutNs = readTimeoutNs;
            return this;
        }
    }
}
