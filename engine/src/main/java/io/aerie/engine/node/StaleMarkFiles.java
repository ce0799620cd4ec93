package io.aerie.engine.node;

import io.aeron.CncFileDescriptor;
import io.aeron.archive.ArchiveMarkFile;
import io.aeron.cluster.service.ClusterMarkFile;
import org.agrona.IoUtil;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes what a killed node leaves behind and what would block its restart: the archive and cluster mark
 * files (an active-looking mark file blocks a restart for ~10 s, PLATFORM.md) and the media driver's CnC
 * file (an active-looking driver blocks a restart the same way). Only safe once the old process is dead.
 */
final class StaleMarkFiles
{
    private StaleMarkFiles()
    {
    }

    /**
     * Delete the mark files of the node under {@code nodeDir} and the media driver files in {@code aeronDir}.
     *
     * @param archiveDir the node's archive directory ({@code <nodeDir>/archive}).
     * @param clusterDir the node's cluster directory ({@code <nodeDir>/cluster}).
     * @param aeronDir   the node's Aeron directory, or null to leave it alone.
     * @return the files and directories deleted, empty if there were none.
     */
    static List<File> remove(final File archiveDir, final File clusterDir, final File aeronDir)
    {
        final List<File> removed = new ArrayList<>();
        deleteIfExists(new File(archiveDir, ArchiveMarkFile.FILENAME), removed);

        final File[] clusterMarkFiles = clusterDir.listFiles(
            (dir, name) -> name.equals(ClusterMarkFile.FILENAME) ||
            (name.startsWith(ClusterMarkFile.SERVICE_FILENAME_PREFIX) && name.endsWith(ClusterMarkFile.FILE_EXTENSION)));
        if (null != clusterMarkFiles)
        {
            for (final File file : clusterMarkFiles)
            {
                deleteIfExists(file, removed);
            }
        }

        if (null != aeronDir && new File(aeronDir, CncFileDescriptor.CNC_FILE).exists())
        {
            // The Aeron directory holds only the driver's transient buffers: nothing to keep after a crash.
            IoUtil.delete(aeronDir, false);
            removed.add(aeronDir);
        }

        return removed;
    }

    /**
     * Is {@code aeronDir} the directory of a media driver whose process is gone? Read from its CnC file's pid, as
     * Aeron records it: for an Aeron directory other than the node's own, which may be another live driver's.
     *
     * @param aeronDir an Aeron directory.
     * @return true only if it holds a CnC file of a known version whose process no longer runs; false if there is
     * none, it cannot be read, or its process (or a process reusing its pid) is alive.
     */
    static boolean isDeadDriverDirectory(final File aeronDir)
    {
        final File cncFile = new File(aeronDir, CncFileDescriptor.CNC_FILE);
        if (cncFile.length() < CncFileDescriptor.END_OF_METADATA_OFFSET)
        {
            return false;
        }
        try (FileChannel channel = FileChannel.open(cncFile.toPath(), StandardOpenOption.READ))
        {
            final ByteBuffer metaData = ByteBuffer.allocate(CncFileDescriptor.END_OF_METADATA_OFFSET)
                .order(ByteOrder.LITTLE_ENDIAN);
            channel.read(metaData, 0);
            if (CncFileDescriptor.CNC_VERSION != metaData.getInt(CncFileDescriptor.cncVersionOffset(0)))
            {
                return false;
            }
            final long pid = metaData.getLong(CncFileDescriptor.pidOffset(0));
            return pid > 0 && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static void deleteIfExists(final File file, final List<File> removed)
    {
        if (file.exists())
        {
            IoUtil.delete(file, false);
            removed.add(file);
        }
    }
}
