package io.aerie.engine.tree;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static io.aerie.engine.tree.TreeFixture.SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tree whose maps are files: a restart from a snapshot maps back the copy kept with it, verified against the
 * snapshot, and falls back to loading the snapshot when the copy is missing, corrupt, half written or of another
 * snapshot. Each restart is a new tree on the same directory, as a restarted node's.
 */
class TreeMappedCopyTest
{
    private static final long POSITION = 1024;

    @TempDir
    File dir;

    private final List<TreeFixture> trees = new ArrayList<>();

    @AfterEach
    void close()
    {
        trees.forEach(TreeFixture::close);
    }

    @Test
    void shouldRestoreFromTheCopyWithTheTreeItWasTakenFrom()
    {
        final TreeFixture before = tree(-1);
        populate(before);
        final List<byte[]> snapshot = TreeSnapshotTest.write(before.tree);
        before.tree.saveCopy(POSITION);
        final long digest = before.tree.digest();

        final TreeFixture after = tree(POSITION);
        TreeSnapshotTest.load(after.tree, snapshot);

        assertTrue(after.tree.loadedFromCopy());
        assertEquals(digest, after.tree.digest());
        assertEquals(before.tree.nodeCount(), after.tree.nodeCount());
        assertEquals(before.tree.ephemeralCount(), after.tree.ephemeralCount());
        assertEquals(before.tree.approximateDataSize(), after.tree.approximateDataSize());
        assertEquals("y".repeat(10_000), after.getData("/app/big"));
    }

    @Test
    void shouldGoOnAsATreeLoadedFromTheSnapshot()
    {
        final TreeFixture before = tree(-1);
        populate(before);
        final List<byte[]> snapshot = TreeSnapshotTest.write(before.tree);
        before.tree.saveCopy(POSITION);
        final TreeFixture mapped = tree(POSITION);
        TreeSnapshotTest.load(mapped.tree, snapshot);
        final TreeFixture loaded = new TreeFixture();
        trees.add(loaded);
        TreeSnapshotTest.load(loaded.tree, snapshot);

        final List<String> created = new ArrayList<>();
        for (final TreeFixture t : new TreeFixture[]{ mapped, loaded })
        {
            t.zxid = 100;
            assertEquals(ResultCode.OK, t.create("/app/lock-", "", CreateMode.EPHEMERAL_SEQUENTIAL));
            created.add(t.createdPath.toString());
            t.tree.setAcl("/app/new", new AclList().add(AclList.READ, "world", "anyone"), -1, t.stat);
            t.tree.deleteEphemerals(t.nextZxid(), SESSION, t.names);
            t.delete("/app/members/m1", -1);
            assertEquals(ResultCode.OK, t.create("/app/after", "z".repeat(5000), CreateMode.PERSISTENT));
        }
        assertFalse(loaded.tree.loadedFromCopy());
        assertEquals(created.get(1), created.get(0));
        assertEquals(loaded.tree.digest(), mapped.tree.digest());
        assertEquals(loaded.tree.nodeCount(), mapped.tree.nodeCount());
        assertEquals(loaded.tree.ephemeralCount(), mapped.tree.ephemeralCount());
    }

    @Test
    void shouldLoadTheSnapshotWhenNoCopyIsKept()
    {
        final TreeFixture before = tree(-1);
        populate(before);
        final List<byte[]> snapshot = TreeSnapshotTest.write(before.tree);
        before.tree.saveCopy(POSITION - 1);
        final long digest = before.tree.digest();

        final TreeFixture after = tree(POSITION);
        TreeSnapshotTest.load(after.tree, snapshot);

        assertFalse(after.tree.loadedFromCopy());
        assertEquals(digest, after.tree.digest());
    }

    @Test
    void shouldLoadTheSnapshotWhenTheCopyIsCorrupt() throws IOException
    {
        final TreeFixture before = tree(-1);
        populate(before);
        final List<byte[]> snapshot = TreeSnapshotTest.write(before.tree);
        before.tree.saveCopy(POSITION);
        final long digest = before.tree.digest();
        overwrite(new File(copyDir(), "nodes.cmap"), "/app/config", "/app/cOnfig");

        final TreeFixture after = tree(POSITION);
        TreeSnapshotTest.load(after.tree, snapshot);

        assertFalse(after.tree.loadedFromCopy());
        assertEquals(digest, after.tree.digest());
    }

