package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.model.Stat;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * The thin client of an Aerie cluster: one session, requests and their answers.
 * <p>
 * {@link #connect(AerieClientContext)} reaches the cluster over Aeron (an embedded media driver, or an external one) and
 * opens a session. Every operation exists in two forms: asynchronous, returning the request's correlation
 * id and answering a {@link ResponseHandler} later (nothing allocated per call in steady state), and blocking,
 * returning the result or throwing {@link AerieException}.
 * <p>
 * The client survives a leader change: requests in flight are sent again to the new leader, and the cluster
 * answers a resent write with its original answer rather than applying it twice. It keeps its session alive
 * with keepalives from its conductor thread (in invoker mode from {@link #poll()}, so it must then be polled at
 * least every third of its session timeout). If the cluster stays silent longer than the session timeout the client reports DISCONNECTED.
 * <p>
 * Watches are ZooKeeper's: exists and getData with a {@link Watcher} leave a one-time data watch (exists even
 * on a node that does not exist yet), getChildren a one-time child watch, addWatch a persistent one, optionally
 * recursive. A watch counts from the answer that set it. NODE_CREATED and NODE_DATA_CHANGED reach the data,
 * persistent and recursive watchers of the node and the recursive watchers of its ancestors; NODE_DELETED
 * those and the node's child watchers; NODE_CHILDREN_CHANGED the child and persistent watchers of the parent.
 * A watcher object is called at most once per event. Session state changes go to the context's default
 * watcher; DISCONNECTED, EXPIRED, CLOSED and EVENTS_LOST (a gap in the cluster's event sequence) to every
 * watcher too. EXPIRED and CLOSED end every watch, EVENTS_LOST the one-time ones. Watches survive a leader
 * change: the cluster keeps them.
 * <p>
 * The blocking forms have ZooKeeper's names and shapes, so ZooKeeper-style calls compile as they are
 * ({@code getData(path, null, null)}, {@code exists(path, event -> ...)}); the asynchronous reads that would
 * share their arity (exists, getData, getChildren, getACL) are named {@code *Async}. Errors are thrown as
 * {@link AerieException}'s subclasses, one per common code, as ZooKeeper's KeeperException.
 * <p>
 * A chroot in the connect string ({@code 0=host:port,1=host:port/app}, or {@link AerieClientContext#chroot(String)})
 * makes every path relative to it, as in ZooKeeper: paths sent are prefixed, created paths, sync paths and watch
 * event paths come back stripped. As ZooKeeper 3.9's client, getEphemerals (prefix and answer) and the created
 * paths in multi results are not chrooted.
 * <p>
 * <h2>Threading</h2>
 * Two modes, as Aeron's client ({@link AerieClientContext#useConductorInvoker(boolean)}). Default: a conductor
 * thread polls the cluster, keeps the session alive whatever the application does, and runs every callback
 * (handlers, watchers, session listeners); the client may be called from any number of threads: a call from
 * another thread is handed to the conductor through a lock-free queue and a blocking call parks its caller until
 * the answer. Invoker mode: no thread; the application drives the client with {@link #poll()} from one thread at a
 * time and gets the callbacks there; a call from another thread while one is inside a call (polling, waiting,
 * in a callback) throws {@link IllegalStateException}. In both, a send never
 * blocks and never runs a callback.
 */
public final class AerieClient extends AsyncRequests implements AutoCloseable
{
    /**
     * Where the cluster's configuration is, as ZooKeeper's {@code ZooDefs.CONFIG_NODE}: read by
     * {@link #getConfig(Watcher, Stat)}.
     */
    public static final String CONFIG_NODE = "/zookeeper/config";

    private static final byte[] NO_PASSWORD = new byte[0];

    private AerieClient(final AerieClientContext ctx)
    {
        super(ctx);
    }

    /**
     * Connect to the cluster and open a session; in the default mode then start the conductor thread (named
     * {@code aerie-client-conductor}, not a daemon: {@link #close()} ends it).
     *
     * @param ctx configuration; concluded here.
     * @return a connected client.
     * @throws AerieException if the session could not be opened (for example the cluster refused it);
     *                        {@link AerieException.AuthFailedException} if the cluster refused the credentials.
     * @throws io.aeron.exceptions.TimeoutException if the cluster could not be reached in time.
     */
    public static AerieClient connect(final AerieClientContext ctx) throws AerieException
    {
        final AerieClient client = new AerieClient(ctx.conclude());
        try
        {
            client.conductor.connectCluster();
            client.openSession();
            if (ctx.useConductorInvoker())
            {
                client.threading.connected();
            }
            else
            {
                client.threading.start(
                    new ClientConductorAgent(client.conductor, client.commands, client.threading),
                    ctx.idleStrategySupplier().get(),
                    ctx.errorHandler());
            }
            return client;
        }
        catch (final io.aeron.security.AuthenticationException ex)
        {
            // The cluster's authenticator refused the credentials: malformed, or not Aerie's.
            client.conductor.closeResources();
            final AerieException failed = AerieException.create(ResultCode.AUTH_FAILED, null);
            failed.initCause(ex);
            throw failed;
        }
        catch (final AerieException | RuntimeException ex)
        {
            client.conductor.closeResources();
            throw ex;
        }
    }

    /**
     * Invoker mode: do the client's work: receive answers and events (callbacks run here), keep the session alive,
     * notice a silent cluster, send queued requests and, after a leader change, in-flight ones again. Call it at
     * least every third of the session timeout. In the default mode the conductor thread does all of this and
     * poll() does nothing.
     *
     * @return amount of work done, for an idle strategy; 0 in the default mode.
     * @throws IllegalStateException in invoker mode, while another thread is inside a call.
     */
    public int poll()
    {
        if (threading.isInvoker() && threading.isDirect())
        {
            try
            {
                return conductor.poll();
            }
            finally
            {
                threading.exit(true);
            }
        }
        return 0;
    }

    /**
     * @return the session id, as ZooKeeper's.
     */
    public long sessionId()
    {
        return conductor.sessionId();
    }

    /**
     * The session's password (16 bytes), which with {@link #sessionId()} resumes the session from another client
     * ({@link AerieClientContext#resumeSession(long, byte[])}), as a ZooKeeper client moves its session to another
     * server. Call from the thread that polls the client (any thread in the default mode, once connected).
     *
     * @return a copy of the password; empty before the session is open.
     */
    public byte[] sessionPassword()
    {
        return conductor.password();
    }

    /**
     * @return the session timeout the cluster granted, ms.
     */
    public int sessionTimeoutMs()
    {
        return conductor.sessionTimeoutMs();
    }

    /**
     * @return the session's state as the client knows it.
     */
    public SessionState state()
    {
        return conductor.state();
    }

    /**
     * @return the highest zxid this client has seen in an answer.
     */
    public long lastZxid()
    {
        return conductor.lastZxid();
    }

    /**
     * @return member id of the cluster leader the client talks to.
     */
    public int leaderMemberId()
    {
        return conductor.leaderMemberId();
    }

    /**
     * @return number of requests sent and not yet answered.
     */
    public int pendingRequests()
    {
        return conductor.pendingRequests();
    }

    /**
     * @return requests sent and not yet answered (the rest of {@link #pendingRequests()} wait their turn).
     */
    int inFlight()
    {
        return conductor.inFlight();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Blocking API: for scripts, tools and tests. Allocates; throws AerieException with the error code.
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Create a node and wait for the answer.
     *
     * @param data  the data, or null for null data (getData then returns null, as in ZooKeeper).
     * @param ttlMs TTL for the TTL modes, -1 otherwise.
     * @return the created path (with the sequence suffix for sequential modes).
     * @throws AerieException with the error code, e.g. NODE_EXISTS or NO_NODE.
     */
    public String create(final String path, final byte[] data, final AclList acl, final CreateMode mode, final long ttlMs)
        throws AerieException
    {
        return create(path, data, acl, mode, null, ttlMs);
    }

    /**
     * Create a node and wait for the answer; ZooKeeper's create with a stat.
     *
     * @param stat if not null, filled with the new node's stat.
     * @return the created path (with the sequence suffix for sequential modes).
     * @throws AerieException with the error code, e.g. NODE_EXISTS or NO_NODE.
     */
    public String create(final String path, final byte[] data, final AclList acl, final CreateMode mode, final Stat stat)
        throws AerieException
    {
        return create(path, data, acl, mode, stat, -1);
    }

    /**
     * Create a node and wait for the answer; ZooKeeper's create(path, data, acl, mode, stat, ttl), its create2.
     *
     * @param stat  if not null, filled with the new node's stat.
     * @param ttlMs TTL for the TTL modes, -1 otherwise.
     * @return the created path (with the sequence suffix for sequential modes).
     * @throws AerieException with the error code, e.g. NODE_EXISTS or NO_NODE.
     */
    public String create(
        final String path, final byte[] data, final AclList acl, final CreateMode mode, final Stat stat, final long ttlMs)
        throws AerieException
    {
        final BlockingResult blocking = arm();
        await(create(path, null == data ? null : new UnsafeBuffer(data), 0, null == data ? 0 : data.length, acl, mode,
            ttlMs, blocking), blocking, path);
        if (null != stat)
        {
            stat.set(blocking.stat);
        }
        return blocking.path;
    }

    /**
     * Create a persistent node open to all.
     *
     * @return the created path.
     * @throws AerieException with the error code.
     */
    public String create(final String path, final byte[] data) throws AerieException
    {
        return create(path, data, AclList.openAclUnsafe(), CreateMode.PERSISTENT, -1);
    }

    /**
     * Delete a node and wait.
     *
     * @throws AerieException with the error code, e.g. NO_NODE, BAD_VERSION, NOT_EMPTY.
     */
    public void delete(final String path, final int version) throws AerieException
    {
        final BlockingResult blocking = arm();
        await(delete(path, version, blocking), blocking, path);
    }

    /**
     * @return the node's stat, or null if it does not exist.
     * @throws AerieException with the error code for other errors.
     */
    public Stat exists(final String path) throws AerieException
    {
        return exists(path, (Watcher)null);
    }

    /**
     * Read a node's stat and, with a watcher, leave a one-time data watch on it, even if it does not exist.
     *
     * @param watcher told of the node's next creation, data change or deletion; null for no watch.
     * @return the node's stat, or null if it does not exist.
     * @throws AerieException with the error code for other errors; then no watch was set.
     */
    public Stat exists(final String path, final Watcher watcher) throws AerieException
    {
        final BlockingResult blocking = arm();
        final long correlationId = existsAsync(path, watcher, blocking);
        awaitAnswer(correlationId, blocking);
        if (ResultCode.NO_NODE == blocking.code)
        {
            return null;
        }
        throwIfError(blocking, path);
        return new Stat().set(blocking.stat);
    }

    /**
     * Read a node's stat and, if asked, leave a one-time data watch for the context's default watcher; ZooKeeper's
     * exists(path, watch).
     *
     * @param watch true to be told, through {@link AerieClientContext#defaultWatcher()}, of the node's next
     *              creation, data change or deletion (no watch if the context has no default watcher).
     * @return the node's stat, or null if it does not exist.
     * @throws AerieException with the error code for other errors; then no watch was set.
     */
    public Stat exists(final String path, final boolean watch) throws AerieException
    {
        return exists(path, defaultWatcher(watch));
    }

    /**
     * Read a node's data.
     *
     * @return the data; null when the node was created or set with null data, as in ZooKeeper.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public byte[] getData(final String path) throws AerieException
    {
        return getData(path, (Stat)null);
    }

    /**
     * Read a node's data.
     *
     * @param stat if not null, filled with the node's stat.
     * @return the data; null for null data.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public byte[] getData(final String path, final Stat stat) throws AerieException
    {
        return getData(path, null, stat);
    }

    /**
     * Read a node's data and, with a watcher, leave a one-time data watch on it.
     *
     * @param watcher told of the node's next data change or deletion; null for no watch.
     * @param stat    if not null, filled with the node's stat.
     * @return the data; null for null data.
     * @throws AerieException with the error code, e.g. NO_NODE; then no watch was set.
     */
    public byte[] getData(final String path, final Watcher watcher, final Stat stat) throws AerieException
    {
        final BlockingResult blocking = arm();
        await(getDataAsync(path, watcher, blocking), blocking, path);
        if (null != stat)
        {
            stat.set(blocking.stat);
        }
        return blocking.data;
    }

    /**
     * Read the cluster's configuration, the data of {@value #CONFIG_NODE}, outside any chroot, as ZooKeeper's
     * {@code getConfig}; with a watcher, leave a one-time data watch on it, whose event names
     * {@value #CONFIG_NODE} whatever the chroot.
     *
     * @param watcher null for no watch.
     * @param stat    if not null, filled with the node's stat.
     * @return the data.
     * @throws AerieException with the error code, NO_NODE when the cluster keeps no configuration.
     */
    public byte[] getConfig(final Watcher watcher, final Stat stat) throws AerieException
    {
        final BlockingResult blocking = arm();
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.getDataOutsideChroot(correlationId, CONFIG_NODE, null != watcher);
        await(submitWatch(direct, correlationId, length, requestEncoder, blocking, PathWatches.DATA, false, CONFIG_NODE,
            watcher, Chroot.NONE), blocking, CONFIG_NODE);
        if (null != stat)
        {
            stat.set(blocking.stat);
        }
        return blocking.data;
    }

    /**
     * Read a node's data and, if asked, leave a one-time data watch for the context's default watcher; ZooKeeper's
     * getData(path, watch, stat).
     *
     * @param watch true to be told, through {@link AerieClientContext#defaultWatcher()}, of the node's next data
     *              change or deletion (no watch if the context has no default watcher).
     * @param stat  if not null, filled with the node's stat.
     * @return the data.
     * @throws AerieException with the error code, e.g. NO_NODE; then no watch was set.
     */
    public byte[] getData(final String path, final boolean watch, final Stat stat) throws AerieException
    {
        return getData(path, defaultWatcher(watch), stat);
    }

    /**
     * Replace a node's data.
     *
     * @param data the data, or null for null data (getData then returns null, as in ZooKeeper).
     * @return the stat after the change.
     * @throws AerieException with the error code, e.g. NO_NODE, BAD_VERSION.
     */
    public Stat setData(final String path, final byte[] data, final int version) throws AerieException
    {
        final BlockingResult blocking = arm();
        await(setData(path, null == data ? null : new UnsafeBuffer(data), 0, null == data ? 0 : data.length, version,
            blocking), blocking, path);
        return new Stat().set(blocking.stat);
    }

    /**
     * @return the node's children names, sorted.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public List<String> getChildren(final String path) throws AerieException
    {
        return getChildren(path, (Watcher)null);
    }

    /**
     * List a node's children and, with a watcher, leave a one-time child watch on it.
     *
     * @param watcher told of the next child created or deleted, or of the node's deletion; null for no watch.
     * @return the node's children names, sorted.
     * @throws AerieException with the error code, e.g. NO_NODE; then no watch was set.
     */
    public List<String> getChildren(final String path, final Watcher watcher) throws AerieException
    {
        return getChildren(path, watcher, null);
    }

    /**
     * List a node's children and, if asked, leave a one-time child watch for the context's default watcher;
     * ZooKeeper's getChildren(path, watch).
     *
     * @param watch true to be told, through {@link AerieClientContext#defaultWatcher()}, of the next child created
     *              or deleted, or of the node's deletion (no watch if the context has no default watcher).
     * @return the node's children names, sorted.
     * @throws AerieException with the error code, e.g. NO_NODE; then no watch was set.
     */
    public List<String> getChildren(final String path, final boolean watch) throws AerieException
    {
        return getChildren(path, defaultWatcher(watch), null);
    }

    /**
     * List a node's children and its stat and, if asked, leave a one-time child watch for the context's default
     * watcher; ZooKeeper's getChildren(path, watch, stat).
     *
     * @param watch true to be told through {@link AerieClientContext#defaultWatcher()}, as
     *              {@link #getChildren(String, boolean)}.
     * @param stat  if not null, filled with the node's stat.
     * @return the node's children names, sorted.
     * @throws AerieException with the error code, e.g. NO_NODE; then no watch was set.
     */
    public List<String> getChildren(final String path, final boolean watch, final Stat stat) throws AerieException
    {
        return getChildren(path, defaultWatcher(watch), stat);
    }

    /**
     * List a node's children and its stat and, with a watcher, leave a one-time child watch on it; ZooKeeper's
     * getChildren(path, watcher, stat). (There is no getChildren(path, stat): ZooKeeper has none, and it would
     * make ZooKeeper's {@code getChildren(path, null)} ambiguous; pass a null watcher.)
     *
     * @param watcher told of the next child created or deleted, or of the node's deletion; null for no watch.
     * @param stat    if not null, filled with the node's stat (the cluster is asked for it only then).
     * @return the node's children names, sorted.
     * @throws AerieException with the error code, e.g. NO_NODE; then no watch was set.
     */
    public List<String> getChildren(final String path, final Watcher watcher, final Stat stat) throws AerieException
    {
        final BlockingResult blocking = arm();
        await(getChildrenAsync(path, watcher, null != stat, blocking), blocking, path);
        if (null != stat)
        {
            stat.set(blocking.stat);
        }
        return blocking.names;
    }

    /**
     * Add a persistent, optionally recursive, watch and wait; see
     * {@link #addWatch(CharSequence, WatchMode, Watcher, ResponseHandler)}.
     *
     * @param watcher told of every event until the watch is removed or the session ends; not null.
     * @throws AerieException with the error code.
     */
    public void addWatch(final String path, final WatchMode mode, final Watcher watcher) throws AerieException
    {
        final BlockingResult blocking = arm();
        await(addWatch(path, mode, watcher, blocking), blocking, path);
    }

    /**
     * Remove this session's watches of a type on a path and wait; this client's watchers are told as described
     * at {@link #removeWatches(CharSequence, WatcherType, boolean, ResponseHandler)} (not local).
     *
     * @throws AerieException with the error code, NO_WATCHER when the cluster held no such watch.
     */
    public void removeWatches(final String path, final WatcherType type) throws AerieException
    {
        final BlockingResult blocking = arm();
        await(removeWatches(path, type, false, blocking), blocking, path);
    }

    /**
     * Remove this session's watches of a type on a path and wait, as {@link #removeWatches(String, WatcherType)};
     * with {@code local} this client's watchers are removed whatever the answer, even when the cluster cannot be
     * reached (ZooKeeper's {@code removeAllWatches(path, type, local)}).
     *
     * @throws AerieException with the error code, NO_WATCHER when the cluster held no such watch.
     */
    public void removeWatches(final String path, final WatcherType type, final boolean local) throws AerieException
    {
        final BlockingResult blocking = arm();
        await(removeWatches(path, type, local, blocking), blocking, path);
    }

    /**
     * Remove one watcher of a type on a path and wait; ZooKeeper's removeWatches(path, watcher, type, local). See
     * {@link #removeWatches(CharSequence, Watcher, WatcherType, boolean, ResponseHandler)}.
     *
     * @throws AerieException NO_WATCHER when this client holds no such watcher on the path, or the error code.
     * @throws IllegalArgumentException if the watcher is null.
     */
    public void removeWatches(final String path, final Watcher watcher, final WatcherType type, final boolean local)
        throws AerieException
    {
        final BlockingResult blocking = arm();
        await(removeWatches(path, watcher, type, local, blocking), blocking, path);
    }

    /**
     * @return the number of descendants of the node.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public long getAllChildrenNumber(final String path) throws AerieException
    {
        final BlockingResult blocking = arm();
        await(getAllChildrenNumber(path, blocking), blocking, path);
        return blocking.count;
    }

    /**
     * @return this session's ephemeral paths under the prefix, sorted.
     * @throws AerieException with the error code.
     */
    public List<String> getEphemerals(final String prefixPath) throws AerieException
    {
        final BlockingResult blocking = arm();
        await(getEphemerals(prefixPath, blocking), blocking, prefixPath);
        return blocking.names;
    }

    /**
     * @return the node's ACL.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public AclList getAcl(final String path) throws AerieException
    {
        return getAcl(path, (Stat)null);
    }

    /**
     * @param stat if not null, filled with the node's stat.
     * @return the node's ACL.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public AclList getAcl(final String path, final Stat stat) throws AerieException
    {
        final BlockingResult blocking = arm();
        await(getAclAsync(path, blocking), blocking, path);
        if (null != stat)
        {
            stat.set(blocking.stat);
        }
        return new AclList().copyFrom(blocking.acl);
    }

    /**
     * Replace a node's ACL.
     *
     * @return the stat after the change.
     * @throws AerieException with the error code.
     */
    public Stat setAcl(final String path, final AclList acl, final int aversion) throws AerieException
    {
        final BlockingResult blocking = arm();
        await(setAcl(path, acl, aversion, blocking), blocking, path);
        return new Stat().set(blocking.stat);
    }

    /**
     * Wait until every write ordered before this call has been applied.
     *
     * @throws AerieException with the error code.
     */
    public void sync(final String path) throws AerieException
    {
        final BlockingResult blocking = arm();
        await(sync(path, blocking), blocking, path);
    }

    /**
     * Apply operations atomically and wait; ZooKeeper's multi.
     *
     * @return one result per op, in op order; see {@link OpResult}.
     * @throws AerieException the failing op's exception (as ZooKeeper's, its message names no path), with every
     *                        op's result in {@link AerieException#results()}: OK before the failing op, its error,
     *                        RUNTIME_INCONSISTENCY after it; then nothing was applied. For an error of the request
     *                        as a whole (e.g. CONNECTION_LOSS) the results are null.
     */
    public List<OpResult> multi(final MultiOps ops) throws AerieException
    {
        final BlockingResult blocking = arm();
        awaitAnswer(multi(ops, blocking), blocking);
        final List<OpResult> results = blocking.opResults(ops);
        if (ResultCode.OK != blocking.code)
        {
            throw null == results ? AerieException.create(blocking.code, null) :
                AerieException.multiFailure(blocking.code, results);
        }
        return results;
    }

    /**
     * @return the digest of the tree at this point of the log, equal on every node that applied the same log.
     * @throws AerieException with the error code.
     */
    public long digest() throws AerieException
    {
        final BlockingResult blocking = arm();
        await(digest(blocking), blocking, null);
        return blocking.digest;
    }

    /**
     * Close the session (its ephemerals are deleted at once), then the connection and any embedded driver. In the
     * default mode the conductor thread is stopped first and the session is closed from the calling thread;
     * requests other threads still wait for are answered CONNECTION_LOSS. Call it once the client's work is done,
     * not from a callback; in invoker mode from any thread, once no other is inside a call. A second call does
     * nothing.
     */
    @Override
    public void close()
    {
        if (threading.isClosed())
        {
            return;
        }
        threading.stop();
        try
        {
            commands.drain();
            conductor.closeSession(arm());
            if (SessionState.DISCONNECTED == conductor.state())
            {
                conductor.changeState(SessionState.CLOSED);
            }
        }
        finally
        {
            conductor.closeResources();
        }
    }

    private Watcher defaultWatcher(final boolean watch)
    {
        return watch ? ctx.defaultWatcher() : null;
    }

    /**
     * Add credentials to the session and wait for the answer (ZooKeeper's addAuthInfo, which does not wait). They
     * are sent again on every new connection.
     *
     * @param scheme such as {@code digest}.
     * @param auth   such as {@code user:password} in UTF-8 for digest.
     * @throws AerieException AUTH_FAILED for a scheme the cluster does not know (the session is then lost to this
     *                        client), or another error code.
     */
    public void addAuthInfo(final String scheme, final byte[] auth) throws AerieException
    {
        final BlockingResult blocking = arm();
        await(addAuthInfo(scheme, auth, blocking), blocking, null);
    }

    /**
     * @return the identities the session holds, in the order gained, as ZooKeeper 3.9's whoAmI.
     * @throws AerieException with the error code.
     */
    public List<ClientInfo> whoAmI() throws AerieException
    {
        final BlockingResult blocking = arm();
        await(whoAmI(blocking), blocking, null);
        return blocking.clientInfos();
    }

    private void openSession() throws AerieException
    {
        final BlockingResult blocking = arm();
        final long correlationId = conductor.nextCorrelationId();
        final long resumeId = ctx.resumeSessionId();
        final byte[] password = 0 == resumeId ? NO_PASSWORD : ctx.resumePassword();
        conductor.send(correlationId, encoder.connect(correlationId, ctx.sessionTimeoutMs(), resumeId, password, 0), blocking);
        awaitAnswer(correlationId, blocking);
        if (ResultCode.OK != blocking.code)
        {
            throw AerieException.create(blocking.code, null);
        }
        conductor.changeState(SessionState.CONNECTED);
    }
}
