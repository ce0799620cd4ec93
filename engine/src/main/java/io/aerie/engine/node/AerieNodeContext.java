package io.aerie.engine.node;

import io.aerie.engine.service.AerieClusteredService;
import io.aeron.cluster.ClusterMember;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.exceptions.ConfigurationException;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.util.function.Supplier;

/**
 * Configuration of one node. Setters are fluent; getters have the same names. {@link #conclude()} (called by
 * {@link AerieNode#launch(AerieNodeContext)}) fills derived defaults and validates everything once.
 * Not thread-safe: configure on one thread, then launch.
 */
public final class AerieNodeContext
{
    private boolean isConcluded;
    private int memberId = AerieNodeConfiguration.memberId();
    private String clusterMembers = AerieNodeConfiguration.clusterMembers();
    private String clusterHosts = AerieNodeConfiguration.clusterHosts();
    private int portBase = AerieNodeConfiguration.portBase();
    private File nodeDir = AerieNodeConfiguration.nodeDir();
    private String aeronDirectoryName = AerieNodeConfiguration.aeronDirectoryName();
    private AerieNode.ThreadingMode threadingMode = AerieNodeConfiguration.threadingMode();
    private String idleStrategy = AerieNodeConfiguration.idleStrategy();
    private Durability durability = AerieNodeConfiguration.durability();
    private NodeProfile profile = AerieNodeConfiguration.profile();
    private Supplier<IdleStrategy> idleStrategySupplier;
    private long leaderHeartbeatTimeoutNs = ClusterTimingConfiguration.leaderHeartbeatTimeoutNs();
    private long leaderHeartbeatIntervalNs = ClusterTimingConfiguration.leaderHeartbeatIntervalNs();
    private long electionTimeoutNs = ClusterTimingConfiguration.electionTimeoutNs();
    private long startupCanvassTimeoutNs = ClusterTimingConfiguration.startupCanvassTimeoutNs();
    private long sessionTimeoutNs = ClusterTimingConfiguration.sessionTimeoutNs();
    private int maxSessions = NodeLimitsConfiguration.maxSessions();
    private int termLength = NodeLimitsConfiguration.termLength();
    private int maxMessageLength = NodeLimitsConfiguration.maxMessageLength();
    private int archiveSegmentLength = NodeLimitsConfiguration.archiveSegmentLength();
    private boolean deleteDirsOnStart = AerieNodeConfiguration.deleteDirsOnStart();
    private boolean removeStaleMarkFilesOnStart = AerieNodeConfiguration.removeStaleMarkFilesOnStart();
    private int snapshotRetain = AerieNodeConfiguration.snapshotRetain();
    private int metricsPort = AerieNodeConfiguration.metricsPort();
    private String metricsHost = AerieNodeConfiguration.metricsHost();
    private ClusteredService clusteredService;
    private Supplier<? extends ClusteredService> clusteredServiceSupplier;
    private AerieClusteredService.Context serviceContext;
    private ErrorHandler errorHandler;
    private Runnable terminationHook;
    private ClusterMember[] members;
    private ClusterMember thisMember;
    private String ingressEndpoints;

