package io.aerie.engine.service;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.aeron.FragmentAssembler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Streams over the cluster snapshot: the state is written as a byte stream cut into publication-sized
 * messages, and read back by assembling fragments (a snapshot message larger than the MTU arrives in
 * fragments; parsing them unassembled breaks the load, PLATFORM.md).
 */
final class SnapshotStreams
{
    private static final int SNAPSHOT_MAGIC = 0x41455256; // "AERV"
    private static final int SNAPSHOT_VERSION = 2;

    private SnapshotStreams()
    {
    }

    /**
     * Write the service's state: the last zxid, the sessions (with their identities), the watches, the tree.
     */
    static void write(final ServiceState state, final ExclusivePublication publication, final IdleStrategy idleStrategy)
    {
        final PublicationOutputStream stream = new PublicationOutputStream(publication, idleStrategy);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 64 * 1024)))
        {
            out.writeInt(SNAPSHOT_MAGIC);
            out.writeInt(SNAPSHOT_VERSION);
            out.writeLong(state.lastZxid);
            state.sessions.writeSnapshot(out);
            state.watches.writeSnapshot(out);
            state.tree.writeSnapshot(out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Replace the service's state with one written by {@link #write}.
     */
    static void load(final ServiceState state, final Image image, final IdleStrategy idleStrategy)
    {
        final ImageInputStream stream = new ImageInputStream(image, idleStrategy);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 64 * 1024)))
        {
            if (SNAPSHOT_MAGIC != in.readInt() || SNAPSHOT_VERSION != in.readInt())
            {
                throw new IOException("not an Aerie service snapshot");
            }
            state.lastZxid = in.readLong();
            state.sessions.loadSnapshot(in);
            state.watches.loadSnapshot(in);
            state.tree.loadSnapshot(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("failed to load snapshot", ex);
        }
    }

    /**
     * Buffers writes and offers them as messages of at most the publication's max payload.
     */
    static final class PublicationOutputStream extends OutputStream
    {
        private final ExclusivePublication publication;
        private final IdleStrategy idleStrategy;
        private final UnsafeBuffer buffer;
        private int position;

        PublicationOutputStream(final ExclusivePublication publication, final IdleStrategy idleStrategy)
        {
            this.publication = publication;
            this.idleStrategy = idleStrategy;
            this.buffer = new UnsafeBuffer(new byte[Math.min(publication.maxMessageLength(), 64 * 1024)]);
        }

        @Override
        public void write(final int b) throws IOException
        {
            if (position == buffer.capacity())
            {
                flush();
            }
            buffer.putByte(position++, (byte)b);
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) throws IOException
        {
            int written = 0;
            while (written < length)
            {
                if (position == buffer.capacity())
                {
                    flush();
                }
                final int chunk = Math.min(length - written, buffer.capacity() - position);
                buffer.putBytes(position, bytes, offset + written, chunk);
                position += chunk;
                written += chunk;
            }
        }

        @Override
        public void flush() throws IOException
        {
            if (0 == position)
            {
                return;
            }
            idleStrategy.reset();
            long result;
            while ((result = publication.offer(buffer, 0, position)) < 0)
            {
                if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
                {
                    throw new IOException("snapshot publication failed: " + Publication.errorString(result));
                }
                idleStrategy.idle();
            }
            position = 0;
        }
    }

    /**
     * Reads the snapshot image's messages as one byte stream, polling for more as it is consumed.
     */
    static final class ImageInputStream extends InputStream implements FragmentHandler
    {
        private final Image image;
        private final IdleStrategy idleStrategy;
        private final FragmentAssembler assembler = new FragmentAssembler(this);
        private final UnsafeBuffer chunk = new UnsafeBuffer(0, 0);
        private byte[] bytes = new byte[64 * 1024];
        private int limit;
        private int position;

        ImageInputStream(final Image image, final IdleStrategy idleStrategy)
        {
            this.image = image;
            this.idleStrategy = idleStrategy;
        }

        @Override
        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            if (bytes.length < length)
            {
                bytes = new byte[length];
            }
            chunk.wrap(bytes);
            chunk.putBytes(0, buffer, offset, length);
            limit = length;
            position = 0;
        }

        @Override
        public int read() throws IOException
        {
            if (!fill())
            {
                return -1;
            }
            return bytes[position++] & 0xFF;
        }

        @Override
        public int read(final byte[] out, final int offset, final int length) throws IOException
        {
            if (0 == length)
            {
                return 0;
            }
            if (!fill())
            {
                return -1;
            }
            final int count = Math.min(length, limit - position);
            System.arraycopy(bytes, position, out, offset, count);
            position += count;
            return count;
        }

        private boolean fill() throws IOException
        {
            idleStrategy.reset();
            while (position == limit)
            {
                if (image.isEndOfStream() || image.isClosed())
                {
                    return false;
                }
                if (0 == image.poll(assembler, 1))
                {
                    idleStrategy.idle();
                }
            }
            return true;
        }
    }
}
