package io.aerie.engine.tree;

import io.aerie.codecs.model.Fnv1a;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The files of a tree whose maps live in a directory ({@link ZnodeTreeConfiguration#MAP_DIR_PROP_NAME}): the
 * working maps in {@code work/}, and the copy of them taken at the last snapshot in {@code copy-<logPosition>/}
 * with its {@link CopyTag}.
 * <p>
 * A copy is written to {@code copy.tmp/} and renamed whole once its tag is written, so a process killed part way
 * leaves no copy that looks complete; a restart finds a copy by its snapshot's log position and checks the log time
 * its tag names. Files are copied page by page, zero pages left as holes (a map file is mostly unused capacity), and
 * hashed as they are copied: the tag holds the digest of the bytes saved, and a copy whose bytes read back to
 * another digest is not restored. Service thread only.
 */
final class MappedTreeFiles
{
    static final String[] MAP_NAMES = { "nodes", "data", "members", "acls" };

    private static final String WORK = "work";
    private static final String COPY_PREFIX = "copy-";
    private static final String COPY_TMP = "copy.tmp";
    private static final String TAG = "tag";
    private static final String MAP_SUFFIX = ".cmap";
    private static final int BLOCK_LENGTH = 1024 * 1024;
    private static final int PAGE_LENGTH = 4096;

    private final File dir;
    private final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK_LENGTH);
    private final UnsafeBuffer blockView = new UnsafeBuffer(block);
    private final CRC32C crc = new CRC32C();

    MappedTreeFiles(final File dir)
    {
        this.dir = dir;
    }

    /**
     * @return the working file of a map, in a directory that exists.
     */
    File workFile(final String mapName)
    {
        final File work = new File(dir, WORK);
        if (!work.isDirectory() && !work.mkdirs())
        {
            throw new UncheckedIOException(new IOException("cannot create " + work));
        }
        return new File(work, mapName + MAP_SUFFIX);
    }

    /**
     * Start with empty maps: remove the working files a previous process left.
     */
    void discardWork()
    {
        for (final String name : MAP_NAMES)
        {
            deleteIfExists(workFile(name).toPath());
        }
    }

    /**
     * Make the working files the copy taken at a snapshot, if there is a complete one whose bytes are as saved.
     *
     * @param snapshotPosition log position of the snapshot the node starts from.
     * @param snapshotTime     log time of that snapshot: with its position, what names it.
     * @param sizing           {@link NodeStore#sizing} of the maps the node opens: a copy of other sizes is not used.
     * @return the copy's tag, or null (no such copy, unreadable, other sizes, or not as saved) after emptying the
     * working files.
     */
    CopyTag restore(final long snapshotPosition, final long snapshotTime, final long sizing)
    {
        deleteRecursively(new File(dir, COPY_TMP));
        final File copy = new File(dir, COPY_PREFIX + snapshotPosition);
        try
        {
            final CopyTag tag = CopyTag.read(new File(copy, TAG));
            if (null == tag || tag.snapshotPosition != snapshotPosition || tag.snapshotTime != snapshotTime ||
                tag.sizing != sizing)
            {
                discardWork();
                return null;
            }
            long digest = 0;
            for (final String name : MAP_NAMES)
            {
                digest = copySparse(new File(copy, name + MAP_SUFFIX).toPath(), workFile(name).toPath(), digest);
            }
            if (digest != tag.filesDigest)
            {
                // Damaged since it was saved: never to be tried again.
                discardWork();
                deleteRecursively(copy);
                return null;
            }
            return tag;
        }
        catch (final IOException ex)
        {
            discardWork();
            return null;
        }
    }

    /**
     * Keep a copy of the working maps, which must not change meanwhile, as the copy of a snapshot; the copies of
     * earlier snapshots are removed once it is complete. The tag's {@link CopyTag#filesDigest} is set here.
     *
     * @throws IOException if the copy cannot be written; an earlier copy is then left as it was.
     */
    void save(final CopyTag tag) throws IOException
    {
        final File tmp = new File(dir, COPY_TMP);
        deleteRecursively(tmp);
        if (!tmp.mkdirs())
        {
            throw new IOException("cannot create " + tmp);
        }
        long digest = 0;
        for (final String name : MAP_NAMES)
        {
            digest = copySparse(workFile(name).toPath(), new File(tmp, name + MAP_SUFFIX).toPath(), digest);
        }
        tag.filesDigest = digest;
        tag.write(new File(tmp, TAG));
        final File copy = new File(dir, COPY_PREFIX + tag.snapshotPosition);
        deleteRecursively(copy);
        Files.move(tmp.toPath(), copy.toPath(), StandardCopyOption.ATOMIC_MOVE);
        final File[] copies = dir.listFiles((d, name) -> name.startsWith(COPY_PREFIX) && !name.equals(copy.getName()));
        if (null != copies)
        {
            for (final File old : copies)
            {
                deleteRecursively(old);
            }
        }
    }

    /**
     * Remove the copy of a snapshot, found not to match it.
     */
    void discardCopy(final long snapshotPosition)
    {
        deleteRecursively(new File(dir, COPY_PREFIX + snapshotPosition));
    }

    /**
     * @return the directory of the copy of a snapshot (it may not exist), for tests and tools.
     */
    File copyDir(final long snapshotPosition)
    {
        return new File(dir, COPY_PREFIX + snapshotPosition);
    }

    /**
     * Copy a file, leaving its zero pages as holes. A map file is mostly untouched capacity, and what Chronicle Map
     * has written is spread thinly over it (at 100k znodes in maps sized for 1M, 56 MiB of non-zero 4 KiB pages
     * were spread over 395 MiB of 1 MiB blocks): copying by page keeps both the copy and a restored working file to
     * what the maps hold.
     *
     * @param digest the digest of the files copied before.
     * @return the digest with this file's non-zero pages (the CRC32C of each, and its offset) and its length added.
     */
    private long copySparse(final Path from, final Path to, final long digest) throws IOException
    {
        long hash = digest;
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
            FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING))
        {
            final long size = in.size();
            final FileExtents extents = FileExtents.open(from);
            try
            {
                for (long position = extents.nextData(0, size); position < size; )
                {
                    final long dataEnd = extents.nextHole(position, size);
                    // Holes read as zero pages, which the copy skips anyway: reading them only costs the kernel.
                    for (long blockStart = position; blockStart < dataEnd; )
                    {
                        final int length = read(in, blockStart, (int)Math.min(BLOCK_LENGTH, dataEnd - blockStart));
                        hash = copyPages(out, blockStart, length, hash);
                        blockStart += length;
                    }
                    position = extents.nextData(dataEnd, size);
                }
            }
            finally
            {
                extents.close();
            }
            if (out.size() < size)
            {
                out.write(ByteBuffer.allocate(1), size - 1);
            }
            return Fnv1a.splitMix64(hash ^ size);
        }
    }

    private int read(final FileChannel in, final long position, final int length) throws IOException
    {
        block.clear().limit(length);
        while (block.hasRemaining())
        {
            if (in.read(block, position + block.position()) < 0)
            {
                break;
            }
        }
        return block.position();
    }

    /**
     * Write the non-zero pages of the block just read (consecutive ones in one write) and hash each.
     */
    private long copyPages(final FileChannel out, final long blockPosition, final int length, final long digest)
        throws IOException
    {
        long hash = digest;
        int runStart = -1;
        for (int offset = 0; offset < length; offset += PAGE_LENGTH)
        {
            final int pageLength = Math.min(PAGE_LENGTH, length - offset);
            if (isZero(offset, pageLength))
            {
                if (runStart >= 0)
                {
                    writeRun(out, blockPosition, runStart, offset);
                    runStart = -1;
                }
                continue;
            }
            // CRC32C is an intrinsic even in the interpreter (x86): a restart copies while its code is still cold.
            block.limit(offset + pageLength).position(offset);
            crc.reset();
            crc.update(block);
            hash = Fnv1a.splitMix64(hash ^ (blockPosition + offset)) + crc.getValue();
            runStart = runStart < 0 ? offset : runStart;
        }
        if (runStart >= 0)
        {
            writeRun(out, blockPosition, runStart, length);
        }
        return hash;
    }

    private void writeRun(final FileChannel out, final long blockPosition, final int from, final int to)
        throws IOException
    {
        block.limit(to).position(from);
        while (block.hasRemaining())
        {
            out.write(block, blockPosition + block.position());
        }
    }

    private boolean isZero(final int offset, final int length)
    {
        int i = offset;
        final int end = offset + length;
        for (final int words = offset + (length & ~7); i < words; i += 8)
        {
            if (0 != blockView.getLong(i))
            {
                return false;
            }
        }
        for (; i < end; i++)
        {
            if (0 != blockView.getByte(i))
            {
                return false;
            }
        }
        return true;
    }

    private static void deleteIfExists(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void deleteRecursively(final File file)
    {
        final File[] children = file.listFiles();
        if (null != children)
        {
            for (final File child : children)
            {
                deleteRecursively(child);
            }
        }
        deleteIfExists(file.toPath());
    }

    /**
     * What a copy of the maps was taken from: the snapshot's log position and log time (which name it), the maps'
     * sizing, the store's counters (which live outside the maps), and a digest of the files' bytes to verify the
     * copy by.
     */
    static final class CopyTag
    {
        private static final int MAGIC = 0x41455443; // "AETC"
        private static final int VERSION = 3; // 3: the digest hashes 4 KiB pages (2: 1 MiB blocks)

        long snapshotPosition;
        long snapshotTime;
        long sizing;
        long filesDigest;
        long nodeCount;
        long nextNodeId;
        long nextAclId;
        long ephemeralCount;
        long approximateDataSize;

        void write(final File file) throws IOException
        {
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file.toPath())))
            {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeLong(snapshotPosition);
                out.writeLong(snapshotTime);
                out.writeLong(sizing);
                out.writeLong(filesDigest);
                out.writeLong(nodeCount);
                out.writeLong(nextNodeId);
                out.writeLong(nextAclId);
                out.writeLong(ephemeralCount);
                out.writeLong(approximateDataSize);
            }
        }

        /**
         * @return the tag, or null if the file is missing or not a tag of this version (a copy of an earlier
         * version is not used: the snapshot is loaded).
         */
        static CopyTag read(final File file) throws IOException
        {
            if (!file.isFile())
            {
                return null;
            }
            try (DataInputStream in = new DataInputStream(Files.newInputStream(file.toPath())))
            {
                if (MAGIC != in.readInt() || VERSION != in.readInt())
                {
                    return null;
                }
                final CopyTag tag = new CopyTag();
                tag.snapshotPosition = in.readLong();
                tag.snapshotTime = in.readLong();
                tag.sizing = in.readLong();
                tag.filesDigest = in.readLong();
                tag.nodeCount = in.readLong();
                tag.nextNodeId = in.readLong();
                tag.nextAclId = in.readLong();
                tag.ephemeralCount = in.readLong();
                tag.approximateDataSize = in.readLong();
                return tag;
            }
            catch (final java.io.EOFException ex)
            {
                return null;
            }
        }
    }
}
