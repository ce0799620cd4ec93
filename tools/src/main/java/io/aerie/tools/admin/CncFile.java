package io.aerie.tools.admin;

import io.aerie.engine.node.NodeCounters;
import io.aeron.CncFileDescriptor;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A media driver's CnC file mapped read-only from another process, as AeronStat does: the driver's heartbeat
 * (the consumer heartbeat of its to-driver ring buffer) and its counters. Close it to unmap; use from one
 * thread.
 */
final class CncFile implements AutoCloseable
{
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer metaData;
    private final int version;

    private CncFile(final MappedByteBuffer mapped)
    {
        this.mapped = mapped;
        this.metaData = CncFileDescriptor.createMetaDataBuffer(mapped);
        this.version = metaData.getIntVolatile(CncFileDescriptor.cncVersionOffset(0));
    }

    /**
     * Map the CnC file of an Aeron directory.
     *
     * @param aeronDir the driver's directory; not null.
     * @return the mapped file, or null if there is none (driver stopped) or it is too short to have a header.
     */
    static CncFile mapIfExists(final File aeronDir)
    {
        final File file = new File(aeronDir, CncFileDescriptor.CNC_FILE);
        if (!file.isFile() || file.length() < CncFileDescriptor.END_OF_METADATA_OFFSET)
        {
            return null;
        }

        return new CncFile(IoUtil.mapExistingFile(file, FileChannel.MapMode.READ_ONLY, "cnc"));
    }

    /**
     * Has the driver finished writing the file? It sets the version last.
     *
     * @return true once the version is set and the file is long enough for the buffers its header describes.
     */
    boolean isReady()
    {
        return 0 != version && CncFileDescriptor.isCncFileLengthSufficient(metaData, mapped.capacity());
    }

    /**
     * How long ago the driver's conductor last showed it was alive.
     *
     * @param nowMs the current epoch time in ms.
     * @return the age of its heartbeat in ms.
     * @throws io.aeron.exceptions.AeronException if the file is of another CnC version.
     */
    long driverHeartbeatAgeMs(final long nowMs)
    {
        CncFileDescriptor.checkVersion(version);
        final ManyToOneRingBuffer toDriver =
            new ManyToOneRingBuffer(CncFileDescriptor.createToDriverBuffer(mapped, metaData));

        return nowMs - toDriver.consumerHeartbeatTime();
    }

    /**
     * The node's metrics from the driver's counters.
     *
     * @return the counters read now.
     * @throws io.aeron.exceptions.AeronException if the file is of another CnC version.
     */
    NodeCounters readCounters()
    {
        CncFileDescriptor.checkVersion(version);
        final CountersReader reader = new CountersReader(
            CncFileDescriptor.createCountersMetaDataBuffer(mapped, metaData),
            CncFileDescriptor.createCountersValuesBuffer(mapped, metaData));

        return NodeCounters.read(reader);
    }

    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
