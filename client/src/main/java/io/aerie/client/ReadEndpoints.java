package io.aerie.client;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;

/**
 * The members' read endpoints a {@link ReadMode#LOCAL} client may read from, in the order it tries them: the chosen
 * member first, else the members on this host, then the others; each list starts at a random point, so clients
 * spread over equal choices (round robin across clients).
 */
final class ReadEndpoints
{
    /** A node's read port is its ingress port plus this (the node's {@code READ_PORT_OFFSET}). */
    static final int READ_PORT_OFFSET = 7;

    private final int[] memberIds;
    private final String[] endpoints;

    private ReadEndpoints(final int[] memberIds, final String[] endpoints)
    {
        this.memberIds = memberIds;
        this.endpoints = endpoints;
    }

    /**
     * @param ingressEndpoints "id=host:port,...".
     * @return "id=host:(port+7),...".
     */
    static String fromIngress(final String ingressEndpoints)
    {
        final StringBuilder sb = new StringBuilder();
        for (final String entry : ingressEndpoints.split(","))
        {
            final int colon = entry.lastIndexOf(':');
            final int port = Integer.parseInt(entry.substring(colon + 1).trim()) + READ_PORT_OFFSET;
            sb.append(sb.length() > 0 ? "," : "").append(entry.substring(0, colon + 1).trim()).append(port);
        }
        return sb.toString();
    }

    /**
     * @param readEndpoints "id=host:port,...".
     * @param preferred     a member to try first, or -1.
     * @param start         where to start among equal choices (a random number).
     */
    static ReadEndpoints ordered(final String readEndpoints, final int preferred, final int start)
    {
        final List<String> first = new ArrayList<>();
        final List<String> rest = new ArrayList<>();
        final String[] entries = readEndpoints.split(",");
        for (int i = 0; i < entries.length; i++)
        {
            final String entry = entries[(Math.floorMod(start, entries.length) + i) % entries.length].trim();
            final int id = Integer.parseInt(entry.substring(0, entry.indexOf('=')).trim());
            final String endpoint = entry.substring(entry.indexOf('=') + 1).trim();
            final boolean isFirst = preferred >= 0 ? id == preferred : isLocal(endpoint);
            (isFirst ? first : rest).add(entry);
        }
        first.addAll(rest);
        final int[] ids = new int[first.size()];
        final String[] endpoints = new String[first.size()];
        for (int i = 0; i < ids.length; i++)
        {
            final String entry = first.get(i);
            ids[i] = Integer.parseInt(entry.substring(0, entry.indexOf('=')).trim());
            endpoints[i] = entry.substring(entry.indexOf('=') + 1).trim();
        }
        return new ReadEndpoints(ids, endpoints);
    }

    int size()
    {
        return endpoints.length;
    }

    int memberId(final int index)
    {
        return memberIds[index];
    }

    String endpoint(final int index)
    {
        return endpoints[index];
    }

    /**
     * @return true if the endpoint's host is an address of this machine.
     */
    static boolean isLocal(final String endpoint)
    {
        final int colon = endpoint.lastIndexOf(':');
        String host = colon < 0 ? endpoint : endpoint.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        try
        {
            final InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || address.isAnyLocalAddress() ||
                null != NetworkInterface.getByInetAddress(address);
        }
        catch (final Exception ex)
        {
            return false;
        }
    }
}
