package io.aerie.engine.node;

import io.aerie.engine.service.AerieClusteredService;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.exceptions.ConfigurationException;

import java.util.function.Supplier;

/**
 * The service a node runs when none is given: Aerie's own, from its context or the {@code aerie.*} system
 * properties, or the class named by {@link AerieNodeConfiguration#SERVICE_CLASS_PROP_NAME}.
 */
final class NodeServices
{
    private NodeServices()
    {
    }

    /**
     * The service a node runs: the one given, the one its supplier makes, or the default one.
     *
     * @param clusteredService the service given, or null.
     * @param supplier         makes the service, or null.
     * @param serviceContext   configuration of the default service, or null.
     * @return the service.
     * @throws ConfigurationException if more than one is given, or the supplier makes none.
     */
    static ClusteredService resolve(
        final ClusteredService clusteredService,
        final Supplier<? extends ClusteredService> supplier,
        final AerieClusteredService.Context serviceContext)
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
            return defaultService(serviceContext);
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
     * @return a new service.
     * @throws ConfigurationException if another service class is named beside a service context, or cannot be made.
     */
    static ClusteredService defaultService(final AerieClusteredService.Context serviceContext)
    {
        final String className = AerieNodeConfiguration.serviceClassName();
        if (AerieNodeConfiguration.SERVICE_CLASS_DEFAULT.equals(className))
        {
            return new AerieClusteredService(null == serviceContext ? new AerieClusteredService.Context() : serviceContext);
        }
        if (null != serviceContext)
        {
            throw new ConfigurationException("serviceContext configures Aerie's service, but " +
                AerieNodeConfiguration.SERVICE_CLASS_PROP_NAME + "=" + className + " names another");
        }

        return newInstance(className);
    }

    /**
     * A new instance of the class named by {@link AerieNodeConfiguration#SERVICE_CLASS_PROP_NAME} (default
     * {@link AerieNodeConfiguration#SERVICE_CLASS_DEFAULT}), made with its public no-argument constructor.
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
                "service class " + className + " not found (" + AerieNodeConfiguration.SERVICE_CLASS_PROP_NAME + ")");
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
