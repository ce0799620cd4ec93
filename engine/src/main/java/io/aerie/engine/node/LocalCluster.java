package io.aerie.engine.node;

import io.aerie.codecs.config.AerieProperties;
import io.aerie.engine.service.AerieClusteredService;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.exceptions.ConfigurationException;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;

import java.io.File;
import java.util.List;
import java.util.Set;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * A whole Aerie cluster of {@code N} nodes (1 or 3, up to 9) in this JVM on one host (loopback by default), for
 * development, demos and cluster tests. Node {@code i} has member id {@code i}, its directory
 * {@code <dir>/node-i} and ports {@code portBase + i * 100 + offset} (see {@link NodeTransport});
 * with metrics enabled ({@link Context#metricsEnabled(boolean)}), its HTTP metrics endpoint listens on
 * {@code portBase + i * 100 + 6}.
 * <p>
 * {@link #stopNode(int)} closes a node as a crash would look to the others (no graceful hand-over);
 * {@link #restartNode(int)} starts it again on its kept archive and cluster directories.
 * Not thread-safe: drive it from one thread.
 */
public final class LocalCluster implements AutoCloseable
{
    private final Context ctx;
    private final LocalClusterNodes nodes;
    private boolean isClosed;

    private LocalCluster(final Context ctx)
    {
        this.ctx = ctx;
        this.nodes = new LocalClusterNodes(ctx);
    }

    /**
     * Conclude the context and start every node. Returns when all run; the leader is elected afterwards
     * (see {@link #findLeader(long)}).
     *
     * @param ctx configuration, concluded here.
     * @return the running cluster, to be closed by the caller.
     */
    public static LocalCluster launch(final Context ctx)
    {
        ctx.conclude();
        final LocalCluster cluster = new LocalCluster(ctx);
        try
        {
            cluster.nodes.launchAll();
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(cluster);
            throw ex;
        }

        return cluster;
    }

    /** @return the configuration. */
    public Context context()
    {
        return ctx;
    }

    /** @return number of nodes, running or stopped. */
    public int nodeCount()
    {
        return nodes.count();
    }

    /** @return {@code id=host:port,...} for {@code AeronCluster.Context.ingressEndpoints}. */
    public String ingressEndpoints()
    {
        return nodes.ingressEndpoints();
    }

    /**
     * The ingress channel a client should use: its term length lets the largest message through.
     *
     * @return an {@code aeron:udp} channel for {@code AeronCluster.Context.ingressChannel}.
     */
    public String ingressChannel()
    {
        return "aeron:udp?term-length=" + nodes.termLength();
    }

    /**
     * The egress channel a client should use: on the cluster's host (as a literal address), a system-assigned port, and the term
     * length that lets the largest response through.
     *
     * @return an {@code aeron:udp} channel for {@code AeronCluster.Context.egressChannel}.
     */
    public String egressChannel()
    {
        // A literal address: the ingress guard refuses a connect whose declared egress host is not its source.
        return "aeron:udp?endpoint=" + LocalClusterNodes.literal(ctx.host()) + ":0|term-length=" + nodes.termLength();
    }

    /**
     * The running node with a member id.
     *
     * @param memberId 0 to {@link #nodeCount()} - 1.
     * @return the node, or null if it is stopped.
     */
    public AerieNode node(final int memberId)
    {
        return nodes.node(memberId);
    }

    /**
     * Wait for a running node that leads an established term. Polls every 10 ms.
     *
     * @param deadlineNs {@link System#nanoTime()} by which a leader must be found.
     * @return the leader.
     * @throws io.aeron.exceptions.TimeoutException if there is none by the deadline.
     */
    public AerieNode findLeader(final long deadlineNs)
    {
        return nodes.findLeader(deadlineNs);
    }

    /**
     * Close one node, as if it crashed. Its directories stay for {@link #restartNode(int)}.
     *
     * @param memberId of a running node.
     * @throws IllegalStateException if the node is already stopped.
     */
    public void stopNode(final int memberId)
    {
        nodes.stop(memberId);
    }

    /**
     * Start a stopped node again on its archive and cluster directories, with a new service instance; it
     * rejoins the cluster and catches up from its log and the leader.
     *
     * @param memberId of a stopped node.
     * @return the new node.
     * @throws IllegalStateException if the node is running.
     */
    public AerieNode restartNode(final int memberId)
    {
        return nodes.restart(memberId);
    }

    /**
     * Close every node, then delete the cluster directory if so configured. Idempotent.
     */
    public void close()
    {
        if (!isClosed)
        {
            isClosed = true;
            try
            {
                nodes.close();
            }
            finally
            {
                if (ctx.deleteOnClose())
                {
                    IoUtil.delete(ctx.dir(), true);
                }
            }
        }
    }

    /**
     * Configuration defaults, each readable from an {@code aerie.local.*} system property. Every other node
     * setting comes from the {@code aerie.node.*} properties ({@link AerieNode.Configuration} and its components') or the
     * {@link Context#nodeConfigurator(ObjIntConsumer)}, except member id, members, hosts, port base, node and
     * Aeron directories, which the local cluster sets for each node.
     */
    public static final class Configuration
    {
        /** Number of nodes. */
        public static final String NODE_COUNT_PROP_NAME = "aerie.local.nodes";

        /** Default number of nodes. */
        public static final int NODE_COUNT_DEFAULT = 3;

        /** Largest number of nodes (ports and member ids are single digit per 100-port block). */
        public static final int NODE_COUNT_MAX = 9;

        /** First port of node 0. */
        public static final String PORT_BASE_PROP_NAME = "aerie.local.port.base";

        /** Default port base. */
        public static final int PORT_BASE_DEFAULT = NodeTransport.Configuration.PORT_BASE_DEFAULT;

        /**
         * First TCP port of the ZooKeeper-protocol gateways {@code aerie local} starts beside its nodes (the tools and
         * gateway modules; named here so that the unknown-property check accepts it). 0 or unset: none.
         */
        public static final String ZOOKEEPER_PORT_BASE_PROP_NAME = "aerie.local.zookeeper.port.base";

        /** Directory holding the node directories. */
        public static final String DIR_PROP_NAME = "aerie.local.dir";

        /** Host every node binds to. */
        public static final String HOST_PROP_NAME = "aerie.local.host";

        /** Default host: loopback. */
        public static final String HOST_DEFAULT = "localhost";

        /**
         * {@code true} to give every node an HTTP metrics endpoint on {@code portBase + memberId * 100 + 6} (its block's
         * {@link NodeTransport.Configuration#METRICS_PORT_OFFSET}); default off.
         */
        public static final String METRICS_PROP_NAME = "aerie.local.metrics";

        private Configuration()
        {
        }

        /** @return {@link #NODE_COUNT_PROP_NAME} or its default. */
        public static int nodeCount()
        {
            return Integer.getInteger(NODE_COUNT_PROP_NAME, NODE_COUNT_DEFAULT);
        }

        /** @return {@link #PORT_BASE_PROP_NAME} or its default. */
        public static int portBase()
        {
            return Integer.getInteger(PORT_BASE_PROP_NAME, PORT_BASE_DEFAULT);
        }

        /** @return {@link #DIR_PROP_NAME} as a file, or null for {@code <java.io.tmpdir>/aerie-local-<portBase>}. */
        public static File dir()
        {
            final String dir = System.getProperty(DIR_PROP_NAME);
            return null == dir ? null : new File(dir);
        }

        /** @return {@link #HOST_PROP_NAME} or its default. */
        public static String host()
        {
            return System.getProperty(HOST_PROP_NAME, HOST_DEFAULT);
        }

        /** @return {@link #METRICS_PROP_NAME}, false unless set to {@code true}. */
        public static boolean isMetricsEnabled()
        {
            return Boolean.getBoolean(METRICS_PROP_NAME);
        }
    }

    /**
     * Configuration of a local cluster. Fluent setters, same-named getters, {@link #conclude()} validates.
     */
    public static final class Context
    {
        private static final List<String> OWNED_NAMESPACES = List.of("aerie.local.");
        private static final Set<String> KNOWN_PROPERTIES = AerieProperties.namesOf(Configuration.class);

        private boolean isConcluded;
        private int nodeCount = Configuration.nodeCount();
        private int portBase = Configuration.portBase();
        private File dir = Configuration.dir();
        private String host = Configuration.host();
        private boolean deleteDirsOnStart = true;
        private boolean deleteOnClose = true;
        private boolean isMetricsEnabled = Configuration.isMetricsEnabled();
        private Supplier<? extends ClusteredService> clusteredServiceSupplier;
        private Supplier<AerieClusteredService.Context> serviceContextSupplier;
        private ErrorHandler errorHandler;
        private ObjIntConsumer<AerieNode.Context> nodeConfigurator;

        /**
         * Fill defaults and validate. Called once, by {@link LocalCluster#launch(Context)}.
         *
         * @return this.
         * @throws ConfigurationException if a setting is invalid.
         */
        public Context conclude()
        {
            if (isConcluded)
            {
                throw new IllegalStateException("context already concluded");
            }
            isConcluded = true;

            if (nodeCount < 1 || nodeCount > Configuration.NODE_COUNT_MAX)
            {
                throw new ConfigurationException(
                    "nodeCount=" + nodeCount + " must be in 1.." + Configuration.NODE_COUNT_MAX);
            }
            AerieProperties.check(System.getProperties(), OWNED_NAMESPACES, KNOWN_PROPERTIES, ConfigurationException::new);
            if (null != clusteredServiceSupplier && null != serviceContextSupplier)
            {
                throw new ConfigurationException("set clusteredServiceSupplier or serviceContextSupplier, not both");
            }
            if (null == host || host.isEmpty())
            {
                throw new ConfigurationException("host is required");
            }
            if (null == dir)
            {
                dir = new File(System.getProperty("java.io.tmpdir"), "aerie-local-" + portBase);
            }

            return this;
        }

        /**
         * @param nodeCount number of nodes, 1 to 9 (1 or 3 are the usual).
         * @return this.
         */
        public Context nodeCount(final int nodeCount)
        {
            this.nodeCount = nodeCount;
            return this;
        }

        /** @return number of nodes. */
        public int nodeCount()
        {
            return nodeCount;
        }

        /**
         * @param portBase first port of node 0; the cluster uses {@code portBase .. portBase + 100 * N}.
         * @return this.
         */
        public Context portBase(final int portBase)
        {
            this.portBase = portBase;
            return this;
        }

        /** @return the port base. */
        public int portBase()
        {
            return portBase;
        }

        /**
         * @param dir directory holding {@code node-0}, {@code node-1}, ...
         * @return this.
         */
        public Context dir(final File dir)
        {
            this.dir = dir;
            return this;
        }

        /** @return the cluster directory. */
        public File dir()
        {
            return dir;
        }

        /**
         * @param host the host every node binds to.
         * @return this.
         */
        public Context host(final String host)
        {
            this.host = host;
            return this;
        }

        /** @return the host. */
        public String host()
        {
            return host;
        }

        /**
         * @param deleteDirsOnStart start every node empty (default true).
         * @return this.
         */
        public Context deleteDirsOnStart(final boolean deleteDirsOnStart)
        {
            this.deleteDirsOnStart = deleteDirsOnStart;
            return this;
        }

        /** @return true if nodes start empty. */
        public boolean deleteDirsOnStart()
        {
            return deleteDirsOnStart;
        }

        /**
         * @param deleteOnClose delete the cluster directory on {@link LocalCluster#close()} (default true).
         * @return this.
         */
        public Context deleteOnClose(final boolean deleteOnClose)
        {
            this.deleteOnClose = deleteOnClose;
            return this;
        }

        /** @return true if the cluster directory is deleted on close. */
        public boolean deleteOnClose()
        {
            return deleteOnClose;
        }

        /**
         * @param isMetricsEnabled give node {@code i} an HTTP metrics endpoint on {@code portBase + i * 100 + 6};
         *                         a node configurator may still set another port.
         * @return this.
         */
        public Context metricsEnabled(final boolean isMetricsEnabled)
        {
            this.isMetricsEnabled = isMetricsEnabled;
            return this;
        }

        /** @return true if every node serves HTTP metrics. */
        public boolean isMetricsEnabled()
        {
            return isMetricsEnabled;
        }

        /**
         * @param serviceContextSupplier makes the configuration of Aerie's service for each node launch and restart;
         *                               unset, each node's service reads the {@code aerie.*} system properties.
         * @return this.
         */
        public Context serviceContextSupplier(final Supplier<AerieClusteredService.Context> serviceContextSupplier)
        {
            this.serviceContextSupplier = serviceContextSupplier;
            return this;
        }

        /** @return the service configuration supplier, or null. */
        public Supplier<AerieClusteredService.Context> serviceContextSupplier()
        {
            return serviceContextSupplier;
        }

        /**
         * @param clusteredServiceSupplier makes a new service for each node launch and restart; unset, each node runs
         *                                 its default service (see {@link #serviceContextSupplier(Supplier)}).
         * @return this.
         */
        public Context clusteredServiceSupplier(final Supplier<? extends ClusteredService> clusteredServiceSupplier)
        {
            this.clusteredServiceSupplier = clusteredServiceSupplier;
            return this;
        }

        /** @return the service supplier. */
        public Supplier<? extends ClusteredService> clusteredServiceSupplier()
        {
            return clusteredServiceSupplier;
        }

        /**
         * @param errorHandler receives every node's errors; null for each node's default (stderr).
         * @return this.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        /** @return the shared error handler, or null. */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /**
         * @param nodeConfigurator called with each node's context and member id before every launch, to set
         *                         anything else (timeouts, idle strategy, term length).
         * @return this.
         */
        public Context nodeConfigurator(final ObjIntConsumer<AerieNode.Context> nodeConfigurator)
        {
            this.nodeConfigurator = nodeConfigurator;
            return this;
        }

        /** @return the node configurator, or null. */
        public ObjIntConsumer<AerieNode.Context> nodeConfigurator()
        {
            return nodeConfigurator;
        }
    }
}
