package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import org.agrona.DirectBuffer;

import java.util.Objects;

/**
 * The asynchronous half of {@link AerieClient}'s API: each operation encodes its request at once, returns the
 * correlation id and answers its {@link ResponseHandler} later: on the conductor thread in the default mode, from
 * {@link AerieClient#poll()} in invoker mode. Nothing is allocated per call in steady state (but the path kept for a
 * watch). A call never waits for the cluster and never runs a callback: it is offered once, and if Aeron
 * back-pressures the send, the request waits in the client's pending queue and goes out from the conductor's
 * cycle. From a thread other than the conductor's (default mode), the encoded request is handed to the conductor
 * through a lock-free queue ({@link ConductorCommands}).
 * <p>
 * How a call reaches the conductor, and how a blocking call waits, is {@link RequestSubmitter}'s. Also here: session
 * listeners. Package-private: users see these methods on {@link AerieClient}, which adds the session, the lifecycle
 * and the blocking forms.
 */
abstract class AsyncRequests
{
    final AerieClient.Context ctx;
    final RequestEncoder encoder;
    final ClientConductor conductor;
    final ClientThreading threading;
    final ConductorCommands commands;
    final RequestSubmitter calls;

    AsyncRequests(final AerieClient.Context ctx)
    {
        this.ctx = ctx;
        this.encoder = new RequestEncoder(ctx.connection().chrootPath());
        this.conductor = new ClientConductor(ctx, encoder);
        this.threading = new ClientThreading(ctx.agents().useConductorInvoker());
        this.commands = new ConductorCommands(conductor);
        this.calls = new RequestSubmitter(ctx, encoder, conductor, threading, commands);
        for (int i = 0; i < ctx.session().authInfoCount(); i++)
        {
            encoder.rememberAuthInfo(ctx.session().authScheme(i), ctx.session().authData(i));
        }
    }

    /**
     * Add credentials to the session, as ZooKeeper's addAuthInfo: {@code digest} with {@code user:password} bytes
     * adds the identity {@code digest:user:base64(sha1(user:password))}. The credentials are also sent again on
     * every new connection. Answered OK, or AUTH_FAILED for a scheme the cluster does not know, after which the
     * cluster cuts the session from this client, whose state becomes AUTH_FAILED, as ZooKeeper's.
     *
     * @param auth the credentials; copied.
     * @return the correlation id.
     */
    public long addAuthInfo(final String scheme, final byte[] auth, final ResponseHandler handler)
    {
        // Remembered by the conductor's encoder, which writes every connect and resume.
        encoder.rememberAuthInfo(scheme, auth);
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.addAuth(correlationId, scheme, auth);
        return calls.submit(direct, correlationId, length, requestEncoder, handler, null);
    }

    /**
     * Ask which identities the session holds, ZooKeeper 3.9's whoAmI: the answer's {@link Response#names()} holds
     * the scheme and the user of each identity, one after the other.
     *
     * @return the correlation id.
     */
    public long whoAmI(final ResponseHandler handler)
    {
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.whoAmI(correlationId);
        return calls.submit(direct, correlationId, length, requestEncoder, handler, null);
    }

