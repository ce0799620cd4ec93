package io.aerie.engine.tree;

import io.aerie.codecs.model.AclList;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * ZooKeeper's reserved subtree: {@code /zookeeper}, {@code /zookeeper/quota} and {@code /zookeeper/config}, as
 * ZooKeeper 3.9's DataTree builds them and as a client sees them.
 * <p>
 * They exist in every tree, installed with zero zxids and times, empty (not null) data, no change counted on
 * their parent (ZooKeeper links them in without a create: the root's cversion and pzxid stay 0), the open ACL,
 * except {@code /zookeeper/config}: read-only to everyone, with aversion -1 (ZooKeeper sets its ACL with version
 * -1). A tree loaded from a snapshot written before they existed gains the missing ones the same way, so every
 * replica holds the same nodes whatever it started from.
 * <p>
 * Rules a client meets (checked against ZooKeeper 3.9.5): the three cannot be deleted (BAD_ARGUMENTS, like the
 * root, before any other check); {@code /zookeeper/config} cannot be written, re-ACLed or given children
 * (NO_AUTH: its ACL grants READ only, and Aerie has no super user); {@code /zookeeper} and
 * {@code /zookeeper/quota} can have their data and ACL set and children created, as in ZooKeeper.
 * <p>
 * They do not count against {@link ZnodeTreeContext#maxZnodes()}: see there.
 */
final class ReservedNodes
{
    /** How many reserved nodes a tree holds besides the root. */
    static final int COUNT = 3;

    static final String ZOOKEEPER = "/zookeeper";
    static final String QUOTA = "/zookeeper/quota";
    static final String CONFIG = "/zookeeper/config";

    private static final DirectBuffer ZOOKEEPER_PATH = utf8(ZOOKEEPER);
    private static final DirectBuffer QUOTA_PATH = utf8(QUOTA);
    private static final DirectBuffer CONFIG_PATH = utf8(CONFIG);

    private final NodeStore store;
    private final PathScratch path = new PathScratch();
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[NodeRecord.MAX_LENGTH]);
    private final UnsafeBuffer parentRecord = new UnsafeBuffer(new byte[NodeRecord.MAX_LENGTH]);
    private final AclList readOnlyAcl = new AclList().add(AclList.READ, "world", "anyone");
    private final AclList openAcl = AclList.openAclUnsafe();

    ReservedNodes(final NodeStore store)
    {
        this.store = store;
    }

    /**
     * Add whichever reserved nodes are missing, parents first, leaving the ones present untouched. The root must
     * exist. Deterministic: the result depends only on which of the three were present.
     */
    void install()
    {
        installIfMissing(ZOOKEEPER_PATH, openAcl, 0);
        installIfMissing(QUOTA_PATH, openAcl, 0);
        installIfMissing(CONFIG_PATH, readOnlyAcl, -1);
    }

    /**
     * @return true if the path is the root or one of the reserved nodes: ZooKeeper's "special paths", which
     * delete refuses with BAD_ARGUMENTS.
     */
    static boolean isUndeletable(final PathScratch path)
    {
        return path.isRoot() || equals(path, ZOOKEEPER_PATH) || equals(path, QUOTA_PATH) || equals(path, CONFIG_PATH);
    }

    /**
     * @return true if the first {@code length} bytes of the path are {@code /zookeeper/config}: the read-only node.
     */
    static boolean isConfig(final PathScratch path, final int length)
    {
        return length == CONFIG_PATH.capacity() && path.startsWith(CONFIG_PATH, 0, length);
    }

    private void installIfMissing(final DirectBuffer nodePath, final AclList acl, final int aversion)
    {
        path.setTrusted(nodePath, 0, nodePath.capacity());
        if (store.exists(path.buffer, path.length))
        {
            return;
        }
        final int parentLength = path.parentLength();
        store.readRecord(path.buffer, parentLength, parentRecord);
        NodeRecord.initialise(record, store.allocateNodeId(), 0, 0, NodeRecord.MODE_PERSISTENT, 0, 0,
            store.acls.acquire(acl));
        record.putInt(NodeRecord.AVERSION_OFFSET, aversion);
        store.linkNode(path, record, parentRecord);
        store.writeRecord(path.buffer, path.length, record);
        // As ZooKeeper's DataNode.addChild: numChildren only; cversion and pzxid are not a create's.
        parentRecord.putInt(NodeRecord.NUM_CHILDREN_OFFSET, NodeRecord.numChildren(parentRecord) + 1);
        store.writeRecord(path.buffer, parentLength, parentRecord);
    }

    private static boolean equals(final PathScratch path, final DirectBuffer reserved)
    {
        return path.length == reserved.capacity() && path.startsWith(reserved, 0, path.length);
    }

    private static DirectBuffer utf8(final String path)
    {
        return new UnsafeBuffer(path.getBytes(StandardCharsets.US_ASCII));
    }
}
