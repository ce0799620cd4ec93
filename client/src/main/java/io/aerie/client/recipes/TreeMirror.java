package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.Response;
import io.aerie.client.ResponseHandler;
import io.aerie.client.WatchedEvent;
import io.aerie.client.Watcher;
import io.aerie.codecs.EventType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;

import java.util.List;

/**
 * A local copy of a node and its descendants down to a depth, kept current with one persistent watch: the core of
 * {@link ConfigurationCache} and {@link ServiceCache}.
 * <p>
 * {@link #start()} adds a watch on the root (PERSISTENT_RECURSIVE; PERSISTENT when only the root is copied), then,
 * pipelined behind it, reads everything: getData of each node from {@code minDepth} on, getChildren of each node
 * above {@code maxDepth}, level by level. The cluster answers and sends events in log order and the client hands them
 * over in that order, so applying each answer and event as it comes keeps the copy consistent with the log. A
 * creation or data change makes it read that node again, unless a read of it is still unanswered (that answer comes
 * after the event, so after the change: a burst of changes costs a read or two, not one each): the copy changes, and
 * the listener is told, when the answer with the new data comes. A deletion removes the node at once. An answer older than the copy (smaller czxid, or the
 * same czxid and an mzxid not larger) changes nothing.
 * <p>
 * Each read of everything is a generation. When its last read is answered, nodes that neither it nor any answer since
 * confirmed are removed (their deletion event was lost) and the mirror is CURRENT. DISCONNECTED and EVENTS_LOST start
 * a new generation (a DISCONNECTED one's reads are answered once the session resumes); so does the removal of the
 * watch by someone else on this client, after setting it again. EXPIRED and CLOSED end the mirror.
 * <p>
 * Runs in the client's callbacks, on the polling thread; the listener is called last. Allocates per change (paths,
 * data copies), nothing per poll. Not thread safe.
 */
final class TreeMirror implements Watcher, ResponseHandler
{
    private static final long NONE = 0;
    private static final int EVENT_READ = 0;

    private final AerieClient client;
    private final String rootPath;
    private final int minDepth;
    private final int maxDepth;
    private final CacheListener listener;
    private final WatchMode watchMode;
    private final WatcherType watcherType;
    private final MirroredNodes nodes = new MirroredNodes();
    private final MirrorReads reads = new MirrorReads();
    private CacheState state = CacheState.LATENT;
    private ResultCode failure;
    private int generation;
    private int walkPending;
    private long watchId = NONE;

    /**
     * @param rootPath the copied node.
     * @param minDepth depth of the first nodes copied: 0 copies the root, 1 starts at its children.
     * @param maxDepth depth of the last nodes copied: 0 for the root alone, {@link Integer#MAX_VALUE} for all.
     * @param listener told of every change, last in each callback.
     */
    TreeMirror(
        final AerieClient client, final String rootPath, final int minDepth, final int maxDepth, final CacheListener listener)
    {
        this.client = client;
        this.rootPath = rootPath;
        this.minDepth = minDepth;
        this.maxDepth = maxDepth;
        this.listener = listener;
        this.watchMode = 0 == maxDepth ? WatchMode.PERSISTENT : WatchMode.PERSISTENT_RECURSIVE;
        this.watcherType = 0 == maxDepth ? WatcherType.PERSISTENT : WatcherType.PERSISTENT_RECURSIVE;
    }

    void start()
    {
        if (CacheState.LATENT != state)
        {
            throw new IllegalStateException("cache is " + state);
        }
        if (!RecipeSupport.isSessionAlive(client))
        {
            throw new IllegalStateException("the client's session has ended: " + client.state());
        }
        state = CacheState.LOADING;
        watchId = client.addWatch(rootPath, watchMode, this, this);
        reload();
    }

    void close()
    {
        final boolean watching = CacheState.LOADING == state || CacheState.CURRENT == state;
        state = CacheState.CLOSED;
        reads.clear();
        if (watching && RecipeSupport.isSessionAlive(client))
        {
            client.removeWatches(rootPath, watcherType, true, this);
        }
    }

    CacheState state()
    {
        return state;
    }

    ResultCode failure()
    {
        return failure;
    }

    /**
     * @return the nodes held; read them on the polling thread.
     */
    MirroredNodes nodes()
    {
        return nodes;
    }

