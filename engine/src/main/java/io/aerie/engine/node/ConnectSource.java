package io.aerie.engine.node;

import org.agrona.DirectBuffer;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether the response channel a cluster connect request declares is the address the request came from.
 * <p>
 * Aeron Cluster answers a connect on the response channel the client declares, and the service sees only that
 * channel ({@code ClientSession.responseChannel()}). Checked against the datagram's source here, the declared host
 * becomes the client's address as the cluster sees it: what ZooKeeper's {@code ip} scheme matches. Accepted:
 * <ul>
 *     <li>{@code aeron:udp} with an {@code endpoint} whose host is the literal source address (IPv4 dotted quad
 *     or bracketed IPv6); from a loopback source, any loopback address;</li>
 *     <li>{@code aeron:ipc}, only from a loopback source: only a process on the node's host can receive on the
 *     node's own driver, and it is then the address 127.0.0.1.</li>
 * </ul>
 * Anything else (a host name, no endpoint, another media, an address that is not the source) is refused.
 * <p>
 * Runs on the media driver's receiver thread for connect requests only. IPv4 allocates nothing; an IPv6
 * literal is parsed by {@link InetAddress}, which allocates.
 */
final class ConnectSource
{
    private static final byte[] IPC = "aeron:ipc".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] UDP = "aeron:udp".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] ENDPOINT = "endpoint=".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int NOT_IPV4 = -1;
    private static final long NO_ADDRESS = Long.MIN_VALUE;

    private ConnectSource()
    {
    }

    /**
     * @param buffer  holding the response channel's ASCII bytes.
     * @param offset  of the channel's first byte.
     * @param length  of the channel in bytes.
     * @param source  the address the connect request came from.
     * @return true if the channel's host is the source, as described above.
     */
    static boolean isDeclaredBy(final DirectBuffer buffer, final int offset, final int length, final InetAddress source)
    {
        if (null == source)
        {
            return false;
        }
        if (startsWith(buffer, offset, length, IPC))
        {
            return source.isLoopbackAddress() && (length == IPC.length || '?' == buffer.getByte(offset + IPC.length));
        }
        if (!startsWith(buffer, offset, length, UDP))
        {
            return false;
        }
        final int valueStart = endpointValue(buffer, offset, length);
        if (valueStart < 0)
        {
            return false;
        }
        int valueEnd = valueStart;
        while (valueEnd < offset + length && '|' != buffer.getByte(valueEnd))
        {
            valueEnd++;
        }
        int colon = valueEnd - 1;
        while (colon > valueStart && ':' != buffer.getByte(colon))
        {
            colon--;
        }
        if (colon <= valueStart)
        {
            return false; // no port: Aeron needs host:port
        }
        if ('[' == buffer.getByte(valueStart))
        {
            return isIpv6Source(buffer, valueStart, colon, source);
        }
        final long ipv4 = parseIpv4(buffer, valueStart, colon);
        if (NO_ADDRESS == ipv4)
        {
            return false; // a host name: not what the datagram's source can be checked against
        }
        if (source instanceof Inet4Address)
        {
            // Inet4Address's hash code is its address: no array copy on the receiver thread.
            final int sourceIpv4 = source.hashCode();
            return sourceIpv4 == (int)ipv4 || (source.isLoopbackAddress() && 127 == (ipv4 >>> 24));
        }
        return source.isLoopbackAddress() && 127 == (ipv4 >>> 24);
    }

    private static boolean isIpv6Source(
        final DirectBuffer buffer, final int hostStart, final int colon, final InetAddress source)
    {
        if (']' != buffer.getByte(colon - 1) || colon - 1 <= hostStart + 1)
        {
            return false;
        }
        final String literal = buffer.getStringWithoutLengthAscii(hostStart + 1, colon - 2 - hostStart);
        if (literal.indexOf(':') < 0)
        {
            return false; // not an IPv6 literal: InetAddress would look a name up
        }
        try
        {
            final InetAddress declared = InetAddress.getByName(literal);
            return declared instanceof Inet6Address &&
                (declared.equals(source) || (declared.isLoopbackAddress() && source.isLoopbackAddress()));
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }

    /**
     * @return the offset of the endpoint parameter's value, or -1 if the channel has none.
     */
    private static int endpointValue(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        for (int i = offset + UDP.length; i < end; i++)
        {
            final byte b = buffer.getByte(i);
            if (('?' == b || '|' == b) && startsWith(buffer, i + 1, end - i - 1, ENDPOINT))
            {
                return i + 1 + ENDPOINT.length;
            }
        }
        return -1;
    }

    /**
     * @return the address as an unsigned 32-bit value, or {@link #NO_ADDRESS} if the text is not a dotted quad.
     */
    static long parseIpv4(final DirectBuffer buffer, final int start, final int end)
    {
        long address = 0;
        int octets = 0;
        int value = NOT_IPV4;
        for (int i = start; i <= end; i++)
        {
            final byte b = i < end ? buffer.getByte(i) : (byte)'.';
            if ('.' == b)
            {
                if (NOT_IPV4 == value || ++octets > 4)
                {
                    return NO_ADDRESS;
                }
                address = (address << 8) | value;
                value = NOT_IPV4;
            }
            else if (b >= '0' && b <= '9')
            {
                value = (NOT_IPV4 == value ? 0 : value * 10) + (b - '0');
                if (value > 255)
                {
                    return NO_ADDRESS;
                }
            }
            else
            {
                return NO_ADDRESS;
            }
        }
        return 4 == octets ? address : NO_ADDRESS;
    }

    private static boolean startsWith(final DirectBuffer buffer, final int offset, final int length, final byte[] prefix)
    {
        if (length < prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (prefix[i] != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }
}
