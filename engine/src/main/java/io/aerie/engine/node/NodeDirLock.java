package io.aerie.engine.node;

import org.agrona.CloseHelper;
import io.aeron.exceptions.ConfigurationException;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a node's directory ({@code <nodeDir>/node.lock}), held while the node runs.
 * <p>
 * The operating system releases the lock when its process ends, however it ends ({@code kill -9} included), so
 * a node that acquires it knows that no live process uses its directory: the mark files and driver files found
 * there are a dead node's, and can be removed instead of blocking the restart ("Active media driver detected",
 * "active mark file detected"). A second node started on a directory in use fails at once with a clear error
 * instead.
 */
final class NodeDirLock implements AutoCloseable
{
    /** Name of the lock file in the node directory. */
    static final String FILENAME = "node.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private NodeDirLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Take the lock of {@code nodeDir}, creating the directory if needed.
     *
     * @param nodeDir the node's base directory.
     * @return the lock, to be closed when the node stops.
     * @throws ConfigurationException if another live node, in this process or another, holds it.
     */
    static NodeDirLock acquire(final File nodeDir)
    {
        if (!nodeDir.isDirectory() && !nodeDir.mkdirs() && !nodeDir.isDirectory())
        {
            throw new ConfigurationException("cannot create node directory " + nodeDir.getAbsolutePath());
        }
        final File file = new File(nodeDir, FILENAME);
        FileChannel channel = null;
        try
        {
            channel = FileChannel.open(file.toPath(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            if (null == lock)
            {
                throw inUse(file, "another process");
            }
            return new NodeDirLock(channel, lock);
        }
        catch (final OverlappingFileLockException ex)
        {
            CloseHelper.quietClose(channel);
            throw inUse(file, "this process");
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel);
            throw new UncheckedIOException("cannot lock node directory " + nodeDir.getAbsolutePath(), ex);
        }
        catch (final ConfigurationException ex)
        {
            CloseHelper.quietClose(channel);
            throw ex;
        }
    }

    /**
     * Release the lock; idempotent.
     */
    public void close()
    {
        if (channel.isOpen())
        {
            try
            {
                lock.release();
            }
            catch (final IOException ignore)
            {
                // Closing the channel below releases it too.
            }
            CloseHelper.quietClose(channel);
        }
    }

    private static ConfigurationException inUse(final File file, final String holder)
    {
        return new ConfigurationException("node directory " + file.getParentFile().getAbsolutePath() +
            " is in use by a running node in " + holder + " (it holds " + file.getName() + "); stop that node first, " +
            "or give this one its own aerie.node.dir");
    }
}
