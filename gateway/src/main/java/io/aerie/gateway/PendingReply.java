package io.aerie.gateway;

import io.aerie.codecs.WatcherType;
import io.netty.buffer.ByteBuf;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * One ZooKeeper request waiting for its reply, in the order the client sent it: ZooKeeper's client requires replies
 * in xid order, so a reply ready before an earlier one waits behind it.
 */
final class PendingReply
{
    final int xid;
    final int op;
    final int[] subOps;
    int remaining;
    ByteBuf reply;
    /** For setWatches: the zxid the client last saw, against which its watched nodes are checked. */
    long relativeZxid;
    /** Close the connection once this reply is written (an Unimplemented request, as ZooKeeper's server does). */
    boolean closeAfter;
    /** For checkWatches: the path and the kinds asked about, answered from the session's watches after a sync. */
    String watchPath;
    WatcherType watcherType;
    /**
     * For replies made of several answers (setWatches, multiRead): what each awaited answer is for, by correlation
     * id; null for the others.
     */
    final Long2ObjectHashMap<Object> parts;

    PendingReply(final int xid, final int op, final int[] subOps, final int remaining)
    {
        this.xid = xid;
        this.op = op;
        this.subOps = subOps;
        this.remaining = remaining;
        this.parts = OpCodes.SET_WATCHES == op || OpCodes.MULTI_READ == op ? new Long2ObjectHashMap<>() : null;
    }

    boolean isDone()
    {
        return 0 == remaining && null != reply;
    }
}
