package io.aerie.engine.acl;

import org.agrona.DirectBuffer;

/**
 * IPv4 and IPv6 addresses and CIDR masks parsed from ASCII bytes into caller-owned arrays, as ZooKeeper's
 * {@code IPAuthenticationProvider} reads them ("10.0.0.1", "10.0.0.0/8", "2001:db8::1", "::1/128"): no allocation.
 */
final class IpAddresses
{
    static final int IPV4 = 4;
    static final int IPV6 = 16;
    private static final int IPV6_SEGMENTS = 8;

    private IpAddresses()
    {
    }

    /**
     * Parse an address (no mask) from [offset, offset + length).
     *
     * @param out at least 16 bytes.
     * @return 4 or 16, the address length, or -1 if it is not an address.
     */
    static int parse(final DirectBuffer text, final int offset, final int length, final byte[] out)
    {
        for (int i = 0; i < length; i++)
        {
            if (':' == text.getByte(offset + i))
            {
                return parseV6(text, offset, length, out);
            }
        }
        return parseV4(text, offset, length, out);
    }

    /**
     * @return the prefix length after '/' in [offset, offset + length), the full width when there is no '/', or -1
     * if the mask is malformed or wider than the address.
     */
    static int maskBits(final DirectBuffer text, final int slash, final int end, final int addressLength)
    {
        if (slash >= end)
        {
            return addressLength * 8;
        }
        final int bits = parseDecimal(text, slash + 1, end - slash - 1, 3);
        return bits > addressLength * 8 ? -1 : bits;
    }

    /**
     * @return true if the first {@code bits} bits of two addresses of {@code length} bytes are equal.
     */
    static boolean prefixEquals(final byte[] a, final byte[] b, final int length, final int bits)
    {
        final int whole = bits >> 3;
        for (int i = 0; i < whole; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }
        final int rest = bits & 7;
        if (0 == rest || whole >= length)
        {
            return true;
        }
        final int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[whole] & mask) == (b[whole] & mask);
    }

    /**
     * @return index of the first '/' in [offset, offset + length), or offset + length.
     */
    static int slashIndex(final DirectBuffer text, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if ('/' == text.getByte(offset + i))
            {
                return offset + i;
            }
        }
        return offset + length;
    }

    private static int parseV4(final DirectBuffer text, final int offset, final int length, final byte[] out)
    {
        int part = 0;
        int start = offset;
        final int end = offset + length;
        for (int i = offset; i <= end; i++)
        {
            if (i == end || '.' == text.getByte(i))
            {
                if (part >= IPV4)
                {
                    return -1;
                }
                final int value = parseDecimal(text, start, i - start, 3);
                if (value < 0 || value > 255)
                {
                    return -1;
                }
                out[part++] = (byte)value;
                start = i + 1;
            }
        }
        return IPV4 == part ? IPV4 : -1;
    }

    private static int parseV6(final DirectBuffer text, final int offset, final int length, final byte[] out)
    {
        final int end = offset + length;
        int gap = -1;
        for (int i = offset; i + 1 < end; i++)
        {
            if (':' == text.getByte(i) && ':' == text.getByte(i + 1))
            {
                if (gap >= 0)
                {
                    return -1;
                }
                gap = i;
            }
        }
        if (gap < 0)
        {
            return IPV6_SEGMENTS == parseSegments(text, offset, end, out, 0) ? IPV6 : -1;
        }
        final int before = gap == offset ? 0 : parseSegments(text, offset, gap, out, 0);
        if (before < 0)
        {
            return -1;
        }
        final int after = gap + 2 == end ? 0 : countSegments(text, gap + 2, end);
        if (after < 0 || before + after >= IPV6_SEGMENTS)
        {
            return -1;
        }
        for (int i = before * 2; i < IPV6 - after * 2; i++)
        {
            out[i] = 0;
        }
        if (after > 0 && after != parseSegments(text, gap + 2, end, out, IPV6 - after * 2))
        {
            return -1;
        }
        return IPV6;
    }

    private static int countSegments(final DirectBuffer text, final int start, final int end)
    {
        int segments = 1;
        for (int i = start; i < end; i++)
        {
            segments += ':' == text.getByte(i) ? 1 : 0;
        }
        return segments;
    }

    /**
     * @return number of ':'-separated hex segments parsed into {@code out} from {@code at}, or -1.
     */
    private static int parseSegments(final DirectBuffer text, final int start, final int end, final byte[] out, final int at)
    {
        int segments = 0;
        int segmentStart = start;
        for (int i = start; i <= end; i++)
        {
            if (i == end || ':' == text.getByte(i))
            {
                final int value = parseHex(text, segmentStart, i - segmentStart);
                final int index = at + segments * 2;
                if (value < 0 || index + 1 >= IPV6 + 1)
                {
                    return -1;
                }
                out[index] = (byte)(value >> 8);
                out[index + 1] = (byte)value;
                segments++;
                segmentStart = i + 1;
            }
        }
        return segments;
    }

    private static int parseHex(final DirectBuffer text, final int offset, final int length)
    {
        if (length < 1 || length > 4)
        {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < length; i++)
        {
            final int digit = Character.digit(text.getByte(offset + i), 16);
            if (digit < 0)
            {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private static int parseDecimal(final DirectBuffer text, final int offset, final int length, final int maxDigits)
    {
        if (length < 1 || length > maxDigits)
        {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < length; i++)
        {
            final byte b = text.getByte(offset + i);
            if (b < '0' || b > '9')
            {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }
}
