package io.aerie.client;

import io.aeron.CncFileDescriptor;
import org.agrona.BufferUtil;
import org.agrona.IoUtil;
import org.agrona.SemanticVersion;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

import java.io.File;
import java.nio.MappedByteBuffer;

/**
 * Finds and removes the directories that embedded client media drivers of dead processes left behind (a process
 * killed with {@code kill -9} runs no close and no shutdown hook). A directory is stale only when both say its
 * driver is gone: the heartbeat in its {@code cnc.dat} is older than the driver timeout (Aeron's own liveness
 * test, as {@code CommonContext.isDriverActive}) and the process id the driver wrote there is not a live process.
 * A live driver that is merely paused past the timeout (GC, a stopped process) keeps its directory; a dead one
 * whose pid was reused keeps it too, a leak that errs on the safe side. A directory without a complete
 * {@code cnc.dat} (a driver starting, or killed while starting) is stale once it is
 * {@link #INCOMPLETE_AGE_FACTOR} driver timeouts old. Called once per embedded driver start, never on a hot path.
 */
final class StaleDriverDirectories
{
    /**
     * How many driver timeouts a directory without a complete {@code cnc.dat} must be old before it counts as
     * stale: a starting driver completes it within milliseconds, even on a loaded machine well within this.
     */
    static final int INCOMPLETE_AGE_FACTOR = 6;

    private StaleDriverDirectories()
    {
    }

    /**
     * Remove every stale driver directory in {@code parent} whose name starts with {@code namePrefix}.
     *
     * @param parent          the directory holding the driver directories (for example {@code /dev/shm}).
     * @param namePrefix      names to consider, e.g. {@code aeron-alice-aerie-client-}; never empty.
     * @param driverTimeoutMs how old a heartbeat must be for its driver to count as dead, ms.
     * @param nowMs           the epoch time to judge the heartbeats against, ms.
     * @return how many directories were removed.
     */
    static int sweep(final File parent, final String namePrefix, final long driverTimeoutMs, final long nowMs)
    {
        if (namePrefix.isEmpty())
        {
            throw new IllegalArgumentException("an empty prefix would sweep every directory in " + parent);
        }
        final File[] candidates = parent.listFiles((dir, name) -> name.startsWith(namePrefix));
        if (null == candidates)
        {
            return 0;
        }

        int removed = 0;
        for (final File dir : candidates)
        {
            if (dir.isDirectory() && isStale(dir, driverTimeoutMs, nowMs))
            {
                IoUtil.delete(dir, true);
                if (!dir.exists())
                {
                    removed++;
                }
            }
        }

        return removed;
    }

    /**
     * Whether the driver that owns {@code dir} is dead, as the class javadoc says.
     *
     * @param dir             a media driver directory.
     * @param driverTimeoutMs how old a heartbeat must be for its driver to count as dead, ms.
     * @param nowMs           the epoch time to judge the heartbeat against, ms.
     * @return true if the directory can be removed without harming a live driver.
     */
    static boolean isStale(final File dir, final long driverTimeoutMs, final long nowMs)
    {
        final File cncFile = new File(dir, CncFileDescriptor.CNC_FILE);
        final long incompleteAgeMs = INCOMPLETE_AGE_FACTOR * driverTimeoutMs;
        if (!cncFile.exists() || cncFile.length() <= CncFileDescriptor.END_OF_METADATA_OFFSET)
        {
            final long lastModifiedMs = cncFile.exists() ? cncFile.lastModified() : dir.lastModified();
            return 0 != lastModifiedMs && nowMs - lastModifiedMs > incompleteAgeMs;
        }

        final MappedByteBuffer cncByteBuffer;
        try
        {
            cncByteBuffer = IoUtil.mapExistingFile(cncFile, "CnC file");
        }
        catch (final RuntimeException ex)
        {
            return false; // gone meanwhile (another client swept it) or unreadable: not ours to judge
        }

        try
        {
            final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cncByteBuffer);
            final int cncVersion = metaData.getIntVolatile(CncFileDescriptor.cncVersionOffset(0));
            if (0 == cncVersion)
            {
                return nowMs - cncFile.lastModified() > incompleteAgeMs;
            }
            if (SemanticVersion.major(cncVersion) != SemanticVersion.major(CncFileDescriptor.CNC_VERSION))
            {
                return false; // another Aeron's layout: its heartbeat cannot be read safely
            }

            final ManyToOneRingBuffer toDriver = new ManyToOneRingBuffer(
                CncFileDescriptor.createToDriverBuffer(cncByteBuffer, metaData));
            if (nowMs - toDriver.consumerHeartbeatTime() <= driverTimeoutMs)
            {
                return false;
            }

            return !isLiveProcess(CncFileDescriptor.pid(metaData));
        }
        finally
        {
            BufferUtil.free(cncByteBuffer);
        }
    }

    private static boolean isLiveProcess(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
