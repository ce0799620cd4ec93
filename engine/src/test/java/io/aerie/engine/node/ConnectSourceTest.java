package io.aerie.engine.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectSourceTest
{
    private static final InetAddress REMOTE = address("10.1.2.3");
    private static final InetAddress LOOPBACK = address("127.0.0.1");

    @Test
    void shouldAcceptEndpointThatIsTheSource()
    {
        assertTrue(declares("aeron:udp?endpoint=10.1.2.3:40123|term-length=16m", REMOTE));
    }

    @Test
    void shouldRefuseEndpointNamingAnotherHost()
    {
        assertFalse(declares("aeron:udp?endpoint=10.1.2.4:40123", REMOTE));
    }

    @Test
    void shouldRefuseHostName()
    {
        assertFalse(declares("aeron:udp?endpoint=localhost:40123", LOOPBACK));
    }

    @Test
    void shouldRefuseChannelWithoutEndpoint()
    {
        assertFalse(declares("aeron:udp?control=10.1.2.3:40000|control-mode=dynamic", REMOTE));
    }

    @Test
    void shouldAcceptAnyLoopbackAddressFromLoopbackSource()
    {
        assertTrue(declares("aeron:udp?term-length=64k|endpoint=127.0.0.2:40123", LOOPBACK));
    }

    @Test
    void shouldRefuseLoopbackEndpointFromRemoteSource()
    {
        assertFalse(declares("aeron:udp?endpoint=127.0.0.1:40123", REMOTE));
    }

    @Test
    void shouldAcceptIpcOnlyFromLoopbackSource()
    {
        assertTrue(declares("aeron:ipc", LOOPBACK));
        assertTrue(declares("aeron:ipc?term-length=64k", LOOPBACK));
        assertFalse(declares("aeron:ipc", REMOTE));
    }

    @Test
    void shouldAcceptIpv6LiteralThatIsTheSource()
    {
        assertTrue(declares("aeron:udp?endpoint=[fd00::1]:40123", address("fd00::1")));
        assertFalse(declares("aeron:udp?endpoint=[fd00::2]:40123", address("fd00::1")));
    }

    @Test
    void shouldRefuseMalformedAddresses()
    {
        assertFalse(declares("aeron:udp?endpoint=10.1.2.3", REMOTE), "no port");
        assertFalse(declares("aeron:udp?endpoint=10.1.2.300:1", REMOTE));
        assertFalse(declares("aeron:udp?endpoint=10.1.2:1", REMOTE));
        assertFalse(declares("aeron:udp?endpoint=10.1.2.3.4:1", REMOTE));
        assertFalse(declares("aeron:udp?endpoint=:1", REMOTE));
        assertFalse(declares("aeron:udp?endpoint=[]:1", REMOTE));
        assertFalse(declares("", REMOTE));
        assertFalse(declares("aeron:udp?endpoint=10.1.2.3:1", null));
    }

    @Test
    void shouldParseDottedQuad()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer("192.168.0.255".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0xC0A800FFL, ConnectSource.parseIpv4(buffer, 0, buffer.capacity()));
    }

    private static boolean declares(final String channel, final InetAddress source)
    {
        // At an offset inside a larger buffer, as in a datagram.
        final byte[] bytes = channel.getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + 16]);
        buffer.setMemory(0, buffer.capacity(), (byte)'9');
        buffer.putBytes(8, bytes);
        return ConnectSource.isDeclaredBy(buffer, 8, bytes.length, source);
    }

    private static InetAddress address(final String literal)
    {
        try
        {
            return InetAddress.getByName(literal);
        }
        catch (final java.net.UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
