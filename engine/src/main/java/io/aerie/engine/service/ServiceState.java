package io.aerie.engine.service;

import io.aerie.codecs.BooleanType;
import io.aerie.codecs.model.Utf8;
import io.aeron.cluster.service.ClientSession;
import io.aerie.codecs.ErrorResponseEncoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.StatEncoder;
import io.aerie.engine.session.Session;
import io.aerie.engine.session.SessionTable;
import io.aerie.codecs.model.NameList;
import io.aerie.codecs.model.Stat;
import io.aerie.engine.tree.ZnodeTree;
import io.aerie.engine.watch.WatchRegistry;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * What the request handlers share: the tree, the sessions, the watches, the zxid, egress and counters, with the
 * answers every handler sends (errors, remembered writes). Nothing here belongs to one request: the connection,
 * session and log time of the request being applied are the handlers' arguments. One instance, service thread only.
 */
final class ServiceState
{
    final ZnodeTree tree;
    final SessionTable sessions;
    final EgressPublisher egress;
    final ServiceCounters counters;
    final WatchRegistry watches = new WatchRegistry();
    final WatchNotifier notifier;
    final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    final Stat stat = new Stat();
    private final ErrorResponseEncoder errorEncoder = new ErrorResponseEncoder();
    private final ExpandableArrayBuffer utf8 = new ExpandableArrayBuffer(256);
    private final NameList sweptPaths = new NameList();
    /** Length of the text last encoded by {@link #utf8(CharSequence)}. */
    int utf8Length;

    /** Zxid of the last change applied: a counter of state-changing log entries. */
    long lastZxid;
    /** The last digest taken, published for other threads. */
    DigestRecord digestRecord;
    /**
     * Log time of the entry being applied, or of the last one applied: the state machine's clock, which reads
     * between entries (local reads) judge session deadlines by.
     */
    long logTimeMs;
    /** Most watches one session may hold: {@link AerieClusteredService.Context#maxWatchesPerSession()}. */
    long maxWatchesPerSession = Long.MAX_VALUE;

    ServiceState(
        final ZnodeTree tree, final SessionTable sessions, final EgressPublisher egress, final ServiceCounters counters)
    {
        this.tree = tree;
        this.sessions = sessions;
        this.egress = egress;
        this.counters = counters;
        this.notifier = new WatchNotifier(watches, sessions, egress, counters);
    }

    /**
     * Leave a watch of {@code kinds} for a session on a path its request's handler has found valid, unless the kinds
     * it does not already have there would take it past {@link #maxWatchesPerSession}: then nothing is left and the
     * refusal is counted.
     *
     * @param sessionId the session the watch is for.
     * @param path      the path, UTF-8, {@code path.capacity()} bytes from 0.
     * @param kinds     {@link WatchRegistry} kinds.
     * @return {@code OK} or {@code TOO_MANY_WATCHES}.
     */
    ResultCode leaveWatch(final long sessionId, final DirectBuffer path, final int kinds)
    {
        final int length = path.capacity();
        final int added = kinds & ~watches.kinds(sessionId, path, 0, length);
        if (0 != added && watches.watchCount(sessionId) + Integer.bitCount(added) > maxWatchesPerSession)
        {
            counters.watchLimitHits.increment();
            return ResultCode.TOO_MANY_WATCHES;
        }
        watches.add(sessionId, path, 0, length, kinds);
        return ResultCode.OK;
    }

    /**
     * Publish the sizes of the state and the tree's own counts to the counters: metrics of this replica.
     */
    void publishSizes()
    {
        counters.sizes(tree.nodeCount(), sessions.size(), watches.watchCount());
        counters.treeSizes(tree.ephemeralCount(), tree.approximateDataSize(), lastZxid);
        // Counted by the tree as changes apply (a metric of this replica, not replicated state).
        counters.quotaExceeded.setRelease(tree.counts().quotaExceededCount());
        counters.noAuth.setRelease(tree.counts().deniedCount());
        counters.quotaRejected.setRelease(tree.counts().quotaRejectedCount());
        counters.ephemeralLimitHits.setRelease(tree.counts().ephemeralLimitCount());
        counters.capacity(tree.capacity());
    }

