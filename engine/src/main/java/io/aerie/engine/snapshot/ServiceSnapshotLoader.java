package io.aerie.engine.snapshot;

import io.aerie.codecs.snapshot.MessageChunkDecoder;
import io.aerie.codecs.snapshot.MessageHeaderDecoder;
import io.aerie.codecs.snapshot.ServiceHeaderDecoder;
import io.aerie.codecs.snapshot.SessionDecoder;
import io.aerie.codecs.snapshot.SessionWriteDecoder;
import io.aerie.codecs.snapshot.SessionsHeaderDecoder;
import io.aerie.codecs.snapshot.SnapshotMark;
import io.aerie.codecs.snapshot.SnapshotMarkerDecoder;
import io.aerie.codecs.snapshot.TreeHeaderDecoder;
import io.aerie.codecs.snapshot.WatchDecoder;
import io.aerie.codecs.snapshot.WatchesHeaderDecoder;
import io.aerie.codecs.snapshot.ZnodeDecoder;
import io.aerie.engine.session.SessionTable;
import io.aerie.engine.tree.ZnodeTree;
import io.aerie.engine.watch.WatchRegistry;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.nio.ByteOrder;

/**
 * Loads a service snapshot from the cluster's snapshot image, as Aeron's {@code ServiceSnapshotLoader} does the
 * container's: each message is assembled from its fragments (a message above the MTU arrives in fragments), checked
 * against the snapshot schema, and handed to the component that wrote it, until the END marker, or until the tree
 * adopts the copy of its maps kept with the snapshot (the tree is written last, so nothing more is read). A snapshot
 * of the earlier DataOutput format is recognised by its first bytes and converted as it is read
 * ({@link LegacySnapshotConverter}).
 * <p>
 * A snapshot that is not one, is of a newer format, holds an unknown message or ends before its END marker fails
 * the load with an {@link IllegalStateException}; the tree is then reset to its root. Service thread only; one load
 * per instance.
 */
public final class ServiceSnapshotLoader
{
    private static final int FRAGMENT_LIMIT = 64;

    private final SessionTable sessions;
    private final WatchRegistry watches;
    private final ZnodeTree tree;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SnapshotMarkerDecoder marker = new SnapshotMarkerDecoder();
    private final ServiceHeaderDecoder serviceHeader = new ServiceHeaderDecoder();
    private final MessageChunkDecoder chunk = new MessageChunkDecoder();
    private final ExpandableArrayBuffer chunks = new ExpandableArrayBuffer(0);
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private byte[] firstMessage;
    private int chunkTotal = -1;
    private int chunkLength;
    private boolean begun;
    private boolean ended;
    private long lastZxid;
    private RuntimeException failure;

    /**
     * @param sessions the session table to load; emptied by the load.
     * @param watches  the watch registry to load; must be empty.
     * @param tree     the tree to load; emptied by the load.
     */
    public ServiceSnapshotLoader(final SessionTable sessions, final WatchRegistry watches, final ZnodeTree tree)
    {
        this.sessions = sessions;
        this.watches = watches;
        this.tree = tree;
    }

    /**
     * Load the whole snapshot.
     *
     * @param image        the snapshot image, read to its END marker.
     * @param idleStrategy to idle with while the image has nothing new: the cluster's.
     * @return the last zxid the snapshot holds.
     * @throws IllegalStateException if the snapshot cannot be loaded; the tree is then its root alone.
     */
    public long load(final Image image, final IdleStrategy idleStrategy)
    {
        try
        {
            idleStrategy.reset();
            while (!ended)
            {
                if (image.isEndOfStream() || image.isClosed())
                {
                    throw new IllegalStateException("snapshot ended before its END marker");
                }
                final int fragments = image.poll(assembler, null == firstMessage && !begun ? 1 : FRAGMENT_LIMIT);
                if (null != failure)
                {
                    throw failure;
                }
                if (0 == fragments)
                {
                    idleStrategy.idle();
                }
                else if (null != firstMessage)
                {
                    loadLegacy(image, idleStrategy);
                }
            }
            return lastZxid;
        }
        catch (final RuntimeException | IOException ex)
        {
            tree.snapshots().abortLoad();
            throw new IllegalStateException("failed to load snapshot: " + ex.getMessage(), ex);
        }
    }

    private void loadLegacy(final Image image, final IdleStrategy idleStrategy) throws IOException
    {
        final byte[] first = firstMessage;
        firstMessage = null;
        LegacySnapshotConverter.convert(new ImageInputStream(image, idleStrategy, first), this::dispatch);
        if (!ended)
        {
            throw new IllegalStateException("legacy snapshot converted without its end");
        }
    }

