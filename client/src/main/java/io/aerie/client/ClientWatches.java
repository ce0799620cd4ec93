package io.aerie.client;

import io.aerie.codecs.EventType;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.WatchEventDecoder;
import io.aerie.codecs.WatcherType;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;


/**
 * The client's side of watches: which {@link Watcher}s wait on which paths, and who is told what.
 * <p>
 * Watches are registered when the answer to the request that set them arrives ({@link #onAnswer}), as the
 * cluster only holds a watch once it answered. Events from the cluster ({@link #onWatchEvent}) are checked for
 * gaps in their sequence, then dispatched by ZooKeeper's rules: a one-time watch fires once and is gone, a
 * persistent one stays, a recursive one also fires for descendants. Session state changes go to the
 * {@link SessionListener}, the default watcher, and (when watches may have missed events) every watcher.
 * <p>
 * Watches are kept under the cluster's paths (behind the chroot, if any); watchers are told paths relative to the
 * chroot, as ZooKeeper's client does. The paths and their watchers are a {@link WatchTable}; dispatch allocates
 * nothing in steady state. Owned by the client's polling thread.
 */
final class ClientWatches
{
    private final SessionListener listener;
    private final Watcher defaultWatcher;
    private final Chroot chroot;
    private final WatchTable table;
    private final PendingWatches pendingWatches = new PendingWatches();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final WatchEventDecoder eventDecoder = new WatchEventDecoder();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(64);
    private final WatchDispatches dispatches = new WatchDispatches();
    private long lastEventSequence;

    /**
     * @param listener       told of every session state change, EVENTS_LOST included; not null.
     * @param defaultWatcher told of every session state change as a NONE event; null for none.
     */
    ClientWatches(final SessionListener listener, final Watcher defaultWatcher)
    {
        this(listener, defaultWatcher, Chroot.NONE);
    }

