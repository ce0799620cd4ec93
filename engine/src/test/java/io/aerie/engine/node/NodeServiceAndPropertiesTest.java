package io.aerie.engine.node;

import io.aerie.engine.service.AerieClusteredService;
import io.aeron.exceptions.ConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node context makes Aerie's service when none is given, and refuses unknown {@code aerie.*} properties.
 */
class NodeServiceAndPropertiesTest
{
    private static final String MISSPELT_MEMBER_ID = "aerie.node.memberid";
    private static final String MISSPELT_TREE_LIMIT = "aerie.tree.max.znode";

    @TempDir
    File tempDir;

    @AfterEach
    void clearProperties()
    {
        System.clearProperty(MISSPELT_MEMBER_ID);
        System.clearProperty(MISSPELT_TREE_LIMIT);
    }

    @Test
    void shouldMakeAeriesServiceWhenNoneIsGiven()
    {
        final AerieNode.Context ctx = new AerieNode.Context();
        ctx.storage().nodeDir(new File(tempDir, "node"));
        ctx.conclude();

        assertInstanceOf(AerieClusteredService.class, ctx.service().clusteredService());
    }

    @Test
    void shouldMakeAeriesServiceFromTheGivenServiceContext()
    {
        final AerieClusteredService.Context serviceContext = new AerieClusteredService.Context().minSessionTimeoutMs(250);

        final AerieNode.Context ctx = new AerieNode.Context();
        ctx.storage().nodeDir(new File(tempDir, "node"));
        ctx.service().serviceContext(serviceContext);
        ctx.conclude();

        assertAll(
            () -> assertInstanceOf(AerieClusteredService.class, ctx.service().clusteredService()),
            () -> assertNotNull(serviceContext.treeContext(), "the service concluded the given context"));
    }

    @Test
    void shouldRefuseAServiceContextBesideAService()
    {
        final AerieNode.Context ctx = new AerieNode.Context();
        ctx.storage().nodeDir(new File(tempDir, "node"));
        ctx.service().clusteredService(new EchoService()).serviceContext(new AerieClusteredService.Context());

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldFailOnAMisspeltNodePropertyNamingTheKnownOne()
    {
        System.setProperty(MISSPELT_MEMBER_ID, "1");
        final AerieNode.Context ctx = new AerieNode.Context();
        ctx.storage().nodeDir(new File(tempDir, "node"));
        ctx.service().clusteredService(new EchoService());

        final ConfigurationException ex = assertThrows(ConfigurationException.class, ctx::conclude);

        assertAll(
            () -> assertTrue(ex.getMessage().contains(MISSPELT_MEMBER_ID), ex.getMessage()),
            () -> assertTrue(
                ex.getMessage().contains(AerieNode.Configuration.MEMBER_ID_PROP_NAME + "?"), ex.getMessage()));
    }

    @Test
    void shouldFailOnAMisspeltServiceProperty()
    {
        System.setProperty(MISSPELT_TREE_LIMIT, "10");
        final AerieNode.Context ctx = new AerieNode.Context();
        ctx.storage().nodeDir(new File(tempDir, "node"));
        ctx.service().clusteredService(new EchoService());

        final ConfigurationException ex = assertThrows(ConfigurationException.class, ctx::conclude);

        assertTrue(ex.getMessage().contains("did you mean aerie.tree.max.znodes?"), ex.getMessage());
    }
}
