package io.aerie.engine.node;

import io.aerie.codecs.config.AerieProperties;
import io.aeron.Counter;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.exceptions.ConfigurationException;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Paths;
import java.util.List;

/**
 * One Aerie node: an Aeron media driver, archive and consensus module ({@link ClusteredMediaDriver}) and one
 * {@link ClusteredServiceContainer} running the node's {@link ClusteredService}, all in this JVM, with data
 * under one directory per node.
 * <p>
 * Configure with a {@link AerieNodeContext} (defaults from {@code aerie.node.*} system properties, see
 * {@link AerieNodeConfiguration}), start with {@link #launch(AerieNodeContext)}, stop with {@link #close()}. {@link #main(String[])}
 * runs a node from a properties file until SIGTERM/SIGINT or a cluster shutdown.
 * <p>
 * The node's metrics are Aeron counters in its media driver (AeronStat and {@code aerie admin} read them); with
 * {@link AerieNodeContext#metricsPort(int)} set, an HTTP endpoint also serves them in the Prometheus text format
 * ({@code GET /metrics}) with a health check ({@code GET /ruok}), see {@link #metricsAddress()}.
 * <p>
 * Methods other than {@link #close()} may be called from any thread, but not concurrently with {@link #close()}:
 * the counters they read are unmapped once the node is closed.
 */
public final class AerieNode implements AutoCloseable
{
    /**
     * Exit status of {@link #main(String[])} after an abnormal stop (a component reported an {@link Error} and
     * stopped), so that a supervisor restarting on failure restarts the node. A stop by signal or by a cluster
     * shutdown exits 0; a failure to start exits 1 through the uncaught exception.
     */
    public static final int EXIT_FAILED = 70;

    private final AerieNodeContext ctx;
    private final CountingErrorHandler errorHandler;
    private final IngressGuard ingressGuard;
    private final TerminationWatch terminationWatch;
    private final ClusteredMediaDriver clusteredMediaDriver;
    private final ClusteredServiceContainer container;
    private final Counter roleCounter;
    private final Counter electionStateCounter;
    private final Counter commitPositionCounter;
    private final MetricsEndpoint metricsEndpoint;
    private final NodeDirLock dirLock;
    private final AgentRunner retention;
    private volatile boolean isClosed;

    private AerieNode(
        final AerieNodeContext ctx,
        final CountingErrorHandler errorHandler,
        final IngressGuard ingressGuard,
        final TerminationWatch terminationWatch,
        final ClusteredMediaDriver clusteredMediaDriver,
        final ClusteredServiceContainer container,
        final MetricsEndpoint metricsEndpoint,
        final AgentRunner retention,
        final NodeDirLock dirLock)
    {
        this.retention = retention;
        this.ctx = ctx;
        this.dirLock = dirLock;
        this.errorHandler = errorHandler;
        this.ingressGuard = ingressGuard;
        this.terminationWatch = terminationWatch;
        this.clusteredMediaDriver = clusteredMediaDriver;
        this.container = container;
        this.metricsEndpoint = metricsEndpoint;

        final ConsensusModule.Context cmCtx = clusteredMediaDriver.consensusModule().context();
        this.roleCounter = cmCtx.clusterNodeRoleCounter();
        this.electionStateCounter = cmCtx.electionStateCounter();
        this.commitPositionCounter = cmCtx.commitPositionCounter();
    }

    /**
     * Conclude the context and start the node. Returns once the components run; joining the cluster and
     * electing a leader happen afterwards on the node's threads (see {@link #role()}, {@link #isLeader()}).
     *
     * @param ctx configuration, concluded here; a context can launch one node only.
     * @return the running node, to be closed by the caller.
     * @throws ConfigurationException if the configuration is invalid, or another running node uses the node
     *                                directory.
     * @throws io.aeron.exceptions.AeronException if the metrics endpoint cannot bind its port.
     */
    public static AerieNode launch(final AerieNodeContext ctx)
    {
        return launch(ctx, 0);
    }