    /**
     * @param chroot prefixed to the paths watched, stripped from the paths watchers are told.
     */
    ClientWatches(final SessionListener listener, final Watcher defaultWatcher, final Chroot chroot)
    {
        this.listener = listener;
        this.defaultWatcher = defaultWatcher;
        this.chroot = chroot;
        this.table = new WatchTable(chroot);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Requests and their answers.
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Remember that the request asks for a watch, registered when it is answered OK (or NO_NODE for exists).
     *
     * @param kind     a {@link PathWatches} kind.
     * @param onNoNode true for exists: a watch is set on a node that does not exist yet.
     * @param watcher  null for no watch: nothing to remember.
     */
    void expect(final long correlationId, final int kind, final boolean onNoNode, final CharSequence path, final Watcher watcher)
    {
        expect(correlationId, kind, onNoNode, path, watcher, chroot);
    }

    /**
     * As {@link #expect(long, int, boolean, CharSequence, Watcher)}, for a path behind a given chroot:
     * {@link Chroot#NONE} for a path read outside the client's chroot (getConfig).
     */
    void expect(
        final long correlationId,
        final int kind,
        final boolean onNoNode,
        final CharSequence path,
        final Watcher watcher,
        final Chroot pathChroot)
    {
        if (null == watcher)
        {
            return;
        }
        final PendingWatches.Registration registration = pendingWatches.add(correlationId);
        registration.path(path, pathChroot);
        registration.kind = kind;
        registration.onNoNode = onNoNode;
        registration.watcher = watcher;
    }

    /**
     * Remember that the request removes watches: done on an OK answer, or whatever happens if {@code local}.
     */
    void expectRemoval(final long correlationId, final CharSequence path, final WatcherType type, final boolean local)
    {
        final PendingWatches.Registration registration = pendingWatches.add(correlationId);
        registration.path(path, chroot);
        registration.removeType = type;
        registration.local = local;
        if (local)
        {
            pendingWatches.addedLocalRemoval();
        }
    }

    /**
     * An answer arrived: register or remove the watches its request asked for.
     */
    void onAnswer(final long correlationId, final ResultCode code, final long zxid)
    {
        final PendingWatches.Registration registration = pendingWatches.take(correlationId);
        if (null == registration)
        {
            return;
        }
        try
        {
            if (null != registration.removeType)
            {
                if (ResultCode.OK == code || registration.local)
                {
                    remove(registration, ResultCode.OK == code ? zxid : WatchedEvent.NO_ZXID);
                }
            }
            else if (ResultCode.OK == code || (registration.onNoNode && ResultCode.NO_NODE == code))
            {
                table.add(registration.kind, table.entry(registration.path, registration.pathBytes, 0, registration.pathLength),
                    registration.watcher);
            }
        }
        finally
        {
            pendingWatches.release(registration);
        }
    }

    /**
     * The request will not be answered (session closed or expired, or given up by a blocking call): no watch
     * was set; a local removal is done anyway.
     */
    void onRequestFailed(final long correlationId)
    {
        final PendingWatches.Registration registration = pendingWatches.take(correlationId);
        if (null == registration)
        {
            return;
        }
        try
        {
            if (null != registration.removeType && registration.local)
            {
                remove(registration, WatchedEvent.NO_ZXID);
            }
        }
        finally
        {
            pendingWatches.release(registration);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Events and session state.
    // ------------------------------------------------------------------------------------------------------------

    /**
     * A WatchEvent message from the cluster, header included. A duplicate (sequence already seen) is dropped; a
     * gap raises EVENTS_LOST before the event is dispatched.
     */
    void onWatchEvent(final DirectBuffer buffer, final int offset, final long sessionId)
    {
        eventDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long sequence = eventDecoder.sequence();
        if (sequence <= lastEventSequence)
        {
            return;
        }
        // Read everything first: callbacks of EVENTS_LOST may (through an async send) reuse the decoder.
        final long zxid = eventDecoder.zxid();
        final EventType type = eventDecoder.eventType();
        final int pathLength = eventDecoder.pathLength();
        final int pathOffset = eventDecoder.limit() + WatchEventDecoder.pathHeaderLength();
        final boolean lost = sequence > lastEventSequence + 1;
        lastEventSequence = sequence;
        if (lost)
        {
            onSessionStateChange(SessionState.EVENTS_LOST, sessionId);
        }
        dispatch(type, zxid, buffer, pathOffset, pathLength);
    }

    /**
     * A keepalive answer tells the sequence of the last event the cluster sent: if it is ahead of the last one
     * seen, events were lost.
     */
    void onKeepAlive(final long eventSequence, final long sessionId)
    {
        if (eventSequence > lastEventSequence)
        {
            lastEventSequence = eventSequence;
            onSessionStateChange(SessionState.EVENTS_LOST, sessionId);
        }
    }

    /**
     * Tell the listener and the default watcher of a session state change; for DISCONNECTED, EXPIRED, CLOSED and
     * EVENTS_LOST, every registered watcher as well (each object once). EXPIRED and CLOSED then forget every
     * watch; EVENTS_LOST forgets the one-time ones (they may have fired unseen), and keeps persistent ones.
     * DISCONNECTED first does the local removals still waiting for an answer.
     */
    void onSessionStateChange(final SessionState state, final long sessionId)
    {
        if (SessionState.DISCONNECTED == state)
        {
            removeLocallyPending();
        }
        listener.onSessionStateChange(state, sessionId);
        final WatchDispatch dispatch = dispatches.enter();
        try
        {
            dispatch.event.session(state);
            dispatch.add(defaultWatcher, EventType.NONE);
            if (SessionState.DISCONNECTED == state || SessionState.EXPIRED == state || SessionState.CLOSED == state ||
                SessionState.EVENTS_LOST == state)
            {
                final boolean all = SessionState.EXPIRED == state || SessionState.CLOSED == state;
                final boolean oneTime = SessionState.EVENTS_LOST == state;
                // Backwards: releasing entry i moves the last one, already visited, into its place.
                for (int i = table.size() - 1; i >= 0; i--)
                {
                    final PathWatches entry = table.at(i);
                    for (int kind = 0; kind < PathWatches.KINDS; kind++)
                    {
                        dispatch.addAll(entry.lists[kind], EventType.NONE);
                    }
                    if (all || oneTime)
                    {
                        table.clearKind(entry, PathWatches.DATA);
                        table.clearKind(entry, PathWatches.CHILD);
                    }
                    if (all)
                    {
                        table.clearKind(entry, PathWatches.PERSISTENT);
                        table.clearKind(entry, PathWatches.RECURSIVE);
                    }
                    table.releaseIfEmpty(entry);
                }
            }
            dispatch.fire();
        }
        finally
        {
            dispatches.exit(dispatch);
        }
    }

    /**
     * Dispatch a node event on a path by ZooKeeper's rules; see the class comment of {@link AerieClient}.
     */
    void dispatch(final EventType type, final long zxid, final DirectBuffer buffer, final int offset, final int length)
    {
        final WatchDispatch dispatch = dispatches.enter();
        try
        {
            dispatch.event.node(zxid, chroot, buffer, offset, length);
            final PathWatches entry = table.find(buffer, offset, length);
            if (null != entry)
            {
                dispatch.event.registeredPath(entry.path);
                gatherOwn(dispatch, entry, type);
                table.releaseIfEmpty(entry);
            }
            if (table.hasRecursive() &&
                (EventType.NODE_CREATED == type || EventType.NODE_DELETED == type || EventType.NODE_DATA_CHANGED == type))
            {
                table.gatherAncestors(dispatch, type, buffer, offset, length);
            }
            dispatch.fire();
        }
        finally
        {
            dispatches.exit(dispatch);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The registry.
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Register a watcher of a kind on a path, as an OK answer does. A watcher already in that list is not added
     * again.
     */
    void add(final int kind, final CharSequence path, final Watcher watcher)
    {
        final int length = chroot.encode(path, scratch, 0);
        table.add(kind, table.entry(path instanceof String ? (String)path : null, scratch, 0, length), watcher);
    }

    /**
     * Remove this client's watchers of a type on a path and tell each, as an OK answer to removeWatches does.
     */
    void remove(final CharSequence path, final WatcherType type, final long zxid)
    {
        final int length = chroot.encode(path, scratch, 0);
        remove(scratch, 0, length, type, null, zxid);
    }

    /**
     * For ZooKeeper's removeWatches(path, watcher, type, local): whether this watcher is held in the kinds the type
     * names on the path, and how many other watchers those kinds hold there.
     *
     * @return -1 if the watcher is not held so; otherwise the number of other watchers of those kinds on the path.
     */
    int othersOfType(final CharSequence path, final WatcherType type, final Watcher watcher)
    {
        final int length = chroot.encode(path, scratch, 0);
        final PathWatches entry = table.find(scratch, 0, length);
        boolean held = false;
        int watchers = 0;
        for (int kind = 0; null != entry && kind < PathWatches.KINDS; kind++)
        {
            if (PathWatches.isNamedBy(type, kind))
            {
                held |= entry.lists[kind].contains(watcher);
                watchers += entry.lists[kind].size();
            }
        }
        return held ? watchers - 1 : -1;
    }

    /**
     * Remove one watcher from the kinds the type names on the path and tell it once per removal event, as
     * ZooKeeper's client does when removeWatches(path, watcher, type, local) succeeds; other watchers stay.
     */
    void removeWatcher(final CharSequence path, final WatcherType type, final Watcher watcher, final long zxid)
    {
        final int length = chroot.encode(path, scratch, 0);
        remove(scratch, 0, length, type, watcher, zxid);
    }

    /**
     * @return true if the watcher is registered with that kind on the path.
     */
    boolean contains(final int kind, final CharSequence path, final Watcher watcher)
    {
        final int length = chroot.encode(path, scratch, 0);
        final PathWatches entry = table.find(scratch, 0, length);
        return null != entry && entry.lists[kind].contains(watcher);
    }

    /**
     * @return number of paths with at least one watcher.
     */
    int pathCount()
    {
        return table.size();
    }

    /**
     * @return number of requests whose watch waits for their answer.
     */
    int pendingCount()
    {
        return pendingWatches.size();
    }

    /**
     * @return the sequence of the last watch event seen (or announced by a keepalive).
     */
    long lastEventSequence()
    {
        return lastEventSequence;
    }

    private void remove(final PendingWatches.Registration registration, final long zxid)
    {
        remove(registration.pathBytes, 0, registration.pathLength, registration.removeType, null, zxid);
    }

    /**
     * Remove the watchers of the kinds a type names on a path, or only {@code watcher} if not null, and tell each
     * once per removal event (a watcher of data and child watches is told both).
     */
    private void remove(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final WatcherType type,
        final Watcher watcher,
        final long zxid)
    {
        final PathWatches entry = table.find(buffer, offset, length);
        if (null == entry)
        {
            return;
        }
        final WatchDispatch dispatch = dispatches.enter();
        try
        {
            dispatch.event.node(zxid, chroot, buffer, offset, length);
            dispatch.event.registeredPath(entry.path);
            for (int kind = 0; kind < PathWatches.KINDS; kind++)
            {
                if (PathWatches.isNamedBy(type, kind))
                {
                    final EventType removed = PathWatches.removedEvent(kind);
                    if (null == watcher)
                    {
                        take(dispatch, entry, kind, removed);
                    }
                    else if (table.remove(entry, kind, watcher))
                    {
                        dispatch.add(watcher, removed);
                    }
                }
                if (kind <= PathWatches.CHILD)
                {
                    dispatch.segment();
                }
            }
            table.releaseIfEmpty(entry);
            dispatch.fire();
        }
        finally
        {
            dispatches.exit(dispatch);
        }
    }

    /**
     * The connection is lost: local removals waiting for their answer are done now (the requests still go out
     * when the session resumes, and their answers then find nothing to do).
     */
    private void removeLocallyPending()
    {
        final int count = pendingWatches.takeLocalRemovals();
        final PendingWatches.Registration[] taken = pendingWatches.taken();
        for (int i = 0; i < count; i++)
        {
            final PendingWatches.Registration registration = taken[i];
            taken[i] = null;
            try
            {
                remove(registration, WatchedEvent.NO_ZXID);
            }
            finally
            {
                pendingWatches.release(registration);
            }
        }
    }

    private void gatherOwn(final WatchDispatch dispatch, final PathWatches entry, final EventType type)
    {
        switch (type)
        {
            case NODE_CREATED:
            case NODE_DATA_CHANGED:
                take(dispatch, entry, PathWatches.DATA, type);
                dispatch.addAll(entry.lists[PathWatches.PERSISTENT], type);
                dispatch.addAll(entry.lists[PathWatches.RECURSIVE], type);
                break;
            case NODE_DELETED:
                take(dispatch, entry, PathWatches.DATA, type);
                take(dispatch, entry, PathWatches.CHILD, type);
                dispatch.addAll(entry.lists[PathWatches.PERSISTENT], type);
                dispatch.addAll(entry.lists[PathWatches.RECURSIVE], type);
                break;
            case NODE_CHILDREN_CHANGED:
                take(dispatch, entry, PathWatches.CHILD, type);
                dispatch.addAll(entry.lists[PathWatches.PERSISTENT], type);
                break;
            default:
                // Not a node event: nothing registered waits for it.
                break;
        }
    }

    /**
     * Gather a list's watchers, then empty it: the watch is gone before any callback can set it again.
     */
    private void take(final WatchDispatch dispatch, final PathWatches entry, final int kind, final EventType type)
    {
        dispatch.addAll(entry.lists[kind], type);
        table.clearKind(entry, kind);
    }
}
