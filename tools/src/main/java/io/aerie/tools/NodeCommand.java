package io.aerie.tools;

import io.aerie.engine.node.AerieNode;
import io.aerie.gateway.GatewayNode;
import io.aerie.gateway.ZooKeeperGateway;
import org.agrona.PropertyAction;
import org.agrona.SystemUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code aerie node <properties-file>}: one Aerie node in this JVM, as {@link AerieNode#main(String[])} runs it,
 * until SIGTERM, Ctrl-C or a cluster shutdown.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
        "Run one Aerie node (media driver, archive, consensus module and the Aerie service) until SIGTERM, " +
            "Ctrl-C or a cluster shutdown.",
        "The properties file holds aerie.node.* (member id, cluster hosts or members, port base, directory, idle " +
            "strategy, timeouts), aerie.tree.*, aerie.session.*, aerie.quota.enforce and aeron.* settings; a -D " +
            "system property of the same name wins (AERIE_JAVA_OPTS=\"-D...\" with tools/bin/aerie).",
        "With aerie.node.zookeeper.port set, a ZooKeeper gateway runs beside the node on that TCP port, on the " +
            "node's media driver (see docs/zookeeper-gateway.md)."
    })
final class NodeCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<properties-file>", description = "The node's configuration.")
    Path propertiesFile;

    /**
     * Run the node until it is told to stop.
     *
     * @return 0 once the node has stopped cleanly.
     * @throws Exception if the node could not start (one line, exit code 1).
     */
    public Integer call() throws Exception
    {
        if (!Files.isRegularFile(propertiesFile) || !Files.isReadable(propertiesFile))
        {
            throw new ParameterException(spec.commandLine(), "cannot read properties file " + propertiesFile);
        }

        // As AerieNode.main loads it: a -D system property of the same name wins.
        SystemUtil.loadPropertiesFiles(PropertyAction.PRESERVE, propertiesFile.toString());
        final Integer zooKeeperPort = Integer.getInteger(ZooKeeperGateway.Configuration.NODE_ZOOKEEPER_PORT_PROP_NAME);
        if (null == zooKeeperPort)
        {
            AerieNode.main(new String[]{ propertiesFile.toString() });
            return 0;
        }
        return GatewayNode.run(zooKeeperPort);
    }
}
