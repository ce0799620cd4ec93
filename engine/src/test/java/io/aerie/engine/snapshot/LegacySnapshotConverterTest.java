package io.aerie.engine.snapshot;

import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;
import io.aerie.engine.session.SessionTable;
import io.aerie.engine.tree.ZnodeTree;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aerie.engine.watch.WatchRegistry;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Snapshots of the earlier DataOutput format, in the versions of its parts the committed fixture does not hold
 * (sessions 2, tree 1), written field by field as that code wrote them, load through the converter.
 */
final class LegacySnapshotConverterTest
{
    private static final long PASSWORD = 0x1234_5678_9ABC_DEF0L;

    private final SessionTable sessions = new SessionTable(100, 10_000, 4);
    private final WatchRegistry watches = new WatchRegistry();
    private final ZnodeTree tree = new ZnodeTree(new ZnodeTreeContext().maxZnodes(1000).largeDataCapacity(1024 * 1024));
    private final ServiceSnapshotLoader loader = new ServiceSnapshotLoader(sessions, watches, tree);

    @AfterEach
    void close()
    {
        tree.close();
    }

    @Test
    void shouldLoadSessionsOfFormatTwoResumingWithTheirEightBytePassword() throws IOException
    {
        convert(snapshot(2, 2, "/a", new byte[0]));

        assertNull(sessions.resume(3, 7, PASSWORD, 1, 60), "the high half of an old password is 0");
        assertSame(sessions.get(7), sessions.resume(3, 7, PASSWORD, 0, 60));
        assertEquals(0, sessions.get(7).identities().size());
    }

    @Test
    void shouldLoadTreeFormatOneWithEveryDataNonNull() throws IOException
    {
        convert(snapshot(4, 1, "/a", new byte[0]));

        final Stat stat = new Stat();
        assertEquals(ResultCode.OK, tree.getData("/a", new ExpandableArrayBuffer(), stat));
        assertEquals(0, stat.dataLength());
        assertEquals(ResultCode.OK, tree.exists("/zookeeper/config", stat), "gains the reserved nodes");
    }

    @Test
    void shouldRejectNullDataInTreeFormatOne()
    {
        assertThrows(IOException.class, () -> convert(snapshot(4, 1, "/a", null)));
    }

    @Test
    void shouldRejectAStreamThatIsNotALegacySnapshot()
    {
        final byte[] bytes = new byte[64];
        assertThrows(IOException.class, () -> convert(bytes));
    }

    private void convert(final byte[] snapshot) throws IOException
    {
        LegacySnapshotConverter.convert(new ByteArrayInputStream(snapshot), loader::dispatch);
    }

    /**
     * A service snapshot of format 2 holding session 7 (unbound, no writes) and the root with one child.
     */
    private static byte[] snapshot(
        final int sessionsVersion, final int treeVersion, final String child, final byte[] childData) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(SnapshotFormat.LEGACY_MAGIC);
        out.writeInt(2);
        out.writeLong(1); // last zxid

        out.writeInt(0x41455353);
        out.writeInt(sessionsVersion);
        out.writeLong(8); // next session id
        out.writeInt(1);
        out.writeLong(7); // id
        out.writeLong(PASSWORD);
        if (4 == sessionsVersion)
        {
            out.writeLong(0);
        }
        out.writeInt(1000); // timeout
        out.writeLong(50); // last seen
        out.writeLong(-1); // unbound
        out.writeLong(0); // write count
        out.writeLong(Long.MIN_VALUE); // last write correlation id
        out.writeLong(0); // event sequence
        if (2 != sessionsVersion)
        {
            out.writeInt(0); // identities
        }
        out.writeInt(0); // remembered writes

        out.writeInt(0x41455754);
        out.writeInt(1);
        out.writeInt(0); // sessions with watches

        out.writeInt(0x41455254);
        out.writeInt(treeVersion);
        out.writeLong(2);
        writeNode(out, "/", 1, new byte[0]);
        writeNode(out, child, 0, childData);
        out.writeInt(-1);
        out.flush();
        return bytes.toByteArray();
    }

    private static void writeNode(
        final DataOutputStream out, final String path, final int numChildren, final byte[] data) throws IOException
    {
        final byte[] pathBytes = path.getBytes(StandardCharsets.UTF_8);
        out.writeInt(pathBytes.length);
        out.write(pathBytes);
        for (final long value : new long[]{ 1, 1, 1, 1000, 1000 })
        {
            out.writeLong(value);
        }
        out.writeInt(0);
        out.writeInt(numChildren);
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
        out.writeInt(null == data ? -1 : data.length);
        if (null != data)
        {
            out.write(data);
        }
    }
}
