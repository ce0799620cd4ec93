package io.aerie.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The media driver settings of {@link AerieClient.Context}: bad values fail {@link AerieClient.Context#conclude()}
 * with the setting's name; the default embeds a driver in a directory the stale-directory sweep recognises.
 */
class AerieClientContextDriverTest
{
    @Test
    void shouldRejectANonPositiveDriverTimeout()
    {
        final AerieClient.Context ctx = new AerieClient.Context();
        ctx.connection()
            .ingressEndpoints("0=localhost:1")
            .driverTimeoutMs(0);

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, ctx::conclude);
        assertTrue(ex.getMessage().contains("driverTimeoutMs"), ex.getMessage());
    }

    @Test
    void shouldRejectAnEmptyAeronDirectoryName()
    {
        final AerieClient.Context ctx = new AerieClient.Context();
        ctx.connection()
            .ingressEndpoints("0=localhost:1")
            .aeronDirectoryName("");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, ctx::conclude);
        assertTrue(ex.getMessage().contains("aeronDirectoryName"), ex.getMessage());
    }

    @Test
    void shouldEmbedADriverInAUniqueDirectoryNamedForTheSweepByDefault()
    {
        final AerieClient.Context clientCtx3 = new AerieClient.Context();
        clientCtx3.connection().ingressEndpoints("0=localhost:1");
        final AerieClient.Context first = clientCtx3.conclude();
        final AerieClient.Context clientCtx4 = new AerieClient.Context();
        clientCtx4.connection().ingressEndpoints("0=localhost:1");
        final AerieClient.Context second = clientCtx4.conclude();

        assertNull(first.connection().aeronDirectoryName());
        final String prefix = io.aeron.CommonContext.getAeronDirectoryName() + ClientMediaDriver.EMBEDDED_DIR_MARKER;
        assertTrue(first.connection().embeddedAeronDirectoryName().startsWith(prefix), first.connection().embeddedAeronDirectoryName());
        assertNotEquals(first.connection().embeddedAeronDirectoryName(), second.connection().embeddedAeronDirectoryName());
    }
}
