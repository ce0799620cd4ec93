package io.aerie.engine.snapshot;

import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.io.InputStream;

/**
 * Reads a snapshot image's messages as one byte stream, polling for more as it is consumed: how a snapshot of the
 * earlier DataOutput format, cut into publication-sized messages, is read.
 */
final class ImageInputStream extends InputStream implements FragmentHandler
{
    private final Image image;
    private final IdleStrategy idleStrategy;
    private final FragmentAssembler assembler = new FragmentAssembler(this);
    private byte[] bytes;
    private int limit;
    private int position;

    /**
     * @param first the first message, already taken from the image.
     */
    ImageInputStream(final Image image, final IdleStrategy idleStrategy, final byte[] first)
    {
        this.image = image;
        this.idleStrategy = idleStrategy;
        this.bytes = first;
        this.limit = first.length;
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (bytes.length < length)
        {
            bytes = new byte[length];
        }
        buffer.getBytes(offset, bytes, 0, length);
        limit = length;
        position = 0;
    }

    @Override
    public int read()
    {
        if (!fill())
        {
            return -1;
        }
        return bytes[position++] & 0xFF;
    }

    @Override
    public int read(final byte[] out, final int offset, final int length)
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

    private boolean fill()
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
