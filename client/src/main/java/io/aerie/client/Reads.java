package io.aerie.client;

import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;

import java.util.List;

/**
 * A client's reads served in one {@link ReadMode}, whatever the client's own ({@link ClientReads.Context#readMode}):
 * {@code client.reads(ReadMode.LINEARIZABLE).getData(path, stat)} goes through the log on a LOCAL client;
 * {@code client.reads(ReadMode.LOCAL).getDataAsync(path, handler)} is answered by one node's own state on a
 * LINEARIZABLE one. See {@link ReadMode} for what each mode guarantees. The views come from
 * {@link AerieClient#reads(ReadMode)}, made once per client: a call allocates no more than the same call on the
 * client (nothing, for the asynchronous forms, in steady state). Threading, handlers and errors as the client's.
 * <p>
 * These reads leave no watch: a read that sets a watch goes through the log whatever the mode, on the client
 * itself. A LOCAL read needs the client's local read path: a LINEARIZABLE client opens it at its first LOCAL read (an
 * Aeron client and subscription of its own, once); behind an application's own {@link ClusterTransport} there is
 * none, and LOCAL reads then go through the log (which answers linearizably, more than asked), as they do when no
 * node answers.
 */
public final class Reads
{
    private final AsyncRequests client;
    private final ReadMode mode;

    Reads(final AsyncRequests client, final ReadMode mode)
    {
        this.client = client;
        this.mode = mode;
    }

    /**
     * @return how these reads are served; null for the view that follows the client's own mode.
     */
    public ReadMode mode()
    {
        return mode;
    }

    /**
     * Read a node's stat; the answer's code is NO_NODE when it does not exist.
     *
     * @return the correlation id.
     */
    public long existsAsync(final CharSequence path, final ResponseHandler handler)
    {
        return client.exists(path, null, mode, handler);
    }

    /**
     * Read a node's data and stat.
     *
     * @return the correlation id.
     */
    public long getDataAsync(final CharSequence path, final ResponseHandler handler)
    {
        return client.getData(path, null, mode, handler);
    }

    /**
     * List a node's children, sorted, with its stat if asked.
     *
     * @param includeStat true to have the node's stat in {@link Response#stat()}; false leaves it zeroed.
     * @return the correlation id.
     */
    public long getChildrenAsync(final CharSequence path, final boolean includeStat, final ResponseHandler handler)
    {
        return client.getChildren(path, null, includeStat, mode, handler);
    }

    /**
     * Count all descendants of a node.
     *
     * @return the correlation id.
     */
    public long getAllChildrenNumber(final CharSequence path, final ResponseHandler handler)
    {
        return client.getAllChildrenNumber(path, mode, handler);
    }

    /**
     * List this session's ephemerals under a prefix ("/" for all), as {@link AerieClient#getEphemerals(String)}.
     *
     * @return the correlation id.
     */
    public long getEphemerals(final CharSequence prefixPath, final ResponseHandler handler)
    {
        return client.getEphemerals(prefixPath, mode, handler);
    }

    /**
     * Read a node's ACL and stat.
     *
     * @return the correlation id.
     */
    public long getAclAsync(final CharSequence path, final ResponseHandler handler)
    {
        return client.getAcl(path, mode, handler);
    }

    /**
     * @return the node's stat, or null if it does not exist.
     * @throws AerieException with the error code for other errors.
     */
    public Stat exists(final String path) throws AerieException
    {
        return exists(path, null);
    }

    /**
     * @return the data; null for null data.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public byte[] getData(final String path) throws AerieException
    {
        return getData(path, null, null);
    }

    /**
     * @param stat if not null, filled with the node's stat.
     * @return the data; null for null data.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public byte[] getData(final String path, final Stat stat) throws AerieException
    {
        return getData(path, null, stat);
    }

    /**
     * @return the node's children names, sorted.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public List<String> getChildren(final String path) throws AerieException
    {
        return getChildren(path, null, null);
    }

    /**
     * @param stat if not null, filled with the node's stat (the cluster is asked for it only then).
     * @return the node's children names, sorted.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public List<String> getChildren(final String path, final Stat stat) throws AerieException
    {
        return getChildren(path, null, stat);
    }

    /**
     * @return the number of descendants of the node.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public long getAllChildrenNumber(final String path) throws AerieException
    {
        final BlockingResult blocking = client.calls.arm();
        client.calls.await(client.getAllChildrenNumber(path, mode, blocking), blocking, path);
        return blocking.count;
    }

    /**
     * @return this session's ephemeral paths under the prefix, sorted.
     * @throws AerieException with the error code.
     */
    public List<String> getEphemerals(final String prefixPath) throws AerieException
    {
        final BlockingResult blocking = client.calls.arm();
        client.calls.await(client.getEphemerals(prefixPath, mode, blocking), blocking, prefixPath);
        return blocking.names;
    }

    /**
     * @param stat if not null, filled with the node's stat.
     * @return the node's ACL.
     * @throws AerieException with the error code, e.g. NO_NODE.
     */
    public AclList getAcl(final String path, final Stat stat) throws AerieException
    {
        final BlockingResult blocking = client.calls.arm();
        client.calls.await(client.getAcl(path, mode, blocking), blocking, path);
        if (null != stat)
        {
            stat.set(blocking.stat);
        }
        return new AclList().copyFrom(blocking.acl);
    }

    /**
     * The blocking exists of the client and of this view.
     *
     * @param watcher null for no watch (then served in this view's mode); else through the log.
     */
    Stat exists(final String path, final Watcher watcher) throws AerieException
    {
        final BlockingResult blocking = client.calls.arm();
        client.calls.awaitAnswer(client.exists(path, watcher, mode, blocking), blocking);
        if (ResultCode.NO_NODE == blocking.code)
        {
            return null;
        }
        RequestSubmitter.throwIfError(blocking, path);
        return new Stat().set(blocking.stat);
    }

    /**
     * The blocking getData of the client and of this view.
     *
     * @param watcher null for no watch (then served in this view's mode); else through the log.
     */
    byte[] getData(final String path, final Watcher watcher, final Stat stat) throws AerieException
    {
        final BlockingResult blocking = client.calls.arm();
        client.calls.await(client.getData(path, watcher, mode, blocking), blocking, path);
        if (null != stat)
        {
            stat.set(blocking.stat);
        }
        return blocking.data;
    }

    /**
     * The blocking getChildren of the client and of this view.
     *
     * @param watcher null for no watch (then served in this view's mode); else through the log.
     */
    List<String> getChildren(final String path, final Watcher watcher, final Stat stat) throws AerieException
    {
        final BlockingResult blocking = client.calls.arm();
        client.calls.await(client.getChildren(path, watcher, null != stat, mode, blocking), blocking, path);
        if (null != stat)
        {
            stat.set(blocking.stat);
        }
        return blocking.names;
    }
}