    /**
     * Add a listener told of every later session state change (on the conductor thread, or the polling thread in
     * invoker mode); from any thread, at any time, even from inside a callback.
     *
     * @param listener not null; added once per call.
     */
    public void addSessionListener(final SessionListener listener)
    {
        conductor.sessionListeners().add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Remove a listener added here or given at connect; from any thread, at any time. A change being told while
     * it is removed may still reach it; later ones do not.
     *
     * @return true if it was a listener.
     */
    public boolean removeSessionListener(final SessionListener listener)
    {
        return conductor.sessionListeners().remove(listener);
    }

    /**
     * @return true in invoker mode (no conductor thread), false in the default mode.
     */
    public boolean isInvokerMode()
    {
        return threading.isInvoker();
    }

    /**
     * @return errors the conductor thread caught since connect, such as callbacks that threw (default mode; in
     * invoker mode they reach the caller of poll()).
     */
    public long errorCount()
    {
        return threading.errorCount();
    }

    /**
     * Create a node; see ZooKeeper's create2. The handler gets the created path ({@link Response#path()}, with the
     * sequence suffix for sequential modes, relative to the chroot) and the new node's stat ({@link Response#stat()}).
     *
     * @param data  the data, or null for null data (kept apart from empty data, as ZooKeeper does); then
     *              {@code dataOffset} and {@code dataLength} are ignored.
     * @param ttlMs TTL for the TTL modes, -1 otherwise.
     * @return the correlation id.
     */
    public long create(
        final CharSequence path,
        final DirectBuffer data,
        final int dataOffset,
        final int dataLength,
        final AclList acl,
        final CreateMode mode,
        final long ttlMs,
        final ResponseHandler handler)
    {
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.create(correlationId, path, data, dataOffset, dataLength, acl, mode, ttlMs);
        return calls.submit(direct, correlationId, length, requestEncoder, handler, null);
    }

    /**
     * Delete a childless node, if its version matches (-1 for any).
     *
     * @return the correlation id.
     */
    public long delete(final CharSequence path, final int version, final ResponseHandler handler)
    {
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.delete(correlationId, path, version);
        return calls.submit(direct, correlationId, length, requestEncoder, handler, null);
    }

    /**
     * Read a node's stat; the answer's code is NO_NODE when it does not exist.
     *
     * @return the correlation id.
     */
    public long existsAsync(final CharSequence path, final ResponseHandler handler)
    {
        return existsAsync(path, null, handler);
    }

    /**
     * Read a node's stat and, with a watcher, leave a one-time data watch on it, even if it does not exist: it
     * fires on the node's creation, data change or deletion.
     *
     * @param watcher told of the next change once the answer (OK or NO_NODE) arrived; null for no watch.
     * @return the correlation id.
     */
    public long existsAsync(final CharSequence path, final Watcher watcher, final ResponseHandler handler)
    {
        return exists(path, watcher, null, handler);
    }

    final long exists(final CharSequence path, final Watcher watcher, final ReadMode mode, final ResponseHandler handler)
    {
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.exists(correlationId, path, null != watcher);
        return calls.submitWatch(direct, correlationId, length, requestEncoder, handler, PathWatches.DATA, true, path,
            watcher, ctx.connection().chrootPath(), mode);
    }

    /**
     * Read a node's data and stat.
     *
     * @return the correlation id.
     */
    public long getDataAsync(final CharSequence path, final ResponseHandler handler)
    {
        return getDataAsync(path, null, handler);
    }

    /**
     * Read a node's data and stat and, with a watcher, leave a one-time data watch on it (only if it exists):
     * it fires on the node's data change or deletion.
     *
     * @param watcher told of the next change once the answer is OK; null for no watch.
     * @return the correlation id.
     */
    public long getDataAsync(final CharSequence path, final Watcher watcher, final ResponseHandler handler)
    {
        return getData(path, watcher, null, handler);
    }

    final long getData(final CharSequence path, final Watcher watcher, final ReadMode mode, final ResponseHandler handler)
    {
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.getData(correlationId, path, null != watcher);
        return calls.submitWatch(direct, correlationId, length, requestEncoder, handler, PathWatches.DATA, false, path,
            watcher, ctx.connection().chrootPath(), mode);
    }

    /**
     * Replace a node's data if its version matches (-1 for any).
     *
     * @param data the data, or null for null data; then {@code dataOffset} and {@code dataLength} are ignored.
     * @return the correlation id.
     */
    public long setData(
        final CharSequence path,
        final DirectBuffer data,
        final int dataOffset,
        final int dataLength,
        final int version,
        final ResponseHandler handler)
    {
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.setData(correlationId, path, data, dataOffset, dataLength, version);
        return calls.submit(direct, correlationId, length, requestEncoder, handler, null);
    }

    /**
     * List a node's children, sorted, with its stat.
     *
     * @return the correlation id.
     */
    public long getChildrenAsync(final CharSequence path, final ResponseHandler handler)
    {
        return getChildrenAsync(path, null, true, handler);
    }

    /**
     * List a node's children, sorted, with its stat and, with a watcher, leave a one-time child watch on it (only
     * if it exists): it fires when a child is created or deleted, or when the node is deleted.
     *
     * @param watcher told of the next change once the answer is OK; null for no watch.
     * @return the correlation id.
     */
    public long getChildrenAsync(final CharSequence path, final Watcher watcher, final ResponseHandler handler)
    {
        return getChildrenAsync(path, watcher, true, handler);
    }

    /**
     * List a node's children, sorted, and, with a watcher, leave a one-time child watch on it (only if it exists):
     * it fires when a child is created or deleted, or when the node is deleted. ZooKeeper's getChildren (without
     * the stat) and getChildren2 (with it).
     *
     * @param watcher     told of the next change once the answer is OK; null for no watch.
     * @param includeStat true to have the node's stat in {@link Response#stat()}; false leaves it zeroed.
     * @return the correlation id.
     */
    public long getChildrenAsync(
        final CharSequence path, final Watcher watcher, final boolean includeStat, final ResponseHandler handler)
    {
        return getChildren(path, watcher, includeStat, null, handler);
    }

    final long getChildren(
        final CharSequence path,
        final Watcher watcher,
        final boolean includeStat,
        final ReadMode mode,
        final ResponseHandler handler)
    {
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.getChildren(correlationId, path, null != watcher, includeStat);
        return calls.submitWatch(direct, correlationId, length, requestEncoder, handler, PathWatches.CHILD, false, path,
            watcher, ctx.connection().chrootPath(), mode);
    }

    /**
     * Add a watch that stays until removed (ZooKeeper's addWatch); the node need not exist. PERSISTENT fires for
     * the node's creation, data changes, deletion and child changes; PERSISTENT_RECURSIVE for creation, data
     * changes and deletion of the node and of every descendant (never NODE_CHILDREN_CHANGED).
     *
     * @param watcher told of every event once the answer is OK; not null.
     * @return the correlation id.
     * @throws NullPointerException if the watcher is null.
     */
    public long addWatch(final CharSequence path, final WatchMode mode, final Watcher watcher, final ResponseHandler handler)
    {
        Objects.requireNonNull(watcher, "watcher");
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int kind = WatchMode.PERSISTENT_RECURSIVE == mode ? PathWatches.RECURSIVE : PathWatches.PERSISTENT;
        final int length = requestEncoder.addWatch(correlationId, path, mode);
        return calls.submitWatch(
            direct, correlationId, length, requestEncoder, handler, kind, false, path, watcher, ctx.connection().chrootPath(), null);
    }

    /**
     * Remove this session's watches of a type on a path (ZooKeeper's removeAllWatches). When the answer is OK,
     * this client's watchers of that type on the path are forgotten and each told once, before the handler, with
     * DATA_WATCH_REMOVED (DATA), CHILD_WATCH_REMOVED (CHILDREN) or PERSISTENT_WATCH_REMOVED (PERSISTENT,
     * PERSISTENT_RECURSIVE); ANY removes all of them, each told with its kind's event. The answer's code is
     * NO_WATCHER when the cluster held no such watch.
     *
     * @param local true to remove the watchers here whatever the answer, and even before it when the connection
     *              is lost (DISCONNECTED), the session ends, or a blocking call gives up waiting.
     * @return the correlation id.
     */
    public long removeWatches(final CharSequence path, final WatcherType type, final boolean local, final ResponseHandler handler)
    {
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.removeWatches(correlationId, path, type, local);
        return calls.submitRemoval(direct, correlationId, length, requestEncoder, handler, path, type, local, null);
    }

    /**
     * Remove one watcher of a type on a path (ZooKeeper's removeWatches(path, watcher, type, local)). When the answer
     * is OK, that watcher is told once, before the handler, with its kind's removal event; the path's other
     * watchers stay. The answer's code is NO_WATCHER when this client holds no such watcher there. When other
     * watchers of those kinds remain on the path the answer is made here, at the next poll, without asking the
     * cluster (ZooKeeper asks its server only to check that the watch exists, which it does while any remain).
     *
     * @param watcher the watcher to remove; not null.
     * @param local   true to remove it here whatever the cluster answers.
     * @return the correlation id.
     * @throws IllegalArgumentException if the watcher is null, as ZooKeeper's.
     */
    public long removeWatches(
        final CharSequence path,
        final Watcher watcher,
        final WatcherType type,
        final boolean local,
        final ResponseHandler handler)
    {
        if (null == watcher)
        {
            throw new IllegalArgumentException("Invalid Watcher, shouldn't be null!");
        }
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.removeWatches(correlationId, path, type, local);
        return calls.submitRemoval(direct, correlationId, length, requestEncoder, handler, path, type, local, watcher);
    }

    /**
     * Count all descendants of a node.
     *
     * @return the correlation id.
     */
    public long getAllChildrenNumber(final CharSequence path, final ResponseHandler handler)
    {
        return getAllChildrenNumber(path, null, handler);
    }

    final long getAllChildrenNumber(final CharSequence path, final ReadMode mode, final ResponseHandler handler)
    {
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.getAllChildrenNumber(correlationId, path);
        return calls.submit(direct, correlationId, length, requestEncoder, handler, mode);
    }

    /**
     * List this session's ephemerals under a prefix ("/" for all). As ZooKeeper 3.9's client, the prefix and the
     * paths answered are the cluster's, not relative to a chroot.
     *
     * @return the correlation id.
     */
    public long getEphemerals(final CharSequence prefixPath, final ResponseHandler handler)
    {
        return getEphemerals(prefixPath, null, handler);
    }

    final long getEphemerals(final CharSequence prefixPath, final ReadMode mode, final ResponseHandler handler)
    {
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.getEphemerals(correlationId, prefixPath);
        return calls.submit(direct, correlationId, length, requestEncoder, handler, mode);
    }

    /**
     * Read a node's ACL and stat.
     *
     * @return the correlation id.
     */
    public long getAclAsync(final CharSequence path, final ResponseHandler handler)
    {
        return getAcl(path, null, handler);
    }

    final long getAcl(final CharSequence path, final ReadMode mode, final ResponseHandler handler)
    {
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.getAcl(correlationId, path);
        return calls.submit(direct, correlationId, length, requestEncoder, handler, mode);
    }

    /**
     * Replace a node's ACL if its ACL version matches (-1 for any).
     *
     * @return the correlation id.
     */
    public long setAcl(final CharSequence path, final AclList acl, final int aversion, final ResponseHandler handler)
    {
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.setAcl(correlationId, path, acl, aversion);
        return calls.submit(direct, correlationId, length, requestEncoder, handler, null);
    }

    /**
     * Answered once every write ordered before it has been applied.
     *
     * @return the correlation id.
     */
    public long sync(final CharSequence path, final ResponseHandler handler)
    {
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.sync(correlationId, path);
        return calls.submit(direct, correlationId, length, requestEncoder, handler, null);
    }

    /**
     * Apply operations atomically: all or none. The answer has one result per op: {@link Response#multiOpType(int)},
     * {@link Response#multiCode(int)} (all OK, or OK before the failing op, its error, and RUNTIME_INCONSISTENCY
     * after it), {@link Response#multiStat(int)} and, in {@link Response#names()}, the created path of a create
     * (the cluster's path, not chroot-relative, as ZooKeeper 3.9's client) or an empty one.
     *
     * @param ops the operations; encoded at once, so the caller may reuse them when this returns.
     * @return the correlation id.
     */
    public long multi(final MultiOps ops, final ResponseHandler handler)
    {
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.multi(correlationId, ops);
        return calls.submit(direct, correlationId, length, requestEncoder, handler, null);
    }

    /**
     * Ask for the digest of the tree at this point of the log (every node takes it at the same position; the
     * leader answers). Walks the whole tree: for admin and tests.
     *
     * @return the correlation id.
     */
    public long digest(final ResponseHandler handler)
    {
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.digest(correlationId);
        return calls.submit(direct, correlationId, length, requestEncoder, handler, null);
    }
}
