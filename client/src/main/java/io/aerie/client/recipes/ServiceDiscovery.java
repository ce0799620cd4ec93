package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.Stat;

import java.util.ArrayList;
import java.util.List;

/**
 * Service discovery on one client: services register instances under {@code <basePath>/<service>/<id>}, ephemeral
 * nodes whose data is the instance's payload (host, port, metadata, encoded as the service likes); clients list them
 * once ({@link #queryForInstances(String)}), follow them ({@link #serviceCache}) or pick one
 * ({@link #serviceProvider}).
 * <p>
 * A thin entry point over {@link GroupMember}, {@link ServiceCache} and {@link ServiceProvider}: see each for its
 * guarantees and what to do on session loss (in short: a registration ends with the session, and nothing opens a new
 * session by itself: connect a new client, register again, make new caches). Call on the client's thread; the query
 * methods block (polling the client, at most its request timeout each) and must not be called from callbacks, the
 * others return at once.
 */
public final class ServiceDiscovery
{
    private final AerieClient client;
    private final String basePath;

    /**
     * @param client   the client to register and discover with.
     * @param basePath the node under which services register, for example {@code /services}; created when needed.
     */
    public ServiceDiscovery(final AerieClient client, final String basePath)
    {
        this.client = client;
        this.basePath = basePath;
    }

    /**
     * Register an instance: start a {@link GroupMember} at {@code <basePath>/<serviceName>/<instanceId>}.
     *
     * @param serviceName the service; no '/'.
     * @param instanceId  the instance's id, unique in the service; no '/'.
     * @param payload what the instance publishes (for example "host:port" bytes), or null; copied.
     * @return the started member: close it to deregister, watch {@link GroupMember#isRegistered()} for its state.
     * @throws IllegalArgumentException if a name is empty or holds a '/'.
     * @throws IllegalStateException    if the client's session has ended.
     */
    public GroupMember registerService(final String serviceName, final String instanceId, final byte[] payload)
    {
        final GroupMember member = new GroupMember(client, servicePath(serviceName), instanceId, payload);
        member.start();
        return member;
    }

    /**
     * @return the names of the services that have (or had) instances, sorted; empty if none.
     * @throws AerieException with the error code, e.g. SESSION_EXPIRED or OPERATION_TIMEOUT.
     */
    public List<String> queryForNames() throws AerieException
    {
        return childrenOrEmpty(basePath);
    }

    /**
     * Read the instances of a service now, with their payloads (one read per instance).
     *
     * @param serviceName the service.
     * @return the instances registered, in id order; empty if none.
     * @throws AerieException with the error code, e.g. SESSION_EXPIRED or OPERATION_TIMEOUT.
     */
    public List<ServiceInstance> queryForInstances(final String serviceName) throws AerieException
    {
        final String servicePath = servicePath(serviceName);
        final List<ServiceInstance> instances = new ArrayList<>();
        for (final String id : childrenOrEmpty(servicePath))
        {
            final String path = RecipeSupport.child(servicePath, id);
            final Stat stat = new Stat();
            try
            {
                instances.add(new ServiceInstance(serviceName, new CachedNode(path, client.getData(path, stat), stat)));
            }
            catch (final AerieException ex)
            {
                if (ResultCode.NO_NODE != ex.code())
                {
                    throw ex; // NO_NODE: deregistered since the list was read
                }
            }
        }
        return instances;
    }

    /**
     * @param serviceName the service.
     * @param listener    told of changes, or null.
     * @return a new cache of the service's instances, not started: call {@link ServiceCache#start()}.
     */
    public ServiceCache serviceCache(final String serviceName, final CacheListener listener)
    {
        return new ServiceCache(client, basePath, serviceName, listener);
    }

    /**
     * @param serviceName the service.
     * @param strategy    how to pick an instance, e.g. {@link ProviderStrategy#roundRobin()}.
     * @return a provider over a new, started cache of the service's instances (closed with the provider).
     * @throws IllegalStateException if the client's session has ended.
     */
    public ServiceProvider serviceProvider(final String serviceName, final ProviderStrategy strategy)
    {
        final ServiceCache cache = serviceCache(serviceName, null);
        cache.start();
        return new ServiceProvider(cache, strategy);
    }

    /**
     * @param serviceName the service.
     * @return the node of a service: {@code <basePath>/<serviceName>}.
     * @throws IllegalArgumentException if the name is empty or holds a '/'.
     */
    public String servicePath(final String serviceName)
    {
        return servicePath(basePath, serviceName);
    }

    static String servicePath(final String basePath, final String serviceName)
    {
        if (serviceName.isEmpty() || serviceName.indexOf('/') >= 0)
        {
            throw new IllegalArgumentException("service name must be a node name: " + serviceName);
        }
        return RecipeSupport.child(basePath, serviceName);
    }

    private List<String> childrenOrEmpty(final String path) throws AerieException
    {
        RecipeSupport.requireSessionAlive(client);
        try
        {
            return client.getChildren(path);
        }
        catch (final AerieException ex)
        {
            if (ResultCode.NO_NODE == ex.code())
            {
                return List.of();
            }
            throw ex;
        }
    }
}
