package io.aerie.client.recipes;

import java.util.List;

/**
 * Picks one instance of a service for each call, from a {@link ServiceCache}, by a {@link ProviderStrategy}
 * (round robin, random with the caller's generator, or the caller's own). No request to the cluster: the choice is
 * made from the cache as it is, so it is only as current as the cache (see {@link ServiceCache}).
 * <p>
 * Call on the client's thread (the cache changes there); nothing blocks. On session loss, as the cache: while
 * disconnected the provider keeps picking from the last known list; after the session ended it picks from the frozen
 * list, which will never change again, so the application must connect a new client and make a new provider.
 */
public final class ServiceProvider implements AutoCloseable
{
    private final ServiceCache cache;
    private final ProviderStrategy strategy;

    /**
     * @param cache    the instances to pick from; started by the caller, closed with this provider.
     * @param strategy how to pick.
     */
    public ServiceProvider(final ServiceCache cache, final ProviderStrategy strategy)
    {
        this.cache = cache;
        this.strategy = strategy;
    }

    /**
     * @return an instance picked by the strategy, or null if none is registered (or the cache is not loaded yet).
     */
    public ServiceInstance getInstance()
    {
        final List<ServiceInstance> instances = cache.instances();
        return instances.isEmpty() ? null : strategy.pick(instances);
    }

    /**
     * @return every registered instance, in id order.
     */
    public List<ServiceInstance> allInstances()
    {
        return cache.instances();
    }

    /**
     * @return the cache the provider picks from.
     */
    public ServiceCache cache()
    {
        return cache;
    }

    /**
     * Close the cache. Idempotent.
     */
    @Override
    public void close()
    {
        cache.close();
    }
}
