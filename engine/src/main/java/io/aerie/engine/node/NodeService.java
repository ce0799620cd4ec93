package io.aerie.engine.node;

import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.exceptions.ConfigurationException;

import java.io.File;
import java.util.function.Supplier;

/**
 * The service a node runs: one given, one a supplier makes, or the node's default, which is Aerie's own (from its
 * context or the {@code aerie.*} system properties) or the class named by
 * {@link Configuration#SERVICE_CLASS_PROP_NAME}. Composed by {@link AerieNode.Context#service()}.
 */
public final class NodeService
{
    private NodeService()
    {
    }

    /**
     * Property names and defaults of the node's service, each readable from an {@code aerie.node.*} system property.
     */
    public static final class Configuration
    {
        /**
         * The clustered service class a node runs by default (public no-argument constructor).
         */
        public static final String SERVICE_CLASS_PROP_NAME = "aerie.node.service.class";

        /**
         * Default service: Aerie's own.
         */
        public static final String SERVICE_CLASS_DEFAULT = "io.aerie.engine.service.AerieClusteredService";

        private Configuration()
        {
        }

        /**
         * @return {@link #SERVICE_CLASS_PROP_NAME} or its default.
         */
        public static String serviceClassName()
        {
            return System.getProperty(SERVICE_CLASS_PROP_NAME, SERVICE_CLASS_DEFAULT);
        }
    }

    /**
     * Which service the node runs: at most one of a service, a supplier or a configuration of Aerie's service; none
     * for the default. Fluent setters, same-named getters; not thread-safe: configure, then launch.
     */
    public static final class Context
    {
        private ClusteredService clusteredService;
        private Supplier<? extends ClusteredService> clusteredServiceSupplier;
        private AerieClusteredService.Context serviceContext;

        /**
         * Make the service: the one given, the one the supplier makes, or the default. Called by
         * {@link AerieNode.Context#conclude()}.
         *
         * @param treeDir where the default service keeps its tree's maps as files unless its tree context names a
         *                directory or keeps them in memory ({@link NodeStorage.Context#treeDir()}).
         * @return this.
         * @throws ConfigurationException if more than one is given, the supplier makes none, or the configured class
         *                                cannot be made.
         */
        public Context conclude(final File treeDir)
        {
            clusteredService = resolve(clusteredService, clusteredServiceSupplier, serviceContext, treeDir);
            return this;
        }

        /**
         * @param serviceContext configuration of the Aerie service the node makes when no service or supplier is
         *                       given; null (the default) for one from the {@code aerie.*} system properties.
         * @return this.
         */
        public Context serviceContext(final AerieClusteredService.Context serviceContext)
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
         * @param clusteredService the service this node runs; unset, the node makes its default one.
         * @return this.
         */
        public Context clusteredService(final ClusteredService clusteredService)
        {
            this.clusteredService = clusteredService;
            return this;
        }

        /** @return the service (made from the supplier or the default by {@link #conclude()}). */
        public ClusteredService clusteredService()
        {
            return clusteredService;
        }

        /**
         * @param clusteredServiceSupplier makes the service at {@link #conclude()}; unset, the node makes its default.
         * @return this.
         */
        public Context clusteredServiceSupplier(final Supplier<? extends ClusteredService> clusteredServiceSupplier)
        {
            this.clusteredServiceSupplier = clusteredServiceSupplier;
            return this;
        }

        /** @return the service supplier, or null. */
        public Supplier<? extends ClusteredService> clusteredServiceSupplier()
        {
            return clusteredServiceSupplier;
        }
    }

    /**
     * The service hook of {@link AerieNode#main(String[])}: a new instance of the class named by
     * {@link Configuration#SERVICE_CLASS_PROP_NAME} (default {@link Configuration#SERVICE_CLASS_DEFAULT}), made with
     * its public no-argument constructor.
     *
     * @return a new service.
     * @throws ConfigurationException if the class is missing, not a {@link ClusteredService} or cannot be made.
     */
    public static ClusteredService newConfiguredService()
    {
        return newInstance(Configuration.serviceClassName());
    }

    /**
     * The service a node runs: the one given, the one its supplier makes, or the default one.
     *
     * @param clusteredService the service given, or null.
     * @param supplier         makes the service, or null.
     * @param serviceContext   configuration of the default service, or null.
     * @param treeDir          the default service's default directory of its tree's maps.
     * @return the service.
     * @throws ConfigurationException if more than one is given, or the supplier makes none.
     */
    static ClusteredService resolve(
        final ClusteredService clusteredService,
        final Supplier<? extends ClusteredService> supplier,
        final AerieClusteredService.Context serviceContext,
        final File treeDir)
    {
        final int given = (null == clusteredService ? 0 : 1) + (null == supplier ? 0 : 1) +
            (null == serviceContext ? 0 : 1);
        if (given > 1)
        {
            throw new ConfigurationException("set one of clusteredService, clusteredServiceSupplier, serviceContext");
        }
        if (null != clusteredService)
        {
            return clusteredService;
        }
        if (null == supplier)
        {
            return defaultService(serviceContext, treeDir);
        }

        final ClusteredService supplied = supplier.get();
        if (null == supplied)
        {
            throw new ConfigurationException("clusteredServiceSupplier made no service");
        }

        return supplied;
    }

    /**
     * The node's default service.
     *
     * @param serviceContext configuration of Aerie's service, or null for the system properties' one.
     * @param treeDir        where Aerie's service keeps its tree's maps as files when its tree context names no
     *                       directory and does not keep them in memory; null for no default.
     * @return a new service.
     * @throws ConfigurationException if another service class is named beside a service context, or cannot be made.
     */
    static ClusteredService defaultService(final AerieClusteredService.Context serviceContext, final File treeDir)
    {
        final String className = Configuration.serviceClassName();
        if (Configuration.SERVICE_CLASS_DEFAULT.equals(className))
        {
            final AerieClusteredService.Context context =
                null == serviceContext ? new AerieClusteredService.Context() : serviceContext;
            if (null == context.treeContext())
            {
                context.treeContext(new ZnodeTreeContext());
            }
            final ZnodeTreeContext tree = context.treeContext();
            if (null != treeDir && tree.mapFiles() && null == tree.mapDir())
            {
                // The fast restart is the default: the maps and their copy live with the rest of the node's state.
                tree.mapDir(treeDir);
            }
            return new AerieClusteredService(context);
        }
        if (null != serviceContext)
        {
            throw new ConfigurationException("serviceContext configures Aerie's service, but " +
                Configuration.SERVICE_CLASS_PROP_NAME + "=" + className + " names another");
        }

        return newInstance(className);
    }

    /**
     * A new instance of the class named by {@link Configuration#SERVICE_CLASS_PROP_NAME} (default
     * {@link Configuration#SERVICE_CLASS_DEFAULT}), made with its public no-argument constructor.
     *
     * @param className the service class.
     * @return a new service.
     * @throws ConfigurationException if the class is missing, not a {@link ClusteredService} or cannot be made.
     */
    static ClusteredService newInstance(final String className)
    {
        final Object service;
        try
        {
            service = Class.forName(className).getDeclaredConstructor().newInstance();
        }
        catch (final ClassNotFoundException ex)
        {
            throw new ConfigurationException(
                "service class " + className + " not found (" + Configuration.SERVICE_CLASS_PROP_NAME + ")");
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ConfigurationException("cannot create service " + className + ": " + ex);
        }

        if (!(service instanceof ClusteredService))
        {
            throw new ConfigurationException(className + " is not a " + ClusteredService.class.getName());
        }

        return (ClusteredService)service;
    }
}
