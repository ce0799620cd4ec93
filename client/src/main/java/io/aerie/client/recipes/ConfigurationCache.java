package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.codecs.ResultCode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local copy of a configuration node, or of a whole subtree, kept current by the cluster's events, with a change
 * listener.
 *
 * <h2>How</h2>
 * One persistent watch on the node (recursive for a subtree) and, behind it, a read of every node (getData; getChildren
 * to find a subtree's nodes). Each creation or data change the watch reports makes the cache read that node again; a
 * deletion removes it. The node need not exist: the cache is then empty until it is created.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Current after the callback</b>: the listener is told of a change only once the cache holds it, so a
 *   listener reading the cache sees the new data; a node removed is no longer there.</li>
 *   <li>Changes are applied in the cluster's order; a node's copy never goes back to an older version (its czxid and
 *   mzxid only grow).</li>
 *   <li>A change reaches the cache one round trip after the event (the event, then a read): reads of the cache in that
 *   window return the previous version. Code that must see the latest write reads the cluster (sync, then
 *   getData).</li>
 *   <li>Nothing is missed silently: when changes may have been missed (the connection lost, or watch events lost), the
 *   listener is told {@link CacheEvent#RELOADING}, the cache re-reads everything, and reports what it finds changed,
 *   added or removed, then {@link CacheEvent#LOADED}. Intermediate versions between two reads may be skipped: the
 *   cache converges to the latest one.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Driven by the client's {@link AerieClient#poll()}: the copy changes, and the listener is called, inside it (or inside
 * a blocking call polling on that thread). Call every method on that thread. Nothing here blocks but
 * {@link #awaitCurrent(long, TimeUnit)}, which polls the client and must not be called from a callback. The nodes it
 * returns ({@link CachedNode}) are immutable and may be handed to other threads.
 *
 * <h2>Session loss: what the caller must do</h2>
 * On DISCONNECTED and EVENTS_LOST nothing: the cache keeps its contents, is {@link CacheState#LOADING} ({@link
 * #isCurrent()} false) and re-reads everything once the session resumes; code that must not act on stale configuration
 * waits for {@link #isCurrent()}. When the session expires or is closed the cache is frozen
 * ({@link CacheState#SESSION_ENDED}, listener told {@link CacheEvent#SESSION_ENDED}): it keeps the last known
 * contents, which the application may go on using, but they never change again. Connect a new client and make a new
 * cache on it. One cache per path per client: closing a cache removes this client's watch of its kind on the path
 * (another cache there sets its own again and re-reads).
 */
public final class ConfigurationCache implements AutoCloseable
{
    private final String path;
    private final AerieClient client;
    private final TreeMirror mirror;
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy(10, 20, 1_000, 100_000);

    /**
     * @param client   the client whose session watches the configuration; polled by the caller.
     * @param path     the configuration node.
     * @param subtree  true to copy the node and every descendant; false for the node alone.
     * @param listener told of every change after the cache applied it, on the polling thread; null for none.
     */
    public ConfigurationCache(
        final AerieClient client, final String path, final boolean subtree, final CacheListener listener)
    {
        this.path = path;
        this.client = client;
        this.mirror = new TreeMirror(
            client, path, 0, subtree ? Integer.MAX_VALUE : 0, null == listener ? CacheListener.NO_OP : listener);
    }

    /**
     * A cache of one node, with no listener.
     *
     * @param client the client whose session watches the node; polled by the caller.
     * @param path   the configuration node.
     */
    public ConfigurationCache(final AerieClient client, final String path)
    {
        this(client, path, false, null);
    }

    /**
     * Set the watch and read everything; returns at once, the contents come from polling ({@link CacheEvent#LOADED}).
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
     * @return the configuration node's path.
     */
    public String path()
    {
        return path;
    }

    /**
     * @return the configuration node as held, or null if it does not exist (or is not loaded yet).
     */
    public CachedNode node()
    {
        return mirror.nodes().get(path);
    }

    /**
     * @param nodePath the node's path: the configuration node or, for a subtree, a descendant.
     * @return the node as held, or null if it does not exist (or is not loaded yet, or outside the cache).
     */
    public CachedNode node(final String nodePath)
    {
        return mirror.nodes().get(nodePath);
    }

    /**
     * @return a copy of the configuration node's data, or null if it does not exist.
     */
    public byte[] data()
    {
        return data(path);
    }

    /**
     * @param nodePath the node's path.
     * @return a copy of the node's data, or null if the cache holds no such node.
     */
    public byte[] data(final String nodePath)
    {
        final CachedNode node = mirror.nodes().get(nodePath);
        return null == node ? null : node.data();
    }

    /**
     * @param nodePath a node in the cache (for a subtree cache).
     * @return the children of the node the cache holds, in name order; empty if none. Allocates.
     */
    public List<CachedNode> children(final String nodePath)
    {
        return mirror.nodes().children(nodePath);
    }

    /**
     * @return number of nodes held.
     */
    public int size()
    {
        return mirror.nodes().size();
    }

    /**
     * Stop following changes: remove the watch (without waiting), keep the contents as they are. Idempotent; safe
     * while disconnected.
     */
    @Override
    public void close()
    {
        if (CacheState.CLOSED != mirror.state())
        {
            mirror.close();
        }
    }
}
