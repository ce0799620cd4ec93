package io.aerie.engine.node;

import io.aeron.CncFileDescriptor;
import io.aeron.archive.ArchiveMarkFile;
import io.aeron.cluster.service.ClusterMarkFile;
import org.agrona.IoUtil;

import java.io.File;
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

    private static void deleteIfExists(final File file, final List<File> removed)
    {
        if (file.exists())
        {
            IoUtil.delete(file, false);
            removed.add(file);
        }
    }
}
