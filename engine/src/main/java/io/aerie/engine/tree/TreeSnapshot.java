package io.aerie.engine.tree;

import io.aerie.codecs.model.AclList;
import io.aerie.codecs.snapshot.BooleanType;
import io.aerie.codecs.snapshot.MessageHeaderEncoder;
import io.aerie.codecs.snapshot.TreeHeaderDecoder;
import io.aerie.codecs.snapshot.TreeHeaderEncoder;
import io.aerie.codecs.snapshot.ZnodeDecoder;
import io.aerie.codecs.snapshot.ZnodeEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2LongCounterMap;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The tree's part of the service snapshot: a {@code TreeHeader} with the node count, then a {@code Znode} message
 * per node, depth-first, parents before children (schema {@code aerie-snapshot-schema.xml}). Internal ids and
 * slots are not written: loading assigns new ones.
 * <p>
 * Loading is one pass: each record is written once, with its final child count, when the load leaves its subtree
 * ({@link AncestorChain}), and each ACL list's references are counted on the heap and stored once at the end.
 */
final class TreeSnapshot implements TreeWalker.Visitor
{
    private final NodeStore store;
    private final TreeWalker walker;
    private final TreeWriter writer;
    private final ReservedNodes reserved;
    private final QuotaTracker quotas;
    private final int maxPathLength;
    private final int maxDataLength;
    private final ExpandableArrayBuffer data = new ExpandableArrayBuffer(4096);
    private final ExpandableArrayBuffer message = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TreeHeaderEncoder treeHeaderEncoder = new TreeHeaderEncoder();
    private final ZnodeEncoder znodeEncoder = new ZnodeEncoder();
    private final TreeHeaderDecoder treeHeaderDecoder = new TreeHeaderDecoder();
    private final ZnodeDecoder znodeDecoder = new ZnodeDecoder();
    private final UnsafeBuffer pathView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer aclView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer dataView = new UnsafeBuffer(0, 0);
    private final PathScratch path = new PathScratch();
    private final AclList acl = new AclList();
    private final AncestorChain chain;
    private final Long2LongCounterMap aclRefs = new Long2LongCounterMap(0);
    private final ExpandableArrayBuffer lastAcl = new ExpandableArrayBuffer(64);
    private int lastAclLength = -1;
    private long lastAclId;
    private long lastAclRun;
    private long declaredNodeCount = -1;
    private MessageHandler out;
    private MappedTreeFiles.CopyTag mappedCopy;
    private boolean adopted;

    TreeSnapshot(
        final NodeStore store,
        final ZnodeTreeContext ctx,
        final TreeWalker walker,
        final TreeWriter writer,
        final ReservedNodes reserved,
        final QuotaTracker quotas)
    {
        this.store = store;
        this.walker = walker;
        this.writer = writer;
        this.reserved = reserved;
        this.quotas = quotas;
        this.maxPathLength = ctx.maxPathLength();
        this.maxDataLength = ctx.maxDataLength();
        this.chain = new AncestorChain(store);
    }

    void write(final MessageHandler out)
    {
        treeHeaderEncoder.wrapAndApplyHeader(message, 0, header).nodeCount(store.nodeCount());
        out.onMessage(TreeHeaderEncoder.TEMPLATE_ID, message, 0,
            MessageHeaderEncoder.ENCODED_LENGTH + treeHeaderEncoder.encodedLength());
        this.out = out;
        try
        {
            walker.walk(this);
        }
        finally
        {
            this.out = null;
        }
    }

    @Override
    public void visit(final DirectBuffer nodePath, final int pathLength, final DirectBuffer nodeRecord)
    {
        final ZnodeEncoder znode = znodeEncoder.wrapAndApplyHeader(message, 0, header)
            .czxid(nodeRecord.getLong(NodeRecord.CZXID_OFFSET))
            .mzxid(nodeRecord.getLong(NodeRecord.MZXID_OFFSET))
            .pzxid(nodeRecord.getLong(NodeRecord.PZXID_OFFSET))
            .ctime(nodeRecord.getLong(NodeRecord.CTIME_OFFSET))
            .mtime(nodeRecord.getLong(NodeRecord.MTIME_OFFSET))
            .version(NodeRecord.version(nodeRecord))
            .cversion(NodeRecord.cversion(nodeRecord))
            .aversion(NodeRecord.aversion(nodeRecord))
            .numChildren(NodeRecord.numChildren(nodeRecord))
            .mode(NodeRecord.mode(nodeRecord))
            .ownerSession(NodeRecord.ownerSession(nodeRecord))
            .ttlMs(NodeRecord.ttlMs(nodeRecord))
            .dataIsNull(NodeRecord.isDataNull(nodeRecord) ? BooleanType.TRUE : BooleanType.FALSE);
        store.acls.read(NodeRecord.aclId(nodeRecord), acl);
        final int dataLength = store.readData(nodeRecord, data, 0);
        znode.putPath(nodePath, 0, pathLength)
            .putAcl(acl.buffer(), 0, acl.encodedLength())
            .putData(data, 0, NodeRecord.isDataNull(nodeRecord) ? 0 : dataLength);
        out.onMessage(ZnodeEncoder.TEMPLATE_ID, message, 0, MessageHeaderEncoder.ENCODED_LENGTH + znode.encodedLength());
    }

