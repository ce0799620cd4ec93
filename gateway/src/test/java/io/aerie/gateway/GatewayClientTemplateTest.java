package io.aerie.gateway;

import io.aerie.client.AerieClient;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each session behind the gateway gets a copy of the gateway's client template, with what is the session's own.
 */
class GatewayClientTemplateTest
{
    @Test
    void shouldDeriveEachSessionsContextFromTheTemplate()
    {
        final AerieClient.Context template = new AerieClient.Context();
        template.connection()
            .ingressEndpoints("0=localhost:20000")
            .ingressChannel("aeron:udp?term-length=1m")
            .egressChannel("aeron:udp?endpoint=127.0.0.1:0|term-length=1m");
        template.requests().requestTimeoutNs(7_000_000_000L);
        final ZooKeeperGateway.Context ctx = new ZooKeeperGateway.Context().client(template).conclude();

        final AerieClient.Context session = ctx.clientContext(4000);

        assertNotSame(template, session);
        assertEquals("0=localhost:20000", session.connection().ingressEndpoints());
        assertEquals("aeron:udp?term-length=1m", session.connection().ingressChannel());
        assertEquals(7_000_000_000L, session.requests().requestTimeoutNs());
        assertEquals(4000, session.session().sessionTimeoutMs());
        assertTrue(session.agents().useConductorInvoker());
        assertFalse(template.agents().useConductorInvoker());
    }

    @Test
    void shouldRefuseATemplateWithoutIngressEndpoints()
    {
        final AerieClient.Context template = new AerieClient.Context();
        template.connection().ingressEndpoints(null);

        assertThrows(IllegalArgumentException.class, () -> new ZooKeeperGateway.Context().client(template).conclude());
    }
}