    /**
     * Delete expired containers and TTL nodes, as one change if any is deleted, driven by log time.
     *
     * @param nowMs log time of the sweep timer event.
     */
    void sweep(final long nowMs)
    {
        tree.sweepExpired(nextZxid(), nowMs, sweptPaths);
        if (sweptPaths.size() > 0)
        {
            commitChange();
        }
    }

    /**
     * @return the zxid a change applied now would get; {@link #commitChange()} once it is applied.
     */
    long nextZxid()
    {
        return lastZxid + 1;
    }

    /**
     * Count the tree operation just applied as a change, under {@link #nextZxid()}, and fire the watches on what
     * it changed: their events go out before the answer to the request that made the change.
     */
    void commitChange()
    {
        lastZxid++;
        notifier.publish(tree.changes(), lastZxid);
    }

    /**
     * @return {@link #utf8} holding {@code text} encoded, with its length in {@link #utf8Length}.
     */
    DirectBuffer utf8(final CharSequence text)
    {
        utf8Length = Utf8.encode(text, utf8, 0);
        return utf8;
    }

    /**
     * A write carrying a correlation id at or below the session's last applied write is a resend: answer it with
     * the remembered response and do not apply it again.
     *
     * @return true if the request was a resend and has been answered.
     */
    boolean answerResentWrite(
        final ClientSession clientSession, final Session session, final long correlationId, final int templateId)
    {
        if (!session.hasWrites() || correlationId > session.lastWriteCorrelationId())
        {
            return false;
        }
        counters.duplicateWrites.increment();
        final int index = session.findWrite(correlationId);
        if (index >= 0)
        {
            egress.send(clientSession, session.writeResponse(index), 0, session.writeResponseLength(index));
        }
        else
        {
            sendError(clientSession, correlationId, templateId, ResultCode.API_ERROR);
        }
        return true;
    }

    /**
     * Send the response encoded in the egress buffer and remember it as the answer to a write.
     */
    void sendWriteResponse(
        final ClientSession clientSession, final Session session, final long correlationId, final int length)
    {
        session.recordWrite(correlationId, egress.buffer(), 0, length);
        egress.send(clientSession, length);
    }

    /**
     * Answer a request with an ErrorResponse: it could not be decoded, or was refused before its handler saw it.
     */
    void sendError(final ClientSession clientSession, final long correlationId, final int templateId, final ResultCode code)
    {
        errorEncoder.wrapAndApplyHeader(egress.buffer(), 0, headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .zxid(lastZxid)
            .templateIdOfRequest(templateId)
            .putMessage(utf8, 0, 0);
        egress.send(clientSession, MessageHeaderEncoder.ENCODED_LENGTH + errorEncoder.encodedLength());
    }

    /**
     * Encode {@link #stat} when the request succeeded, a zeroed stat otherwise (what the schema promises).
     */
    void encodeStatIfOk(final StatEncoder encoder, final ResultCode code)
    {
        if (ResultCode.OK == code)
        {
            encodeStat(encoder, stat);
        }
        else
        {
            encodeEmptyStat(encoder);
        }
    }

    /**
     * Whether a request says its data is null: the dataIsNull flag, appended to the block in schema version 1,
     * is inside the block the sender wrote and TRUE. An older sender's request (no flag) carries non-null data.
     *
     * @param blockLength the block length the sender wrote (message block or group entry).
     * @param flagOffset  offset of the flag in the block.
     * @param rawFlag     the flag as the decoder reads it (255, null, for an older acting version).
     */
    static boolean isDataNull(final int blockLength, final int flagOffset, final short rawFlag)
    {
        return blockLength > flagOffset && BooleanType.TRUE.value() == rawFlag;
    }

    static void encodeStat(final StatEncoder encoder, final Stat stat)
    {
        encoder
            .czxid(stat.czxid())
            .mzxid(stat.mzxid())
            .pzxid(stat.pzxid())
            .ctime(stat.ctime())
            .mtime(stat.mtime())
            .version(stat.version())
            .cversion(stat.cversion())
            .aversion(stat.aversion())
            .ephemeralOwner(stat.ephemeralOwner())
            .dataLength(stat.dataLength())
            .numChildren(stat.numChildren());
    }

    static void encodeEmptyStat(final StatEncoder encoder)
    {
        encoder.czxid(0).mzxid(0).pzxid(0).ctime(0).mtime(0).version(0).cversion(0).aversion(0)
            .ephemeralOwner(0).dataLength(0).numChildren(0);
    }
}
