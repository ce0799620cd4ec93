package io.aerie.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's TCP side: Netty's accept thread and I/O threads, which only frame ZooKeeper packets
 * ({@link ZkFrameDecoder}) and hand them to the agent ({@link ZkChannelHandler}), the server port and every
 * connection open on it. Opened and closed on the thread that launches and closes the gateway.
 */
final class GatewayServer implements AutoCloseable
{
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private Channel serverChannel;

    /**
     * Bind the port and start accepting.
     *
     * @throws RuntimeException a bind failure as Netty reports it, after releasing the threads.
     */
    GatewayServer(final ZooKeeperGateway.Context ctx, final GatewayAgent agent)
    {
        bossGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("aerie-gateway-accept", true));
        workerGroup = new NioEventLoopGroup(ctx.ioThreads(), new DefaultThreadFactory("aerie-gateway-io", true));
        try
        {
            serverChannel = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    protected void initChannel(final SocketChannel channel)
                    {
                        channel.pipeline().addLast(
                            new ZkFrameDecoder(ctx.maxPacketLength()),
                            new ZkChannelHandler(agent, channels, ctx.fourLetterWords()));
                    }
                })
                .bind(new InetSocketAddress(ctx.host(), ctx.port()))
                .syncUninterruptibly()
                .channel();
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * @return the port bound (the one the kernel chose when configured as 0).
     */
    int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /**
     * Stop accepting, close every connection, stop the threads.
     */
    public void close()
    {
        if (null != serverChannel)
        {
            serverChannel.close().syncUninterruptibly();
        }
        channels.close().awaitUninterruptibly();
        workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
