package io.aerie.engine.node;

import io.aerie.codecs.config.AerieProperties;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.service.LocalReadsContext;
import io.aerie.engine.tree.ZnodeTreeConfiguration;
import io.aeron.exceptions.ConfigurationException;

import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The {@code aerie.*} properties a node reads, and the check that none set is unknown (see {@link AerieProperties}).
 */
final class NodeProperties
{
    /**
     * The namespaces a node and its service own: every property in them must be known.
     */
    static final List<String> OWNED_NAMESPACES = List.of(
        "aerie.node.", "aerie.tree.", "aerie.session.", "aerie.quota.", "aerie.snapshot.", "aerie.read.",
        "aerie.auth.");

    /**
     * Every property a node and Aerie's service read.
     */
    static final Set<String> KNOWN = AerieProperties.namesOf(
        AerieNode.Configuration.class,
        NodeTransport.Configuration.class,
        NodeStorage.Configuration.class,
        ClusterTiming.Configuration.class,
        NodeLimits.Configuration.class,
        NodeAgents.Configuration.class,
        NodeService.Configuration.class,
        AerieClusteredService.Context.class,
        ZnodeTreeConfiguration.class,
        LocalReadsContext.class);

    private NodeProperties()
    {
    }

    /**
     * Fail on an unknown property in the node's namespaces, or a misspelling of a known one elsewhere.
     *
     * @param properties the properties to check: the system properties, which hold a loaded properties file's.
     * @throws ConfigurationException naming the unknown properties and the closest known ones.
     */
    static void check(final Properties properties)
    {
        AerieProperties.check(properties, OWNED_NAMESPACES, KNOWN, ConfigurationException::new);
    }
}