    /**
     * {@link #launch(AerieNodeContext)} a node that replaces an earlier incarnation in this process.
     *
     * @param ctx          configuration, concluded here.
     * @param selfRestarts times the node was launched again in this process before this launch.
     * @return the running node.
     */
    static AerieNode launch(final AerieNodeContext ctx, final long selfRestarts)
    {
        ctx.conclude();
        // Holding the directory's lock proves no live process uses it: what a killed node left is removed.
        final NodeDirLock dirLock = NodeDirLock.acquire(ctx.nodeDir());
        if (ctx.removeStaleMarkFilesOnStart())
        {
            // An Aeron directory named by the user may be another live driver's: it is removed only when its CnC
            // file names a process that is gone; the node's own is removed whatever it holds.
            final File aeronDir = new File(ctx.aeronDirectoryName()).getAbsoluteFile();
            final boolean isOwnAeronDir = new File(AerieNodeConfiguration.defaultAeronDirectoryName(ctx.nodeDir()))
                .getAbsoluteFile().equals(aeronDir);
            StaleMarkFiles.remove(ctx.archiveDir(), ctx.clusterDir(),
                isOwnAeronDir || StaleMarkFiles.isDeadDriverDirectory(aeronDir) ? aeronDir : null);
        }

        NodeReadChannel.configure(ctx);
        final CountingErrorHandler errorHandler = new CountingErrorHandler(ctx.errorHandler(), ctx.terminationHook());
        final TerminationWatch terminationWatch = new TerminationWatch(ctx.terminationHook(), errorHandler);
        final NodeComponents components = new NodeComponents(ctx, errorHandler, terminationWatch);
        ClusteredMediaDriver clusteredMediaDriver = null;
        MetricsEndpoint metricsEndpoint = null;
        AgentRunner retention = null;
        try
        {
            clusteredMediaDriver = ClusteredMediaDriver.launch(
                components.driverContext(), components.archiveContext(), components.consensusModuleContext());
            terminationWatch.moduleState(clusteredMediaDriver.consensusModule().context().moduleStateCounter());
            if (0 != ctx.metricsPort())
            {
                // The driver's own counters: every component's, the service's included, live there.
                final CountersReader counters = clusteredMediaDriver.mediaDriver().context().countersManager();
                metricsEndpoint = MetricsEndpoint.start(
                    ctx.metricsHost(), ctx.metricsPort(), counters, errorHandler, ctx.memberId());
            }
            final ClusteredServiceContainer container =
                ClusteredServiceContainer.launch(components.serviceContainerContext());
            retention = SnapshotRetention.start(
                ctx, clusteredMediaDriver.consensusModule().context(), errorHandler, selfRestarts);

            return new AerieNode(
                ctx,
                errorHandler,
                components.ingressGuard(),
                terminationWatch,
                clusteredMediaDriver,
                container,
                metricsEndpoint,
                retention,
                dirLock);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(retention, metricsEndpoint, clusteredMediaDriver, dirLock);
            throw ex;
        }
    }

    /**
     * The concluded configuration of this node.
     *
     * @return the context the node was launched with.
     */
    public AerieNodeContext context()
    {
        return ctx;
    }

    /**
     * This node's member id in the cluster.
     *
     * @return the member id.
     */
    public int memberId()
    {
        return ctx.memberId();
    }

    /**
     * The node's current role as its consensus module sees it.
     *
     * @return follower, candidate or leader.
     * @throws IllegalStateException if the node is closed.
     */
    public Cluster.Role role()
    {
        ensureOpen();
        return Cluster.Role.get(roleCounter);
    }

    /**
     * The state of the node's current (or last) election; {@link ElectionState#CLOSED} once it has joined a
     * leadership term and is replicating.
     *
     * @return the election state.
     * @throws IllegalStateException if the node is closed.
     */
    public ElectionState electionState()
    {
        ensureOpen();
        return ElectionState.get(electionStateCounter);
    }

