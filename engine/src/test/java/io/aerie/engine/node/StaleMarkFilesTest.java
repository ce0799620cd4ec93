package io.aerie.engine.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaleMarkFilesTest
{
    @TempDir
    File nodeDir;

    @Test
    void shouldRemoveMarkFilesAndTheDriverDirectoryButKeepTheNodesData() throws IOException
    {
        final File archiveMark = touch("archive/archive-mark.dat");
        final File recording = touch("archive/0-0.rec");
        final File clusterMark = touch("cluster/cluster-mark.dat");
        final File serviceMark = touch("cluster/cluster-mark-service-0.dat");
        final File recordingLog = touch("cluster/recording.log");
        final File nodeState = touch("cluster/node-state.dat");
        final File cnc = touch("aeron/cnc.dat");

        final List<File> removed = AerieNode.removeStaleMarkFiles(nodeDir, cnc.getParent());

        assertEquals(4, removed.size());
        assertFalse(archiveMark.exists());
        assertFalse(clusterMark.exists());
        assertFalse(serviceMark.exists());
        assertFalse(cnc.getParentFile().exists());
        assertTrue(recording.exists());
        assertTrue(recordingLog.exists());
        assertTrue(nodeState.exists());
    }

    @Test
    void shouldRemoveNothingFromAnEmptyNodeDirectory()
    {
        assertEquals(List.of(), AerieNode.removeStaleMarkFiles(nodeDir, new File(nodeDir, "aeron").getPath()));
    }

    @Test
    void shouldLeaveADirectoryWithoutACncFileAlone() throws IOException
    {
        final File other = touch("not-aeron/file.dat");

        AerieNode.removeStaleMarkFiles(nodeDir, other.getParent());

        assertTrue(other.exists());
    }

    private File touch(final String path) throws IOException
    {
        final File file = new File(nodeDir, path);
        assertTrue(file.getParentFile().mkdirs() || file.getParentFile().isDirectory());
        assertTrue(file.createNewFile());
        return file;
    }
}
