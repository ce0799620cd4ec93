package io.aerie.engine.service;

import io.aeron.Publication;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Read-channel answers captured in memory, as {@link StubClientSession} captures egress: each opened channel is
 * connected at once (or when the test says) and keeps every message offered to it.
 */
final class StubReadReplies implements ReadReplies
{
    final List<StubChannel> opened = new ArrayList<>();
    boolean connectAtOnce = true;

    @Override
    public Channel open(final String channel, final int streamId)
    {
        final StubChannel stub = new StubChannel(channel, streamId, connectAtOnce);
        opened.add(stub);
        return stub;
    }

    StubChannel last()
    {
        return opened.get(opened.size() - 1);
    }

    static final class StubChannel implements Channel
    {
        final String channel;
        final int streamId;
        final List<byte[]> messages = new ArrayList<>();
        boolean connected;
        boolean closed;

        StubChannel(final String channel, final int streamId, final boolean connected)
        {
            this.channel = channel;
            this.streamId = streamId;
            this.connected = connected;
        }

        @Override
        public boolean isConnected()
        {
            return connected && !closed;
        }

        @Override
        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            if (!isConnected())
            {
                return Publication.NOT_CONNECTED;
            }
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            messages.add(copy);
            return messages.size() * 64L;
        }

        @Override
        public void close()
        {
            closed = true;
        }
    }
}
