package io.aerie.engine.tree;

import net.openhft.posix.PosixAPI;

import java.nio.file.Path;

/**
 * Where a sparse file holds data, by {@code lseek(SEEK_DATA / SEEK_HOLE)} (Linux and other systems that have them),
 * through the POSIX binding Chronicle Map already loads: a tree copy reads only the data of its map files, not the
 * hundreds of MiB of holes around it (the kernel fills page cache with zeros for every hole read). Where the calls
 * are not available (no binding, a file system without them), the whole file counts as data. Positions returned are
 * aligned to 4 KiB pages, so a copy by page sees the same pages either way. Service thread only.
 */
final class FileExtents implements AutoCloseable
{
    private static final int O_RDONLY = 0;
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int ENXIO = 6;
    private static final int FIRST_FREE_FD = 3;
    private static final long PAGE_MASK = 4096 - 1;
    private static final FileExtents WHOLE = new FileExtents(-1);

    private final int fd;

    private FileExtents(final int fd)
    {
        this.fd = fd;
    }

    /**
     * @return the extents of {@code file}; all data if they cannot be asked for.
     */
    static FileExtents open(final Path file)
    {
        try
        {
            final int fd = PosixAPI.posix().open(file.toString(), O_RDONLY, 0);
            // Below 3: not a descriptor of ours (a binding that does nothing answers 0); never close it.
            return fd < FIRST_FREE_FD ? WHOLE : new FileExtents(fd);
        }
        catch (final RuntimeException | LinkageError ex)
        {
            return WHOLE;
        }
    }

    /**
     * @return the start of the first page at or after {@code position} that may hold data, or {@code size} if none.
     */
    long nextData(final long position, final long size)
    {
        if (fd < 0 || position >= size)
        {
            return Math.min(position, size);
        }
        final long data = PosixAPI.posix().lseek(fd, position, SEEK_DATA);
        // -1: no data after position (ENXIO), or the call is not supported: then read on from here.
        if (data < 0)
        {
            return ENXIO == PosixAPI.posix().lastError() ? size : position;
        }
        return Math.min(size, Math.max(position, data & ~PAGE_MASK));
    }

    /**
     * @return the end of the data that starts at {@code position}, rounded up to a page (or {@code size}); at least
     * one page past {@code position}, so a caller always moves on.
     */
    long nextHole(final long position, final long size)
    {
        if (fd < 0)
        {
            return size;
        }
        final long hole = PosixAPI.posix().lseek(fd, position, SEEK_HOLE);
        final long end = hole < 0 ? size : (hole + PAGE_MASK) & ~PAGE_MASK;
        return Math.min(size, Math.max(end, position + PAGE_MASK + 1));
    }

    @Override
    public void close()
    {
        if (fd >= 0)
        {
            PosixAPI.posix().close(fd);
        }
    }
}
