package io.aerie.engine.tree;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
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
    void shouldLoadWhatItWroteWithEqualDigestAndState() throws IOException
    {
        populate();

        loaded.tree.loadSnapshot(read(write(f.tree)));

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
    void shouldKeepWorkingAfterLoad() throws IOException
    {
        populate();
        loaded.tree.loadSnapshot(read(write(f.tree)));

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
    void shouldWriteTheSameBytesForTheSameTree() throws IOException
    {
        populate();
        loaded.tree.loadSnapshot(read(write(f.tree)));
        assertEquals(Arrays.hashCode(write(f.tree)), Arrays.hashCode(write(loaded.tree)));
    }

    @Test
    void shouldRejectCorruptSnapshotAndResetToRoot() throws IOException
    {
        populate();
        final byte[] bytes = write(f.tree);

        assertThrows(IOException.class, () -> loaded.tree.loadSnapshot(read(Arrays.copyOf(bytes, bytes.length / 2))));
        assertEquals(TreeFixture.BASE_NODES, loaded.tree.nodeCount());

        bytes[0] = 'X';
        assertThrows(IOException.class, () -> loaded.tree.loadSnapshot(read(bytes)));
        assertEquals(ResultCode.OK, loaded.create("/after"));
    }

    @Test
    void shouldKeepNullDataApartFromEmptyThroughSnapshot() throws IOException
    {
        populate();
        f.create("/null-small", null, CreateMode.PERSISTENT);
        f.create("/null-was-big", "z".repeat(9000), CreateMode.PERSISTENT);
        f.setData("/null-was-big", null, -1);
        f.create("/empty", "", CreateMode.PERSISTENT);

        loaded.tree.loadSnapshot(read(write(f.tree)));

        assertNull(loaded.getData("/null-small"));
        assertNull(loaded.getData("/null-was-big"));
        assertEquals("", loaded.getData("/empty"));
        assertEquals(f.tree.digest(), loaded.tree.digest());
    }

    @Test
    void shouldLoadFormatVersion1SnapshotWithNonNullData() throws IOException
    {
        populate();
        f.create("/empty", "", CreateMode.PERSISTENT);
        // Version 1 wrote exactly what version 2 writes for a tree without null data.
        final byte[] bytes = write(f.tree);
        ByteBuffer.wrap(bytes).putInt(4, TreeSnapshot.FORMAT_VERSION_WITHOUT_NULL_DATA);

        loaded.tree.loadSnapshot(read(bytes));

        assertEquals("", loaded.getData("/empty"));
        assertEquals("v2", loaded.getData("/app/config"));
        assertEquals(f.tree.digest(), loaded.tree.digest());
    }

    @Test
    void shouldRejectNullDataInFormatVersion1Snapshot() throws IOException
    {
        f.create("/n", null, CreateMode.PERSISTENT);
        final byte[] bytes = write(f.tree);
        ByteBuffer.wrap(bytes).putInt(4, TreeSnapshot.FORMAT_VERSION_WITHOUT_NULL_DATA);

        assertThrows(IOException.class, () -> loaded.tree.loadSnapshot(read(bytes)));
    }

    @Test
    void shouldGainReservedNodesWhenLoadingSnapshotWrittenWithoutThem() throws IOException
    {
        f.create("/a", "v", CreateMode.PERSISTENT);

        loaded.tree.loadSnapshot(read(snapshotWithoutReservedNodes()));

        assertEquals(List.of("a", "zookeeper"), loaded.children("/"));
        assertEquals(f.stat("/"), loaded.stat("/"), "numChildren counts /zookeeper; cversion and pzxid are the saved ones");
        assertEquals(f.stat("/zookeeper/config"), loaded.stat("/zookeeper/config"));
        assertEquals(TreeFixture.BASE_NODES + 1, loaded.tree.nodeCount());
        assertEquals(f.tree.digest(), loaded.tree.digest(), "the same tree as one that always had them");
    }

    @Test
    void shouldCountSharedAclReferencesAsTheSavedTreeDid() throws IOException
    {
        populate();
        f.create("/other");
        f.tree.setAcl("/other", new AclList().add(AclList.READ, "world", "anyone"), -1, f.stat);

        loaded.tree.loadSnapshot(read(write(f.tree)));

        final int readOnlyRefs = f.tree.aclRefCount("/other");
        assertEquals(f.tree.aclRefCount("/app"), loaded.tree.aclRefCount("/app"));
        assertEquals(readOnlyRefs, loaded.tree.aclRefCount("/other"), "/app/config, /other (and /zookeeper/config)");
        loaded.delete("/app/config", -1);
        assertEquals(readOnlyRefs - 1, loaded.tree.aclRefCount("/other"), "released as before the snapshot");
    }

    @Test
    void shouldLoadNodesListedParentsFirstButNotDepthFirst() throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeInt(TreeSnapshot.MAGIC);
            out.writeInt(TreeSnapshot.FORMAT_VERSION);
            out.writeLong(5);
            writeNode(out, "/", 0, 0, 3, 0, 0, 2, 2, "");
            writeNode(out, "/a", 1, 1, 3, 1000, 1000, 1, 1, "a");
            writeNode(out, "/b", 2, 2, 2, 1000, 1000, 0, 0, "b");
            writeNode(out, "/a/x", 3, 3, 3, 1000, 1000, 0, 0, "x");
            writeNode(out, "/zookeeper", 0, 0, 0, 0, 0, 0, 0, "");
            out.writeInt(-1);
        }

        loaded.tree.loadSnapshot(read(bytes.toByteArray()));

        assertEquals(List.of("a", "b", "zookeeper"), loaded.children("/"));
        assertEquals(List.of("x"), loaded.children("/a"));
        assertEquals("x", loaded.getData("/a/x"));
        assertEquals(1, loaded.stat("/a").numChildren());
    }

    @Test
    void shouldRejectNodeWhoseParentIsMissing() throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeInt(TreeSnapshot.MAGIC);
            out.writeInt(TreeSnapshot.FORMAT_VERSION);
            out.writeLong(2);
            writeNode(out, "/", 0, 0, 1, 0, 0, 1, 1, "");
            writeNode(out, "/a/x", 1, 1, 1, 1000, 1000, 0, 0, "x");
            out.writeInt(-1);
        }

        assertThrows(IOException.class, () -> loaded.tree.loadSnapshot(read(bytes.toByteArray())));
        assertEquals(TreeFixture.BASE_NODES, loaded.tree.nodeCount());
    }

    /**
     * What a tree holding the root and /a (created at zxid 1 with data "v") saved before the reserved nodes
     * existed: format 1, written field by field.
     */
    private static byte[] snapshotWithoutReservedNodes() throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeInt(TreeSnapshot.MAGIC);
            out.writeInt(1);
            out.writeLong(2);
            writeNode(out, "/", 0, 0, 1, 0, 0, 1, 1, "");
            writeNode(out, "/a", 1, 1, 1, 1000, 1000, 0, 0, "v");
            out.writeInt(-1);
        }
        return bytes.toByteArray();
    }

    private static void writeNode(
        final DataOutputStream out,
        final String path,
        final long czxid,
        final long mzxid,
        final long pzxid,
        final long ctime,
        final long mtime,
        final int cversion,
        final int numChildren,
        final String data) throws IOException
    {
        final byte[] pathBytes = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(pathBytes.length);
        out.write(pathBytes);
        for (final long value : new long[]{ czxid, mzxid, pzxid, ctime, mtime })
        {
            out.writeLong(value);
        }
        out.writeInt(0);
        out.writeInt(cversion);
        out.writeInt(0);
        out.writeInt(numChildren);
        out.writeByte(0);
        out.writeLong(0);
        out.writeLong(0);
        final AclList acl = AclList.openAclUnsafe();
        out.writeInt(acl.encodedLength());
        for (int i = 0; i < acl.encodedLength(); i++)
        {
            out.writeByte(acl.buffer().getByte(i));
        }
        final byte[] dataBytes = data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(dataBytes.length);
        out.write(dataBytes);
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

    static byte[] write(final ZnodeTree tree) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            tree.writeSnapshot(out);
        }
        return bytes.toByteArray();
    }

    static DataInputStream read(final byte[] bytes)
    {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
