package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.model.Stat;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * The blocking half of {@link AerieClient}'s API, for scripts, tools and tests: ZooKeeper's names and shapes, each
 * waiting for its answer and throwing {@link AerieException} with the error code. Allocates (results are copied
 * out). The reads are a {@link Reads} view's, in the client's own {@link ReadMode}. Package-private: users see these
 * methods on {@link AerieClient}.
 */
abstract class BlockingRequests extends AsyncRequests
{
    final Reads clientReads = new Reads(this, null);

    BlockingRequests(final AerieClient.Context ctx)
    {
        super(ctx);
    }

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
        final BlockingResult blocking = calls.arm();
        calls.await(create(path, null == data ? null : new UnsafeBuffer(data), 0, null == data ? 0 : data.length, acl, mode,
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
        final BlockingResult blocking = calls.arm();
        calls.await(delete(path, version, blocking), blocking, path);
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
        return clientReads.exists(path, watcher);
    }

    /**
     * Read a node's stat and, if asked, leave a one-time data watch for the context's default watcher; ZooKeeper's
     * exists(path, watch).
     *
     * @param watch true to be told, through {@link AerieClient.Context#defaultWatcher()}, of the node's next
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
        return clientReads.getData(path, watcher, stat);
    }

    /**
     * Read the cluster's configuration, the data of {@value AerieClient#CONFIG_NODE}, outside any chroot, as ZooKeeper's
     * {@code getConfig}; with a watcher, leave a one-time data watch on it, whose event names
     * {@value AerieClient#CONFIG_NODE} whatever the chroot.
     *
     * @param watcher null for no watch.
     * @param stat    if not null, filled with the node's stat.
     * @return the data.
     * @throws AerieException with the error code, NO_NODE when the cluster keeps no configuration.
     */
    public byte[] getConfig(final Watcher watcher, final Stat stat) throws AerieException
    {
        final BlockingResult blocking = calls.arm();
        final boolean direct = threading.isDirect();
        final RequestEncoder requestEncoder = calls.encoder(direct);
        final long correlationId = conductor.nextCorrelationId();
        final int length = requestEncoder.getDataOutsideChroot(correlationId, AerieClient.CONFIG_NODE, null != watcher);
        calls.await(calls.submitWatch(direct, correlationId, length, requestEncoder, blocking, PathWatches.DATA, false,
            AerieClient.CONFIG_NODE, watcher, Chroot.NONE, null), blocking, AerieClient.CONFIG_NODE);
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
     * @param watch true to be told, through {@link AerieClient.Context#defaultWatcher()}, of the node's next data
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
        final BlockingResult blocking = calls.arm();
        calls.await(setData(path, null == data ? null : new UnsafeBuffer(data), 0, null == data ? 0 : data.length, version,
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
     * @param watch true to be told, through {@link AerieClient.Context#defaultWatcher()}, of the next child created
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
     * @param watch true to be told through {@link AerieClient.Context#defaultWatcher()}, as
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
        return clientReads.getChildren(path, watcher, stat);
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
        final BlockingResult blocking = calls.arm();
        calls.await(addWatch(path, mode, watcher, blocking), blocking, path);
    }

    /**
     * Remove this session's watches of a type on a path and wait; this client's watchers are told as described
     * at {@link #removeWatches(CharSequence, WatcherType, boolean, ResponseHandler)} (not local).
     *
     * @throws AerieException with the error code, NO_WATCHER when the cluster held no such watch.
     */
    public void removeWatches(final String path, final WatcherType type) throws AerieException
    {
        final BlockingResult blocking = calls.arm();
        calls.await(removeWatches(path, type, false, blocking), blocking, path);
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
        final BlockingResult blocking = calls.arm();
        calls.await(removeWatches(path, type, local, blocking), blocking, path);
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
        final BlockingResult blocking = calls.arm();
        calls.await(removeWatches(path, watcher, type, local, blocking), blocking, path);
    }

    /**
     * @return the number of descendants of the node.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public long getAllChildrenNumber(final String path) throws AerieException
    {
        return clientReads.getAllChildrenNumber(path);
    }

    /**
     * @return this session's ephemeral paths under the prefix, sorted.
     * @throws AerieException with the error code.
     */
    public List<String> getEphemerals(final String prefixPath) throws AerieException
    {
        return clientReads.getEphemerals(prefixPath);
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
        return clientReads.getAcl(path, stat);
    }

    /**
     * Replace a node's ACL.
     *
     * @return the stat after the change.
     * @throws AerieException with the error code.
     */
    public Stat setAcl(final String path, final AclList acl, final int aversion) throws AerieException
    {
        final BlockingResult blocking = calls.arm();
        calls.await(setAcl(path, acl, aversion, blocking), blocking, path);
        return new Stat().set(blocking.stat);
    }

    /**
     * Wait until every write ordered before this call has been applied.
     *
     * @throws AerieException with the error code.
     */
    public void sync(final String path) throws AerieException
    {
        final BlockingResult blocking = calls.arm();
        calls.await(sync(path, blocking), blocking, path);
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
        final BlockingResult blocking = calls.arm();
        calls.awaitAnswer(multi(ops, blocking), blocking);
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
        final BlockingResult blocking = calls.arm();
        calls.await(digest(blocking), blocking, null);
        return blocking.digest;
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
        final BlockingResult blocking = calls.arm();
        calls.await(addAuthInfo(scheme, auth, blocking), blocking, null);
    }

    /**
     * @return the identities the session holds, in the order gained, as ZooKeeper 3.9's whoAmI.
     * @throws AerieException with the error code.
     */
    public List<ClientInfo> whoAmI() throws AerieException
    {
        final BlockingResult blocking = calls.arm();
        calls.await(whoAmI(blocking), blocking, null);
        return blocking.clientInfos();
    }
}
