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
import java.util.Arrays;
import java.util.List;

import static io.aerie.engine.tree.TreeFixture.SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tree whose maps are files: a restart from a snapshot maps back the copy kept with it (same log position and
 * time, files as saved), and falls back to loading the snapshot when the copy is missing, corrupt, half written,
 * of another snapshot or fails to open. Each restart is a new tree on the same directory, as a restarted node's.
 */
class TreeMappedCopyTest
{
    private static final long POSITION = 1024;
    private static final long TIME = 1_700_000_000_000L;

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
        before.tree.snapshots().saveCopy(POSITION, TIME);
        final long digest = before.tree.digest();

        final TreeFixture after = tree(POSITION);
        TreeSnapshotTest.load(after.tree, snapshot);

        assertTrue(after.tree.snapshots().loadedFromCopy());
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
        before.tree.snapshots().saveCopy(POSITION, TIME);
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
        assertFalse(loaded.tree.snapshots().loadedFromCopy());
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
        before.tree.snapshots().saveCopy(POSITION - 1, TIME);
        final long digest = before.tree.digest();

        final TreeFixture after = tree(POSITION);
        TreeSnapshotTest.load(after.tree, snapshot);

        assertFalse(after.tree.snapshots().loadedFromCopy());
        assertEquals(digest, after.tree.digest());
    }

    @Test
    void shouldLoadTheSnapshotWhenTheCopyIsCorrupt() throws IOException
    {
        final TreeFixture before = tree(-1);
        populate(before);
        final List<byte[]> snapshot = TreeSnapshotTest.write(before.tree);
        before.tree.snapshots().saveCopy(POSITION, TIME);
        final long digest = before.tree.digest();
        overwrite(new File(copyDir(), "nodes.cmap"), "/app/config", "/app/cOnfig");

        final TreeFixture after = tree(POSITION);
        TreeSnapshotTest.load(after.tree, snapshot);

        assertFalse(after.tree.snapshots().loadedFromCopy());
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

        assertFalse(after.tree.snapshots().loadedFromCopy());
        assertEquals(digest, after.tree.digest());
        assertFalse(tmp.exists());
    }

    @Test
    void shouldLoadTheSnapshotWhenTheCopyIsOfAnotherSnapshotAtThatPosition()
    {
        final TreeFixture before = tree(-1);
        populate(before);
        before.tree.snapshots().saveCopy(POSITION, TIME);
        before.setData("/app/config", "v3", -1);
        final List<byte[]> otherSnapshot = TreeSnapshotTest.write(before.tree);
        final long digest = before.tree.digest();

        final TreeFixture after = tree(POSITION, TIME + 1);
        TreeSnapshotTest.load(after.tree, otherSnapshot);

        assertFalse(after.tree.snapshots().loadedFromCopy());
        assertEquals(digest, after.tree.digest());
    }

    @Test
    void shouldHoldTheWholeTreeFromTheSnapshotsTreeHeaderWhenItAdoptsTheCopy()
    {
        final TreeFixture before = tree(-1);
        populate(before);
        final List<byte[]> snapshot = TreeSnapshotTest.write(before.tree);
        before.tree.snapshots().saveCopy(POSITION, TIME);
        final long digest = before.tree.digest();

        final TreeFixture after = tree(POSITION);
        TreeSnapshotTest.load(after.tree, snapshot.subList(0, 1));

        assertTrue(after.tree.snapshots().loadedFromCopy());
        assertEquals(digest, after.tree.digest());
        assertEquals(before.tree.nodeCount(), after.tree.nodeCount());
    }

    @Test
    void shouldStartEmptyWithoutASnapshotWhateverTheDirectoryHolds()
    {
        final TreeFixture before = tree(-1);
        populate(before);
        before.tree.snapshots().saveCopy(POSITION, TIME);
        before.close();
        trees.remove(before);

        final TreeFixture after = tree(-1);

        assertEquals(TreeFixture.BASE_NODES, after.tree.nodeCount());
        assertEquals(ResultCode.OK, after.create("/app"));
    }

    @Test
    void shouldCloseTheMapsItOpenedWhenOneOfTheCopysMapsFailsToOpen() throws IOException
    {
        final TreeFixture before = tree(-1);
        populate(before);
        final List<byte[]> snapshot = TreeSnapshotTest.write(before.tree);
        before.tree.snapshots().saveCopy(POSITION, TIME);
        final long digest = before.tree.digest();
        before.close();
        trees.remove(before);
        // A copy saved as it is, whose ACL map (opened last, after nodes, data and members) cannot be opened.
        final MappedTreeFiles.CopyTag tag = MappedTreeFiles.CopyTag.read(new File(copyDir(), "tag"));
        try (RandomAccessFile acls = new RandomAccessFile(new File(dir, "work/acls.cmap"), "rw"))
        {
            // Its self-describing header, after the size word (a size of zero would make Chronicle Map wait a minute
            // for another process to finish writing it).
            final byte[] garbage = new byte[64];
            Arrays.fill(garbage, (byte)0xFF);
            acls.seek(12);
            acls.write(garbage);
        }
        new MappedTreeFiles(dir).save(tag);
        final List<Throwable> errors = new ArrayList<>();

        final TreeFixture after = new TreeFixture(
            TreeFixture.smallContext().mapDir(dir).errorHandler(errors::add), POSITION, TIME);
        trees.add(after);
        TreeSnapshotTest.load(after.tree, snapshot);

        assertEquals(1, errors.size(), errors::toString);
        assertEquals(List.of(), mappingsOfDeletedFiles(), "maps left open when the copy failed to open");
        assertFalse(after.tree.snapshots().loadedFromCopy());
        assertEquals(digest, after.tree.digest());
    }

    @Test
    void shouldLoadTheSnapshotWhenTheCopyWasTakenWithOtherSizes()
    {
        final TreeFixture before = tree(-1);
        populate(before);
        final List<byte[]> snapshot = TreeSnapshotTest.write(before.tree);
        before.tree.snapshots().saveCopy(POSITION, TIME);
        final long digest = before.tree.digest();
        before.close();
        trees.remove(before);

        final TreeFixture after = new TreeFixture(
            TreeFixture.smallContext().maxZnodes(20_000).mapDir(dir), POSITION, TIME);
        trees.add(after);
        TreeSnapshotTest.load(after.tree, snapshot);

        assertFalse(after.tree.snapshots().loadedFromCopy());
        assertEquals(digest, after.tree.digest());
    }

    @Test
    void shouldCountACopyThatCannotBeWrittenWithoutPrintingItByDefault() throws IOException
    {
        final TreeFixture before = tree(-1);
        populate(before);
        // The map stays mapped; only its name goes, so the copy cannot read it.
        Files.delete(new File(dir, "work/nodes.cmap").toPath());

        before.tree.snapshots().saveCopy(POSITION, TIME);

        final TreeFailures failures = assertInstanceOf(TreeFailures.class, before.tree.context().errorHandler());
        assertEquals(1, failures.count());
        assertInstanceOf(IOException.class, failures.last());
        assertFalse(copyDir().exists());
    }

    private TreeFixture tree(final long snapshotPosition)
    {
        return tree(snapshotPosition, TIME);
    }

    private TreeFixture tree(final long snapshotPosition, final long snapshotTime)
    {
        final TreeFixture tree =
            new TreeFixture(TreeFixture.smallContext().mapDir(dir), snapshotPosition, snapshotTime);
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

    /**
     * The tree's files that this process still maps or holds open after they were deleted: maps never closed.
     */
    private List<String> mappingsOfDeletedFiles() throws IOException
    {
        final String prefix = dir.getCanonicalPath() + File.separator;
        final List<String> leaked = new ArrayList<>();
        for (final String line : Files.readAllLines(new File("/proc/self/maps").toPath()))
        {
            if (line.contains(prefix) && line.endsWith("(deleted)"))
            {
                leaked.add(line);
            }
        }
        final File[] fds = new File("/proc/self/fd").listFiles();
        for (final File fd : null == fds ? new File[0] : fds)
        {
            try
            {
                final String target = Files.readSymbolicLink(fd.toPath()).toString();
                if (target.startsWith(prefix) && target.endsWith("(deleted)"))
                {
                    leaked.add(target);
                }
            }
            catch (final IOException ex)
            {
                // The descriptor closed while listed (the listing's own): not a map.
            }
        }
        return leaked;
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
