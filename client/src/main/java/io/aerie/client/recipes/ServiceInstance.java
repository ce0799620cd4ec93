package io.aerie.client.recipes;

/**
 * One registered instance of a service, as {@link ServiceCache} and {@link ServiceDiscovery} list it: the instance's
 * id (its node's name), its payload (what the instance registered: host, port, metadata, in whatever encoding the
 * service chose) and who registered it. Immutable; safe to keep and to read from any thread. A payload change makes a
 * new instance object in the cache.
 */
public final class ServiceInstance
{
    private final String serviceName;
    private final CachedNode node;

    ServiceInstance(final String serviceName, final CachedNode node)
    {
        this.serviceName = serviceName;
        this.node = node;
    }

    /**
     * @return the service's name.
     */
    public String serviceName()
    {
        return serviceName;
    }

    /**
     * @return the instance id: the name of its node under the service.
     */
    public String id()
    {
        return node.name();
    }

    /**
     * @return the instance's node path.
     */
    public String path()
    {
        return node.path();
    }

    /**
     * @return a copy of the payload the instance registered (empty, never null, if none).
     */
    public byte[] payload()
    {
        return node.data();
    }

    /**
     * @return the session id that registered the instance (its node's ephemeral owner); 0 for a persistent node
     * someone created by hand.
     */
    public long sessionId()
    {
        return node.ephemeralOwner();
    }

    /**
     * @return the zxid of the registration: a later registration under the same id has a larger one.
     */
    public long registrationZxid()
    {
        return node.czxid();
    }

    /**
     * @return the payload's version: 0 as registered, one more per change.
     */
    public int payloadVersion()
    {
        return node.version();
    }

    @Override
    public String toString()
    {
        return "ServiceInstance{service=" + serviceName + ", id=" + id() + ", payloadLength=" + node.dataLength() + '}';
    }
}
