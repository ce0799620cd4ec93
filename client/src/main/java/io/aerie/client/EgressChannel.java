package io.aerie.client;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;

import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
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
     * A loopback egress host (the default {@code localhost:0}) reaches only members on this host: members elsewhere
     * would send their answers to their own loopback. When the members are not on loopback, the host becomes the
     * address of this host's interface that routes to the first of them (the kernel's choice, asked by connecting a
     * UDP socket, which sends nothing).
     *
     * @param channel          an Aeron channel.
     * @param ingressEndpoints the members' ingress endpoints, {@code id=host:port,...}; null when the client's
     *                         transport finds the cluster its own way (an in-memory cluster).
     * @return the channel, with a routable host if it had a loopback one and the members are elsewhere; otherwise
     * (or if no route is found, or there are no endpoints) unchanged.
     */
    static String routedTo(final String channel, final String ingressEndpoints)
    {
        final ChannelUri uri = ChannelUri.parse(channel);
        final String endpoint = uri.get(CommonContext.ENDPOINT_PARAM_NAME);
        if (null == ingressEndpoints || !uri.isUdp() || null == endpoint || endpoint.startsWith("[") ||
            !isLoopback(hostOf(endpoint)))
        {
            return channel;
        }
        for (final String member : ingressEndpoints.split(","))
        {
            final String hostAndPort = member.substring(member.indexOf('=') + 1).trim();
            final int colon = hostAndPort.lastIndexOf(':');
            final String host = hostOf(hostAndPort);
            if (!hostAndPort.startsWith("[") && colon > 0 && !isLoopback(host))
            {
                final String local = localAddressTowards(host, hostAndPort.substring(colon + 1));
                if (null != local)
                {
                    final int portColon = endpoint.lastIndexOf(':');
                    uri.put(CommonContext.ENDPOINT_PARAM_NAME, portColon < 0 ? local : local +
                        endpoint.substring(portColon));
                    return uri.toString();
                }
                return channel;
            }
        }
        return channel;
    }

    private static String hostOf(final String endpoint)
    {
        final int colon = endpoint.lastIndexOf(':');
        return colon < 0 ? endpoint : endpoint.substring(0, colon);
    }

    private static boolean isLoopback(final String host)
    {
        try
        {
            return InetAddress.getByName(host).isLoopbackAddress();
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }

    private static String localAddressTowards(final String host, final String port)
    {
        try (DatagramSocket socket = new DatagramSocket())
        {
            socket.connect(new InetSocketAddress(host, Integer.parseInt(port)));
            final InetAddress local = socket.getLocalAddress();
            return null == local || local.isAnyLocalAddress() || local instanceof Inet6Address ?
                null : local.getHostAddress();
        }
        catch (final SocketException | IllegalArgumentException | SecurityException ex)
        {
            // a malformed endpoint (NumberFormatException is one) is left for the connect to report
            return null;
        }
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
