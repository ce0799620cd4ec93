package io.aerie.engine.service;

import io.aeron.ChannelUri;

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

    private static boolean isLoopback(final String host)
    {
        return host.startsWith("127.") || "[::1]".equals(host) || "localhost".equals(host);
    }
}
