package io.aerie.client;

import java.util.UUID;

/**
 * How a client reaches the cluster: the members' ingress endpoints (and a chroot), the ingress and egress channels, the
 * media driver it connects through and the transport. {@link Configuration} names the {@code aerie.client.*}
 * properties and defaults; {@link Context} holds one client's values. Composed by
 * {@link AerieClient.Context#connection()}.
 */
public final class ClientConnection
{
    private ClientConnection()
    {
    }

    /**
     * Property names and defaults of a client's connection, each readable from an {@code aerie.client.*} system
     * property.
     */
    public static final class Configuration
    {
        /**
         * Cluster members' ingress endpoints, "0=host:port,1=host:port,...", optionally followed by a chroot as in
         * ZooKeeper's connect string: "0=host:port,1=host:port/app".
         */
        public static final String INGRESS_ENDPOINTS_PROP_NAME = "aerie.client.ingress.endpoints";
        /** Ingress channel; the term length must fit the largest request (1 MiB data: 16 MiB terms). */
        public static final String INGRESS_CHANNEL_PROP_NAME = "aerie.client.ingress.channel";
        /** Default for {@link #INGRESS_CHANNEL_PROP_NAME}. */
        public static final String INGRESS_CHANNEL_DEFAULT = "aeron:udp?term-length=16m|sparse=true";
        /** Egress channel the cluster answers on. */
        public static final String EGRESS_CHANNEL_PROP_NAME = "aerie.client.egress.channel";
        /** Default for {@link #EGRESS_CHANNEL_PROP_NAME}. */
        public static final String EGRESS_CHANNEL_DEFAULT = "aeron:udp?endpoint=localhost:0|term-length=16m";
        /**
         * Directory of an external media driver to connect through (shared with the application and other clients);
         * unset, the client embeds its own driver. See {@link Context#aeronDirectoryName(String)}.
         */
        public static final String AERON_DIRECTORY_PROP_NAME = "aerie.client.aeron.dir";
        /** Directory of the embedded media driver, when there is one. See {@link Context#embeddedAeronDirectoryName(String)}. */
        public static final String EMBEDDED_AERON_DIRECTORY_PROP_NAME = "aerie.client.embedded.aeron.dir";
        /** How long a media driver may be silent before it counts as dead, ms. See {@link Context#driverTimeoutMs(long)}. */
        public static final String DRIVER_TIMEOUT_PROP_NAME = "aerie.client.driver.timeout.ms";
        /** Default for {@link #DRIVER_TIMEOUT_PROP_NAME}: Aeron's {@code aeron.driver.timeout}, 10 s unless set. */
        public static final long DRIVER_TIMEOUT_DEFAULT = io.aeron.CommonContext.DRIVER_TIMEOUT_MS;

        private Configuration()
        {
        }

        /** @return {@link #INGRESS_ENDPOINTS_PROP_NAME}, or null. */
        public static String ingressEndpoints()
        {
            return System.getProperty(INGRESS_ENDPOINTS_PROP_NAME);
        }

        /** @return {@link #INGRESS_CHANNEL_PROP_NAME} or its default. */
        public static String ingressChannel()
        {
            return System.getProperty(INGRESS_CHANNEL_PROP_NAME, INGRESS_CHANNEL_DEFAULT);
        }

        /** @return {@link #EGRESS_CHANNEL_PROP_NAME} or its default. */
        public static String egressChannel()
        {
            return System.getProperty(EGRESS_CHANNEL_PROP_NAME, EGRESS_CHANNEL_DEFAULT);
        }

        /** @return {@link #AERON_DIRECTORY_PROP_NAME}, or null to embed a driver. */
        public static String aeronDirectoryName()
        {
            return System.getProperty(AERON_DIRECTORY_PROP_NAME);
        }

        /** @return {@link #EMBEDDED_AERON_DIRECTORY_PROP_NAME}, or null for a new one per client. */
        public static String embeddedAeronDirectoryName()
        {
            return System.getProperty(EMBEDDED_AERON_DIRECTORY_PROP_NAME);
        }

        /** @return {@link #DRIVER_TIMEOUT_PROP_NAME} or its default, ms. */
        public static long driverTimeoutMs()
        {
            return Long.getLong(DRIVER_TIMEOUT_PROP_NAME, DRIVER_TIMEOUT_DEFAULT);
        }
    }

