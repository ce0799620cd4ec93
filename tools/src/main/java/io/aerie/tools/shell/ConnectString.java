package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.client.ClientConnection;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.node.NodeTransport;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the cluster is: each member's ingress endpoint as {@code host:port}, separated by commas as in ZooKeeper's
 * connect string ({@code localhost:20000,localhost:20100,localhost:20200}, member ids 0, 1, 2 in order), or with
 * explicit member ids as {@code aerie local} prints it ({@code 0=localhost:20000,1=localhost:20100}). Maps onto
 * {@link AerieClient.Context#ingressEndpoints(String)}. A chroot may follow the last member, as in ZooKeeper
 * ({@code localhost:20000,localhost:20100/app}): every path of the session is then relative to it. Immutable.
 */
final class ConnectString
{
    private final String ingressEndpoints;
    private final String display;
    private final List<String> hosts;
    private final String chroot;

    private ConnectString(final String ingressEndpoints, final String display, final List<String> hosts, final String chroot)
    {
        this.ingressEndpoints = ingressEndpoints;
        this.display = display;
        this.hosts = hosts;
        this.chroot = chroot;
    }

    /**
     * @param text {@code host:port,...} or {@code id=host:port,...}, optionally followed by a chroot ({@code /app}).
     * @return the parsed connect string.
     * @throws IllegalArgumentException with a one-line reason when the text is not one.
     */
    static ConnectString parse(final String text)
    {
        final String trimmed = text.trim();
        final int slash = trimmed.indexOf('/');
        final String chroot = slash < 0 || slash == trimmed.length() - 1 ? null : trimmed.substring(slash);
        if (null != chroot)
        {
            try
            {
                ClientConnection.Context.checkChroot(chroot);
            }
            catch (final IllegalArgumentException ex)
            {
                throw invalid(text, ex.getMessage());
            }
        }
        final String[] members = (slash < 0 ? trimmed : trimmed.substring(0, slash)).split("\\s*,\\s*", -1);
        final boolean withIds = members[0].contains("=");
        final StringBuilder endpoints = new StringBuilder();
        final StringBuilder display = new StringBuilder();
        final List<String> hosts = new ArrayList<>();
        for (int i = 0; i < members.length; i++)
        {
            final String member = members[i];
            final int equals = member.indexOf('=');
            if (withIds != (equals >= 0))
            {
                throw invalid(text, "give every member an id (0=host:port) or none (host:port)");
            }

            final String endpoint = withIds ? member.substring(equals + 1) : member;
            final String id = withIds ? member.substring(0, equals) : String.valueOf(i);
            if (!id.matches("[0-9]{1,9}"))
            {
                throw invalid(text, "member id '" + id + "' is not a number");
            }
            hosts.add(hostOf(text, endpoint));
            endpoints.append(i > 0 ? "," : "").append(id).append('=').append(endpoint);
            display.append(i > 0 ? "," : "").append(endpoint);
        }

        return new ConnectString(
            endpoints.toString(), display.append(null == chroot ? "" : chroot).toString(), List.copyOf(hosts), chroot);
    }

    /**
     * The cluster {@code aerie local} starts with the same settings ({@code aerie.local.*} properties or their
     * defaults): one member per node on its host, ingress at the port base + 100 per member.
     *
     * @return the local cluster's connect string.
     */
    static ConnectString localDefault()
    {
        final String host = LocalCluster.Configuration.host();
        final int portBase = LocalCluster.Configuration.portBase();
        final StringBuilder members = new StringBuilder();
        for (int memberId = 0, n = LocalCluster.Configuration.nodeCount(); memberId < n; memberId++)
        {
            final int port = portBase + memberId * NodeTransport.Configuration.PORTS_PER_MEMBER +
                NodeTransport.Configuration.INGRESS_PORT_OFFSET;
            members.append(memberId > 0 ? "," : "").append(memberId).append('=').append(host).append(':').append(port);
        }

        return parse(members.toString());
    }

    /**
     * @return {@code id=host:port,...} for {@link AerieClient.Context#ingressEndpoints(String)}.
     */
    String ingressEndpoints()
    {
        return ingressEndpoints;
    }

    /**
     * @return the chroot ({@code /app}) every path is relative to, or null for none.
     */
    String chroot()
    {
        return chroot;
    }

    /**
     * The egress channel for a client of this cluster: the client's default unless the cluster is on other hosts;
     * then the endpoint is the local address that routes to the first member, so the cluster can answer.
     *
     * @return a channel, or null to keep the client's default ({@value AerieClient.Context#EGRESS_CHANNEL_PROP_NAME}).
     */
    String egressChannel()
    {
        if (null != System.getProperty(ClientConnection.Configuration.EGRESS_CHANNEL_PROP_NAME) || isLoopbackOnly())
        {
            return null;
        }

        final InetAddress local = routeToFirstMember();
        if (null == local)
        {
            // Unresolvable or unroutable: the connect that follows fails and says so.
            return null;
        }

        final String address = local.getHostAddress();
        final String host = address.contains(":") ? "[" + address + "]" : address;
        return ChannelUri.parse(ClientConnection.Configuration.EGRESS_CHANNEL_DEFAULT)
            .put(CommonContext.ENDPOINT_PARAM_NAME, host + ":0")
            .toString();
    }

    /**
     * The address this machine reaches the cluster from, as the cluster sees a client: {@code whoami}'s ip.
     *
     * @return the local address that routes to the first member, {@code 127.0.0.1} for a cluster on loopback.
     */
    String localAddress()
    {
        final InetAddress local = isLoopbackOnly() ? null : routeToFirstMember();
        return null == local ? InetAddress.getLoopbackAddress().getHostAddress() : local.getHostAddress();
    }

    private InetAddress routeToFirstMember()
    {
        final String firstEndpoint = ingressEndpoints.split(",")[0];
        final String endpoint = firstEndpoint.substring(firstEndpoint.indexOf('=') + 1);
        final int colon = endpoint.lastIndexOf(':');
        try (DatagramSocket socket = new DatagramSocket())
        {
            socket.connect(new InetSocketAddress(
                unbracket(endpoint.substring(0, colon)), Integer.parseInt(endpoint.substring(colon + 1))));
            return socket.getLocalAddress();
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * @return the members as {@code host:port,...}, for the prompt and messages.
     */
    public String toString()
    {
        return display;
    }

    private boolean isLoopbackOnly()
    {
        for (final String host : hosts)
        {
            if (!"localhost".equalsIgnoreCase(host) && !host.startsWith("127.") && !"[::1]".equals(host))
            {
                return false;
            }
        }

        return true;
    }

    private static String hostOf(final String text, final String endpoint)
    {
        final int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1)
        {
            throw invalid(text, "'" + endpoint + "' is not host:port");
        }

        final String port = endpoint.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)
        {
            throw invalid(text, "port '" + port + "' is not 1..65535");
        }

        return endpoint.substring(0, colon);
    }

    private static String unbracket(final String host)
    {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static IllegalArgumentException invalid(final String text, final String reason)
    {
        return new IllegalArgumentException("invalid connect string '" + text + "': " + reason);
    }

    /**
     * picocli converter: a bad connect string is a usage error.
     */
    static final class Converter implements ITypeConverter<ConnectString>
    {
        public ConnectString convert(final String value)
        {
            try
            {
                return parse(value);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new TypeConversionException(ex.getMessage());
            }
        }
    }
}
