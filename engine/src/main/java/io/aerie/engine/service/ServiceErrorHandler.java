package io.aerie.engine.service;

import io.aerie.engine.tree.ZnodeTreeContext;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Where the tree's unexpected failures go once the service runs: counted in {@code aerie_store_failures}, then to
 * the cluster's counted error handler, which counts them among the container's errors
 * ({@code aerie_cluster_service_errors}), records them in the service's distinct error log (read by
 * {@code ClusterTool <dir> errors}) and hands them to the node's error handler; then to the tree's own handler, if
 * its configuration had one. Before the service starts, or on a cluster without a container context (tests), a
 * failure is counted only once there is a counter, and otherwise dropped: the tree has answered SYSTEM_ERROR or
 * ZNODE_LIMIT already. Service thread only.
 */
final class ServiceErrorHandler implements ErrorHandler
{
    private final ErrorHandler treeErrorHandler;
    private AtomicCounter storeFailures;
    private ErrorHandler clusterErrorHandler;

    ServiceErrorHandler()
    {
        this(null);
    }

    /**
     * @param treeErrorHandler told of each failure after the cluster; null for none.
     */
    ServiceErrorHandler(final ErrorHandler treeErrorHandler)
    {
        this.treeErrorHandler = treeErrorHandler;
    }

    /**
     * Make a handler of this kind the tree's, whatever the tree's configuration has: one of its own is told after.
     *
     * @param treeContext the service's tree configuration, before it is concluded.
     */
    static void defaultFor(final ZnodeTreeContext treeContext)
    {
        if (!(treeContext.errorHandler() instanceof ServiceErrorHandler))
        {
            treeContext.errorHandler(new ServiceErrorHandler(treeContext.errorHandler()));
        }
    }

    /**
     * Bind the tree's handler, if it is of this kind, to the running cluster.
     *
     * @param treeContext   the service's tree configuration.
     * @param cluster       the running cluster.
     * @param storeFailures counter of the tree's failures.
     */
    static void bind(final ZnodeTreeContext treeContext, final Cluster cluster, final AtomicCounter storeFailures)
    {
        if (treeContext.errorHandler() instanceof ServiceErrorHandler handler)
        {
            handler.bind(cluster, storeFailures);
        }
    }

    /**
     * Report through this cluster and count in this counter from now on.
     *
     * @param cluster       the running cluster; its container context's counted error handler is used if it has one.
     * @param storeFailures counter of the tree's failures.
     */
    void bind(final Cluster cluster, final AtomicCounter storeFailures)
    {
        this.storeFailures = storeFailures;
        final ClusteredServiceContainer.Context context = cluster.context();
        this.clusterErrorHandler = null == context ? null : context.countedErrorHandler();
    }

    @Override
    public void onError(final Throwable throwable)
    {
        if (null != storeFailures)
        {
            storeFailures.increment();
        }
        if (null != clusterErrorHandler)
        {
            clusterErrorHandler.onError(throwable);
        }
        if (null != treeErrorHandler)
        {
            treeErrorHandler.onError(throwable);
        }
    }
}