    /**
     * Image.poll hands what a handler throws to the client's error handler and goes on: a failure is kept and
     * thrown by {@link #load} instead, and what follows it is skipped.
     */
    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header fragmentHeader)
    {
        if (null != failure || ended)
        {
            return;
        }
        try
        {
            onMessage(buffer, offset, length);
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!begun && null == firstMessage && length >= Integer.BYTES &&
            SnapshotFormat.LEGACY_MAGIC == buffer.getInt(offset, ByteOrder.BIG_ENDIAN))
        {
            firstMessage = new byte[length];
            buffer.getBytes(offset, firstMessage);
            return;
        }
        dispatch(buffer, offset, length);
    }

    /**
     * Load one whole message.
     */
    void dispatch(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            throw new IllegalStateException("snapshot message of " + length + " bytes");
        }
        header.wrap(buffer, offset);
        if (MessageHeaderDecoder.SCHEMA_ID != header.schemaId())
        {
            throw new IllegalStateException("not an Aerie snapshot message: schema " + header.schemaId());
        }
        final int templateId = header.templateId();
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (ended || (!begun && SnapshotMarkerDecoder.TEMPLATE_ID != templateId))
        {
            throw new IllegalStateException("snapshot message " + templateId + " outside its markers");
        }
        switch (templateId)
        {
            case SnapshotMarkerDecoder.TEMPLATE_ID -> onMarker(buffer, body, blockLength, version);
            case MessageChunkDecoder.TEMPLATE_ID -> onChunk(buffer, body, blockLength, version);
            case ServiceHeaderDecoder.TEMPLATE_ID ->
                lastZxid = serviceHeader.wrap(buffer, body, blockLength, version).lastZxid();
            case SessionsHeaderDecoder.TEMPLATE_ID, SessionDecoder.TEMPLATE_ID, SessionWriteDecoder.TEMPLATE_ID ->
                sessions.loadSnapshot(templateId, buffer, body, blockLength, version);
            case WatchesHeaderDecoder.TEMPLATE_ID, WatchDecoder.TEMPLATE_ID ->
                watches.loadSnapshot(templateId, buffer, body, blockLength, version);
            case TreeHeaderDecoder.TEMPLATE_ID, ZnodeDecoder.TEMPLATE_ID ->
                loadTree(templateId, buffer, body, blockLength, version);
            // A newer format's message: refusing it is better than starting without the state it holds.
            default -> throw new IllegalStateException("unknown snapshot message: template " + templateId);
        }
    }

    private void loadTree(
        final int templateId, final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        tree.snapshots().load(templateId, buffer, body, blockLength, version);
        if (tree.snapshots().loadedFromCopy())
        {
            // The copy of the maps kept with this snapshot holds the rest of it (the tree comes last): stop reading.
            tree.snapshots().endLoad();
            ended = true;
        }
    }

    private void onMarker(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        marker.wrap(buffer, body, blockLength, version);
        if (SnapshotFormat.TYPE_ID != marker.typeId())
        {
            throw new IllegalStateException("not an Aerie service snapshot: type " + Long.toHexString(marker.typeId()));
        }
        if (SnapshotMark.BEGIN == marker.mark() && !begun)
        {
            if (marker.formatVersion() < 1 || marker.formatVersion() > SnapshotFormat.FORMAT_VERSION)
            {
                throw new IllegalStateException("snapshot format " + marker.formatVersion() +
                    " is newer than this node's (" + SnapshotFormat.FORMAT_VERSION + ")");
            }
            begun = true;
        }
        else if (SnapshotMark.END == marker.mark() && begun)
        {
            tree.snapshots().endLoad();
            ended = true;
        }
        else
        {
            throw new IllegalStateException("snapshot marker " + marker.mark() + " out of place");
        }
    }

    private void onChunk(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        chunk.wrap(buffer, body, blockLength, version);
        final int total = chunk.totalLength();
        if (chunkTotal < 0)
        {
            chunkTotal = total;
            chunkLength = 0;
        }
        final int length = chunk.bytesLength();
        if (total != chunkTotal || chunkLength + length > chunkTotal)
        {
            throw new IllegalStateException("snapshot message chunks do not add up to " + chunkTotal);
        }
        chunk.getBytes(chunks, chunkLength, length);
        chunkLength += length;
        if (chunkLength == chunkTotal)
        {
            chunkTotal = -1;
            dispatch(chunks, 0, chunkLength);
        }
    }
}
