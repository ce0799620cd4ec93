package io.aerie.engine.tree;

import io.aerie.codecs.model.AclList;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2LongCounterMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

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
    private final PathScratch path = new PathScratch();
    private final AclList acl = new AclList();
    private final AncestorChain chain;
    private final Long2LongCounterMap aclRefs = new Long2LongCounterMap(0);
    private byte[] lastAcl = new byte[64];
    private int lastAclLength = -1;
    private long lastAclId;
    private long lastAclRun;
    private DataOutput out;
    private int loadingVersion;

    TreeSnapshot(final NodeStore store, final ZnodeTreeContext ctx)
    {
        this.store = store;
        this.maxPathLength = ctx.maxPathLength();
        this.maxDataLength = ctx.maxDataLength();
        this.chain = new AncestorChain(store);
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
     * Replace the store's contents with a stream written by {@link #write}, in one pass: each record is written
     * once, with its final child count, when the load leaves its subtree ({@link AncestorChain}), and each ACL
     * list's references are counted on the heap and stored once at the end.
     *
     * @throws IOException if the stream is not such a snapshot or is truncated; the store is then cleared by the
     *                     caller.
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
        chain.reset();
        aclRefs.clear();
        lastAclLength = -1;

        int pathLength;
        while (END_OF_NODES != (pathLength = in.readInt()))
        {
            readNode(in, pathLength);
        }
        chain.writeAll();
        countLastAclRun();
        aclRefs.forEach(store.acls::refCount);
        if (nodeCount != store.nodeCount())
        {
            throw new IOException("snapshot declared " + nodeCount + " nodes but held " + store.nodeCount());
        }
    }

    private void readNode(final DataInput in, final int pathLength) throws IOException
    {
        checkLength(pathLength, maxPathLength, "path");
        readBytes(in, pathLength);
        if (0 == pathLength || '/' != bytes.getByte(0))
        {
            throw new IOException("corrupt snapshot: not a path");
        }
        path.setTrusted(bytes, 0, pathLength);
        final boolean isRoot = path.isRoot();
        if (!isRoot && !chain.cutTo(path.buffer, path.parentLength()))
        {
            throw new IOException("snapshot node before its parent");
        }
        final UnsafeBuffer record = chain.push(path.buffer, path.length);
        readStat(in, record);

        final int aclLength = in.readInt();
        checkLength(aclLength, 64 * 1024, "ACL");
        readBytes(in, aclLength);
        record.putLong(NodeRecord.ACL_ID_OFFSET, aclIdOf(aclLength));

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

        if (!isRoot)
        {
            final UnsafeBuffer parentRecord = chain.parent();
            store.linkNode(path, record, parentRecord);
            parentRecord.putInt(NodeRecord.NUM_CHILDREN_OFFSET, NodeRecord.numChildren(parentRecord) + 1);
        }
    }

    private void readStat(final DataInput in, final UnsafeBuffer record) throws IOException
    {
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
        record.putShort(NodeRecord.MODE_OFFSET + 2, (short)0);
        record.putLong(NodeRecord.OWNER_SESSION_OFFSET, in.readLong());
        record.putLong(NodeRecord.TTL_OFFSET, in.readLong());
        record.putInt(NodeRecord.CHILD_SLOT_OFFSET, NodeRecord.NO_SLOT);
        record.putInt(NodeRecord.AUX_SLOT_OFFSET, NodeRecord.NO_SLOT);
        record.putInt(NodeRecord.DATA_LENGTH_OFFSET, 0);
    }

    /**
     * The id of the ACL list in {@link #bytes}: nodes mostly share lists and come in runs with the same one, so a
     * run is counted on the heap and a list is looked up in the store only when the run ends.
     */
    private long aclIdOf(final int aclLength)
    {
        final byte[] acl = bytes.byteArray();
        if (aclLength == lastAclLength && Arrays.equals(acl, 0, aclLength, lastAcl, 0, aclLength))
        {
            lastAclRun++;
            return lastAclId;
        }
        countLastAclRun();
        this.acl.copyFrom(bytes, 0, aclLength);
        lastAclId = store.acls.intern(this.acl);
        if (lastAcl.length < aclLength)
        {
            lastAcl = new byte[aclLength];
        }
        System.arraycopy(acl, 0, lastAcl, 0, aclLength);
        lastAclLength = aclLength;
        lastAclRun = 1;
        return lastAclId;
    }

    private void countLastAclRun()
    {
        if (lastAclLength >= 0)
        {
            aclRefs.getAndAdd(lastAclId, lastAclRun);
        }
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
