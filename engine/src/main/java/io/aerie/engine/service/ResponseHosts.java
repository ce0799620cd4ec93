package io.aerie.engine.service;

import io.aeron.ChannelUri;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;

/**
 * Where a client may ask a node to send answers to its local reads: only to the host of its cluster session's own
 * egress, which the node's ingress guard pinned to the literal source address of its connect.
 */
final class ResponseHosts
{
    private ResponseHosts()
    {
    }

    /**
     * Whether a declared response channel is on the host of the cluster session's own egress, which the node's
     * ingress guard pinned to the connect's source address: a client cannot aim answers at another host.
     */
    static boolean sameHost(final String declared, final String sessionChannel)
    {
        final String declaredHost = hostOf(declared);
        final String sessionHost = hostOf(sessionChannel);
        return null != declaredHost && null != sessionHost &&
            (declaredHost.equals(sessionHost) || (isLoopback(declaredHost) && isLoopback(sessionHost)));
    }

    static String hostOf(final String channel)
    {
        if (null == channel)
        {
            return null;
        }
        try
        {
            final ChannelUri uri = ChannelUri.parse(channel);
            if (uri.isIpc())
            {
                return "127.0.0.1"; // The ingress guard takes aeron:ipc only from loopback.
            }
            final String endpoint = uri.isUdp() ? uri.get("endpoint") : null;
            if (null == endpoint)
            {
                return null;
            }
            final int end = endpoint.startsWith("[") ? endpoint.indexOf(']') + 1 : endpoint.lastIndexOf(':');
            return end <= 0 ? endpoint : endpoint.substring(0, end);
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * @return true for an {@code aeron:ipc} channel.
     */
    static boolean isIpc(final String channel)
    {
        return null != channel && channel.startsWith("aeron:ipc");
    }

    /**
     * Whether a UDP channel's host is an address of this machine (loopback or one of its interfaces): a client
     * there may reach this node's media driver. A handshake's check: it may allocate.
     */
    static boolean isThisHost(final String channel)
    {
        final String host = isIpc(channel) ? null : hostOf(channel);
        if (null == host)
        {
            return false;
        }
        if (isLoopback(host))
        {
            return true;
        }
        try
        {
            final String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return null != NetworkInterface.getByInetAddress(InetAddress.getByName(literal));
        }
        catch (final IOException | RuntimeException ex)
        {
            return false;
        }
    }

    private static boolean isLoopback(final String host)
    {
        return host.startsWith("127.") || "[::1]".equals(host) || "localhost".equals(host);
    }
}
