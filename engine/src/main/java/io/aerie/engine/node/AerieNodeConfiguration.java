package io.aerie.engine.node;

import io.aeron.cluster.service.Cluster;
import io.aeron.exceptions.ConfigurationException;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Configuration defaults of a node's members, ports, directories, durability and agents, each readable from an
 * {@code aerie.node.*} system property. Cluster timing is in {@link ClusterTimingConfiguration}, sizes and limits in
 * {@link NodeLimitsConfiguration}; {@link AerieNodeContext} takes its defaults from all three.
 * <p>
 * Ports: when the members are derived from {@link #CLUSTER_HOSTS_PROP_NAME} and {@link #PORT_BASE_PROP_NAME},
 * member {@code i} on {@code hosts[i]} uses {@code portBase + i * 100 + offset}: ingress +0, consensus +1,
 * log +2, catchup +3, archive control +4, archive replication +5; +6 is kept for the HTTP metrics endpoint
 * ({@link LocalCluster} puts it there when asked; a node alone takes {@link #METRICS_PORT_PROP_NAME}). With an
 * explicit {@link #CLUSTER_MEMBERS_PROP_NAME}, the replication endpoint is still the member's archive port + 1.
 * <p>
 * Directories: under the node directory, {@code archive/} (recordings, snapshots, archive mark file) and
 * {@code cluster/} (recording log, node state, cluster mark files). The Aeron directory (transient driver
 * buffers) defaults to {@code /dev/shm/aerie-<node-dir-name>-<hash of its path>} where {@code /dev/shm}
 * exists, else {@code <node-dir>/aeron}.
 */
public final class AerieNodeConfiguration
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
     * Follower catchup port offset.
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
     * Archive directory name under the node directory.
     */
    public static final String ARCHIVE_DIR_NAME = "archive";

    /**
     * Cluster directory name under the node directory.
     */
    public static final String CLUSTER_DIR_NAME = "cluster";

    /**
     * This node's member id.
     */
    public static final String MEMBER_ID_PROP_NAME = "aerie.node.member.id";

    /**
     * Default member id.
     */
    public static final int MEMBER_ID_DEFAULT = 0;

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
     * TCP port of a ZooKeeper-protocol gateway beside the node, started by {@code aerie node} (the gateway module;
     * the engine only knows the name, so that the unknown-property check accepts it). Unset: no gateway.
     */
    public static final String ZOOKEEPER_PORT_PROP_NAME = "aerie.node.zookeeper.port";

    /**
     * First port of member 0.
     */
    public static final String PORT_BASE_PROP_NAME = "aerie.node.port.base";

    /**
     * Default port base.
     */
    public static final int PORT_BASE_DEFAULT = 20000;

    /**
     * The node's base directory.
     */
    public static final String DIR_PROP_NAME = "aerie.node.dir";

    /**
     * Default node directory is this prefix plus the member id, relative to the working directory.
     */
    public static final String DIR_DEFAULT_PREFIX = "aerie-node-";

    /**
     * The node's Aeron (media driver) directory.
     */
    public static final String AERON_DIR_PROP_NAME = "aerie.node.aeron.dir";

    /**
     * Threading of driver and archive: {@code shared} or {@code dedicated}.
     */
    public static final String THREADING_MODE_PROP_NAME = "aerie.node.threading.mode";

    /**
     * Default threading mode.
     */
    public static final AerieNode.ThreadingMode THREADING_MODE_DEFAULT = AerieNode.ThreadingMode.SHARED;

    /**
     * When the node forces the log to disk: {@code none}, {@code data} or {@code all} (see {@link Durability});
     * sets Aeron's archive, catalog and consensus module file sync levels, overriding their own properties.
     */
    public static final String DURABILITY_PROP_NAME = "aerie.node.durability";

    /**
     * Default: {@link Durability#DATA}, as ZooKeeper's {@code forceSync=yes}: an acknowledged write survives a power
     * loss of the whole cluster.
     */
    public static final Durability DURABILITY_DEFAULT = Durability.DATA;

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

    /**
     * Delete the node's archive, cluster and Aeron directories at start (a fresh, empty node).
     */
    public static final String DELETE_DIRS_ON_START_PROP_NAME = "aerie.node.delete.dirs.on.start";

    /**
     * Default: keep state across restarts.
     */
    public static final boolean DELETE_DIRS_ON_START_DEFAULT = false;

    /**
     * Delete the mark files and driver files a killed node left (its archive and cluster mark files, its Aeron
     * directory) before start, so a node restarts at once after {@code kill -9} instead of failing with "Active
     * media driver detected" or waiting ~10 s for mark files to time out. Safe: a node removes them only once it
     * holds its directory's lock ({@code <nodeDir>/node.lock}), which the operating system releases when the
     * process holding it dies, so a live node's files are never touched.
     */
    public static final String REMOVE_STALE_MARK_FILES_PROP_NAME = "aerie.node.remove.stale.mark.files";

    /**
     * Default: remove a dead node's files (set false to leave them, e.g. to inspect them).
     */
    public static final boolean REMOVE_STALE_MARK_FILES_DEFAULT = true;

    /**
     * Snapshots each member keeps. After each snapshot a member deletes its older ones and purges its log below the
     * oldest one it keeps, as ZooKeeper's autopurge does (snapRetainCount), but never below the log position of any
     * member: a member that is down or unreachable holds the purge of the log back until it is back and caught up.
     * 0 keeps everything (no retention).
     */
    public static final String SNAPSHOT_RETAIN_PROP_NAME = "aerie.node.snapshot.retain";

    /**
     * Default: the latest snapshot and the one before it (so the latest can be invalidated and the node recovers
     * from the previous one and the log).
     */
    public static final int SNAPSHOT_RETAIN_DEFAULT = 2;

    /**
     * The clustered service class {@link AerieNode#main(String[])} runs (public no-argument constructor).
     */
    public static final String SERVICE_CLASS_PROP_NAME = "aerie.node.service.class";

    /**
     * Default service: Aerie's own.
     */
    public static final String SERVICE_CLASS_DEFAULT = "io.aerie.engine.service.AerieClusteredService";

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

    private AerieNodeConfiguration()
    {
    }

    /**
     * @return {@link #MEMBER_ID_PROP_NAME} or its default.
     */
    public static int memberId()
    {
        return Integer.getInteger(MEMBER_ID_PROP_NAME, MEMBER_ID_DEFAULT);
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
     * @return {@link #PORT_BASE_PROP_NAME} or its default.
     */
    public static int portBase()
    {
        return Integer.getInteger(PORT_BASE_PROP_NAME, PORT_BASE_DEFAULT);
    }

    /**
     * @return {@link #DIR_PROP_NAME} as a file, or null to derive it from the member id.
     */
    public static File nodeDir()
    {
        final String dir = System.getProperty(DIR_PROP_NAME);
        return null == dir ? null : new File(dir);
    }

    /**
     * @return {@link #AERON_DIR_PROP_NAME}, or null to derive it from the node directory.
     */
    public static String aeronDirectoryName()
    {
        return System.getProperty(AERON_DIR_PROP_NAME);
    }

    /**
     * @return {@link #THREADING_MODE_PROP_NAME} or its default.
     * @throws ConfigurationException if the value is not {@code shared} or {@code dedicated}.
     */
    public static AerieNode.ThreadingMode threadingMode()
    {
        final String value = System.getProperty(THREADING_MODE_PROP_NAME);
        if (null == value)
        {
            return THREADING_MODE_DEFAULT;
        }

        try
        {
            return AerieNode.ThreadingMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigurationException(
                THREADING_MODE_PROP_NAME + "=" + value + " is not one of shared, dedicated");
        }
    }

    /**
     * @return {@link #DURABILITY_PROP_NAME} or its default.
     * @throws ConfigurationException if the value is not a {@link Durability}.
     */
    public static Durability durability()
    {
        final String value = System.getProperty(DURABILITY_PROP_NAME);
        return null == value ? DURABILITY_DEFAULT : Durability.parse(value);
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

    /**
     * @return {@link #DELETE_DIRS_ON_START_PROP_NAME} or its default.
     */
    public static boolean deleteDirsOnStart()
    {
        final String value = System.getProperty(DELETE_DIRS_ON_START_PROP_NAME);
        return null == value ? DELETE_DIRS_ON_START_DEFAULT : Boolean.parseBoolean(value.trim());
    }

    /**
     * @return {@link #REMOVE_STALE_MARK_FILES_PROP_NAME} or its default.
     */
    public static boolean removeStaleMarkFilesOnStart()
    {
        final String value = System.getProperty(REMOVE_STALE_MARK_FILES_PROP_NAME);
        return null == value ? REMOVE_STALE_MARK_FILES_DEFAULT : Boolean.parseBoolean(value.trim());
    }

    /**
     * @return {@link #SNAPSHOT_RETAIN_PROP_NAME} or its default.
     */
    public static int snapshotRetain()
    {
        return Integer.getInteger(SNAPSHOT_RETAIN_PROP_NAME, SNAPSHOT_RETAIN_DEFAULT);
    }

    /**
     * @return {@link #SERVICE_CLASS_PROP_NAME} or its default.
     */
    public static String serviceClassName()
    {
        return System.getProperty(SERVICE_CLASS_PROP_NAME, SERVICE_CLASS_DEFAULT);
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

    /**
     * The default Aeron directory for a node directory: in {@code /dev/shm} when it exists (driver buffers
     * belong in memory), named after the node directory and a hash of its absolute path so that nodes on one
     * machine never share one; otherwise {@code <node-dir>/aeron}.
     *
     * @param nodeDir the node's base directory.
     * @return the Aeron directory name.
     */
    public static String defaultAeronDirectoryName(final File nodeDir)
    {
        final File shm = new File("/dev/shm");
        if (!shm.isDirectory())
        {
            return new File(nodeDir, "aeron").getPath();
        }

        final Path path = nodeDir.toPath().toAbsolutePath().normalize();
        final String name = null == path.getFileName() ? "root" : path.getFileName().toString();
        final String safeName = name.replaceAll("[^A-Za-z0-9._-]", "_");

        return new File(shm, "aerie-" + safeName + "-" + Integer.toHexString(path.toString().hashCode())).getPath();
    }
}

