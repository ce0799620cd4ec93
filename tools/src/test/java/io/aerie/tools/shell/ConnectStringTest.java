package io.aerie.tools.shell;

import io.aerie.engine.node.LocalCluster;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectStringTest
{
    @Test
    void shouldNumberZooKeeperStyleMembersInOrder()
    {
        final ConnectString connectString = ConnectString.parse("localhost:20000,localhost:20100");

        assertEquals("0=localhost:20000,1=localhost:20100", connectString.ingressEndpoints());
        assertEquals("localhost:20000,localhost:20100", connectString.toString());
    }

    @Test
    void shouldTakeAChrootAfterTheLastMemberAsZooKeeper()
    {
        final ConnectString connectString = ConnectString.parse("localhost:20000,localhost:20100/app/x");

        assertEquals("0=localhost:20000,1=localhost:20100", connectString.ingressEndpoints());
        assertEquals("/app/x", connectString.chroot());
        assertEquals("localhost:20000,localhost:20100/app/x", connectString.toString());
        assertNull(ConnectString.parse("localhost:20000").chroot());
        assertNull(ConnectString.parse("localhost:20000/").chroot(), "/ is no chroot, as in ZooKeeper");
    }

    @Test
    void shouldRejectAnInvalidChroot()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ConnectString.parse("localhost:20000/app/"));

        assertTrue(ex.getMessage().contains("must not end with /"), ex.getMessage());
    }

    @Test
    void shouldKeepExplicitMemberIdsAsAerieLocalPrintsThem()
    {
        final ConnectString connectString = ConnectString.parse("0=localhost:20000,2=otherhost:20200");

        assertEquals("0=localhost:20000,2=otherhost:20200", connectString.ingressEndpoints());
    }

    @Test
    void shouldDefaultToLocalClusterMembers()
    {
        final StringBuilder expected = new StringBuilder();
        for (int i = 0; i < LocalCluster.Configuration.nodeCount(); i++)
        {
            expected.append(i > 0 ? "," : "").append(i).append('=').append(LocalCluster.Configuration.host())
                .append(':').append(LocalCluster.Configuration.portBase() + 100 * i);
        }

        assertEquals(expected.toString(), ConnectString.localDefault().ingressEndpoints());
    }

    @Test
    void shouldKeepClientDefaultEgressForLoopback()
    {
        assertNull(ConnectString.parse("localhost:20000,127.0.0.1:20100").egressChannel());
    }

    @Test
    void shouldRejectMissingPort()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ConnectString.parse("localhost"));

        assertTrue(ex.getMessage().contains("not host:port"), ex.getMessage());
    }

    @Test
    void shouldRejectPortOutOfRange()
    {
        assertThrows(IllegalArgumentException.class, () -> ConnectString.parse("localhost:70000"));
    }

    @Test
    void shouldRejectMixedMemberIds()
    {
        assertThrows(IllegalArgumentException.class, () -> ConnectString.parse("0=localhost:20000,localhost:20100"));
    }
}
