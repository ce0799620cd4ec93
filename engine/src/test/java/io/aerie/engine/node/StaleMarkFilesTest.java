package io.aerie.engine.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aeron.CncFileDescriptor;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
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

    @Test
    void shouldTellADriverDirectoryOfAProcessThatIsGone() throws Exception
    {
        final Process gone = new ProcessBuilder(new File(System.getProperty("java.home"), "bin/java").getPath(),
            "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();

        assertTrue(StaleMarkFiles.isDeadDriverDirectory(cncOf("dead", gone.pid())));
    }

    @Test
    void shouldNotTellADriverDirectoryOfALiveProcessDead() throws IOException
    {
        assertFalse(StaleMarkFiles.isDeadDriverDirectory(cncOf("live", ProcessHandle.current().pid())));
        assertFalse(StaleMarkFiles.isDeadDriverDirectory(new File(nodeDir, "none")));
    }

    private File cncOf(final String name, final long pid) throws IOException
    {
        final File dir = new File(nodeDir, name);
        final ByteBuffer metaData = ByteBuffer.allocate(CncFileDescriptor.END_OF_METADATA_OFFSET)
            .order(ByteOrder.LITTLE_ENDIAN);
        metaData.putInt(CncFileDescriptor.cncVersionOffset(0), CncFileDescriptor.CNC_VERSION);
        metaData.putLong(CncFileDescriptor.pidOffset(0), pid);
        Files.createDirectories(dir.toPath());
        Files.write(new File(dir, CncFileDescriptor.CNC_FILE).toPath(), metaData.array());
        return dir;
    }

    private File touch(final String path) throws IOException
    {
        final File file = new File(nodeDir, path);
        assertTrue(file.getParentFile().mkdirs() || file.getParentFile().isDirectory());
        assertTrue(file.createNewFile());
        return file;
    }
}