    /**
     * Fill defaults that derive from other settings and validate. Called once, by
     * {@link AerieNode#launch(AerieNodeContext)}.
     *
     * @return this.
     * @throws ConfigurationException if a setting is invalid.
     * @throws IllegalStateException  if already concluded.
     */
    public AerieNodeContext conclude()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("context already concluded");
        }
        isConcluded = true;

        NodeProperties.check(System.getProperties());
        concludeMembers();
        concludeDirectories();
        startupCanvassTimeoutNs = NodeSettingsChecks.startupCanvassTimeoutNs(
            leaderHeartbeatIntervalNs, leaderHeartbeatTimeoutNs, electionTimeoutNs, startupCanvassTimeoutNs,
            sessionTimeoutNs);
        NodeSettingsChecks.checkLengths(termLength, maxMessageLength, archiveSegmentLength);
        clusteredService = NodeServices.resolve(clusteredService, clusteredServiceSupplier, serviceContext);

        if (null == idleStrategySupplier)
        {
            idleStrategySupplier = IdleStrategies.supplier(idleStrategy, profile);
        }
        NodeSettingsChecks.checkNode(durability, profile, threadingMode, snapshotRetain, maxSessions);
        NodeSettingsChecks.checkMetrics(metricsPort, metricsHost);
        if (null == errorHandler)
        {
            errorHandler = CountingErrorHandler.printingTo(memberId);
        }
        if (null == terminationHook)
        {
            terminationHook = () -> {};
        }

        return this;
    }

    /** @return true once {@link #conclude()} has run. */
    public boolean isConcluded()
    {
        return isConcluded;
    }

    /**
     * @param memberId this node's id in the cluster members.
     * @return this.
     */
    public AerieNodeContext memberId(final int memberId)
    {
        this.memberId = memberId;
        return this;
    }

    /** @return this node's member id. */
    public int memberId()
    {
        return memberId;
    }

    /**
     * @param clusterMembers full Aeron members string, or null to derive it from hosts and port base.
     * @return this.
     */
    public AerieNodeContext clusterMembers(final String clusterMembers)
    {
        this.clusterMembers = clusterMembers;
        return this;
    }

    /** @return the members string; after {@link #conclude()} the derived one if none was set. */
    public String clusterMembers()
    {
        return clusterMembers;
    }

    /**
     * @param clusterHosts comma separated hosts, member id = position (used without a members string).
     * @return this.
     */
    public AerieNodeContext clusterHosts(final String clusterHosts)
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
     */
    public AerieNodeContext portBase(final int portBase)
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
     * @param nodeDir the node's base directory; archive and cluster directories go under it.
     * @return this.
     */
    public AerieNodeContext nodeDir(final File nodeDir)
    {
        this.nodeDir = nodeDir;
        return this;
    }

    /** @return the node directory (derived from the member id by {@link #conclude()} if not set). */
    public File nodeDir()
    {
        return nodeDir;
    }

    /** @return {@code <nodeDir>/archive}, valid after {@link #conclude()}. */
    public File archiveDir()
    {
        return new File(nodeDir, AerieNodeConfiguration.ARCHIVE_DIR_NAME);
    }

    /** @return {@code <nodeDir>/cluster}, valid after {@link #conclude()}. */
    public File clusterDir()
    {
        return new File(nodeDir, AerieNodeConfiguration.CLUSTER_DIR_NAME);
    }

    /**
     * @param aeronDirectoryName the media driver directory of this node.
     * @return this.
     */
    public AerieNodeContext aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return this;
    }

    /** @return the media driver directory (see {@link AerieNodeConfiguration#defaultAeronDirectoryName(File)}). */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    /**
     * @param threadingMode threading of driver and archive.
     * @return this.
     */
    public AerieNodeContext threadingMode(final AerieNode.ThreadingMode threadingMode)
    {
        this.threadingMode = threadingMode;
        return this;
    }

    /** @return threading of driver and archive. */
    public AerieNode.ThreadingMode threadingMode()
    {
        return threadingMode;
    }

    /**
     * @param durability when the log is forced to disk before a write is acknowledged.
     * @return this.
     * @see AerieNodeConfiguration#DURABILITY_PROP_NAME
     */
    public AerieNodeContext durability(final Durability durability)
    {
        this.durability = durability;
        return this;
    }

    /** @return when the log is forced to disk before a write is acknowledged. */
    public Durability durability()
    {
        return durability;
    }

    /**
     * @param profile how agents wait for work: the backoff's deepest park and the agent threads' timer slack.
     * @return this.
     * @see AerieNodeConfiguration#PROFILE_PROP_NAME
     */
    public AerieNodeContext profile(final NodeProfile profile)
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
     */
    public AerieNodeContext idleStrategy(final String idleStrategy)
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
    public AerieNodeContext idleStrategySupplier(final Supplier<IdleStrategy> idleStrategySupplier)
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
     * @param leaderHeartbeatTimeoutNs silence from the leader after which followers elect a new one.
     * @return this.
     */
    public AerieNodeContext leaderHeartbeatTimeoutNs(final long leaderHeartbeatTimeoutNs)
    {
        this.leaderHeartbeatTimeoutNs = leaderHeartbeatTimeoutNs;
        return this;
    }

    /** @return the leader heartbeat timeout in ns. */
    public long leaderHeartbeatTimeoutNs()
    {
        return leaderHeartbeatTimeoutNs;
    }

    /**
     * @param leaderHeartbeatIntervalNs interval of leader heartbeats on an idle log.
     * @return this.
     */
    public AerieNodeContext leaderHeartbeatIntervalNs(final long leaderHeartbeatIntervalNs)
    {
        this.leaderHeartbeatIntervalNs = leaderHeartbeatIntervalNs;
        return this;
    }

    /** @return the leader heartbeat interval in ns. */
    public long leaderHeartbeatIntervalNs()
    {
        return leaderHeartbeatIntervalNs;
    }

    /**
     * @param electionTimeoutNs timeout of an election step.
     * @return this.
     */
    public AerieNodeContext electionTimeoutNs(final long electionTimeoutNs)
    {
        this.electionTimeoutNs = electionTimeoutNs;
        return this;
    }

    /** @return the election timeout in ns. */
    public long electionTimeoutNs()
    {
        return electionTimeoutNs;
    }

    /**
     * @param startupCanvassTimeoutNs wait for all members at start; 0 for twice the heartbeat timeout.
     * @return this.
     */
    public AerieNodeContext startupCanvassTimeoutNs(final long startupCanvassTimeoutNs)
    {
        this.startupCanvassTimeoutNs = startupCanvassTimeoutNs;
        return this;
    }

    /** @return the startup canvass timeout in ns (derived after {@link #conclude()} if it was 0). */
    public long startupCanvassTimeoutNs()
    {
        return startupCanvassTimeoutNs;
    }

    /**
     * @param sessionTimeoutNs timeout of an idle Aeron client session.
     * @return this.
     */
    public AerieNodeContext sessionTimeoutNs(final long sessionTimeoutNs)
    {
        this.sessionTimeoutNs = sessionTimeoutNs;
        return this;
    }

    /** @return the Aeron client session timeout in ns. */
    public long sessionTimeoutNs()
    {
        return sessionTimeoutNs;
    }

    /**
     * @param maxSessions maximum concurrent Aeron client sessions.
     * @return this.
     */
    public AerieNodeContext maxSessions(final int maxSessions)
    {
        this.maxSessions = maxSessions;
        return this;
    }

    /** @return maximum concurrent Aeron client sessions. */
    public int maxSessions()
    {
        return maxSessions;
    }

    /**
     * @param termLength term length in bytes of log, egress, IPC and advertised ingress; a power of two.
     * @return this.
     */
    public AerieNodeContext termLength(final int termLength)
    {
        this.termLength = termLength;
        return this;
    }

    /** @return the term length in bytes. */
    public int termLength()
    {
        return termLength;
    }

    /**
     * @param maxMessageLength the largest message the node must carry, at most a term length / 8.
     * @return this.
     */
    public AerieNodeContext maxMessageLength(final int maxMessageLength)
    {
        this.maxMessageLength = maxMessageLength;
        return this;
    }

    /** @return the largest message length in bytes. */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * @param archiveSegmentLength archive segment file length; a power of two, at least the term length.
     * @return this.
     */
    public AerieNodeContext archiveSegmentLength(final int archiveSegmentLength)
    {
        this.archiveSegmentLength = archiveSegmentLength;
        return this;
    }

    /** @return the archive segment file length in bytes. */
    public int archiveSegmentLength()
    {
        return archiveSegmentLength;
    }

    /**
     * @param deleteDirsOnStart delete archive, cluster and Aeron directories at start.
     * @return this.
     */
    public AerieNodeContext deleteDirsOnStart(final boolean deleteDirsOnStart)
    {
        this.deleteDirsOnStart = deleteDirsOnStart;
        return this;
    }

    /** @return true if the node starts empty. */
    public boolean deleteDirsOnStart()
    {
        return deleteDirsOnStart;
    }

    /**
     * @param removeStaleMarkFilesOnStart delete the mark files a dead node left in the node directory, and its
     *                                    Aeron directory when it is the node's default one, once this node holds
     *                                    the directory's lock (so no live process uses them); default true.
     * @return this.
     * @see AerieNode#removeStaleMarkFiles(File, String)
     */
    public AerieNodeContext removeStaleMarkFilesOnStart(final boolean removeStaleMarkFilesOnStart)
    {
        this.removeStaleMarkFilesOnStart = removeStaleMarkFilesOnStart;
        return this;
    }

    /** @return true if stale mark files are removed before start. */
    public boolean removeStaleMarkFilesOnStart()
    {
        return removeStaleMarkFilesOnStart;
    }

    /**
     * @param snapshotRetain snapshots kept; older ones and the log below the oldest kept are purged (0 keeps all).
     * @return this.
     * @see AerieNodeConfiguration#SNAPSHOT_RETAIN_PROP_NAME
     */
    public AerieNodeContext snapshotRetain(final int snapshotRetain)
    {
        this.snapshotRetain = snapshotRetain;
        return this;
    }

    /** @return snapshots kept, 0 for all. */
    public int snapshotRetain()
    {
        return snapshotRetain;
    }

    /**
     * @param metricsPort TCP port of the HTTP metrics endpoint ({@code /metrics}, {@code /ruok}); 0 for none.
     * @return this.
     */
    public AerieNodeContext metricsPort(final int metricsPort)
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
     */
    public AerieNodeContext metricsHost(final String metricsHost)
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
     * @param serviceContext configuration of the Aerie service the node makes when no service or supplier is given;
     *                       null (the default) for one from the {@code aerie.*} system properties.
     * @return this.
     */
    public AerieNodeContext serviceContext(final AerieClusteredService.Context serviceContext)
    {
        this.serviceContext = serviceContext;
        return this;
    }

    /** @return configuration of the default Aerie service, or null for one from the system properties. */
    public AerieClusteredService.Context serviceContext()
    {
        return serviceContext;
    }

    /**
     * @param clusteredService the service this node runs; unset, the node makes Aerie's own (see
     *                         {@link #serviceContext(AerieClusteredService.Context)}).
     * @return this.
     */
    public AerieNodeContext clusteredService(final ClusteredService clusteredService)
    {
        this.clusteredService = clusteredService;
        return this;
    }

    /** @return the service (made from the supplier by {@link #conclude()} if one was given). */
    public ClusteredService clusteredService()
    {
        return clusteredService;
    }

    /**
     * @param clusteredServiceSupplier makes the service at {@link #conclude()}; unset, the node makes Aerie's own.
     * @return this.
     */
    public AerieNodeContext clusteredServiceSupplier(final Supplier<? extends ClusteredService> clusteredServiceSupplier)
    {
        this.clusteredServiceSupplier = clusteredServiceSupplier;
        return this;
    }

    /** @return the service supplier, or null. */
    public Supplier<? extends ClusteredService> clusteredServiceSupplier()
    {
        return clusteredServiceSupplier;
    }

    /**
     * @param errorHandler receives the errors of every component of the node, on their threads; default
     *                     prints to stderr. Errors are also kept in the components' distinct error logs.
     * @return this.
     */
    public AerieNodeContext errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    /** @return the error handler. */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * @param terminationHook run (on an agent thread) when the cluster is shut down or aborted, for example
     *                        by {@code ClusterTool shutdown}; default does nothing.
     * @return this.
     */
    public AerieNodeContext terminationHook(final Runnable terminationHook)
    {
        this.terminationHook = terminationHook;
        return this;
    }

    /** @return the termination hook. */
    public Runnable terminationHook()
    {
        return terminationHook;
    }

    /**
     * @return {@code id=host:port,...} for {@code AeronCluster.Context.ingressEndpoints}, after
     * {@link #conclude()}.
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
        return "AerieNodeContext{" +
            "memberId=" + memberId +
            ", clusterMembers='" + clusterMembers + '\'' +
            ", nodeDir=" + nodeDir +
            ", aeronDirectoryName='" + aeronDirectoryName + '\'' +
            ", threadingMode=" + threadingMode +
            ", idleStrategy=" + idleStrategy +
            ", durability=" + durability +
            ", profile=" + profile +
            ", leaderHeartbeatTimeoutNs=" + leaderHeartbeatTimeoutNs +
            ", leaderHeartbeatIntervalNs=" + leaderHeartbeatIntervalNs +
            ", electionTimeoutNs=" + electionTimeoutNs +
            ", startupCanvassTimeoutNs=" + startupCanvassTimeoutNs +
            ", sessionTimeoutNs=" + sessionTimeoutNs +
            ", maxSessions=" + maxSessions +
            ", termLength=" + termLength +
            ", maxMessageLength=" + maxMessageLength +
            ", archiveSegmentLength=" + archiveSegmentLength +
            ", deleteDirsOnStart=" + deleteDirsOnStart +
            ", snapshotRetain=" + snapshotRetain +
            ", metricsPort=" + metricsPort +
            ", metricsHost='" + metricsHost + '\'' +
            '}';
    }

    private void concludeMembers()
    {
        if (memberId < 0)
        {
            throw new ConfigurationException("memberId=" + memberId + " must be >= 0");
        }

        if (null == clusterMembers || clusterMembers.trim().isEmpty())
        {
            clusterMembers = ClusterMembers.fromHostList(clusterHosts, portBase);
        }

        members = ClusterMembers.parse(clusterMembers.trim());
        thisMember = ClusterMembers.find(members, memberId);
        ingressEndpoints = ClusterMembers.ingressEndpoints(members);
        if (ClusterMembers.port(thisMember.archiveEndpoint()) + 1 > 65535)
        {
            throw new ConfigurationException("archive port of member " + memberId + " leaves no replication port");
        }
    }

    private void concludeDirectories()
    {
        if (null == nodeDir)
        {
            nodeDir = new File(AerieNodeConfiguration.DIR_DEFAULT_PREFIX + memberId);
        }
        if (null == aeronDirectoryName)
        {
            aeronDirectoryName = AerieNodeConfiguration.defaultAeronDirectoryName(nodeDir);
        }
    }
}
