package io.aerie.engine.node;

import io.aeron.cluster.ClusterMember;
import io.aeron.exceptions.ConfigurationException;

/**
 * Where a node listens: the cluster members and their ports, and the HTTP metrics endpoint. {@link Configuration}
 * names the {@code aerie.node.*} properties and defaults; {@link Context} holds one node's values and, after
 * {@link Context#conclude(int)}, the parsed members. Composed by {@link AerieNode.Context#transport()}.
 * <p>
 * Ports: when the members are derived from {@link Configuration#CLUSTER_HOSTS_PROP_NAME} and
 * {@link Configuration#PORT_BASE_PROP_NAME}, member {@code i} on {@code hosts[i]} uses
 * {@code portBase + i * 100 + offset}: ingress +0, consensus +1, log +2, archive control +4, archive replication +5,
 * and catch-up on a port the system assigns at each catch-up ({@code host:0}; +3 stays free); +6 is kept for the HTTP metrics endpoint ({@link LocalCluster} puts it there when asked; a node
 * alone takes {@link Configuration#METRICS_PORT_PROP_NAME}), +7 is the local read channel. With an explicit
 * {@link Configuration#CLUSTER_MEMBERS_PROP_NAME}, the replication endpoint is still the member's archive port + 1.
 */
public final class NodeTransport
{
    private NodeTransport()
    {
    }

    /**
     * Property names, defaults and port layout of a node's endpoints, each readable from an {@code aerie.node.*}
     * system property.
     */
    public static final class Configuration
    {
        /**
         * Ports reserved per member in the derived layout.
         */
        public static final int PORTS_PER_MEMBER = 100;

        /**
         * Client ingress port offset.
         */
        public static final int INGRESS_PORT_OFFSET = 0;

        /**
         * Consensus (member to member) port offset.
         */
        public static final int CONSENSUS_PORT_OFFSET = 1;

        /**
         * Log replication port offset.
         */
        public static final int LOG_PORT_OFFSET = 2;

        /**
         * Follower catch-up port offset, no longer used by the derived members (their catch-up endpoint is
         * {@code host:0}, see {@code ClusterMembers.fromHosts}) and kept free so that the layout stays as it was.
         */
        public static final int CATCHUP_PORT_OFFSET = 3;

        /**
         * Archive control port offset.
         */
        public static final int ARCHIVE_PORT_OFFSET = 4;

        /**
         * Archive replication port offset (always archive port + 1).
         */
        public static final int REPLICATION_PORT_OFFSET = 5;

        /**
         * HTTP metrics port offset, where a layout gives the endpoint a port of the member's block.
         */
        public static final int METRICS_PORT_OFFSET = 6;

        /**
         * Local read port offset from the member's ingress port: the service's read channel (docs/local-reads.md),
         * {@code aerie.node.read.endpoint} unless set.
         */
        public static final int READ_PORT_OFFSET = 7;

        /** Whether the node answers local reads beside the log on its read endpoint (true by default). */
        public static final String READ_ENABLED_PROP_NAME = "aerie.node.read.enabled";

        /** {@code host:port} of the node's read channel; default the member's ingress host, ingress port + 7. */
        public static final String READ_ENDPOINT_PROP_NAME = "aerie.node.read.endpoint";

        /**
         * Full Aeron cluster members string {@code id,ingress,consensus,log,catchup,archive|...}; when set it
         * overrides the hosts and port base.
         */
        public static final String CLUSTER_MEMBERS_PROP_NAME = "aerie.node.cluster.members";

        /**
         * Comma separated hosts, member id = position, used with the port base when no members string is set.
         */
        public static final String CLUSTER_HOSTS_PROP_NAME = "aerie.node.cluster.hosts";

        /**
         * Default hosts: a single node on loopback.
         */
        public static final String CLUSTER_HOSTS_DEFAULT = "localhost";

        /**
         * First port of member 0.
         */
        public static final String PORT_BASE_PROP_NAME = "aerie.node.port.base";

        /**
         * Default port base.
         */
        public static final int PORT_BASE_DEFAULT = 20000;

        /**
         * TCP port of a ZooKeeper-protocol gateway beside the node, started by {@code aerie node} (the gateway module;
         * the engine only knows the name, so that the unknown-property check accepts it). Unset: no gateway.
         */
        public static final String ZOOKEEPER_PORT_PROP_NAME = "aerie.node.zookeeper.port";

        /**
         * TCP port of the node's HTTP endpoint ({@code GET /metrics} in the Prometheus text format, {@code GET /ruok});
         * 0 turns it off.
         */
        public static final String METRICS_PORT_PROP_NAME = "aerie.node.metrics.port";

        /**
         * Default: no HTTP endpoint; the counters are still readable with AeronStat or {@code aerie admin}.
         */
        public static final int METRICS_PORT_DEFAULT = 0;

        /**
         * Address the HTTP endpoint binds to.
         */
        public static final String METRICS_HOST_PROP_NAME = "aerie.node.metrics.host";

        /**
         * Default: loopback only, so metrics are not exposed beyond the machine unless asked for.
         */
        public static final String METRICS_HOST_DEFAULT = "127.0.0.1";

        private Configuration()
        {
        }

        /**
         * @return {@link #CLUSTER_MEMBERS_PROP_NAME}, or null to derive from hosts and port base.
         */
        public static String clusterMembers()
        {
            return System.getProperty(CLUSTER_MEMBERS_PROP_NAME);
        }

