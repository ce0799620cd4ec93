package io.aerie.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Netty's end of one ZooKeeper connection: hands its packets and its end to the gateway agent, and answers a
 * four-letter word itself (read-only figures from counters) before closing, as ZooKeeper's server does.
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
            agent.counters().fourLetterWords.increment();
            final List<String> clients = new ArrayList<>();
            channels.forEach((channel) ->
            {
                if (channel != ctx.channel() && null != channel.remoteAddress())
                {
                    clients.add(channel.remoteAddress().toString());
                }
            });
            final String answer = FourLetterWords.answer(word.word(), fourLetterWords, agent.counters(), clients);
            ctx.writeAndFlush(Unpooled.copiedBuffer(answer, StandardCharsets.UTF_8))
                .addListener(ChannelFutureListener.CLOSE);
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
        agent.counters().protocolErrors.increment();
        ctx.close();
    }
}
