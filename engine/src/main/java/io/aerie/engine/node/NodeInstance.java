package io.aerie.engine.node;

import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.ClusteredServiceContainer;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;

/**
 * The running parts of one launched node, started in {@link #launch(AerieNode.Context)} and closed in
 * {@link #close()} in the order a crash-like leave needs. {@link AerieNode} is its public face.
 */
final class NodeInstance implements AutoCloseable
{
    final CountingErrorHandler errorHandler;
    final IngressGuard ingressGuard;
    final TerminationWatch terminationWatch;
    final ClusteredMediaDriver clusteredMediaDriver;
    final ClusteredServiceContainer container;
    final MetricsEndpoint metricsEndpoint;
    final AgentRunner retention;
    final LogJoinWatch logJoinWatch;
    final NodeDirLock dirLock;

    private NodeInstance(
        final CountingErrorHandler errorHandler,
        final IngressGuard ingressGuard,
        final TerminationWatch terminationWatch,
        final ClusteredMediaDriver clusteredMediaDriver,
        final ClusteredServiceContainer container,
        final MetricsEndpoint metricsEndpoint,
        final AgentRunner retention,
        final LogJoinWatch logJoinWatch,
        final NodeDirLock dirLock)
    {
        this.errorHandler = errorHandler;
        this.ingressGuard = ingressGuard;
        this.terminationWatch = terminationWatch;
        this.clusteredMediaDriver = clusteredMediaDriver;
        this.container = container;
        this.metricsEndpoint = metricsEndpoint;
        this.retention = retention;
        this.logJoinWatch = logJoinWatch;
        this.dirLock = dirLock;
    }

    /**
     * Start the parts of a node from its concluded context; on failure, close what was started and rethrow.
     *
     * @param ctx          the concluded context.
     * @param selfRestarts times the node was launched again in this process before ({@code aerie_node_self_restarts}).
     * @return the running parts.
     */
    static NodeInstance launch(final AerieNode.Context ctx, final long selfRestarts)
    {
        final NodeStorage.Context storage = ctx.storage();
        // Holding the directory's lock proves no live process uses it: what a killed node left is removed.
        final NodeDirLock dirLock = NodeDirLock.acquire(storage.nodeDir());
        if (storage.removeStaleMarkFilesOnStart())
        {
            // An Aeron directory named by the user may be another live driver's: it is removed only when its CnC
            // file names a process that is gone; the node's own is removed whatever it holds.
            final File aeronDir = new File(storage.aeronDirectoryName()).getAbsoluteFile();
            final boolean isOwnAeronDir = new File(NodeStorage.Configuration.defaultAeronDirectoryName(
                storage.nodeDir())).getAbsoluteFile().equals(aeronDir);
            StaleMarkFiles.remove(storage.archiveDir(), storage.clusterDir(),
                isOwnAeronDir || StaleMarkFiles.isDeadDriverDirectory(aeronDir) ? aeronDir : null);
        }

        if (storage.deleteDirsOnStart())
        {
            // Aeron deletes its own directories; the tree's maps and their copies go with them.
            IoUtil.delete(storage.treeDir(), true);
        }

        NodeReadChannel.configure(ctx);
        final CountingErrorHandler errorHandler = new CountingErrorHandler(ctx.errorHandler(), ctx.terminationHook());
        final TerminationWatch terminationWatch = new TerminationWatch(ctx.terminationHook(), errorHandler);
        final NodeComponents components =
            new NodeComponents(ctx, errorHandler, terminationWatch, errorHandler.counters());
        ClusteredMediaDriver clusteredMediaDriver = null;
        MetricsEndpoint metricsEndpoint = null;
        AgentRunner retention = null;
        final LogJoinWatch logJoinWatch = new LogJoinWatch(errorHandler::requestRestart);
        try
        {
            clusteredMediaDriver = ClusteredMediaDriver.launch(
                components.driverContext(), components.archiveContext(), components.consensusModuleContext());
            terminationWatch.moduleState(clusteredMediaDriver.consensusModule().context().moduleStateCounter());
            final NodeTransport.Context transport = ctx.transport();
            if (0 != transport.metricsPort())
            {
                // The driver's own counters: every component's, the service's included, live there.
                final CountersReader counters = clusteredMediaDriver.mediaDriver().context().countersManager();
                metricsEndpoint = MetricsEndpoint.start(
                    transport.metricsHost(), transport.metricsPort(), counters, errorHandler, ctx.memberId());
            }
            final ClusteredServiceContainer.Context containerCtx = components.serviceContainerContext();
            containerCtx.threadFactory(logJoinWatch.serviceThreadFactory(containerCtx.threadFactory()));
            final ClusteredServiceContainer container = ClusteredServiceContainer.launch(containerCtx);
            logJoinWatch.start();
            retention = SnapshotRetention.start(
                ctx, clusteredMediaDriver.consensusModule().context(), errorHandler, selfRestarts,
                errorHandler.counters());

            return new NodeInstance(
                errorHandler,
                components.ingressGuard(),
                terminationWatch,
                clusteredMediaDriver,
                container,
                metricsEndpoint,
                retention,
                logJoinWatch,
                dirLock);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(logJoinWatch, retention, metricsEndpoint, clusteredMediaDriver, dirLock);
            throw ex;
        }
    }

    /**
     * @return the running consensus module's context, which holds its role, election and commit counters.
     */
    ConsensusModule.Context consensusModule()
    {
        return clusteredMediaDriver.consensusModule().context();
    }

    /**
     * The log join watch first (a node being closed is not to be restarted), the metrics endpoint next (it reads the
     * media driver's counters, which must outlive it), then the consensus module (so the rest of the cluster sees this
     * member go, as in a crash), the service container, archive and media driver; the node directory's lock is
     * released last.
     */
    public void close()
    {
        terminationWatch.closing();
        logJoinWatch.close();
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
