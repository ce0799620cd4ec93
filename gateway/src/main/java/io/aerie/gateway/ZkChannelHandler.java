package io.aerie.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Netty's end of one ZooKeeper connection: hands its packets, its end and any four-letter word to the gateway agent.
 * Netty's threads never touch the gateway's Aeron counters: they live in the Aeron client's mapped CnC file, which
 * the client unmaps if it closes itself (a driver timeout), and a read after that is a SIGSEGV of the whole JVM, the
 * node's too when the gateway runs beside one. The agent answers the word and closes the connection, as ZooKeeper's
 * server does.
 */
final class ZkChannelHandler extends ChannelInboundHandlerAdapter
{
    private final GatewayAgent agent;
    private final ChannelGroup channels;
    private final Set<String> fourLetterWords;
    private ZkConnection connection;

    ZkChannelHandler(final GatewayAgent agent, final ChannelGroup channels, final Set<String> fourLetterWords)
    {
        this.agent = agent;
        this.channels = channels;
        this.fourLetterWords = fourLetterWords;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        channels.add(ctx.channel());
        final ZkConnection opened = new ZkConnection(ctx.channel(), agent, System.nanoTime());
        connection = opened;
        agent.enqueue(() -> agent.onOpen(opened));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (msg instanceof ZkFrameDecoder.FourLetterWord word)
        {
            final List<String> clients = new ArrayList<>();
            channels.forEach((channel) ->
            {
                if (channel != ctx.channel() && null != channel.remoteAddress())
                {
                    clients.add(channel.remoteAddress().toString());
                }
            });
            agent.enqueue(() -> agent.answerFourLetterWord(ctx.channel(), word.word(), fourLetterWords, clients));
            return;
        }
        final ZkConnection opened = connection;
        final ByteBuf packet = (ByteBuf)msg;
        agent.enqueue(() -> opened.onPacket(packet, System.nanoTime()));
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        final ZkConnection closed = connection;
        if (null != closed)
        {
            agent.enqueue(() -> agent.onClosed(closed));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        // A packet over the limit, a reset connection: ZooKeeper's server closes the connection too.
        agent.enqueue(agent::onProtocolError);
        ctx.close();
    }
}
