package io.aerie.engine.snapshot;

import io.aerie.codecs.snapshot.MessageChunkEncoder;
import io.aerie.codecs.snapshot.MessageHeaderEncoder;
import io.aerie.codecs.snapshot.ServiceHeaderEncoder;
import io.aerie.codecs.snapshot.SnapshotMark;
import io.aerie.codecs.snapshot.SnapshotMarkerEncoder;
import io.aerie.engine.session.SessionTable;
import io.aerie.engine.tree.ZnodeTree;
import io.aerie.engine.watch.WatchRegistry;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.exceptions.AeronException;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;

/**
 * Writes the service's state to the cluster's snapshot publication, as Aeron's {@code ServiceSnapshotTaker} does
 * the container's: a BEGIN marker, the service header, then each component's messages ({@code writeSnapshot}),
 * then an END marker. A message longer than the publication takes is cut into {@code MessageChunk}s.
 * <p>
 * Offers retry, idling, while the publication is back pressured; a closed publication fails the snapshot.
 * Service thread only.
 */
public final class ServiceSnapshotTaker implements MessageHandler
{
    private final ExclusivePublication publication;
    private final IdleStrategy idleStrategy;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SnapshotMarkerEncoder marker = new SnapshotMarkerEncoder();
    private final ServiceHeaderEncoder serviceHeader = new ServiceHeaderEncoder();
    private final MessageChunkEncoder chunk = new MessageChunkEncoder();

    /**
     * @param publication  the cluster's snapshot publication.
     * @param idleStrategy to idle with while it is back pressured: the cluster's.
     */
    public ServiceSnapshotTaker(final ExclusivePublication publication, final IdleStrategy idleStrategy)
    {
        this.publication = publication;
        this.idleStrategy = idleStrategy;
    }

    /**
     * Write the whole service state: markers, service header, sessions, watches and tree.
     *
     * @param lastZxid zxid of the last change applied.
     * @param sessions the session table.
     * @param watches  the watch registry.
     * @param tree     the znode tree.
     * @throws AeronException if the publication is closed.
     */
    public void snapshot(
        final long lastZxid, final SessionTable sessions, final WatchRegistry watches, final ZnodeTree tree)
    {
        markBegin();
        snapshotServiceHeader(lastZxid);
        sessions.writeSnapshot(this);
        watches.writeSnapshot(this);
        tree.snapshots().write(this);
        markEnd();
    }

    /**
     * Write the BEGIN marker with this code's format version.
     */
    public void markBegin()
    {
        mark(SnapshotMark.BEGIN);
    }

    /**
     * Write the END marker: a snapshot without it does not load.
     */
    public void markEnd()
    {
        mark(SnapshotMark.END);
    }

    /**
     * Write the service's own state.
     *
     * @param lastZxid zxid of the last change applied.
     */
    public void snapshotServiceHeader(final long lastZxid)
    {
        serviceHeader.wrapAndApplyHeader(buffer, 0, header).lastZxid(lastZxid);
        offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + serviceHeader.encodedLength());
    }

    /**
     * Offer one encoded message, in chunks if the publication does not take it whole.
     */
    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer message, final int index, final int length)
    {
        if (length <= publication.maxMessageLength())
        {
            offer(message, index, length);
            return;
        }
        final int chunkOverhead = MessageHeaderEncoder.ENCODED_LENGTH + MessageChunkEncoder.BLOCK_LENGTH +
            MessageChunkEncoder.bytesHeaderLength();
        final int chunkLength = publication.maxMessageLength() - chunkOverhead;
        for (int sent = 0; sent < length; sent += chunkLength)
        {
            chunk.wrapAndApplyHeader(buffer, 0, header)
                .totalLength(length)
                .putBytes(message, index + sent, Math.min(chunkLength, length - sent));
            offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + chunk.encodedLength());
        }
    }

    private void mark(final SnapshotMark mark)
    {
        marker.wrapAndApplyHeader(buffer, 0, header)
            .typeId(SnapshotFormat.TYPE_ID)
            .mark(mark)
            .formatVersion(SnapshotFormat.FORMAT_VERSION);
        offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + marker.encodedLength());
    }

    private void offer(final DirectBuffer message, final int offset, final int length)
    {
        idleStrategy.reset();
        long result;
        while ((result = publication.offer(message, offset, length)) < 0)
        {
            if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
            {
                throw new AeronException("snapshot publication failed: " + Publication.errorString(result));
            }
            idleStrategy.idle();
        }
    }
}