    @Override
    public void onResponse(final Response response)
    {
        final long id = response.correlationId();
        final ResultCode code = response.code();
        if (id == watchId)
        {
            watchId = NONE;
            if (ResultCode.OK != code && isLive())
            {
                end(code);
            }
            return;
        }
        final MirrorReads.Read read = reads.remove(id);
        if (null == read || !isLive())
        {
            return;
        }
        if (ResultCode.OK != code && ResultCode.NO_NODE != code)
        {
            end(code);
            return;
        }
        if (read.children())
        {
            if (ResultCode.OK == code && read.generation() == generation)
            {
                // Copy the names before sending: a send may poll, and reuse this response.
                final List<String> names = response.names().toList();
                for (int i = 0, size = names.size(); i < size; i++)
                {
                    walk(RecipeSupport.child(read.path(), names.get(i)), read.depth() + 1);
                }
            }
        }
        else if (ResultCode.OK == code)
        {
            apply(read.path(), response);
        }
        else
        {
            remove(read.path());
        }
        if (read.generation() == generation && 0 == --walkPending && isLive())
        {
            finishLoad();
        }
    }

    @Override
    public void onEvent(final WatchedEvent event)
    {
        if (!isLive())
        {
            return;
        }
        final EventType type = event.type();
        if (EventType.NONE == type)
        {
            onSessionEvent(event.state());
            return;
        }
        final String path = event.path();
        if (EventType.PERSISTENT_WATCH_REMOVED == type)
        {
            if (rootPath.equals(path))
            {
                // Removed by someone else on this client: set it again, and read everything, changes were missed.
                watchId = client.addWatch(rootPath, watchMode, this, this);
                suspendAndReload();
            }
            return;
        }
        final int depth = MirroredNodes.depthOf(rootPath, path);
        if (depth < minDepth || depth > maxDepth)
        {
            return;
        }
        if (EventType.NODE_CREATED == type || EventType.NODE_DATA_CHANGED == type)
        {
            // A read of the node still unanswered is answered after this event, so after the change: it will do.
            if (!reads.isDataReadInFlight(path))
            {
                send(path, depth, false, EVENT_READ);
            }
        }
        else if (EventType.NODE_DELETED == type)
        {
            remove(path);
        }
    }

    private void onSessionEvent(final SessionState sessionState)
    {
        switch (sessionState)
        {
            case DISCONNECTED:
            case EVENTS_LOST:
                suspendAndReload();
                break;
            case EXPIRED:
            case CLOSED:
            case AUTH_FAILED:
                end(ResultCode.SESSION_EXPIRED);
                break;
            default:
                break;
        }
    }

    private void suspendAndReload()
    {
        final boolean wasCurrent = CacheState.CURRENT == state;
        state = CacheState.LOADING;
        reload();
        if (wasCurrent)
        {
            listener.onCacheEvent(CacheEvent.RELOADING, rootPath);
        }
    }

    private void reload()
    {
        generation++;
        walkPending = 0;
        walk(rootPath, 0);
    }

    private void walk(final String path, final int depth)
    {
        if (depth >= minDepth)
        {
            send(path, depth, false, generation);
        }
        if (depth < maxDepth)
        {
            send(path, depth, true, generation);
        }
    }

    private void send(final String path, final int depth, final boolean children, final int readGeneration)
    {
        final long id = children ? client.getChildrenAsync(path, null, this) : client.getDataAsync(path, null, this);
        reads.add(id, new MirrorReads.Read(path, depth, children, readGeneration));
        if (EVENT_READ != readGeneration)
        {
            walkPending++;
        }
    }

    private void apply(final String path, final Response response)
    {
        final CacheEvent change = nodes.apply(path, response, generation);
        if (null != change)
        {
            listener.onCacheEvent(change, path);
        }
    }

    private void remove(final String path)
    {
        if (nodes.remove(path))
        {
            listener.onCacheEvent(CacheEvent.NODE_REMOVED, path);
        }
    }

    /**
     * The last read of this generation is answered: what neither it nor a later answer confirmed is gone.
     */
    private void finishLoad()
    {
        final List<String> gone = nodes.unconfirmed(generation);
        for (int i = 0, size = null == gone ? 0 : gone.size(); i < size && isLive(); i++)
        {
            remove(gone.get(i));
        }
        if (isLive())
        {
            state = CacheState.CURRENT;
            listener.onCacheEvent(CacheEvent.LOADED, rootPath);
        }
    }

    private void end(final ResultCode code)
    {
        final boolean sessionEnded = ResultCode.SESSION_EXPIRED == code || !RecipeSupport.isSessionAlive(client);
        state = sessionEnded ? CacheState.SESSION_ENDED : CacheState.FAILED;
        failure = code;
        reads.clear();
        if (!sessionEnded)
        {
            client.removeWatches(rootPath, watcherType, true, this);
        }
        listener.onCacheEvent(sessionEnded ? CacheEvent.SESSION_ENDED : CacheEvent.FAILED, rootPath);
    }

    private boolean isLive()
    {
        return CacheState.LOADING == state || CacheState.CURRENT == state;
    }
}
