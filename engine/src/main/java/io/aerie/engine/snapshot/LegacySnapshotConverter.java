package io.aerie.engine.snapshot;

import io.aerie.codecs.snapshot.BooleanType;
import io.aerie.codecs.snapshot.MessageHeaderEncoder;
import io.aerie.codecs.snapshot.ServiceHeaderEncoder;
import io.aerie.codecs.snapshot.SessionEncoder;
import io.aerie.codecs.snapshot.SessionWriteEncoder;
import io.aerie.codecs.snapshot.SessionsHeaderEncoder;
import io.aerie.codecs.snapshot.SnapshotMark;
import io.aerie.codecs.snapshot.SnapshotMarkerEncoder;
import io.aerie.codecs.snapshot.TreeHeaderEncoder;
import io.aerie.codecs.snapshot.WatchEncoder;
import io.aerie.codecs.snapshot.WatchesHeaderEncoder;
import io.aerie.codecs.snapshot.ZnodeEncoder;
import org.agrona.ExpandableArrayBuffer;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a snapshot of the earlier DataOutput format (big-endian, each part with its own magic and version: service
 * "AERV" 2; sessions "AESS" 2 to 4; watches "AEWT" 1; tree "AERT" 1 and 2) and converts it, as it reads, into the
 * messages of today's format, which are loaded as if read from a snapshot of it. Kept so that a node upgraded
 * over a snapshot taken before {@code engine.snapshot} existed starts from it: an upgrade never needs a wipe.
 */
final class LegacySnapshotConverter
{
    private static final int SESSIONS_MAGIC = 0x41455353;
    private static final int WATCHES_MAGIC = 0x41455754;
    private static final int TREE_MAGIC = 0x41455254;
    private static final int SERVICE_VERSION = 2;
    private static final int SESSIONS_VERSION_16_BYTE_PASSWORD = 4;
    private static final int SESSIONS_VERSION_WITHOUT_IDENTITIES = 2;
    private static final int TREE_VERSION_WITHOUT_NULL_DATA = 1;
    private static final int MAX_PART_LENGTH = 1024 * 1024;

    /** Receives each converted message, whole. */
    interface Sink
    {
        void dispatch(ExpandableArrayBuffer buffer, int offset, int length);
    }

    private final DataInputStream in;
    private final Sink sink;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private byte[] bytes = new byte[4096];

    private LegacySnapshotConverter(final InputStream in, final Sink sink)
    {
        this.in = new DataInputStream(new BufferedInputStream(in, 64 * 1024));
        this.sink = sink;
    }

    static void convert(final InputStream in, final Sink sink) throws IOException
    {
        new LegacySnapshotConverter(in, sink).convert();
    }

    private void convert() throws IOException
    {
        expect(SnapshotFormat.LEGACY_MAGIC, "service");
        if (SERVICE_VERSION != in.readInt())
        {
            throw new IOException("unknown Aerie service snapshot version");
        }
        final SnapshotMarkerEncoder marker = new SnapshotMarkerEncoder();
        marker.wrapAndApplyHeader(buffer, 0, header)
            .typeId(SnapshotFormat.TYPE_ID).mark(SnapshotMark.BEGIN).formatVersion(SnapshotFormat.FORMAT_VERSION);
        emit(marker.encodedLength());
        final ServiceHeaderEncoder service = new ServiceHeaderEncoder();
        service.wrapAndApplyHeader(buffer, 0, header).lastZxid(in.readLong());
        emit(service.encodedLength());
        sessions();
        watches();
        tree();
        marker.wrapAndApplyHeader(buffer, 0, header)
            .typeId(SnapshotFormat.TYPE_ID).mark(SnapshotMark.END).formatVersion(SnapshotFormat.FORMAT_VERSION);
        emit(marker.encodedLength());
    }

    private void sessions() throws IOException
    {
        expect(SESSIONS_MAGIC, "session");
        final int version = in.readInt();
        if (version < SESSIONS_VERSION_WITHOUT_IDENTITIES || version > SESSIONS_VERSION_16_BYTE_PASSWORD)
        {
            throw new IOException("unknown Aerie session snapshot version: " + version);
        }
        final SessionsHeaderEncoder sessionsHeader = new SessionsHeaderEncoder();
        final long nextSessionId = in.readLong();
        final int count = in.readInt();
        sessionsHeader.wrapAndApplyHeader(buffer, 0, header).nextSessionId(nextSessionId).sessionCount(count);
        emit(sessionsHeader.encodedLength());
        final SessionEncoder session = new SessionEncoder();
        final SessionWriteEncoder write = new SessionWriteEncoder();
        for (int i = 0; i < count; i++)
        {
            session.wrapAndApplyHeader(buffer, 0, header)
                .sessionId(in.readLong())
                .passwordLow(in.readLong())
                // An old session's 8-byte password is resumed with those 8 bytes (the high half reads as 0).
                .passwordHigh(SESSIONS_VERSION_16_BYTE_PASSWORD == version ? in.readLong() : 0)
                .timeoutMs(in.readInt())
                .lastSeenMs(in.readLong())
                .clusterSessionId(in.readLong())
                .writeCount(in.readLong())
                .lastWriteCorrelationId(in.readLong())
                .eventSequence(in.readLong());
            final byte[][] identities = SESSIONS_VERSION_WITHOUT_IDENTITIES == version ? new byte[0][] : identities();
            final SessionEncoder.IdentitiesEncoder entries = session.identitiesCount(identities.length / 2);
            for (int e = 0; e < identities.length; e += 2)
            {
                entries.next().putScheme(identities[e], 0, identities[e].length)
                    .putId(identities[e + 1], 0, identities[e + 1].length);
            }
            final int written = in.readInt();
            session.rememberedWrites(written);
            emit(session.encodedLength());
            for (int w = 0; w < written; w++)
            {
                write.wrapAndApplyHeader(buffer, 0, header).correlationId(in.readLong());
                final int length = readPart("response");
                write.putResponse(bytes, 0, length);
                emit(write.encodedLength());
            }
        }
    }