    /**
     * The next load starts from maps restored from a copy with this tag (its files' digest verified, taken with the
     * snapshot of the same log position and time): at the {@code TreeHeader} the copy is adopted if it holds the
     * number of nodes the snapshot declares, and the load is then complete; otherwise the store is emptied and the
     * load goes on as any.
     */
    void restoredFrom(final MappedTreeFiles.CopyTag tag)
    {
        mappedCopy = tag;
    }

    /**
     * @return true if the last load adopted a copy of the maps instead of inserting the snapshot's nodes: from its
     * {@code TreeHeader} on, the load needs only {@link #endLoad()}.
     */
    boolean adoptedCopy()
    {
        return adopted;
    }

    /**
     * Load a {@code TreeHeader}, which begins a load and empties the store, or a {@code Znode}.
     */
    void load(final int templateId, final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        if (ZnodeDecoder.TEMPLATE_ID == templateId)
        {
            // An adopted copy holds every node already: the snapshot's need not be read, and are ignored if they are.
            if (!adopted)
            {
                loadNode(buffer, offset, blockLength, version);
            }
        }
        else if (TreeHeaderDecoder.TEMPLATE_ID == templateId)
        {
            beginLoad(buffer, offset, blockLength, version);
        }
        else
        {
            throw new IllegalStateException("not a tree snapshot message: " + templateId);
        }
    }

    private void beginLoad(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        declaredNodeCount = treeHeaderDecoder.wrap(buffer, offset, blockLength, version).nodeCount();
        final MappedTreeFiles.CopyTag copy = mappedCopy;
        mappedCopy = null;
        adopted = null != copy && copy.nodeCount == declaredNodeCount;
        if (adopted)
        {
            store.restoreCounters(copy);
            return;
        }
        store.clear();
        chain.reset();
        aclRefs.clear();
        lastAclLength = -1;
    }

    /**
     * Load one {@code Znode} message, after its parent.
     *
     * @throws IllegalStateException if it comes before the tree's header or its parent, or is corrupt.
     */
    private void loadNode(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        if (declaredNodeCount < 0)
        {
            throw new IllegalStateException("corrupt snapshot: a znode before the tree header");
        }
        final ZnodeDecoder znode = znodeDecoder.wrap(buffer, offset, blockLength, version);
        final boolean isDataNull = BooleanType.TRUE == znode.dataIsNull();
        checkLength(znode.pathLength(), maxPathLength, "path");
        znode.wrapPath(pathView);
        final int pathLength = pathView.capacity();
        if (0 == pathLength || '/' != pathView.getByte(0))
        {
            throw new IllegalStateException("corrupt snapshot: not a path");
        }
        path.setTrusted(pathView, 0, pathLength);
        final boolean isRoot = path.isRoot();
        if (!isRoot && !chain.cutTo(path.buffer, path.parentLength()))
        {
            throw new IllegalStateException("corrupt snapshot: a znode before its parent");
        }
        final UnsafeBuffer record = chain.push(path.buffer, path.length);
        readStat(znode, record);

        checkLength(znode.aclLength(), 64 * 1024, "ACL");
        znode.wrapAcl(aclView);
        record.putLong(NodeRecord.ACL_ID_OFFSET, aclIdOf(aclView));

        checkLength(znode.dataLength(), maxDataLength, "data");
        znode.wrapData(dataView);
        if (isDataNull)
        {
            store.writeData(record, null, 0, 0);
        }
        else
        {
            store.writeData(record, dataView, 0, dataView.capacity());
        }

        if (!isRoot)
        {
            final UnsafeBuffer parentRecord = chain.parent();
            store.linkNode(path, record, parentRecord);
            parentRecord.putInt(NodeRecord.NUM_CHILDREN_OFFSET, NodeRecord.numChildren(parentRecord) + 1);
        }
    }

