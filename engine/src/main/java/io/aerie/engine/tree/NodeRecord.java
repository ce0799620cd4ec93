package io.aerie.engine.tree;

import io.aerie.codecs.model.Stat;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Layout of a znode's record, the value stored under its path in the off-heap node map.
 * <p>
 * The fixed header holds the stat fields and the links into the other indexes; data up to
 * {@link #INLINE_DATA_MAX} bytes follows the header, larger data lives in 4 KiB chunks in the data map.
 * Node ids and slots are internal: they never reach an output, a digest or a snapshot.
 */
final class NodeRecord
{
    static final int NODE_ID_OFFSET = 0;
    static final int CZXID_OFFSET = 8;
    static final int MZXID_OFFSET = 16;
    static final int PZXID_OFFSET = 24;
    static final int CTIME_OFFSET = 32;
    static final int MTIME_OFFSET = 40;
    static final int VERSION_OFFSET = 48;
    static final int CVERSION_OFFSET = 52;
    static final int AVERSION_OFFSET = 56;
    static final int NUM_CHILDREN_OFFSET = 60;
    static final int OWNER_SESSION_OFFSET = 64;
    static final int TTL_OFFSET = 72;
    static final int ACL_ID_OFFSET = 80;
    static final int CHILD_SLOT_OFFSET = 88;
    static final int AUX_SLOT_OFFSET = 92;
    static final int MODE_OFFSET = 96;
    static final int FLAGS_OFFSET = 97;
    static final int DATA_LENGTH_OFFSET = 100;
    static final int HEADER_LENGTH = 104;

    /**
     * Data up to this length is stored inside the record; larger data goes to the chunked data map.
     */
    static final int INLINE_DATA_MAX = 256;
    static final int MAX_LENGTH = HEADER_LENGTH + INLINE_DATA_MAX;

    /**
     * ZooKeeper marks a container internally with this ephemeralOwner (clients see 0).
     */
    static final long CONTAINER_EPHEMERAL_OWNER = Long.MIN_VALUE;

    /**
     * ZooKeeper marks a TTL node internally with this mask or'ed with the TTL in ms (clients see 0).
     */
    static final long TTL_EPHEMERAL_OWNER_MASK = 0xFF00_0000_0000_0000L;

    /**
     * Largest TTL ZooKeeper can encode in an ephemeralOwner, in ms.
     */
    static final long MAX_TTL_MS = 0x00FF_FFFF_FFFFL;

    static final byte MODE_PERSISTENT = 0;
    static final byte MODE_EPHEMERAL = 1;
    static final byte MODE_CONTAINER = 2;
    static final byte MODE_TTL = 3;

    /**
     * Flag bit: the data is null (ZooKeeper keeps null apart from empty); the data length is then 0.
     */
    static final byte FLAG_NULL_DATA = 1;

    static final int NO_SLOT = -1;

    private NodeRecord()
    {
    }

    static int length(final DirectBuffer record)
    {
        final int dataLength = record.getInt(DATA_LENGTH_OFFSET);
        return dataLength <= INLINE_DATA_MAX ? HEADER_LENGTH + dataLength : HEADER_LENGTH;
    }

    static boolean isInline(final int dataLength)
    {
        return dataLength <= INLINE_DATA_MAX;
    }

    static long nodeId(final DirectBuffer record)
    {
        return record.getLong(NODE_ID_OFFSET);
    }

    static int version(final DirectBuffer record)
    {
        return record.getInt(VERSION_OFFSET);
    }

    static int cversion(final DirectBuffer record)
    {
        return record.getInt(CVERSION_OFFSET);
    }

    static int aversion(final DirectBuffer record)
    {
        return record.getInt(AVERSION_OFFSET);
    }

    static int numChildren(final DirectBuffer record)
    {
        return record.getInt(NUM_CHILDREN_OFFSET);
    }

    static byte mode(final DirectBuffer record)
    {
        return record.getByte(MODE_OFFSET);
    }

    static long ownerSession(final DirectBuffer record)
    {
        return record.getLong(OWNER_SESSION_OFFSET);
    }

    static long ttlMs(final DirectBuffer record)
    {
        return record.getLong(TTL_OFFSET);
    }

    static long mtime(final DirectBuffer record)
    {
        return record.getLong(MTIME_OFFSET);
    }

    static long aclId(final DirectBuffer record)
    {
        return record.getLong(ACL_ID_OFFSET);
    }

    static int dataLength(final DirectBuffer record)
    {
        return record.getInt(DATA_LENGTH_OFFSET);
    }

    static boolean isDataNull(final DirectBuffer record)
    {
        return 0 != (record.getByte(FLAGS_OFFSET) & FLAG_NULL_DATA);
    }

    static void dataNull(final MutableDirectBuffer record, final boolean isNull)
    {
        final byte flags = record.getByte(FLAGS_OFFSET);
        record.putByte(FLAGS_OFFSET, (byte)(isNull ? flags | FLAG_NULL_DATA : flags & ~FLAG_NULL_DATA));
    }

    static int childSlot(final DirectBuffer record)
    {
        return record.getInt(CHILD_SLOT_OFFSET);
    }

    static int auxSlot(final DirectBuffer record)
    {
        return record.getInt(AUX_SLOT_OFFSET);
    }

    /**
     * The ephemeralOwner ZooKeeper keeps server-side for this node: the owner session of an ephemeral, and
     * ZooKeeper's encodings for containers and TTL nodes. Internal (digest); clients see
     * {@link #clientEphemeralOwner(DirectBuffer)}.
     */
    static long ephemeralOwner(final DirectBuffer record)
    {
        switch (mode(record))
        {
            case MODE_EPHEMERAL:
                return ownerSession(record);
            case MODE_CONTAINER:
                return CONTAINER_EPHEMERAL_OWNER;
            case MODE_TTL:
                return TTL_EPHEMERAL_OWNER_MASK | ttlMs(record);
            default:
                return 0;
        }
    }

    /**
     * The ephemeralOwner a client sees, as ZooKeeper's DataNode.copyStat reports it: the owner session of an
     * ephemeral, 0 for every other node (containers and TTL nodes included, whose markers stay server-side).
     */
    static long clientEphemeralOwner(final DirectBuffer record)
    {
        return MODE_EPHEMERAL == mode(record) ? ownerSession(record) : 0;
    }

    /**
     * The cversion a client sees, as ZooKeeper's DataNode.copyStat reports it: the stored cversion counts child
     * creations (and numbers sequential children), and every creation but those of the children still present
     * was followed by a deletion, so creations + deletions = 2 * creations - numChildren. Int arithmetic, as
     * ZooKeeper's.
     */
    static int clientCversion(final DirectBuffer record)
    {
        return cversion(record) * 2 - numChildren(record);
    }

    static void initialise(
        final MutableDirectBuffer record,
        final long nodeId,
        final long zxid,
        final long timeMs,
        final byte mode,
        final long ownerSession,
        final long ttlMs,
        final long aclId)
    {
        record.putLong(NODE_ID_OFFSET, nodeId);
        record.putLong(CZXID_OFFSET, zxid);
        record.putLong(MZXID_OFFSET, zxid);
        record.putLong(PZXID_OFFSET, zxid);
        record.putLong(CTIME_OFFSET, timeMs);
        record.putLong(MTIME_OFFSET, timeMs);
        record.putInt(VERSION_OFFSET, 0);
        record.putInt(CVERSION_OFFSET, 0);
        record.putInt(AVERSION_OFFSET, 0);
        record.putInt(NUM_CHILDREN_OFFSET, 0);
        record.putLong(OWNER_SESSION_OFFSET, ownerSession);
        record.putLong(TTL_OFFSET, ttlMs);
        record.putLong(ACL_ID_OFFSET, aclId);
        record.putInt(CHILD_SLOT_OFFSET, NO_SLOT);
        record.putInt(AUX_SLOT_OFFSET, NO_SLOT);
        record.putByte(MODE_OFFSET, mode);
        record.putByte(FLAGS_OFFSET, (byte)0);
        record.putShort(MODE_OFFSET + 2, (short)0);
        record.putInt(DATA_LENGTH_OFFSET, 0);
    }

    static void toStat(final DirectBuffer record, final Stat stat)
    {
        if (null == stat)
        {
            return;
        }
        stat.set(
            record.getLong(CZXID_OFFSET),
            record.getLong(MZXID_OFFSET),
            record.getLong(PZXID_OFFSET),
            record.getLong(CTIME_OFFSET),
            record.getLong(MTIME_OFFSET),
            record.getInt(VERSION_OFFSET),
            clientCversion(record),
            record.getInt(AVERSION_OFFSET),
            clientEphemeralOwner(record),
            record.getInt(DATA_LENGTH_OFFSET),
            record.getInt(NUM_CHILDREN_OFFSET));
    }
}
