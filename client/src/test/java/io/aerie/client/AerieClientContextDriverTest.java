package io.aerie.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The media driver settings of {@link AerieClientContext}: bad values fail {@link AerieClientContext#conclude()}
 * with the setting's name; the default embeds a driver in a directory the stale-directory sweep recognises.
 */
class AerieClientContextDriverTest
{
    @Test
    void shouldRejectANonPositiveDriverTimeout()
    {
        final AerieClientContext ctx = new AerieClientContext().ingressEndpoints("0=localhost:1").driverTimeoutMs(0);

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, ctx::conclude);
        assertTrue(ex.getMessage().contains("driverTimeoutMs"), ex.getMessage());
    }

    @Test
    void shouldRejectAnEmptyAeronDirectoryName()
    {
        final AerieClientContext ctx = new AerieClientContext().ingressEndpoints("0=localhost:1").aeronDirectoryName("");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, ctx::conclude);
        assertTrue(ex.getMessage().contains("aeronDirectoryName"), ex.getMessage());
    }

    @Test
    void shouldEmbedADriverInAUniqueDirectoryNamedForTheSweepByDefault()
    {
        final AerieClientContext first = new AerieClientContext().ingressEndpoints("0=localhost:1").conclude();
        final AerieClientContext second = new AerieClientContext().ingressEndpoints("0=localhost:1").conclude();

        assertNull(first.aeronDirectoryName());
        final String prefix = io.aeron.CommonContext.getAeronDirectoryName() + ClientMediaDriver.EMBEDDED_DIR_MARKER;
        assertTrue(first.embeddedAeronDirectoryName().startsWith(prefix), first.embeddedAeronDirectoryName());
        assertNotEquals(first.embeddedAeronDirectoryName(), second.embeddedAeronDirectoryName());
    }
}
