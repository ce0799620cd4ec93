package io.aerie.engine.tree;

import io.aerie.codecs.model.AclList;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the tree to a byte stream and loads it back: the cluster snapshot's tree section.
 * <p>
 * Format (big-endian, {@link DataOutput}): magic, format version, node count, then each node depth-first,
 * parents before children: path, stat, kind, owner session, TTL, ACL, data; a path length of -1 ends it.
 * Internal ids and slots are not written: loading assigns new ones.
 * <p>
 * Versions: 2 writes null data as a data length of -1 with no bytes; 1 (still read) had no null data, so
 * every node it holds loads with non-null data.
 */
final class TreeSnapshot implements TreeWalker.Visitor
{
    static final int MAGIC = 0x41455254; // "AERT"
    static final int FORMAT_VERSION = 2;
    static final int FORMAT_VERSION_WITHOUT_NULL_DATA = 1;
    private static final int END_OF_NODES = -1;
    private static final int NULL_DATA_LENGTH = -1;

    private final NodeStore store;
    private final int maxPathLength;
    private final int maxDataLength;
    private final ExpandableArrayBuffer data = new ExpandableArrayBuffer(4096);
    private final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(4096);
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[NodeRecord.MAX_LENGTH]);
    private final UnsafeBuffer parentRecord = new UnsafeBuffer(new byte[NodeRecord.MAX_LENGTH]);
    private final PathScratch path = new PathScratch();
    private final AclList acl = new AclList();
    private DataOutput out;
    private int loadingVersion;

    TreeSnapshot(final NodeStore store, final ZnodeTreeContext ctx)
    {
        this.store = store;
        this.maxPathLength = ctx.maxPathLength();
        this.maxDataLength = ctx.maxDataLength();
    }

    void write(final TreeWalker walker, final DataOutput out) throws IOException
    {
        this.out = out;
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeLong(store.nodeCount());
        try
        {
            walker.walk(this);
        }
        catch (final UncheckedIOException ex)
        {
            throw ex.getCause();
        }
        finally
        {
            this.out = null;
        }
        out.writeInt(END_OF_NODES);
    }

    @Override
    public void visit(final DirectBuffer nodePath, final int pathLength, final DirectBuffer nodeRecord)
    {
        try
        {
            out.writeInt(pathLength);
            writeBytes(nodePath, pathLength);
            for (int offset = NodeRecord.CZXID_OFFSET; offset <= NodeRecord.MTIME_OFFSET; offset += 8)
            {
                out.writeLong(nodeRecord.getLong(offset));
            }
            out.writeInt(NodeRecord.version(nodeRecord));
            out.writeInt(NodeRecord.cversion(nodeRecord));
            out.writeInt(NodeRecord.aversion(nodeRecord));
            out.writeInt(NodeRecord.numChildren(nodeRecord));
            out.writeByte(NodeRecord.mode(nodeRecord));
            out.writeLong(NodeRecord.ownerSession(nodeRecord));
            out.writeLong(NodeRecord.ttlMs(nodeRecord));
            store.acls.read(NodeRecord.aclId(nodeRecord), acl);
            out.writeInt(acl.encodedLength());
            writeBytes(acl.buffer(), acl.encodedLength());
            final int dataLength = store.readData(nodeRecord, data, 0);
            out.writeInt(NodeRecord.isDataNull(nodeRecord) ? NULL_DATA_LENGTH : dataLength);
            writeBytes(data, dataLength);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Replace the store's contents with a stream written by {@link #write}.
     *
     * @throws IOException if the stream is not such a snapshot or is truncated; the store is then empty.
     */
    void load(final DataInput in) throws IOException
    {
        if (MAGIC != in.readInt())
        {
            throw new IOException("not an Aerie tree snapshot");
        }
        final int version = in.readInt();
        if (FORMAT_VERSION != version && FORMAT_VERSION_WITHOUT_NULL_DATA != version)
        {
            throw new IOException("unsupported tree snapshot format " + version);
        }
        loadingVersion = version;
        final long nodeCount = in.readLong();
        store.clear();

        int pathLength;
        while (END_OF_NODES != (pathLength = in.readInt()))
        {
            readNode(in, pathLength);
        }
        if (nodeCount != store.nodeCount())
        {
            throw new IOException("snapshot declared " + nodeCount + " nodes but held " + store.nodeCount());
        }
    }

    private void readNode(final DataInput in, final int pathLength) throws IOException
    {
        checkLength(pathLength, maxPathLength, "path");
        readBytes(in, pathLength);
        path.setTrusted(bytes, 0, pathLength);
        record.putLong(NodeRecord.NODE_ID_OFFSET, store.allocateNodeId());
        for (int offset = NodeRecord.CZXID_OFFSET; offset <= NodeRecord.MTIME_OFFSET; offset += 8)
        {
            record.putLong(offset, in.readLong());
        }
        record.putInt(NodeRecord.VERSION_OFFSET, in.readInt());
        record.putInt(NodeRecord.CVERSION_OFFSET, in.readInt());
        record.putInt(NodeRecord.AVERSION_OFFSET, in.readInt());
        // numChildren is written for readers of the format but derived on load: it counts up as this node's
        // children are loaded and link themselves in; the node count check at the end catches a short stream.
        in.readInt();
        record.putInt(NodeRecord.NUM_CHILDREN_OFFSET, 0);
        record.putByte(NodeRecord.MODE_OFFSET, in.readByte());
        record.putByte(NodeRecord.FLAGS_OFFSET, (byte)0);
        record.putLong(NodeRecord.OWNER_SESSION_OFFSET, in.readLong());
        record.putLong(NodeRecord.TTL_OFFSET, in.readLong());
        record.putInt(NodeRecord.CHILD_SLOT_OFFSET, NodeRecord.NO_SLOT);
        record.putInt(NodeRecord.AUX_SLOT_OFFSET, NodeRecord.NO_SLOT);
        record.putInt(NodeRecord.DATA_LENGTH_OFFSET, 0);

        final int aclLength = in.readInt();
        checkLength(aclLength, 64 * 1024, "ACL");
        readBytes(in, aclLength);
        acl.copyFrom(bytes, 0, aclLength);
        record.putLong(NodeRecord.ACL_ID_OFFSET, store.acls.acquire(acl));

        final int dataLength = in.readInt();
        if (NULL_DATA_LENGTH == dataLength && FORMAT_VERSION_WITHOUT_NULL_DATA != loadingVersion)
        {
            store.writeData(record, null, 0, 0);
        }
        else
        {
            checkLength(dataLength, maxDataLength, "data");
            readBytes(in, dataLength);
            store.writeData(record, bytes, 0, dataLength);
        }

        if (!path.isRoot())
        {
            linkIntoParent();
        }
        store.writeRecord(path.buffer, path.length, record);
    }

    private void linkIntoParent() throws IOException
    {
        if (!store.readRecord(path.buffer, path.parentLength(), parentRecord))
        {
            throw new IOException("snapshot node before its parent");
        }
        store.linkNode(path, record, parentRecord);
        parentRecord.putInt(NodeRecord.NUM_CHILDREN_OFFSET, NodeRecord.numChildren(parentRecord) + 1);
        store.writeRecord(path.buffer, path.parentLength(), parentRecord);
    }

    private void writeBytes(final DirectBuffer buffer, final int length) throws IOException
    {
        if (buffer.byteArray() != null)
        {
            out.write(buffer.byteArray(), (int)(buffer.addressOffset() - BufferUtil.ARRAY_BASE_OFFSET), length);
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                out.writeByte(buffer.getByte(i));
            }
        }
    }

    private void readBytes(final DataInput in, final int length) throws IOException
    {
        bytes.checkLimit(length);
        in.readFully(bytes.byteArray(), 0, length);
    }

    private static void checkLength(final int length, final int max, final String what) throws IOException
    {
        if (length < 0 || length > max)
        {
            throw new IOException("corrupt snapshot: " + what + " length " + length);
        }
    }
}