    /**
     * One client's connection settings. Fluent setters, same-named getters; not thread-safe: configure, then connect.
     */
    public static final class Context extends CopyableContext<Context>
    {
        private String ingressEndpoints = Configuration.ingressEndpoints();
        private String ingressChannel = Configuration.ingressChannel();
        private String egressChannel = Configuration.egressChannel();
        private String aeronDirectoryName = Configuration.aeronDirectoryName();
        private String embeddedAeronDirectoryName = Configuration.embeddedAeronDirectoryName();
        private long driverTimeoutMs = Configuration.driverTimeoutMs();
        private String chroot;
        private Chroot chrootPath = Chroot.NONE;
        private ClusterTransport clusterTransport;

        /**
         * Split a chroot off the endpoints, make the egress endpoint a literal address, name the embedded driver's
         * directory and check the settings. Called by {@link AerieClient.Context#conclude()}.
         *
         * @return this.
         * @throws IllegalArgumentException if no endpoints (and no transport) are set, the chroot is invalid, the
         *                                  driver timeout is not positive or the Aeron directory name is empty.
         */
        public Context conclude()
        {
            if (null == clusterTransport && (null == ingressEndpoints || ingressEndpoints.isEmpty()))
            {
                throw new IllegalArgumentException("ingressEndpoints must be set, e.g. 0=localhost:20000");
            }
            final int slash = null == ingressEndpoints ? -1 : ingressEndpoints.indexOf('/');
            if (slash >= 0)
            {
                // ZooKeeper's connect string: everything from the first '/' is the chroot.
                if (null == chroot)
                {
                    chroot = ingressEndpoints.substring(slash);
                }
                ingressEndpoints = ingressEndpoints.substring(0, slash);
            }
            chrootPath = Chroot.of(chroot);
            // The cluster takes the client's address from the egress endpoint it declares, and refuses a connect
            // whose endpoint is not the address it came from: the endpoint must be a literal IP.
            // A loopback egress host reaches only members on this host: members elsewhere get this host's routed address.
            egressChannel = EgressChannel.withLiteralHost(EgressChannel.routedTo(egressChannel, ingressEndpoints));
            if (driverTimeoutMs <= 0)
            {
                throw new IllegalArgumentException("driverTimeoutMs must be > 0: " + driverTimeoutMs);
            }
            if (null != aeronDirectoryName && aeronDirectoryName.isEmpty())
            {
                throw new IllegalArgumentException(
                    "aeronDirectoryName must name a directory, or be null to embed a driver");
            }
            if (null == embeddedAeronDirectoryName)
            {
                embeddedAeronDirectoryName = io.aeron.CommonContext.getAeronDirectoryName() +
                    ClientMediaDriver.EMBEDDED_DIR_MARKER + UUID.randomUUID();
            }

            return this;
        }

        /** @return the members' ingress endpoints. */
        public String ingressEndpoints()
        {
            return ingressEndpoints;
        }

        /**
         * @param ingressEndpoints "0=host:port,1=host:port,...", optionally with a chroot: "0=host:port/app".
         * @return this.
         */
        public Context ingressEndpoints(final String ingressEndpoints)
        {
            this.ingressEndpoints = ingressEndpoints;
            return this;
        }

        /** @return the chroot every path is relative to ("/app"), or null for none. */
        public String chroot()
        {
            return chroot;
        }

        /**
         * Make every path relative to a node, as a chroot in ZooKeeper's connect string does: paths sent are prefixed
         * with it, paths received (created paths, sync paths, watch event paths) stripped of it, the chroot itself
         * reading "/". As ZooKeeper 3.9's client, getEphemerals and the created paths in multi results are not
         * chrooted. The chroot node need not exist when connecting.
         *
         * @param chroot an absolute path without a trailing '/' ("/app"); null or "/" for none. Set here, it wins
         *               over one in {@link #ingressEndpoints(String)}.
         * @return this.
         */
        public Context chroot(final String chroot)
        {
            this.chroot = chroot;
            return this;
        }

        Chroot chrootPath()
        {
            return chrootPath;
        }

        /**
         * Check a chroot as {@link #conclude()} would, for tools that parse connect strings themselves.
         *
         * @param chroot an absolute path without a trailing '/', or "/" for none.
         * @throws IllegalArgumentException with the reason, as ZooKeeper's client, if it is not valid.
         */
        public static void checkChroot(final String chroot)
        {
            Chroot.of(chroot);
        }

