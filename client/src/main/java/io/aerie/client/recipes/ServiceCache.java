package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.codecs.ResultCode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The registered instances of one service ({@code <base>/<service>/<id>} nodes, registered with {@link GroupMember}),
 * with their payloads, kept current by the cluster's events, and a listener on membership changes.
 *
 * <h2>How</h2>
 * A persistent recursive watch on the service's node and, behind it, a read of its children and of each child's data;
 * each registration, payload change or deregistration the watch reports is applied (after a read of the node, for the
 * first two). The service's node need not exist yet.
 *
 * <h2>Guarantees</h2>
 * Those of {@link ConfigurationCache}, on the service's children: the listener is told of an instance added
 * ({@link CacheEvent#NODE_ADDED}), changed or removed only once {@link #instances()} shows it; changes apply in the
 * cluster's order; after lost connections or lost events the cache says {@link CacheEvent#RELOADING}, re-reads
 * everything and ends {@link CacheEvent#LOADED}. An instance whose process died stays listed until its session
 * expires in the cluster (its node goes then): callers must still expect a listed instance to be unreachable.
 *
 * <h2>Threading</h2>
 * Driven by the client's {@link AerieClient#poll()}: changes are applied, and the listener called, inside it. Call
 * every method on the client's thread; none blocks but {@link #awaitCurrent(long, TimeUnit)}, which polls the client
 * and must not be called from a callback. The instances returned are immutable.
 *
 * <h2>Session loss: what the caller must do</h2>
 * On DISCONNECTED and EVENTS_LOST nothing: the cache keeps its list (it may lag, {@link #isCurrent()} false) and
 * re-reads once the session resumes. When the session expires or is closed the list is frozen
 * ({@link CacheState#SESSION_ENDED}): connect a new client and make a new cache on it.
 */
public final class ServiceCache implements AutoCloseable
{
    private final String serviceName;
    private final String servicePath;
    private final AerieClient client;
    private final CacheListener listener;
    private final TreeMirror mirror;
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
    private List<ServiceInstance> instances = List.of();
    private boolean changed;

    /**
     * @param client      the client whose session watches the service; polled by the caller.
     * @param basePath    the node under which services register (for example {@code /services}).
     * @param serviceName the service: its node is {@code <basePath>/<serviceName>}; no '/'.
     * @param listener    told of every change after the cache applied it, on the polling thread; null for none.
     * @throws IllegalArgumentException if the service name is empty or holds a '/'.
     */
    public ServiceCache(
        final AerieClient client, final String basePath, final String serviceName, final CacheListener listener)
    {
        this.serviceName = serviceName;
        this.servicePath = ServiceDiscovery.servicePath(basePath, serviceName);
        this.client = client;
        this.listener = null == listener ? CacheListener.NO_OP : listener;
        this.mirror = new TreeMirror(client, servicePath, 1, 1, this::onChange);
    }

    /**
     * Set the watch and read the instances; returns at once, the list comes from polling ({@link CacheEvent#LOADED}).
     *
     * @throws IllegalStateException if started already or closed, or if the client's session has ended.
     */
    public void start()
    {
        mirror.start();
    }

    /**
     * Poll the client until the cache is current, the timeout passes, or the cache is out for good.
     *
     * @param timeout how long to wait; 0 only checks.
     * @param unit    unit of {@code timeout}.
     * @return true if the cache is {@link CacheState#CURRENT} on return.
     * @throws IllegalStateException if the cache was never started.
     */
    public boolean awaitCurrent(final long timeout, final TimeUnit unit)
    {
        if (CacheState.LATENT == mirror.state())
        {
            throw new IllegalStateException("cache not started");
        }
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        idleStrategy.reset();
        while (CacheState.LOADING == mirror.state() && System.nanoTime() - deadlineNs < 0)
        {
            idleStrategy.idle(client.poll());
        }
        return CacheState.CURRENT == mirror.state();
    }

    /**
     * @return the registered instances, in id order: an immutable list, the same object until the next change.
     */
    public List<ServiceInstance> instances()
    {
        if (changed)
        {
            changed = false;
            final List<CachedNode> nodes = mirror.nodes().children(servicePath);
            final ServiceInstance[] list = new ServiceInstance[nodes.size()];
            for (int i = 0; i < list.length; i++)
            {
                list[i] = new ServiceInstance(serviceName, nodes.get(i));
            }
            instances = List.of(list);
        }
        return instances;
    }

    /**
     * @param id an instance id.
     * @return the instance, or null if none is registered under that id.
     */
    public ServiceInstance instance(final String id)
    {
        final CachedNode node = mirror.nodes().get(RecipeSupport.child(servicePath, id));
        return null == node ? null : new ServiceInstance(serviceName, node);
    }

    /**
     * @return true if everything was read and every change since applied, as far as this client knows.
     */
    public boolean isCurrent()
    {
        return CacheState.CURRENT == mirror.state();
    }

    /**
     * @return the life cycle state.
     */
    public CacheState state()
    {
        return mirror.state();
    }

    /**
     * @return the error that put the cache in {@link CacheState#FAILED} (or the session's end), or null.
     */
    public ResultCode failure()
    {
        return mirror.failure();
    }

    /**
     * @return the service's name.
     */
    public String serviceName()
    {
        return serviceName;
    }

    /**
     * Stop following changes: remove the watch (without waiting); the list stays as it is. Idempotent.
     */
    @Override
    public void close()
    {
        if (CacheState.CLOSED != mirror.state())
        {
            mirror.close();
        }
    }

    private void onChange(final CacheEvent event, final String path)
    {
        if (CacheEvent.NODE_ADDED == event || CacheEvent.NODE_UPDATED == event || CacheEvent.NODE_REMOVED == event)
        {
            changed = true;
        }
        listener.onCacheEvent(event, path);
    }
}