        /**
         * @return {@link #CLUSTER_HOSTS_PROP_NAME} or its default.
         */
        public static String clusterHosts()
        {
            return System.getProperty(CLUSTER_HOSTS_PROP_NAME, CLUSTER_HOSTS_DEFAULT);
        }

        /**
         * A port of a member's block in the derived layout.
         *
         * @param portBase the cluster's port base.
         * @param memberId the member id.
         * @param offset   one of the {@code *_PORT_OFFSET}s.
         * @return {@code portBase + memberId * PORTS_PER_MEMBER + offset}.
         */
        public static int memberPort(final int portBase, final int memberId, final int offset)
        {
            return portBase + memberId * PORTS_PER_MEMBER + offset;
        }

        /**
         * @return {@link #PORT_BASE_PROP_NAME} or its default.
         */
        public static int portBase()
        {
            return Integer.getInteger(PORT_BASE_PROP_NAME, PORT_BASE_DEFAULT);
        }

        /**
         * @return {@link #METRICS_PORT_PROP_NAME} or its default.
         */
        public static int metricsPort()
        {
            return Integer.getInteger(METRICS_PORT_PROP_NAME, METRICS_PORT_DEFAULT);
        }

        /**
         * @return {@link #METRICS_HOST_PROP_NAME} or its default.
         */
        public static String metricsHost()
        {
            return System.getProperty(METRICS_HOST_PROP_NAME, METRICS_HOST_DEFAULT);
        }
    }

    /**
     * One node's members, ports and metrics endpoint. Fluent setters, same-named getters; not thread-safe: configure,
     * then launch.
     */
    public static final class Context
    {
        private String clusterMembers = Configuration.clusterMembers();
        private String clusterHosts = Configuration.clusterHosts();
        private int portBase = Configuration.portBase();
        private int metricsPort = Configuration.metricsPort();
        private String metricsHost = Configuration.metricsHost();
        private ClusterMember thisMember;
        private String ingressEndpoints;

        /**
         * Derive the members string if none was set, parse it, find this member and check the metrics endpoint.
         * Called by {@link AerieNode.Context#conclude()}.
         *
         * @param memberId this node's member id.
         * @return this.
         * @throws ConfigurationException if the members do not parse, do not hold this member, leave no replication
         *                                port, or the metrics port or host is invalid.
         */
        public Context conclude(final int memberId)
        {
            if (memberId < 0)
            {
                throw new ConfigurationException("memberId=" + memberId + " must be >= 0");
            }
            if (null == clusterMembers || clusterMembers.trim().isEmpty())
            {
                clusterMembers = ClusterMembers.fromHostList(clusterHosts, portBase);
            }

            final ClusterMember[] members = ClusterMembers.parse(clusterMembers.trim());
            thisMember = ClusterMembers.find(members, memberId);
            ingressEndpoints = ClusterMembers.ingressEndpoints(members);
            if (ClusterMembers.port(thisMember.archiveEndpoint()) + 1 > 65535)
            {
                throw new ConfigurationException("archive port of member " + memberId + " leaves no replication port");
            }
            NodeSettingsChecks.checkMetrics(metricsPort, metricsHost);

            return this;
        }

        /**
         * @param clusterMembers full Aeron members string, or null to derive it from hosts and port base.
         * @return this.
         * @see Configuration#CLUSTER_MEMBERS_PROP_NAME
         */
        public Context clusterMembers(final String clusterMembers)
        {
            this.clusterMembers = clusterMembers;
            return this;
        }

        /** @return the members string; after {@link #conclude(int)} the derived one if none was set. */
        public String clusterMembers()
        {
            return clusterMembers;
        }

        /**
         * @param clusterHosts comma separated hosts, member id = position (used without a members string).
         * @return this.
         * @see Configuration#CLUSTER_HOSTS_PROP_NAME
         */
        public Context clusterHosts(final String clusterHosts)
        {
            this.clusterHosts = clusterHosts;
            return this;
        }

        /** @return the comma separated hosts. */
        public String clusterHosts()
        {
            return clusterHosts;
        }

        /**
         * @param portBase first port of member 0 in the derived layout.
         * @return this.
         * @see Configuration#PORT_BASE_PROP_NAME
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
         * @param metricsPort TCP port of the HTTP metrics endpoint ({@code /metrics}, {@code /ruok}); 0 for none.
         * @return this.
         * @see Configuration#METRICS_PORT_PROP_NAME
         */
        public Context metricsPort(final int metricsPort)
        {
            this.metricsPort = metricsPort;
            return this;
        }

        /** @return the HTTP metrics port, 0 when the endpoint is off. */
        public int metricsPort()
        {
            return metricsPort;
        }

        /**
         * @param metricsHost address the HTTP metrics endpoint binds to (default {@code 127.0.0.1}).
         * @return this.
         * @see Configuration#METRICS_HOST_PROP_NAME
         */
        public Context metricsHost(final String metricsHost)
        {
            this.metricsHost = metricsHost;
            return this;
        }

        /** @return the address the HTTP metrics endpoint binds to. */
        public String metricsHost()
        {
            return metricsHost;
        }

        /**
         * @return {@code id=host:port,...} for {@code AeronCluster.Context.ingressEndpoints}, after
         * {@link #conclude(int)}.
         */
        public String ingressEndpoints()
        {
            return ingressEndpoints;
        }

        ClusterMember thisMember()
        {
            return thisMember;
        }

        /**
         * {@inheritDoc}
         */
        public String toString()
        {
            return "clusterMembers='" + clusterMembers + '\'' +
                ", metricsPort=" + metricsPort +
                ", metricsHost='" + metricsHost + '\'';
        }
    }
}