    /**
     * A snapshot of every metric of this node: its media driver's counters, the consensus module's (role, election
     * state and count, leadership term, longest duty cycle), the service's and the disk's. Allocates; for monitoring, not a hot
     * path. Any thread.
     *
     * @return the metrics read now.
     * @throws IllegalStateException if the node is closed.
     */
    public NodeCounters counters()
    {
        ensureOpen();
        return NodeCounters.read(clusteredMediaDriver.mediaDriver().context().countersManager());
    }

    /**
     * Is this node the leader of an established term (leader role and election closed)?
     *
     * @return true if it is the leader and serving.
     * @throws IllegalStateException if the node is closed.
     */
    public boolean isLeader()
    {
        return Cluster.Role.LEADER == role() && ElectionState.CLOSED == electionState();
    }

    /**
     * Ask the cluster to take a snapshot now, as Aeron's ClusterTool does, and wait for it. Only the leader can
     * be asked; every member then writes its snapshot at the same log position.
     *
     * @param out where progress and errors are printed.
     * @return true if the snapshot was taken.
     */
    public boolean takeSnapshot(final java.io.PrintStream out)
    {
        ensureOpen();
        return io.aeron.cluster.ClusterTool.snapshot(ctx.clusterDir(), out);
    }

    /**
     * The log position this node knows to be committed by the cluster.
     *
     * @return the commit position in bytes of log.
     * @throws IllegalStateException if the node is closed.
     */
    public long commitPosition()
    {
        ensureOpen();
        return commitPositionCounter.get();
    }

    /**
     * Errors reported by any component of this node (driver, archive, consensus module, service container)
     * since launch, warnings not included.
     *
     * @return the error count.
     */
    public long errorCount()
    {
        return errorHandler.errorCount();
    }

    /**
     * Warnings reported by the node's components since launch: Aeron reports of category WARN, such as the
     * cluster events of an election after the leader was lost.
     *
     * @return the warning count.
     */
    public long warningCount()
    {
        return errorHandler.warningCount();
    }

    /**
     * Cluster ingress messages padded out by the node's media driver before the consensus module could decode
     * them: var-data lengths beyond their frame (which would make Aeron's decoder allocate up to 4 GiB), bad
     * block lengths, a foreign schema, or a fragmented message other than a session message. Each is also an
     * error report, logarithmically thinned (see {@link #errorCount()}).
     *
     * @return frames padded out since launch.
     */
    public long paddedIngressFrames()
    {
        return ingressGuard.paddedFrames();
    }

    /**
     * Why the node stopped abnormally: the first {@link Error} (such as {@link OutOfMemoryError}) any component
     * reported, after which that component's agent has stopped and the node ran its context's termination hook;
     * or a termination hook run by Aeron without a requested cluster shutdown (an agent stopped unexpectedly).
     * {@link #main(String[])} then exits with {@link #EXIT_FAILED}.
     *
     * @return the cause, or null while the node is healthy or stopped as asked.
     */
    public Throwable fatalError()
    {
        return errorHandler.fatalError();
    }

    /**
     * The address of the node's HTTP metrics endpoint, with the port it bound.
     *
     * @return the address, or null when the endpoint is off ({@link AerieNodeContext#metricsPort()} 0).
     */
    public InetSocketAddress metricsAddress()
    {
        return null == metricsEndpoint ? null : metricsEndpoint.address();
    }

    /**
     * Why this node must start again from its snapshot and log ({@link UnusableLogWatch}); {@link #main(String[])}
     * does so in the same process.
     *
     * @return the cause, or null while the node can go on.
     */
    Throwable restartCause()
    {
        return errorHandler.restartCause();
    }

    CountingErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * Has {@link #close()} been called?
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return isClosed;
    }

