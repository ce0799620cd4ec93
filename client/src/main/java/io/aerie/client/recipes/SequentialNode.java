package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.Response;
import io.aerie.client.ResponseHandler;
import io.aerie.client.WatchedEvent;
import io.aerie.client.Watcher;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.EventType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import io.aerie.codecs.model.AclList;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One place in a queue: an ephemeral-sequential node under a parent, and the asynchronous state machine that
 * decides, by a {@link QueuePolicy}, when it may proceed. The shared core of the election and lock recipes.
 * <p>
 * {@link #enter(byte[])} creates the node (and the parent path, persistent, if missing), then, pipelined, sets a
 * persistent watch on it and reads the queue's children. If the policy says READY the listener is told; otherwise
 * the node reads the one node it waits for with a one-time data watch (getData: no watch is left behind when that
 * node is already gone) and reads the children again when it goes. One deletion wakes one waiter: no herd.
 * <p>
 * The persistent watch on its own node means this machine always has a registered watcher, READY or not, and so
 * always hears of DISCONNECTED, EVENTS_LOST, EXPIRED and CLOSED. On DISCONNECTED a READY node stops being READY
 * at once ({@link QueueListener#onSuspended}) and reads the children again: that read is answered only once the
 * client is connected again with its session, and only that fresh answer may restore READY (earlier answers are
 * ignored). On EVENTS_LOST it reads again and sets its watch again. On EXPIRED or CLOSED, or when someone else
 * deletes the node, it is gone ({@link QueueListener#onGone}).
 * <p>
 * Runs on the thread that polls the client, in its callbacks; the listener is called last in each callback, so it
 * may call {@link #leave()} or {@link #enter(byte[])}. Not thread safe.
 */
final class SequentialNode implements Watcher, ResponseHandler
{
    /** No node, nothing in flight that matters. */
    static final int IDLE = 0;
    /** The create is in flight. */
    static final int CREATING = 1;
    /** The node exists (as far as known) and may not proceed yet, or readiness is being established again. */
    static final int WAITING = 2;
    /** The node exists and may proceed, as of the last answer, with the client connected since. */
    static final int READY = 3;
    /** The node is gone or could not be created; see {@link #goneCause()}. */
    static final int GONE = 4;

    private static final long NONE = 0;

    private final AerieClient client;
    private final String parentPath;
    private final String prefixPath;
    private final QueuePolicy policy;
    private final QueueSnapshot queue;
    private final QueueListener listener;
    private final AclList acl = AclList.openAclUnsafe();
    private final LongHashSet orphanCreates = new LongHashSet();
    private final UnsafeBuffer data = new UnsafeBuffer(new byte[0]);
    private int state = IDLE;
    private int goneCause;
    private ResultCode failure;
    private String ownPath;
    private long ownSequence = -1;
    private long czxid = -1;
    private String watchedPath;
    private boolean everReady;
    private boolean parentsCreated;
    private long createId = NONE;
    private long sessionWatchId = NONE;
    private long checkId = NONE;
    private long watchId = NONE;

    /**
     * @param parentPath the queue's node, created persistent if missing.
     * @param prefix     name prefix of this node, e.g. {@code "latch-"}.
     * @param queue      parses the children; knows every prefix of the queue.
     */
    SequentialNode(
        final AerieClient client,
        final String parentPath,
        final String prefix,
        final QueuePolicy policy,
        final QueueSnapshot queue,
        final QueueListener listener)
    {
        this.client = client;
        this.parentPath = parentPath;
        this.prefixPath = RecipeSupport.child(parentPath, prefix);
        this.policy = policy;
        this.queue = queue;
        this.listener = listener;
    }

    /**
     * Create a new node at the back of the queue; progress is reported to the listener.
     *
     * @param payload data of the node, or null.
     * @throws IllegalStateException if the node is in the queue already.
     */
    void enter(final byte[] payload)
    {
        if (CREATING == state || WAITING == state || READY == state)
        {
            throw new IllegalStateException("already in the queue: " + ownPath);
        }
        reset();
        data.wrap(null == payload ? new byte[0] : payload);
        state = CREATING;
        sendCreate();
    }

    /**
     * Leave the queue: delete the node (once created, if the create is in flight), without waiting. While the
     * client is disconnected the delete waits in the client and goes out when the session resumes; if the session
     * ends first, the node is deleted with it. Idempotent.
     */
    void leave()
    {
        if (CREATING == state)
        {
            orphanCreates.add(createId);
        }
        else if ((WAITING == state || READY == state) && RecipeSupport.isSessionAlive(client))
        {
            deleteOwn();
        }
        reset();
    }

    int state()
    {
        return state;
    }

    boolean isReady()
    {
        return READY == state;
    }

    boolean isInQueue()
    {
        return CREATING == state || WAITING == state || READY == state;
    }

    int goneCause()
    {
        return goneCause;
    }

    ResultCode failure()
    {
        return failure;
    }

    /** @return the node's path, null before its creation is answered. */
    String path()
    {
        return ownPath;
    }

    /** @return the node's sequence number, -1 before its creation is answered. */
    long sequence()
    {
        return ownSequence;
    }

    /** @return the node's czxid, -1 before its creation is answered. */
    long czxid()
    {
        return czxid;
    }

    @Override
    public void onResponse(final Response response)
    {
        final long id = response.correlationId();
        final ResultCode code = response.code();
        if (orphanCreates.remove(id))
        {
            if (ResultCode.OK == code && RecipeSupport.isSessionAlive(client))
            {
                client.delete(response.path(), -1, this);
            }
        }
        else if (id == createId)
        {
            createId = NONE;
            onCreated(response);
        }
        else if (id == sessionWatchId)
        {
            sessionWatchId = NONE;
            if (ResultCode.OK != code)
            {
                // Without its own watch this machine would not hear of a lost connection while READY: give up.
                gone(isSessionEnd(code) ? QueueListener.SESSION_ENDED : QueueListener.FAILED, code);
            }
        }
        else if (id == checkId)
        {
            checkId = NONE;
            onChildren(response);
        }
        else if (id == watchId)
        {
            watchId = NONE;
            if (isSessionEnd(code))
            {
                gone(QueueListener.SESSION_ENDED, code);
            }
            else if (ResultCode.OK != code)
            {
                check(); // NO_NODE: gone before the watch was set, so no watch was left; decide again.
            }
        }
        else if (isInQueue() && isSessionEnd(code))
        {
            gone(QueueListener.SESSION_ENDED, code);
        }
        // Otherwise: deletes, watch set-ups and removals, parent creates, superseded reads: nothing to do.
    }

    @Override
    public void onEvent(final WatchedEvent event)
    {
        if (WAITING != state && READY != state)
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
        if (ownPath.equals(path))
        {
            if (EventType.NODE_DELETED == type)
            {
                gone(QueueListener.NODE_DELETED, ResultCode.NO_NODE);
            }
        }
        else if (WAITING == state && (path.equals(watchedPath) ||
            (EventType.NODE_CHILDREN_CHANGED == type && policy.watchesChildren() && parentPath.equals(path))))
        {
            check();
        }
    }

    private void onSessionEvent(final SessionState sessionState)
    {
        switch (sessionState)
        {
            case DISCONNECTED:
                // Read again now: the answer comes once connected with the session, and only it may restore READY.
                check();
                if (READY == state)
                {
                    state = WAITING;
                    listener.onSuspended(this);
                }
                break;
            case EVENTS_LOST:
                check();
                break;
            case EXPIRED:
            case CLOSED:
            case AUTH_FAILED:
                gone(QueueListener.SESSION_ENDED, ResultCode.SESSION_EXPIRED);
                break;
            default:
                break;
        }
    }

    private void onCreated(final Response response)
    {
        final ResultCode code = response.code();
        if (ResultCode.OK == code)
        {
            ownPath = response.path().toString();
            ownSequence = QueueSnapshot.sequenceOf(ownPath);
            czxid = response.stat().czxid();
            state = WAITING;
            // Pipelined, answered in this order: the persistent watch is in place before the children are known.
            sessionWatchId = client.addWatch(ownPath, WatchMode.PERSISTENT, this, this);
            check();
        }
        else if (ResultCode.NO_NODE == code && !parentsCreated)
        {
            parentsCreated = true;
            RecipeSupport.createPath(client, parentPath, data, acl, this);
            sendCreate();
        }
        else
        {
            gone(isSessionEnd(code) ? QueueListener.SESSION_ENDED : QueueListener.FAILED, code);
        }
    }

    private void onChildren(final Response response)
    {
        final ResultCode code = response.code();
        if (ResultCode.OK != code)
        {
            final int cause = ResultCode.NO_NODE == code ? QueueListener.NODE_DELETED : QueueListener.FAILED;
            gone(isSessionEnd(code) ? QueueListener.SESSION_ENDED : cause, code);
            return;
        }
        queue.load(response.names());
        final int ownIndex = queue.indexOf(ownSequence);
        if (ownIndex < 0)
        {
            gone(QueueListener.NODE_DELETED, ResultCode.NO_NODE);
            return;
        }
        final int decision = policy.decide(queue, ownIndex);
        if (QueuePolicy.READY == decision)
        {
            final SessionState sessionState = client.state();
            if (SessionState.DISCONNECTED == sessionState)
            {
                check(); // Not expected (an answer means connected), but never claim READY while disconnected.
            }
            else if (SessionState.CONNECTED != sessionState)
            {
                gone(QueueListener.SESSION_ENDED, ResultCode.SESSION_EXPIRED);
            }
            else if (READY != state)
            {
                state = READY;
                everReady = true;
                listener.onReady(this);
            }
            return;
        }
        if (decision >= 0)
        {
            watchedPath = RecipeSupport.child(parentPath, queue.name(decision));
            watchId = client.getDataAsync(watchedPath, this, this);
        }
        if (READY == state)
        {
            state = WAITING;
            listener.onSuspended(this);
        }
    }

    /**
     * Read the children (again). A newer read supersedes one in flight: only the latest answer counts.
     */
    private void check()
    {
        checkId = client.getChildrenAsync(parentPath, policy.watchesChildren() && !everReady ? this : null, this);
    }

    private void sendCreate()
    {
        createId = client.create(
            prefixPath, data, 0, data.capacity(), acl, CreateMode.EPHEMERAL_SEQUENTIAL, -1, this);
    }

    private void deleteOwn()
    {
        client.delete(ownPath, -1, this);
        // Only this machine watches its own node persistently: the removal cannot take another watcher's watch.
        client.removeWatches(ownPath, WatcherType.PERSISTENT, false, this);
    }

    private void gone(final int cause, final ResultCode code)
    {
        if (null != ownPath && RecipeSupport.isSessionAlive(client))
        {
            if (QueueListener.FAILED == cause)
            {
                deleteOwn();
            }
            else
            {
                // Deleted by someone else: a persistent watch outlives its node, so remove it.
                client.removeWatches(ownPath, WatcherType.PERSISTENT, false, this);
            }
        }
        state = GONE;
        goneCause = cause;
        failure = code;
        forgetRequests();
        listener.onGone(this, cause);
    }

    private void reset()
    {
        state = IDLE;
        goneCause = 0;
        failure = null;
        ownPath = null;
        ownSequence = -1;
        czxid = -1;
        watchedPath = null;
        everReady = false;
        parentsCreated = false;
        forgetRequests();
    }

    /**
     * Answers to requests sent so far no longer matter.
     */
    private void forgetRequests()
    {
        createId = NONE;
        sessionWatchId = NONE;
        checkId = NONE;
        watchId = NONE;
    }

    private boolean isSessionEnd(final ResultCode code)
    {
        return ResultCode.SESSION_EXPIRED == code ||
            (ResultCode.CONNECTION_LOSS == code && !RecipeSupport.isSessionAlive(client));
    }
}
