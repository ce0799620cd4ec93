package io.aerie.engine.node;

import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.exceptions.ConfigurationException;
import org.agrona.ErrorHandler;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One Aerie node: an Aeron media driver, archive and consensus module ({@link ClusteredMediaDriver}) and one
 * {@link ClusteredServiceContainer} running the node's {@link ClusteredService}, all in this JVM, with data
 * under one directory per node.
 * <p>
 * Configure with a {@link Context} (defaults from {@code aerie.node.*} system properties, see {@link Configuration}
 * and the sub-components it composes), start with {@link #launch(Context)}, stop with {@link #close()}.
 * {@link #main(String[])} runs a node from a properties file until SIGTERM/SIGINT or a cluster shutdown.
 * <p>
 * The node's metrics are Aeron counters in its media driver (AeronStat and {@code aerie admin} read them); with
 * {@link NodeTransport.Context#metricsPort(int)} set, an HTTP endpoint also serves them in the Prometheus text format
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

    private final Context ctx;
    private final NodeInstance instance;
    private volatile boolean isClosed;

    private AerieNode(final Context ctx, final NodeInstance instance)
    {
        this.ctx = ctx;
        this.instance = instance;
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
    public static AerieNode launch(final Context ctx)
    {
        return launch(ctx, 0);
    }

    /**
     * {@link #launch(Context)} a node that replaces an earlier incarnation in this process.
     *
     * @param ctx          configuration, concluded here.
     * @param selfRestarts times the node was launched again in this process before this launch.
     * @return the running node.
     */
    static AerieNode launch(final Context ctx, final long selfRestarts)
    {
        ctx.conclude();
        return new AerieNode(ctx, NodeInstance.launch(ctx, selfRestarts));
    }

    /**
     * The concluded configuration of this node.
     *
     * @return the context the node was launched with.
     */
    public Context context()
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
        return Cluster.Role.get(instance.consensusModule().clusterNodeRoleCounter());
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
        return ElectionState.get(instance.consensusModule().electionStateCounter());
    }

    /**
     * A snapshot of every metric of this node: its media driver's counters, the consensus module's (role, election
     * state and count, leadership term, longest duty cycle), the service's, the disk's and the node's error counts.
     * Allocates; for monitoring, not a hot path. Any thread.
     *
     * @return the metrics read now.
     * @throws IllegalStateException if the node is closed.
     */
    public NodeCounters counters()
    {
        ensureOpen();
        return NodeCounters.read(instance.clusteredMediaDriver.mediaDriver().context().countersManager());
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
        return io.aeron.cluster.ClusterTool.snapshot(ctx.storage().clusterDir(), out);
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
        return instance.consensusModule().commitPositionCounter().get();
    }

    /**
     * Errors reported by any component of this node (driver, archive, consensus module, service container)
     * since launch, warnings not included.
     *
     * @return the error count.
     */
    public long errorCount()
    {
        return instance.errorHandler.errorCount();
    }

    /**
     * Warnings reported by the node's components since launch: Aeron reports of category WARN, such as the
     * cluster events of an election after the leader was lost.
     *
     * @return the warning count.
     */
    public long warningCount()
    {
        return instance.errorHandler.warningCount();
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
        return instance.ingressGuard.paddedFrames();
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
        return instance.errorHandler.fatalError();
    }

    /**
     * The address of the node's HTTP metrics endpoint, with the port it bound.
     *
     * @return the address, or null when the endpoint is off ({@link NodeTransport.Context#metricsPort()} 0).
     */
    public InetSocketAddress metricsAddress()
    {
        return null == instance.metricsEndpoint ? null : instance.metricsEndpoint.address();
    }

    CountingErrorHandler errorHandler()
    {
        return instance.errorHandler;
    }

    /** @return true once {@link #close()} has been called. */
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
            instance.close();
        }
    }

    /**
     * Delete the mark files a killed node leaves (archive {@code archive-mark.dat}, cluster
     * {@code cluster-mark*.dat}) and its media driver directory, which would otherwise block a restart for
     * about 10 s ("active mark file detected"). Call only when the node's old process is known to be dead:
     * deleting the files of a live node corrupts it.
     *
     * @param nodeDir            the node's base directory ({@link NodeStorage.Context#nodeDir()}).
     * @param aeronDirectoryName the node's Aeron directory ({@link NodeStorage.Context#aeronDirectoryName()}), or
     *                           null to leave it.
     * @return the files and directories deleted.
     */
    public static List<File> removeStaleMarkFiles(final File nodeDir, final String aeronDirectoryName)
    {
        return StaleMarkFiles.remove(
            new File(nodeDir, NodeStorage.Configuration.ARCHIVE_DIR_NAME),
            new File(nodeDir, NodeStorage.Configuration.CLUSTER_DIR_NAME),
            null == aeronDirectoryName ? null : new File(aeronDirectoryName));
    }

    /**
     * Run one node until SIGTERM, SIGINT, a cluster shutdown or a fatal error of one of its components, then close
     * it; after a fatal error ({@link #fatalError()}) the JVM exits with {@link #EXIT_FAILED}. A node whose consensus
     * module can no longer replay its own log from the position it has applied is closed and started again in this
     * JVM, from its snapshot and log, as a restart after {@code kill -9} would (see {@link NodeRunner}).
     * <p>
     * The optional first argument is a properties file; its entries become system properties unless already
     * set on the command line ({@code -D} wins), so it can hold {@code aerie.*} and {@code aeron.*} settings.
     * The service is the node's default: Aerie's own, or the class
     * {@link NodeService#newConfiguredService()} names.
     *
     * @param args {@code [properties-file]}.
     * @throws IOException if the properties file cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        NodeRunner.main(args);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "AerieNode{memberId=" + ctx.memberId() + ", closed=" + isClosed + '}';
    }

    private void ensureOpen()
    {
        if (isClosed)
        {
            throw new IllegalStateException("node " + ctx.memberId() + " is closed");
        }
    }

    /**
     * Property names and defaults of the node itself, each readable from an {@code aerie.node.*} system property. The
     * rest of a node's settings belong to the components its {@link Context} composes: {@link NodeTransport},
     * {@link NodeStorage}, {@link ClusterTiming}, {@link NodeLimits}, {@link NodeAgents} and {@link NodeService}, each
     * with its own {@code Configuration}.
     */
    public static final class Configuration
    {
        /** This node's member id. */
        public static final String MEMBER_ID_PROP_NAME = "aerie.node.member.id";

        /** Default member id. */
        public static final int MEMBER_ID_DEFAULT = 0;

        private Configuration()
        {
        }

        /**
         * @return {@link #MEMBER_ID_PROP_NAME} or its default.
         */
        public static int memberId()
        {
            return Integer.getInteger(MEMBER_ID_PROP_NAME, MEMBER_ID_DEFAULT);
        }
    }

    /**
     * Configuration of one node: its member id, service and error handling, composed with one context per component
     * ({@link #transport()}, {@link #storage()}, {@link #timing()}, {@link #limits()}, {@link #agents()},
     * {@link #service()}). Setters are fluent; getters have the same names. {@link #conclude()} (called by
     * {@link AerieNode#launch(Context)}) concludes every component, fills derived defaults and validates everything
     * once. Not thread-safe: configure on one thread, then launch.
     */
    public static final class Context
    {
        private boolean isConcluded;
        private int memberId = Configuration.memberId();
        private final NodeTransport.Context transport = new NodeTransport.Context();
        private final NodeStorage.Context storage = new NodeStorage.Context();
        private final ClusterTiming.Context timing = new ClusterTiming.Context();
        private final NodeLimits.Context limits = new NodeLimits.Context();
        private final NodeAgents.Context agents = new NodeAgents.Context();
        private final NodeService.Context service = new NodeService.Context();
        private ErrorHandler errorHandler;
        private Runnable terminationHook;

        /**
         * Check that no {@code aerie.*} property set is unknown, conclude every component, resolve the service and
         * fill the defaults. Called once, by {@link AerieNode#launch(Context)}.
         *
         * @return this.
         * @throws ConfigurationException if a setting is invalid.
         * @throws IllegalStateException  if already concluded.
         */
        public Context conclude()
        {
            if (isConcluded)
            {
                throw new IllegalStateException("context already concluded");
            }
            isConcluded = true;

            NodeProperties.check(System.getProperties());
            transport.conclude(memberId);
            storage.conclude(memberId);
            timing.conclude();
            limits.conclude();
            agents.conclude();
            service.conclude();
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
         * @see Configuration#MEMBER_ID_PROP_NAME
         */
        public Context memberId(final int memberId)
        {
            this.memberId = memberId;
            return this;
        }

        /** @return this node's member id. */
        public int memberId()
        {
            return memberId;
        }

        /** @return the node's members, ports and metrics endpoint, configured in place. */
        public NodeTransport.Context transport()
        {
            return transport;
        }

        /** @return the node's directories and durability, configured in place. */
        public NodeStorage.Context storage()
        {
            return storage;
        }

        /** @return the node's heartbeat, election and session timing, configured in place. */
        public ClusterTiming.Context timing()
        {
            return timing;
        }

        /** @return the node's sessions, term and message lengths, configured in place. */
        public NodeLimits.Context limits()
        {
            return limits;
        }

        /** @return the node's threading and idle strategies, configured in place. */
        public NodeAgents.Context agents()
        {
            return agents;
        }

        /** @return the service the node runs, configured in place. */
        public NodeService.Context service()
        {
            return service;
        }

        /**
         * @param errorHandler receives the errors of every component of the node, on their threads; default prints
         *                     to stderr. Errors are also kept in the components' distinct error logs.
         * @return this.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
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
         * @param terminationHook run (on an agent thread) when the cluster is shut down or aborted, for example by
         *                        {@code ClusterTool shutdown}; default does nothing.
         * @return this.
         */
        public Context terminationHook(final Runnable terminationHook)
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
         * {@inheritDoc}
         */
        public String toString()
        {
            return "AerieNode.Context{memberId=" + memberId + ", " + transport + ", " + storage + ", " + agents +
                ", " + timing + ", " + limits + '}';
        }
    }
}
