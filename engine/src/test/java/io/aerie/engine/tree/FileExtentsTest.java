package io.aerie.engine.tree;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data ranges of a sparse file, as a tree copy reads them: every byte written is inside one, aligned to pages,
 * and a hole between them is skipped (on Linux file systems with {@code SEEK_DATA}, as this machine's).
 */
class FileExtentsTest
{
    private static final long SECOND_DATA = 1024 * 1024 + 8192;
    private static final long SIZE = 4L * 1024 * 1024;

    @TempDir
    File dir;

    @Test
    void shouldFindTheDataAroundAHoleAndNoneAfterTheLast() throws IOException
    {
        final Path file = sparseFile();
        try (FileExtents extents = FileExtents.open(file))
        {
            final long firstData = extents.nextData(0, SIZE);
            final long firstEnd = extents.nextHole(firstData, SIZE);
            final long secondData = extents.nextData(firstEnd, SIZE);
            final long secondEnd = extents.nextHole(secondData, SIZE);

            assertEquals(0, firstData);
            assertTrue(firstEnd >= 100 && firstEnd % 4096 == 0, "first range ends at " + firstEnd);
            assertTrue(secondData <= SECOND_DATA && secondData % 4096 == 0, "second range starts at " + secondData);
            assertTrue(secondData > firstEnd, "the hole between them is skipped");
            assertTrue(secondEnd >= SECOND_DATA + 100, "second range ends at " + secondEnd);
            assertEquals(SIZE, extents.nextData(secondEnd, SIZE), "no data after the last range");
        }
    }

    private Path sparseFile() throws IOException
    {
        final File file = new File(dir, "sparse");
        try (RandomAccessFile raf = new RandomAccessFile(file, "rw"))
        {
            raf.setLength(SIZE);
            raf.seek(0);
            raf.write(new byte[100], 0, 100);
            raf.seek(0);
            raf.write(1);
            raf.seek(SECOND_DATA);
            final byte[] ones = new byte[100];
            java.util.Arrays.fill(ones, (byte)1);
            raf.write(ones);
        }
        return file.toPath();
    }
}
