package io.aerie.engine.tree;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aerie.codecs.snapshot.BooleanType;
import io.aerie.codecs.snapshot.MessageHeaderDecoder;
import io.aerie.codecs.snapshot.MessageHeaderEncoder;
import io.aerie.codecs.snapshot.TreeHeaderEncoder;
import io.aerie.codecs.snapshot.ZnodeEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.aerie.engine.tree.TreeFixture.SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TreeSnapshotTest
{
    private final TreeFixture f = new TreeFixture();
    private final TreeFixture loaded = new TreeFixture();

    @AfterEach
    void close()
    {
        f.close();
        loaded.close();
    }

    @Test
    void shouldLoadWhatItWroteWithEqualDigestAndState()
    {
        populate();

        load(loaded.tree, write(f.tree));

        assertEquals(f.tree.digest(), loaded.tree.digest());
        assertEquals(f.tree.nodeCount(), loaded.tree.nodeCount());
        assertEquals(f.stat("/app/config"), loaded.stat("/app/config"));
        assertEquals("x".repeat(3000), loaded.getData("/app/big"));
        assertEquals(List.of("big", "config", "lock-0000000003", "members"), loaded.children("/app"));
        loaded.tree.getEphemerals(SESSION, "/", loaded.names);
        assertEquals(List.of("/app/lock-0000000003"), loaded.names.toList());
        final AclList acl = new AclList();
        loaded.tree.getAcl("/app/config", acl, loaded.stat);
        assertEquals(new AclList().add(AclList.READ, "world", "anyone"), acl);
    }

    @Test
    void shouldKeepWorkingAfterLoad()
    {
        populate();
        load(loaded.tree, write(f.tree));

        // Both trees go on identically: same sequence numbers, same expiry, same digests.
        for (final TreeFixture t : new TreeFixture[]{ f, loaded })
        {
            t.zxid = 100;
            assertEquals(ResultCode.OK, t.create("/app/lock-", "", CreateMode.EPHEMERAL_SEQUENTIAL));
            assertEquals("/app/lock-0000000004", t.createdPath.toString());
            t.tree.deleteEphemerals(t.nextZxid(), SESSION, t.names);
            t.delete("/app/members/m1", -1);
            t.tree.sweepExpired(t.nextZxid(), Long.MAX_VALUE / 2, t.names);
            assertEquals(List.of("/app/members"), t.names.toList());
        }
        assertEquals(f.tree.digest(), loaded.tree.digest());
    }

    @Test
    void shouldWriteTheSameBytesForTheSameTree()
    {
        populate();
        load(loaded.tree, write(f.tree));
        assertEquals(Arrays.hashCode(concat(write(f.tree))), Arrays.hashCode(concat(write(loaded.tree))));
    }

    @Test
    void shouldRejectTruncatedSnapshotAndResetToRoot()
    {
        populate();
        final List<byte[]> messages = write(f.tree);

        assertThrows(IllegalStateException.class, () -> load(loaded.tree, messages.subList(0, messages.size() / 2)));
        assertEquals(TreeFixture.BASE_NODES, loaded.tree.nodeCount());
        assertEquals(ResultCode.OK, loaded.create("/after"));
    }

    @Test
    void shouldRejectNodeWhosePathIsNotAPathAndResetToRoot()
    {
        final List<byte[]> messages = new ArrayList<>();
        messages.add(treeHeader(2));
        messages.add(node("/", 0, 0, 1, 0, 0, 1, 1, ""));
        messages.add(node("x", 1, 1, 1, 1000, 1000, 0, 0, "x"));

        assertThrows(IllegalStateException.class, () -> load(loaded.tree, messages));
        assertEquals(TreeFixture.BASE_NODES, loaded.tree.nodeCount());
    }

    @Test
    void shouldKeepNullDataApartFromEmptyThroughSnapshot()
    {
        populate();
        f.create("/null-small", null, CreateMode.PERSISTENT);
        f.create("/null-was-big", "z".repeat(9000), CreateMode.PERSISTENT);
        f.setData("/null-was-big", null, -1);
        f.create("/empty", "", CreateMode.PERSISTENT);

        load(loaded.tree, write(f.tree));

        assertNull(loaded.getData("/null-small"));
        assertNull(loaded.getData("/null-was-big"));
        assertEquals("", loaded.getData("/empty"));
        assertEquals(f.tree.digest(), loaded.tree.digest());
    }

    @Test
    void shouldGainReservedNodesWhenLoadingSnapshotWrittenWithoutThem()
    {
        f.create("/a", "v", CreateMode.PERSISTENT);

        load(loaded.tree, snapshotWithoutReservedNodes());

        assertEquals(List.of("a", "zookeeper"), loaded.children("/"));
        assertEquals(f.stat("/"), loaded.stat("/"), "numChildren counts /zookeeper; cversion and pzxid are the saved ones");
        assertEquals(f.stat("/zookeeper/config"), loaded.stat("/zookeeper/config"));
        assertEquals(TreeFixture.BASE_NODES + 1, loaded.tree.nodeCount());
        assertEquals(f.tree.digest(), loaded.tree.digest(), "the same tree as one that always had them");
    }

    @Test
    void shouldCountSharedAclReferencesAsTheSavedTreeDid()
    {
        populate();
        f.create("/other");
        f.tree.setAcl("/other", new AclList().add(AclList.READ, "world", "anyone"), -1, f.stat);

        load(loaded.tree, write(f.tree));

        final int readOnlyRefs = f.tree.aclRefCount("/other");
        assertEquals(f.tree.aclRefCount("/app"), loaded.tree.aclRefCount("/app"));
        assertEquals(readOnlyRefs, loaded.tree.aclRefCount("/other"), "/app/config, /other (and /zookeeper/config)");
        loaded.delete("/app/config", -1);
        assertEquals(readOnlyRefs - 1, loaded.tree.aclRefCount("/other"), "released as before the snapshot");
    }

    @Test
    void shouldLoadNodesListedParentsFirstButNotDepthFirst()
    {
        final List<byte[]> messages = new ArrayList<>();
        messages.add(treeHeader(5));
        messages.add(node("/", 0, 0, 3, 0, 0, 2, 2, ""));
        messages.add(node("/a", 1, 1, 3, 1000, 1000, 1, 1, "a"));
        messages.add(node("/b", 2, 2, 2, 1000, 1000, 0, 0, "b"));
        messages.add(node("/a/x", 3, 3, 3, 1000, 1000, 0, 0, "x"));
        messages.add(node("/zookeeper", 0, 0, 0, 0, 0, 0, 0, ""));

        load(loaded.tree, messages);

        assertEquals(List.of("a", "b", "zookeeper"), loaded.children("/"));
        assertEquals(List.of("x"), loaded.children("/a"));
        assertEquals("x", loaded.getData("/a/x"));
        assertEquals(1, loaded.stat("/a").numChildren());
    }

    @Test
    void shouldRejectNodeWhoseParentIsMissing()
    {
        final List<byte[]> messages = new ArrayList<>();
        messages.add(treeHeader(2));
        messages.add(node("/", 0, 0, 1, 0, 0, 1, 1, ""));
        messages.add(node("/a/x", 1, 1, 1, 1000, 1000, 0, 0, "x"));

        assertThrows(IllegalStateException.class, () -> load(loaded.tree, messages));
        assertEquals(TreeFixture.BASE_NODES, loaded.tree.nodeCount());
    }

    /**
     * What a tree holding the root and /a (created at zxid 1 with data "v") saved before the reserved nodes
     * existed.
     */
    private static List<byte[]> snapshotWithoutReservedNodes()
    {
        return List.of(treeHeader(2), node("/", 0, 0, 1, 0, 0, 1, 1, ""), node("/a", 1, 1, 1, 1000, 1000, 0, 0, "v"));
    }

    static byte[] treeHeader(final long nodeCount)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final TreeHeaderEncoder header = new TreeHeaderEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .nodeCount(nodeCount);
        return Arrays.copyOf(buffer.byteArray(), MessageHeaderEncoder.ENCODED_LENGTH + header.encodedLength());
    }

    static byte[] node(
        final String path,
        final long czxid,
        final long mzxid,
        final long pzxid,
        final long ctime,
        final long mtime,
        final int cversion,
        final int numChildren,
        final String data)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final byte[] pathBytes = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        final byte[] dataBytes = data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        final AclList acl = AclList.openAclUnsafe();
        final ZnodeEncoder znode = new ZnodeEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .czxid(czxid).mzxid(mzxid).pzxid(pzxid).ctime(ctime).mtime(mtime)
            .version(0).cversion(cversion).aversion(0).numChildren(numChildren)
            .mode((byte)0).ownerSession(0).ttlMs(0).dataIsNull(BooleanType.FALSE)
            .putPath(pathBytes, 0, pathBytes.length)
            .putAcl(acl.buffer(), 0, acl.encodedLength())
            .putData(dataBytes, 0, dataBytes.length);
        return Arrays.copyOf(buffer.byteArray(), MessageHeaderEncoder.ENCODED_LENGTH + znode.encodedLength());
    }

    private void populate()
    {
        f.create("/app");
        f.create("/app/config", "v1", CreateMode.PERSISTENT);
        f.setData("/app/config", "v2", -1);
        f.tree.setAcl("/app/config", new AclList().add(AclList.READ, "world", "anyone"), -1, f.stat);
        f.create("/app/big", "x".repeat(3000), CreateMode.PERSISTENT);
        f.create("/app/members", "", CreateMode.CONTAINER);
        f.create("/app/members/m1");
        f.create("/app/lock-", "", CreateMode.EPHEMERAL_SEQUENTIAL);
    }

    /**
     * @return the tree's snapshot messages, each whole.
     */
    static List<byte[]> write(final ZnodeTree tree)
    {
        final List<byte[]> messages = new ArrayList<>();
        tree.snapshots().write((msgTypeId, buffer, index, length) ->
        {
            final byte[] message = new byte[length];
            buffer.getBytes(index, message);
            messages.add(message);
        });
        return messages;
    }

    /**
     * Load the messages into a tree as the service snapshot loader does, giving the load up if one fails.
     */
    static void load(final ZnodeTree tree, final List<byte[]> messages)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        try
        {
            for (final byte[] message : messages)
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(message);
                header.wrap(buffer, 0);
                tree.snapshots().load(header.templateId(), buffer, MessageHeaderDecoder.ENCODED_LENGTH,
                    header.blockLength(), header.version());
            }
            tree.snapshots().endLoad();
        }
        catch (final RuntimeException ex)
        {
            tree.snapshots().abortLoad();
            throw ex;
        }
    }

    private static byte[] concat(final List<byte[]> messages)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        messages.forEach(bytes::writeBytes);
        return bytes.toByteArray();
    }
}
