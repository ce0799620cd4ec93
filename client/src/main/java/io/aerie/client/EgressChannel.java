package io.aerie.client;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The egress channel a client declares to the cluster, with its endpoint host as a literal IP address: the
 * cluster's ingress guard refuses a connect whose declared egress host is not the address the connect came from,
 * and takes the client's {@code ip} identity from it.
 */
final class EgressChannel
{
    private EgressChannel()
    {
    }

    /**
     * @param channel an Aeron channel.
     * @return the channel with its endpoint's host name resolved to a literal address; unchanged if it is not a
     * UDP channel with an endpoint, or the host is already literal.
     * @throws IllegalArgumentException if the host does not resolve.
     */
    static String withLiteralHost(final String channel)
    {
        final ChannelUri uri = ChannelUri.parse(channel);
        final String endpoint = uri.get(CommonContext.ENDPOINT_PARAM_NAME);
        if (!uri.isUdp() || null == endpoint || endpoint.startsWith("["))
        {
            return channel;
        }
        final int colon = endpoint.lastIndexOf(':');
        final String host = colon < 0 ? endpoint : endpoint.substring(0, colon);
        try
        {
            final InetAddress address = InetAddress.getByName(host);
            final String literal = address instanceof Inet6Address ?
                "[" + address.getHostAddress() + "]" : address.getHostAddress();
            if (literal.equals(host))
            {
                return channel;
            }
            uri.put(CommonContext.ENDPOINT_PARAM_NAME, colon < 0 ? literal : literal + endpoint.substring(colon));
            return uri.toString();
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("egress endpoint host does not resolve: " + host, ex);
        }
    }
}
