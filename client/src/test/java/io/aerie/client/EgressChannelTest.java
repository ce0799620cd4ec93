package io.aerie.client;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EgressChannelTest
{
    private static final String DEFAULT_EGRESS = "aeron:udp?endpoint=localhost:0|term-length=16m";
    /** TEST-NET-1 (RFC 5737): routed by a default route, never answered. */
    private static final String REMOTE_MEMBERS = "0=192.0.2.1:20000,1=192.0.2.2:20100,2=192.0.2.3:20200";

    @Test
    void shouldKeepALoopbackEgressForMembersOnLoopback()
    {
        assertEquals(DEFAULT_EGRESS, EgressChannel.routedTo(DEFAULT_EGRESS, "0=localhost:20000,1=127.0.0.1:20100"));
    }

    @Test
    void shouldKeepTheEgressOfAClientWithoutIngressEndpoints()
    {
        assertEquals(DEFAULT_EGRESS, EgressChannel.routedTo(DEFAULT_EGRESS, null));
    }

    @Test
    void shouldLeaveAMalformedMemberEndpointForTheConnectToReport()
    {
        assertEquals(DEFAULT_EGRESS, EgressChannel.routedTo(DEFAULT_EGRESS, "0=192.0.2.1:port"));
    }

    @Test
    void shouldKeepAnEgressHostTheApplicationChose()
    {
        final String channel = "aeron:udp?endpoint=10.1.2.3:0";

        assertEquals(channel, EgressChannel.routedTo(channel, REMOTE_MEMBERS));
    }

    @Test
    void shouldDeclareThisHostsRoutedAddressForMembersElsewhere() throws Exception
    {
        assumeTrue(hasRouteTo("192.0.2.1"), "no route to 192.0.2.1 on this host");

        final ChannelUri uri = ChannelUri.parse(EgressChannel.routedTo(DEFAULT_EGRESS, REMOTE_MEMBERS));

        final String endpoint = uri.get(CommonContext.ENDPOINT_PARAM_NAME);
        final InetAddress host = InetAddress.getByName(endpoint.substring(0, endpoint.lastIndexOf(':')));
        assertFalse(host.isLoopbackAddress(), endpoint);
        assertNotNull(NetworkInterface.getByInetAddress(host), () -> endpoint + " is an address of this host");
        assertEquals(":0", endpoint.substring(endpoint.lastIndexOf(':')));
        assertEquals("16m", uri.get(CommonContext.TERM_LENGTH_PARAM_NAME));
    }

    private static boolean hasRouteTo(final String host)
    {
        try (DatagramSocket socket = new DatagramSocket())
        {
            socket.connect(new InetSocketAddress(host, 9));
            return !socket.getLocalAddress().isAnyLocalAddress();
        }
        catch (final Exception ex)
        {
            return false;
        }
    }
}