    /**
     * End a load: the records still held are written, the ACL lists' references stored; a tree saved before the
     * reserved nodes existed gains them (root's numChildren up, nothing else changed); quota stats are rebuilt.
     *
     * @throws IllegalStateException if the tree's header declared another number of nodes.
     */
    void endLoad()
    {
        if (adopted)
        {
            endAdoptedLoad();
            return;
        }
        chain.writeAll();
        countLastAclRun();
        aclRefs.forEach(store.acls::refCount);
        final long declared = declaredNodeCount;
        declaredNodeCount = -1;
        if (declared != store.nodeCount())
        {
            throw new IllegalStateException("snapshot declared " + declared + " nodes but held " + store.nodeCount());
        }
        reserved.install();
        quotas.rebuild();
    }

    private void endAdoptedLoad()
    {
        declaredNodeCount = -1;
        reserved.install();
        quotas.rebuild();
    }

    /**
     * Forget a load that failed: the tree is reset to the root and the reserved nodes alone.
     */
    void abortLoad()
    {
        adopted = false;
        mappedCopy = null;
        chain.reset();
        declaredNodeCount = -1;
        store.clear();
        writer.createRoot(AclList.openAclUnsafe());
        reserved.install();
    }

    private void readStat(final ZnodeDecoder znode, final UnsafeBuffer record)
    {
        record.putLong(NodeRecord.NODE_ID_OFFSET, store.allocateNodeId());
        record.putLong(NodeRecord.CZXID_OFFSET, znode.czxid());
        record.putLong(NodeRecord.MZXID_OFFSET, znode.mzxid());
        record.putLong(NodeRecord.PZXID_OFFSET, znode.pzxid());
        record.putLong(NodeRecord.CTIME_OFFSET, znode.ctime());
        record.putLong(NodeRecord.MTIME_OFFSET, znode.mtime());
        record.putInt(NodeRecord.VERSION_OFFSET, znode.version());
        record.putInt(NodeRecord.CVERSION_OFFSET, znode.cversion());
        record.putInt(NodeRecord.AVERSION_OFFSET, znode.aversion());
        // numChildren is written for readers of the format but derived on load: it counts up as this node's
        // children are loaded and link themselves in; the node count check at the end catches a short stream.
        record.putInt(NodeRecord.NUM_CHILDREN_OFFSET, 0);
        record.putByte(NodeRecord.MODE_OFFSET, znode.mode());
        record.putByte(NodeRecord.FLAGS_OFFSET, (byte)0);
        record.putShort(NodeRecord.MODE_OFFSET + 2, (short)0);
        record.putLong(NodeRecord.OWNER_SESSION_OFFSET, znode.ownerSession());
        record.putLong(NodeRecord.TTL_OFFSET, znode.ttlMs());
        record.putInt(NodeRecord.CHILD_SLOT_OFFSET, NodeRecord.NO_SLOT);
        record.putInt(NodeRecord.AUX_SLOT_OFFSET, NodeRecord.NO_SLOT);
        record.putInt(NodeRecord.DATA_LENGTH_OFFSET, 0);
    }

    /**
     * The id of the ACL list held in {@code aclBytes}: nodes mostly share lists and come in runs with the same one,
     * so a run is counted on the heap and a list is looked up in the store only when the run ends.
     */
    private long aclIdOf(final DirectBuffer aclBytes)
    {
        final int aclLength = aclBytes.capacity();
        if (aclLength == lastAclLength && 0 == compare(aclBytes, aclLength))
        {
            lastAclRun++;
            return lastAclId;
        }
        countLastAclRun();
        acl.copyFrom(aclBytes, 0, aclLength);
        lastAclId = store.acls.intern(acl);
        lastAcl.putBytes(0, aclBytes, 0, aclLength);
        lastAclLength = aclLength;
        lastAclRun = 1;
        return lastAclId;
    }

    private int compare(final DirectBuffer aclBytes, final int length)
    {
        int i = 0;
        for (final int words = length & ~7; i < words; i += 8)
        {
            if (aclBytes.getLong(i) != lastAcl.getLong(i))
            {
                return 1;
            }
        }
        for (; i < length; i++)
        {
            if (aclBytes.getByte(i) != lastAcl.getByte(i))
            {
                return 1;
            }
        }
        return 0;
    }

    private void countLastAclRun()
    {
        if (lastAclLength >= 0)
        {
            aclRefs.getAndAdd(lastAclId, lastAclRun);
        }
    }

    private static void checkLength(final long length, final int max, final String what)
    {
        if (length < 0 || length > max)
        {
            throw new IllegalStateException("corrupt snapshot: " + what + " length " + length);
        }
    }
}