    private byte[][] identities() throws IOException
    {
        final int n = in.readInt();
        if (n < 0 || n > 64)
        {
            throw new IOException("bad identity count: " + n);
        }
        final byte[][] parts = new byte[2 * n][];
        for (int i = 0; i < parts.length; i++)
        {
            final int length = readPart("identity");
            parts[i] = Arrays.copyOf(bytes, length);
        }
        return parts;
    }

    private void watches() throws IOException
    {
        expect(WATCHES_MAGIC, "watch");
        if (1 != in.readInt())
        {
            throw new IOException("unknown Aerie watch snapshot version");
        }
        final WatchesHeaderEncoder watchesHeader = new WatchesHeaderEncoder();
        watchesHeader.wrapAndApplyHeader(buffer, 0, header).watchCount(0); // not known before they are read
        emit(watchesHeader.encodedLength());
        final WatchEncoder watch = new WatchEncoder();
        final int sessionCount = in.readInt();
        for (int i = 0; i < sessionCount; i++)
        {
            final long sessionId = in.readLong();
            final int count = in.readInt();
            for (int w = 0; w < count; w++)
            {
                final byte kinds = in.readByte();
                final int length = readPart("watch path");
                watch.wrapAndApplyHeader(buffer, 0, header).sessionId(sessionId).kinds((short)(kinds & 0xFF))
                    .putPath(bytes, 0, length);
                emit(watch.encodedLength());
            }
        }
    }

    private void tree() throws IOException
    {
        expect(TREE_MAGIC, "tree");
        final int version = in.readInt();
        if (2 != version && TREE_VERSION_WITHOUT_NULL_DATA != version)
        {
            throw new IOException("unsupported tree snapshot format " + version);
        }
        final TreeHeaderEncoder treeHeader = new TreeHeaderEncoder();
        treeHeader.wrapAndApplyHeader(buffer, 0, header).nodeCount(in.readLong());
        emit(treeHeader.encodedLength());
        final ZnodeEncoder znode = new ZnodeEncoder();
        final ExpandableArrayBuffer path = new ExpandableArrayBuffer(256);
        final ExpandableArrayBuffer acl = new ExpandableArrayBuffer(256);
        int pathLength;
        while (-1 != (pathLength = in.readInt()))
        {
            if (pathLength < 0 || pathLength > MAX_PART_LENGTH)
            {
                throw new IOException("corrupt snapshot: path length " + pathLength);
            }
            path.putBytes(0, bytes(pathLength), 0, pathLength);
            znode.wrapAndApplyHeader(buffer, 0, header)
                .czxid(in.readLong()).mzxid(in.readLong()).pzxid(in.readLong()).ctime(in.readLong()).mtime(in.readLong())
                .version(in.readInt()).cversion(in.readInt()).aversion(in.readInt()).numChildren(in.readInt())
                .mode(in.readByte()).ownerSession(in.readLong()).ttlMs(in.readLong());
            final int aclLength = readPart("ACL");
            acl.putBytes(0, bytes, 0, aclLength);
            final int dataLength = in.readInt();
            final boolean isNull = -1 == dataLength && TREE_VERSION_WITHOUT_NULL_DATA != version;
            final int length = isNull ? 0 : dataLength;
            if (length < 0 || length > 1024 * MAX_PART_LENGTH)
            {
                throw new IOException("corrupt snapshot: data length " + dataLength);
            }
            znode.dataIsNull(isNull ? BooleanType.TRUE : BooleanType.FALSE)
                .putPath(path, 0, pathLength).putAcl(acl, 0, aclLength).putData(bytes(length), 0, length);
            emit(znode.encodedLength());
        }
    }

    private void expect(final int magic, final String part) throws IOException
    {
        if (magic != in.readInt())
        {
            throw new IOException("not an Aerie " + part + " snapshot");
        }
    }

    private int readPart(final String what) throws IOException
    {
        final int length = in.readInt();
        if (length < 0 || length > MAX_PART_LENGTH)
        {
            throw new IOException("corrupt snapshot: " + what + " length " + length);
        }
        bytes(length);
        return length;
    }

    private byte[] bytes(final int length) throws IOException
    {
        if (bytes.length < length)
        {
            bytes = new byte[Math.max(length, 2 * bytes.length)];
        }
        in.readFully(bytes, 0, length);
        return bytes;
    }

    private void emit(final int bodyLength)
    {
        sink.dispatch(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
    }
}
