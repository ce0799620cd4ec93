package io.aerie.client;

import io.aerie.codecs.EventType;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.model.Utf8;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What a {@link Watcher} is told: a node event (the node's path, the zxid of the change, state CONNECTED),
 * a watch removal (type *_WATCH_REMOVED), or a session state change (type {@link EventType#NONE}, the new
 * state in {@link #state()}, no path).
 * <p>
 * A reused flyweight, valid only during {@link Watcher#onEvent(WatchedEvent)}, on the polling thread. The
 * path's UTF-8 bytes are readable without allocation from {@link #pathBuffer()}; {@link #path()} returns the
 * String a watch was registered with when the event's path is that path, and decodes (once per event) only
 * for a descendant reported to a recursive watch.
 */
public final class WatchedEvent
{
    /** zxid of events that do not come from a change: session events and local removals. */
    public static final long NO_ZXID = -1;

    private static final UnsafeBuffer ROOT = new UnsafeBuffer(new byte[]{ '/' });

    private final ExpandableArrayBuffer pathBytes = new ExpandableArrayBuffer(64);
    private final StringBuilder decoded = new StringBuilder(64);
    private EventType type = EventType.NONE;
    private SessionState state = SessionState.CONNECTED;
    private long zxid = NO_ZXID;
    private int pathLength;
    private boolean hasPath;
    private String path;

    WatchedEvent()
    {
    }

    /**
     * Point the event at a cluster path, as the watcher sees it: stripped of the chroot, the chroot itself "/".
     */
    void node(final long zxid, final Chroot chroot, final DirectBuffer buffer, final int offset, final int length)
    {
        if (chroot.isRoot(buffer, offset, length))
        {
            node(zxid, ROOT, 0, 1);
        }
        else
        {
            final int skip = chroot.skip(buffer, offset, length);
            node(zxid, buffer, offset + skip, length - skip);
        }
    }

    void node(final long zxid, final DirectBuffer buffer, final int offset, final int length)
    {
        this.state = SessionState.CONNECTED;
        this.zxid = zxid;
        pathBytes.putBytes(0, buffer, offset, length);
        pathLength = length;
        hasPath = true;
        path = null;
    }

    void session(final SessionState state)
    {
        this.type = EventType.NONE;
        this.state = state;
        this.zxid = NO_ZXID;
        pathLength = 0;
        hasPath = false;
        path = null;
    }

    void type(final EventType type)
    {
        this.type = type;
    }

    /**
     * The path is one a watch was registered with: {@link #path()} returns this very String.
     */
    void registeredPath(final String path)
    {
        this.path = path;
    }

    void release()
    {
        path = null;
    }

    /**
     * @return what happened: a node event, a watch removal, or {@link EventType#NONE} for a session state change.
     */
    public EventType type()
    {
        return type;
    }

    /**
     * @return CONNECTED for node events and removals; the session's new state for {@link EventType#NONE} events
     * (DISCONNECTED, CONNECTED, EXPIRED, CLOSED, or EVENTS_LOST when events may have been missed).
     */
    public SessionState state()
    {
        return state;
    }

    /**
     * @return the zxid of the change that fired the watch (for a removal, of the answer to removeWatches), or
     * {@link #NO_ZXID} for session events and removals done locally.
     */
    public long zxid()
    {
        return zxid;
    }

    /**
     * @return the path of the node the event is about, null for {@link EventType#NONE}. When it is a path a watch
     * was registered with, the String given at registration (no allocation); otherwise, for a descendant of a
     * recursive watch, decoded on the first call of this event and cached until the callback returns.
     */
    public String path()
    {
        if (null == path && hasPath)
        {
            decoded.setLength(0);
            // Strict: the bytes came from the wire. The cluster only sends valid paths, so this never fails there.
            Utf8.decode(pathBytes, 0, pathLength, decoded);
            path = decoded.toString();
        }
        return path;
    }

    /**
     * @return buffer holding the path's UTF-8 bytes from {@link #pathOffset()}, {@link #pathLength()} long; valid
     * only during the callback.
     */
    public DirectBuffer pathBuffer()
    {
        return pathBytes;
    }

    /**
     * @return offset of the path's bytes in {@link #pathBuffer()}.
     */
    public int pathOffset()
    {
        return 0;
    }

    /**
     * @return length of the path in UTF-8 bytes; 0 for {@link EventType#NONE}.
     */
    public int pathLength()
    {
        return pathLength;
    }

    /**
     * For humans: allocates.
     */
    @Override
    public String toString()
    {
        return "WatchedEvent{type=" + type + ", state=" + state + ", zxid=" + zxid + ", path=" + path() + '}';
    }
}