    @Test
    void shouldLoadTheSnapshotWhenKilledWhileCopying() throws IOException
    {
        final TreeFixture before = tree(-1);
        populate(before);
        final List<byte[]> snapshot = TreeSnapshotTest.write(before.tree);
        final long digest = before.tree.digest();
        // What a kill -9 part way through saveCopy leaves: a temporary copy, some files, no tag, never renamed.
        final File tmp = new File(dir, "copy.tmp");
        assertTrue(tmp.mkdirs());
        Files.write(new File(tmp, "nodes.cmap").toPath(), new byte[4096]);

        final TreeFixture after = tree(POSITION);
        TreeSnapshotTest.load(after.tree, snapshot);

        assertFalse(after.tree.loadedFromCopy());
        assertEquals(digest, after.tree.digest());
        assertFalse(tmp.exists());
    }

    @Test
    void shouldRefuseASnapshotThatIsNotTheCopysAndForgetTheCopy()
    {
        final TreeFixture before = tree(-1);
        populate(before);
        before.tree.saveCopy(POSITION);
        before.setData("/app/config", "v3", -1);
        final List<byte[]> otherSnapshot = TreeSnapshotTest.write(before.tree);

        final TreeFixture after = tree(POSITION);
        assertThrows(IllegalStateException.class, () -> TreeSnapshotTest.load(after.tree, otherSnapshot));

        assertEquals(TreeFixture.BASE_NODES, after.tree.nodeCount());
        assertFalse(copyDir().exists());
    }

    @Test
    void shouldStartEmptyWithoutASnapshotWhateverTheDirectoryHolds()
    {
        final TreeFixture before = tree(-1);
        populate(before);
        before.tree.saveCopy(POSITION);
        before.close();
        trees.remove(before);

        final TreeFixture after = tree(-1);

        assertEquals(TreeFixture.BASE_NODES, after.tree.nodeCount());
        assertEquals(ResultCode.OK, after.create("/app"));
    }

    @Test
    void shouldCountACopyThatCannotBeWrittenWithoutPrintingItByDefault() throws IOException
    {
        final TreeFixture before = tree(-1);
        populate(before);
        // The map stays mapped; only its name goes, so the copy cannot read it.
        Files.delete(new File(dir, "work/nodes.cmap").toPath());

        before.tree.saveCopy(POSITION);

        final TreeFailures failures = assertInstanceOf(TreeFailures.class, before.tree.context().errorHandler());
        assertEquals(1, failures.count());
        assertInstanceOf(IOException.class, failures.last());
        assertFalse(copyDir().exists());
    }

    private TreeFixture tree(final long snapshotPosition)
    {
        final TreeFixture tree = new TreeFixture(TreeFixture.smallContext().mapDir(dir), snapshotPosition);
        trees.add(tree);
        return tree;
    }

    private File copyDir()
    {
        return new File(dir, "copy-" + POSITION);
    }

    private static void populate(final TreeFixture f)
    {
        f.create("/app");
        f.create("/app/config", "v1", CreateMode.PERSISTENT);
        f.setData("/app/config", "v2", -1);
        f.tree.setAcl("/app/config", new AclList().add(AclList.READ, "world", "anyone"), -1, f.stat);
        f.create("/app/big", "y".repeat(10_000), CreateMode.PERSISTENT);
        f.create("/app/new");
        f.create("/app/members", "", CreateMode.CONTAINER);
        f.create("/app/members/m1");
        f.create("/app/lock-", "", CreateMode.EPHEMERAL_SEQUENTIAL);
        for (int i = 0; i < 500; i++)
        {
            f.create("/app/n" + i, "data-" + i, CreateMode.PERSISTENT);
        }
    }

    private static void overwrite(final File file, final String from, final String to) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file.toPath());
        final byte[] pattern = from.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + pattern.length <= bytes.length; i++)
        {
            if (regionMatches(bytes, i, pattern))
            {
                try (RandomAccessFile raf = new RandomAccessFile(file, "rw"))
                {
                    raf.seek(i);
                    raf.write(to.getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
        }
        throw new IllegalStateException(from + " not in " + file);
    }

    private static boolean regionMatches(final byte[] bytes, final int at, final byte[] pattern)
    {
        for (int j = 0; j < pattern.length; j++)
        {
            if (bytes[at + j] != pattern[j])
            {
                return false;
            }
        }
        return true;
    }
}
