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
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * An ephemeral node of a fixed name that this session keeps in place while it lives: the machine behind
 * {@link GroupMember}.
 * <p>
 * {@link #start()} sets a persistent watch on the node, then creates it (and the parent path, persistent, once, if
 * missing). NODE_EXISTS makes it read the node: owned by this session (an earlier create of it), the node is adopted;
 * owned by another, the machine waits for the watch to report its deletion, then creates it. A deletion of its own node
 * by someone else makes it create the node again. DISCONNECTED and EVENTS_LOST make it read the node again: only that
 * fresh answer, owner checked, may make it registered again. EXPIRED and CLOSED end it. The payload is written when
 * it changes while registered, or when a fresh answer shows the node holding another one.
 * <p>
 * Runs in the client's callbacks on the polling thread. Not thread safe.
 */
final class EphemeralNode implements ResponseHandler, Watcher
{
    static final int LATENT = 0;
    static final int STARTED = 1;
    static final int SESSION_ENDED = 2;
    static final int FAILED = 3;
    static final int CLOSED = 4;

    private static final long NONE = 0;

    private final AerieClient client;
    private final String parentPath;
    private final String nodePath;
    private final AclList acl = AclList.openAclUnsafe();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private int state = LATENT;
    private ResultCode failure;
    private byte[] payload;
    private byte[] createdWith;
    private byte[] written;
    private boolean registered;
    private boolean owned;
    private boolean parentsCreated;
    private long createId = NONE;
    private long checkId = NONE;
    private long watchId = NONE;
    private long setDataId = NONE;

    EphemeralNode(final AerieClient client, final String parentPath, final String nodePath, final byte[] payload)
    {
        this.client = client;
        this.parentPath = parentPath;
        this.nodePath = nodePath;
        this.payload = payload;
    }

    void start()
    {
        state = STARTED;
        watchId = client.addWatch(nodePath, WatchMode.PERSISTENT, this, this);
        sendCreate();
    }

    /**
     * Delete the node if this session owns it (or once created, if the create is in flight), and remove the watch.
     */
    void close()
    {
        final boolean alive = STARTED == state && RecipeSupport.isSessionAlive(client);
        state = CLOSED;
        registered = false;
        checkId = NONE;
        if (alive)
        {
            if (owned)
            {
                client.delete(nodePath, -1, this);
            }
            client.removeWatches(nodePath, WatcherType.PERSISTENT, true, this);
        }
        owned = false;
    }

    /**
     * @param newPayload the node's data from now on; not copied.
     */
    void payload(final byte[] newPayload)
    {
        payload = newPayload;
        if (isRegistered())
        {
            sendSetData();
        }
    }

    byte[] payload()
    {
        return payload;
    }

    boolean isRegistered()
    {
        return registered && STARTED == state;
    }

    int state()
    {
        return state;
    }

    ResultCode failure()
    {
        return failure;
    }

    private void sendCreate()
    {
        createdWith = payload;
        buffer.wrap(payload);
        createId = client.create(
            nodePath, buffer, 0, buffer.capacity(), acl, CreateMode.EPHEMERAL, -1, this);
    }

    private void sendCheck()
    {
        registered = false;
        checkId = client.getDataAsync(nodePath, null, this);
    }

    private void sendSetData()
    {
        written = payload;
        buffer.wrap(payload);
        setDataId = client.setData(nodePath, buffer, 0, buffer.capacity(), -1, this);
    }

    /**
     * A fresh answer shows the node ours: registered if connected, and the payload written if it changed.
     */
    private void confirm(final byte[] nodeData)
    {
        owned = true;
        written = nodeData;
        registered = SessionState.CONNECTED == client.state();
        if (written != payload)
        {
            sendSetData();
        }
    }

    private void end(final ResultCode code)
    {
        final boolean sessionEnded = ResultCode.SESSION_EXPIRED == code || !RecipeSupport.isSessionAlive(client);
        if (!sessionEnded && owned)
        {
            client.delete(nodePath, -1, this);
        }
        state = sessionEnded ? SESSION_ENDED : FAILED;
        failure = code;
        registered = false;
        owned = false;
    }

    @Override
    public void onResponse(final Response response)
    {
        final long id = response.correlationId();
        final ResultCode code = response.code();
        if (id == createId)
        {
            createId = NONE;
            onCreated(code);
        }
        else if (id == checkId)
        {
            checkId = NONE;
            onChecked(response);
        }
        else if ((id == watchId || id == setDataId) && STARTED == state && ResultCode.OK != code &&
            ResultCode.NO_NODE != code)
        {
            end(code); // the watch or a payload write failed (a lost node is the watch's to report)
        }
        // Otherwise: deletes, parents' creates, watch removals, superseded creates and reads: nothing to do.
    }

    @Override
    public void onEvent(final WatchedEvent event)
    {
        if (STARTED != state)
        {
            return;
        }
        final EventType type = event.type();
        if (EventType.NONE == type)
        {
            final SessionState sessionState = event.state();
            if (SessionState.DISCONNECTED == sessionState || SessionState.EVENTS_LOST == sessionState)
            {
                sendCheck();
            }
            else if (SessionState.EXPIRED == sessionState || SessionState.CLOSED == sessionState ||
                SessionState.AUTH_FAILED == sessionState)
            {
                end(ResultCode.SESSION_EXPIRED);
            }
        }
        else if (EventType.NODE_DELETED == type)
        {
            registered = false;
            owned = false;
            sendCreate();
        }
        else if (EventType.PERSISTENT_WATCH_REMOVED == type)
        {
            watchId = client.addWatch(nodePath, WatchMode.PERSISTENT, this, this);
            sendCheck();
        }
    }

    private void onCreated(final ResultCode code)
    {
        if (CLOSED == state)
        {
            if (ResultCode.OK == code && RecipeSupport.isSessionAlive(client))
            {
                client.delete(nodePath, -1, this);
            }
        }
        else if (STARTED != state)
        {
            return;
        }
        else if (ResultCode.OK == code)
        {
            confirm(createdWith);
        }
        else if (ResultCode.NO_NODE == code && !parentsCreated)
        {
            parentsCreated = true;
            RecipeSupport.createPath(client, parentPath, buffer, acl, this); // sends no data: length 0
            sendCreate();
        }
        else if (ResultCode.NODE_EXISTS == code)
        {
            sendCheck();
        }
        else
        {
            end(code);
        }
    }

    private void onChecked(final Response response)
    {
        if (STARTED != state)
        {
            return;
        }
        final ResultCode code = response.code();
        if (ResultCode.NO_NODE == code)
        {
            sendCreate();
        }
        else if (ResultCode.OK != code)
        {
            end(code);
        }
        else if (response.stat().ephemeralOwner() == client.sessionId())
        {
            final byte[] nodeData = new byte[response.dataLength()];
            response.data().getBytes(0, nodeData, 0, nodeData.length);
            confirm(Arrays.equals(nodeData, payload) ? payload : nodeData);
        }
        // Else another session holds the id: wait for its node's deletion (the watch), then create.
    }
}