    /**
     * Stop the node: the metrics endpoint first (it reads the media driver's counters, which must outlive it),
     * then the consensus module (so the rest of the cluster sees this member go, as in a crash, without a partly
     * stopped member answering), the service container, archive and media driver. The node's Aeron directory is
     * deleted; archive and cluster directories are kept for a restart; the node directory's lock is released last.
     * Idempotent.
     */
    public void close()
    {
        if (!isClosed)
        {
            isClosed = true;
            terminationWatch.closing();
            CloseHelper.closeAll(
                errorHandler,
                retention,
                metricsEndpoint,
                clusteredMediaDriver.consensusModule(),
                container,
                clusteredMediaDriver,
                dirLock);
        }
    }

    /**
     * Delete the mark files a killed node leaves (archive {@code archive-mark.dat}, cluster
     * {@code cluster-mark*.dat}) and its media driver directory, which would otherwise block a restart for
     * about 10 s ("active mark file detected"). Call only when the node's old process is known to be dead:
     * deleting the files of a live node corrupts it.
     *
     * @param nodeDir            the node's base directory ({@link AerieNodeContext#nodeDir()}).
     * @param aeronDirectoryName the node's Aeron directory ({@link AerieNodeContext#aeronDirectoryName()}), or null to
     *                           leave it.
     * @return the files and directories deleted.
     */
    public static List<File> removeStaleMarkFiles(final File nodeDir, final String aeronDirectoryName)
    {
        return StaleMarkFiles.remove(
            new File(nodeDir, AerieNodeConfiguration.ARCHIVE_DIR_NAME),
            new File(nodeDir, AerieNodeConfiguration.CLUSTER_DIR_NAME),
            null == aeronDirectoryName ? null : new File(aeronDirectoryName));
    }

    /**
     * Run one node until SIGTERM, SIGINT, a cluster shutdown or a fatal error of one of its components, then close
     * it; after a fatal error ({@link #fatalError()}) the JVM exits with {@link #EXIT_FAILED}. A node whose consensus
     * module can no longer replay its own log from the position it has applied (a divergent tail it applied was
     * truncated after a whole-cluster crash; every election of that incarnation would retry the same replay) is
     * closed and started again in this JVM, from its snapshot and log, as a restart after {@code kill -9} would.
     * <p>
     * The optional first argument is a properties file; its entries become system properties unless already
     * set on the command line ({@code -D} wins), so it can hold {@code aerie.*} and {@code aeron.*} settings.
     * The service is the node's default: Aerie's own, or the class {@link #newConfiguredClusteredService()} names.
     *
     * @param args {@code [properties-file]}.
     * @throws IOException if the properties file cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length > 1)
        {
            System.err.println("usage: AerieNode [properties-file]");
            System.exit(2);
        }
        if (1 == args.length)
        {
            loadSystemProperties(args[0]);
        }

        final Throwable fatalError = NodeRunner.run(
            AerieNodeContext::new,
            (node) -> System.out.println("aerie node started: " + node.context()),
            System.out);

        if (null != fatalError)
        {
            System.err.println("aerie node stopped abnormally: " + fatalError);
            System.exit(EXIT_FAILED);
        }
    }

    /**
     * The service hook of {@link #main(String[])}: a new instance of the class named by
     * {@link AerieNodeConfiguration#SERVICE_CLASS_PROP_NAME} (default {@link AerieNodeConfiguration#SERVICE_CLASS_DEFAULT}),
     * made with its public no-argument constructor.
     *
     * @return a new service.
     * @throws ConfigurationException if the class is missing, not a {@link ClusteredService} or cannot be made.
     */
    public static ClusteredService newConfiguredClusteredService()
    {
        return NodeServices.newInstance(AerieNodeConfiguration.serviceClassName());
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "AerieNode{memberId=" + ctx.memberId() + ", closed=" + isClosed + '}';
    }

    static void loadSystemProperties(final String path) throws IOException
    {
        AerieProperties.loadIntoSystemProperties(Paths.get(path));
    }

    private void ensureOpen()
    {
        if (isClosed)
        {
            throw new IllegalStateException("node " + ctx.memberId() + " is closed");
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
