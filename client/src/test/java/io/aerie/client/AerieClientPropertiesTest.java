package io.aerie.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client context refuses unknown or misspelt {@code aerie.client.*} properties when it concludes.
 */
class AerieClientPropertiesTest
{
    private static final String MISSPELT_ENDPOINTS = "aerie.client.ingress.endpoint";

    @AfterEach
    void clearProperties()
    {
        System.clearProperty(MISSPELT_ENDPOINTS);
    }

    @Test
    void shouldFailOnAMisspeltClientPropertyNamingTheKnownOne()
    {
        System.setProperty(MISSPELT_ENDPOINTS, "0=localhost:20000");
        final AerieClient.Context ctx = new AerieClient.Context();
        ctx.connection().ingressEndpoints("0=localhost:20000");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, ctx::conclude);

        assertTrue(ex.getMessage().contains(
            MISSPELT_ENDPOINTS + " (did you mean " + ClientConnection.Configuration.INGRESS_ENDPOINTS_PROP_NAME + "?)"),
            ex.getMessage());
    }

    @Test
    void shouldKnowThePropertiesOfEveryPart()
    {
        final java.util.Set<String> known = AerieClient.Configuration.knownProperties();

        assertTrue(known.contains(ClientConnection.Configuration.INGRESS_ENDPOINTS_PROP_NAME), known.toString());
        assertTrue(known.contains(ClientSession.Configuration.SESSION_TIMEOUT_PROP_NAME), known.toString());
        assertTrue(known.contains(ClientRequests.Configuration.MAX_PENDING_PROP_NAME), known.toString());
        assertTrue(known.contains(ClientReads.Configuration.READ_MODE_PROP_NAME), known.toString());
        assertTrue(known.contains(ClientAgents.Configuration.USE_CONDUCTOR_INVOKER_PROP_NAME), known.toString());
    }
}