        /** @return the ingress channel. */
        public String ingressChannel()
        {
            return ingressChannel;
        }

        /** @param ingressChannel the ingress channel. @return this. */
        public Context ingressChannel(final String ingressChannel)
        {
            this.ingressChannel = ingressChannel;
            return this;
        }

        /** @return the egress channel. */
        public String egressChannel()
        {
            return egressChannel;
        }

        /** @param egressChannel the egress channel. @return this. */
        public Context egressChannel(final String egressChannel)
        {
            this.egressChannel = egressChannel;
            return this;
        }

        /**
         * @return the directory of the external media driver the client connects through, or null for an embedded
         * driver.
         */
        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /**
         * Choose the media driver. Set, the client connects through the driver that runs in this directory (Aeron's
         * {@code aeron.dir}; started beforehand with {@code io.aeron.driver.MediaDriver} or the C {@code aeronmd}, or
         * embedded by the application): many clients and the application then share one driver, its threads and its
         * memory, and the client never closes it. {@link AerieClient#connect(AerieClient.Context)} fails at once with
         * an {@link IllegalStateException} when no driver runs there. Null (the default), each client embeds its own
         * driver in {@link #embeddedAeronDirectoryName()}: two more threads, about 12 MB of {@code /dev/shm} and 25 MB
         * more resident memory per client (measured in the README); its directory is removed when the client closes
         * or the JVM exits, and a dead process's is removed by the next client that starts.
         *
         * @param aeronDirectoryName an external driver's directory, e.g. {@code CommonContext.getAeronDirectoryName()};
         *                           null to embed one.
         * @return this.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /**
         * @return the directory of the embedded driver, when there is one (filled by {@link #conclude()}).
         */
        public String embeddedAeronDirectoryName()
        {
            return embeddedAeronDirectoryName;
        }

        /**
         * Where the embedded driver lives. The default, {@code <aeron.dir>-aerie-client-<uuid>} (e.g.
         * {@code /dev/shm/aeron-alice-aerie-client-<uuid>}), is unique per client; before it starts, the client removes
         * the directories beside it whose names share the part up to {@code -aerie-client-} and whose drivers are dead
         * (heartbeat older than {@link #driverTimeoutMs()} and process gone). A name of your own is removed at start
         * only if no live driver owns it, and takes part in that clean-up if it holds {@code -aerie-client-}.
         *
         * @param embeddedAeronDirectoryName the embedded driver's directory; null for the default.
         * @return this.
         */
        public Context embeddedAeronDirectoryName(final String embeddedAeronDirectoryName)
        {
            this.embeddedAeronDirectoryName = embeddedAeronDirectoryName;
            return this;
        }

        /**
         * @return how long a media driver may be silent before it counts as dead, ms.
         */
        public long driverTimeoutMs()
        {
            return driverTimeoutMs;
        }

        /**
         * How long a media driver may be silent before it counts as dead: an external driver is checked against it
         * at connect, it is the embedded driver's own liveness timeout, and it is how old the heartbeat of a dead
         * process's embedded driver directory must be before another client removes it.
         *
         * @param driverTimeoutMs ms, &gt; 0; Aeron's {@code aeron.driver.timeout} (10 s) by default.
         * @return this.
         */
        public Context driverTimeoutMs(final long driverTimeoutMs)
        {
            this.driverTimeoutMs = driverTimeoutMs;
            return this;
        }

        /**
         * @return the transport to the cluster set with {@link #clusterTransport(ClusterTransport)}, or null for Aeron
         * Cluster.
         */
        public ClusterTransport clusterTransport()
        {
            return clusterTransport;
        }

        /**
         * Put the client in front of something other than Aeron Cluster, for example an in-memory cluster for unit tests
         * ({@code io.aerie.testkit.InMemoryAerie} makes such clients itself). Set, the client launches no media driver
         * and {@link #ingressEndpoints(String)}, the channels and the media driver settings are not used; the client
         * owns the transport once connecting starts and closes it with itself. A transport serves one client.
         *
         * @param clusterTransport the transport; null (the default) for Aeron Cluster with this context's settings.
         * @return this.
         */
        public Context clusterTransport(final ClusterTransport clusterTransport)
        {
            this.clusterTransport = clusterTransport;
            return this;
        }
    }
}
