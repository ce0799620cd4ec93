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
        final AerieClientContext ctx = new AerieClientContext().ingressEndpoints("0=localhost:20000");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, ctx::conclude);

        assertTrue(ex.getMessage().contains(
            MISSPELT_ENDPOINTS + " (did you mean " + AerieClientConfiguration.INGRESS_ENDPOINTS_PROP_NAME + "?)"),
            ex.getMessage());
    }
}
