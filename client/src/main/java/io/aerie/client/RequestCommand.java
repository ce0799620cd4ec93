package io.aerie.client;

import io.aerie.codecs.WatcherType;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * A request made on an application thread and handed to the conductor thread: the encoded bytes, the handler,
 * and what the answer will do to the client's watches. Pooled by {@link ConductorCommands}: a command's buffer
 * grows to the largest request it carried, and steady state allocates nothing but the path of a watch-setting
 * or watch-removing request (which the watch table keeps anyway).
 */
final class RequestCommand
{
    static final int NO_WATCH = -1;

    final ExpandableArrayBuffer request = new ExpandableArrayBuffer(256);
    long correlationId;
    int length;
    boolean abandon;
    ResponseHandler handler;
    ReadMode readMode;
    int watchKind = NO_WATCH;
    boolean onNoNode;
    String path;
    Watcher watcher;
    Chroot watchChroot;
    WatcherType removeType;
    boolean removeLocal;
    Watcher removeWatcher;

    RequestCommand request(
        final long correlationId, final DirectBuffer buffer, final int length, final ResponseHandler handler)
    {
        this.correlationId = correlationId;
        this.length = length;
        this.handler = handler;
        request.putBytes(0, buffer, 0, length);
        return this;
    }

    /**
     * @param readMode how the conductor serves the read; null for the client's mode.
     */
    RequestCommand readMode(final ReadMode readMode)
    {
        this.readMode = readMode;
        return this;
    }

    RequestCommand abandon(final long correlationId)
    {
        this.correlationId = correlationId;
        this.abandon = true;
        return this;
    }

    void watch(final int kind, final boolean onNoNode, final CharSequence path, final Watcher watcher, final Chroot chroot)
    {
        if (null != watcher)
        {
            this.watchKind = kind;
            this.onNoNode = onNoNode;
            this.path = path.toString();
            this.watcher = watcher;
            this.watchChroot = chroot;
        }
    }

    void removal(final CharSequence path, final WatcherType type, final boolean local)
    {
        this.path = path.toString();
        this.removeType = type;
        this.removeLocal = local;
    }

    /**
     * Do on the conductor what the application thread asked: register the watch expectation, then send (or queue)
     * the request; or forget a request whose caller gave up waiting.
     */
    void applyTo(final ClientConductor conductor)
    {
        if (abandon)
        {
            conductor.abandon(correlationId);
            return;
        }
        if (null != removeWatcher)
        {
            conductor.removeWatcher(correlationId, request, length, handler, path, removeType, removeLocal, removeWatcher);
            return;
        }
        if (NO_WATCH != watchKind)
        {
            conductor.watches().expect(correlationId, watchKind, onNoNode, path, watcher, watchChroot);
        }
        else if (null != removeType)
        {
            conductor.watches().expectRemoval(correlationId, path, removeType, removeLocal);
        }
        conductor.send(correlationId, request, length, handler, readMode);
    }

    void clear()
    {
        abandon = false;
        handler = null;
        readMode = null;
        watchKind = NO_WATCH;
        path = null;
        watcher = null;
        watchChroot = null;
        removeType = null;
        removeLocal = false;
        removeWatcher = null;
    }
}
