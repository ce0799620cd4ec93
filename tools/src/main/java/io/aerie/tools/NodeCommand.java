package io.aerie.tools;

import io.aerie.engine.node.AerieNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
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
            "system property of the same name wins (AERIE_JAVA_OPTS=\"-D...\" with tools/bin/aerie)."
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

        AerieNode.main(new String[]{ propertiesFile.toString() });
        return 0;
    }
}
