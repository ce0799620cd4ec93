package io.aerie.gateway;

import io.aerie.client.AerieClient;
import io.aerie.client.Response;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.WatchMode;

import java.util.List;

/**
 * ZooKeeper's setWatches and setWatches2, sent by a client that reconnects with watches set: each watch is set
 * again on the session (Aerie keeps a session's watches across connections, so most are already there) by the
 * watched read of its kind, and each answer is checked against the zxid the client last saw, as ZooKeeper's
 * {@code DataTree.setWatches} does: a data watch on a node deleted since fires NodeDeleted, on a node changed since
 * NodeDataChanged; an exist watch on a node that now exists fires NodeCreated; a child watch NodeDeleted or
 * NodeChildrenChanged (by the node's pzxid). Persistent and recursive watches are added again. The reply (xid -8)
 * follows the last answer, and the events precede it.
 */
final class SetWatchesChecks
{
    private static final int NODE_CREATED = 1;
    private static final int NODE_DELETED = 2;
    private static final int NODE_DATA_CHANGED = 3;
    private static final int NODE_CHILDREN_CHANGED = 4;

    /** Which check an awaited answer is for: the sub-op slot of the pending reply is not used by setWatches. */
    private static final int DATA = 0;
    private static final int EXIST = 1;
    private static final int CHILD = 2;
    private static final int PERSISTENT = 3;

    private SetWatchesChecks()
    {
    }

    /**
     * Send the watched reads and addWatches for every path, expecting their answers on {@code pending}.
     */
    static void send(
        final ZkConnection connection,
        final PendingReply pending,
        final List<String> data,
        final List<String> exist,
        final List<String> child,
        final List<String> persistent,
        final List<String> recursive)
    {
        final AerieClient client = connection.client();
        for (final String path : data)
        {
            await(connection, pending, client.getDataAsync(path, connection, connection), DATA, path);
        }
        for (final String path : exist)
        {
            await(connection, pending, client.existsAsync(path, connection, connection), EXIST, path);
        }
        for (final String path : child)
        {
            await(connection, pending, client.getChildrenAsync(path, connection, true, connection), CHILD, path);
        }
        for (final String path : persistent)
        {
            await(connection, pending, client.addWatch(path, WatchMode.PERSISTENT, connection, connection), PERSISTENT,
                path);
        }
        for (final String path : recursive)
        {
            await(connection, pending, client.addWatch(path, WatchMode.PERSISTENT_RECURSIVE, connection, connection),
                PERSISTENT, path);
        }
    }

    private static void await(
        final ZkConnection connection,
        final PendingReply pending,
        final long correlationId,
        final int kind,
        final String path)
    {
        pending.remaining++;
        pending.parts.put(correlationId, new Check(kind, path));
        connection.expectMore(correlationId, pending);
    }

    /**
     * One answer: fire the event it shows was missed; after the last, the reply.
     */
    static void onAnswer(final ZkConnection connection, final PendingReply pending, final Response response)
    {
        final Check check = (Check)pending.parts.remove(response.correlationId());
        if (null != check)
        {
            final int event = missed(check.kind, response, pending.relativeZxid);
            if (0 != event)
            {
                connection.notify(event, check.path, -1L);
            }
        }
        if (1 == pending.remaining)
        {
            pending.reply = ZkReplies.packet(
                connection.channel.alloc(), pending.xid, connection.lastZxid(), 0, null);
        }
    }

    private static int missed(final int kind, final Response response, final long relativeZxid)
    {
        final boolean exists = ResultCode.OK == response.code();
        final boolean gone = ResultCode.NO_NODE == response.code();
        switch (kind)
        {
            case DATA:
                return gone ? NODE_DELETED : exists && response.stat().mzxid() > relativeZxid ? NODE_DATA_CHANGED : 0;
            case EXIST:
                return exists ? NODE_CREATED : 0;
            case CHILD:
                return gone ? NODE_DELETED :
                    exists && response.stat().pzxid() > relativeZxid ? NODE_CHILDREN_CHANGED : 0;
            default:
                return 0;
        }
    }

    /**
     * What an awaited answer checks.
     */
    record Check(int kind, String path)
    {
    }
}
