package io.aerie.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.util.List;

/**
 * Splits ZooKeeper's stream into packets: a 4-byte big-endian length, then that many bytes. As ZooKeeper's server
 * does, the first four bytes of a connection may instead be a four-letter word ({@code ruok}, {@code srvr}, ...):
 * that is passed on as a {@link FourLetterWord} and the connection reads nothing more. A length below zero or above
 * the configured maximum closes the connection (ZooKeeper's "Len error").
 */
final class ZkFrameDecoder extends ByteToMessageDecoder
{
    private final int maxPacketLength;
    private boolean first = true;

    ZkFrameDecoder(final int maxPacketLength)
    {
        this.maxPacketLength = maxPacketLength;
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
    {
        while (in.readableBytes() >= 4)
        {
            final int length = in.getInt(in.readerIndex());
            if (first)
            {
                first = false;
                final String word = FourLetterWords.wordOf(length);
                if (null != word)
                {
                    in.skipBytes(in.readableBytes());
                    out.add(new FourLetterWord(word));
                    return;
                }
            }
            if (length < 0 || length > maxPacketLength)
            {
                in.skipBytes(in.readableBytes());
                throw new TooLongFrameException("packet length " + length + " outside 0.." + maxPacketLength);
            }
            if (in.readableBytes() < 4 + length)
            {
                return;
            }
            in.skipBytes(4);
            out.add(in.readRetainedSlice(length));
        }
    }

    /**
     * A four-letter word received as the first bytes of a connection.
     */
    record FourLetterWord(String word)
    {
    }
}
