package io.aerie.engine.node;

import io.aeron.cluster.RecordingLog;
import org.agrona.BitUtil;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Marks snapshot entries of a cluster's {@code recording.log} invalid, in place, as Aeron's own
 * {@code RecordingLog.invalidateLatestSnapshot} does for the latest one (Aeron keeps the method for any other
 * entry package-private): it sets the reserved bit of the entry's type, documented in {@link RecordingLog}'s record
 * layout. An invalid snapshot is never chosen for recovery, so its recordings can then be deleted from the archive.
 * <p>
 * Safe beside the running consensus module of the same node: it writes only the 4-byte type of entries older than
 * the snapshots kept, which the consensus module neither rewrites nor reads again before its next start (it appends
 * new entries and updates term entries' positions; its recovery plan uses only the latest snapshot).
 */
final class RecordingLogInvalidator
{
    /** {@code RecordingLog}'s record alignment (private there): every entry starts at a multiple of it. */
    private static final int RECORD_ALIGNMENT = 64;

    private RecordingLogInvalidator()
    {
    }

    /**
     * Mark the given snapshot entries invalid.
     *
     * @param clusterDir     the cluster directory holding {@code recording.log}.
     * @param entries        snapshot entries read from that log; matched by recording id, log position and service.
     * @param fileSyncLevel  0 to leave the change in the page cache, otherwise forced to disk before returning.
     * @return the number of entries marked invalid.
     * @throws IOException if the log cannot be read or written.
     */
    static int invalidate(final File clusterDir, final List<RecordingLog.Entry> entries, final int fileSyncLevel)
        throws IOException
    {
        if (entries.isEmpty())
        {
            return 0;
        }

        int invalidated = 0;
        final File file = new File(clusterDir, RecordingLog.RECORDING_LOG_FILE_NAME);
        try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final ByteBuffer header = ByteBuffer.allocate(RecordingLog.ENDPOINT_OFFSET + Integer.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
            final ByteBuffer type = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            final long size = channel.size();
            long position = 0;
            while (position + RecordingLog.ENDPOINT_OFFSET <= size)
            {
                header.clear();
                channel.read(header, position);
                final int entryType = header.getInt(RecordingLog.ENTRY_TYPE_OFFSET);
                final int baseType = entryType & ~RecordingLog.ENTRY_TYPE_INVALID_FLAG;
                if (RecordingLog.ENTRY_TYPE_SNAPSHOT == baseType && entryType == baseType && matches(header, entries))
                {
                    type.clear();
                    type.putInt(0, entryType | RecordingLog.ENTRY_TYPE_INVALID_FLAG);
                    channel.write(type, position + RecordingLog.ENTRY_TYPE_OFFSET);
                    invalidated++;
                }
                position += entryLength(baseType, header);
            }

            if (invalidated > 0 && fileSyncLevel > 0)
            {
                channel.force(fileSyncLevel > 1);
            }
        }

        return invalidated;
    }

    private static boolean matches(final ByteBuffer header, final List<RecordingLog.Entry> entries)
    {
        final long recordingId = header.getLong(RecordingLog.RECORDING_ID_OFFSET);
        final long logPosition = header.getLong(RecordingLog.LOG_POSITION_OFFSET);
        final int serviceId = header.getInt(RecordingLog.SERVICE_ID_OFFSET);
        for (final RecordingLog.Entry entry : entries)
        {
            if (entry.recordingId == recordingId && entry.logPosition == logPosition && entry.serviceId == serviceId)
            {
                return true;
            }
        }
        return false;
    }

    private static int entryLength(final int baseType, final ByteBuffer header)
    {
        // As RecordingLog.Entry.length(): only standby snapshot entries carry an endpoint after the fixed fields.
        final int unaligned = RecordingLog.ENTRY_TYPE_STANDBY_SNAPSHOT == baseType ?
            RecordingLog.ENDPOINT_OFFSET + Integer.BYTES + header.getInt(RecordingLog.ENDPOINT_OFFSET) :
            RecordingLog.ENDPOINT_OFFSET;
        return BitUtil.align(unaligned, RECORD_ALIGNMENT);
    }
}
