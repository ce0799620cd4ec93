package io.aerie.engine.node;

import io.aeron.cluster.ClusterTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: a node one of whose components dies of an {@link Error} must stop with a non-zero exit status, so a
 * supervisor that restarts on failure restarts it (it used to exit 0, or linger half dead).
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeFatalErrorClusterTest
{
    private static final int PORT_BASE = 19100;

    @TempDir
    File tempDir;

    private Process process;
    private File nodeDir;
    private String aeronDir;

    @AfterEach
    void killProcess() throws InterruptedException
    {
        if (null != process)
        {
            process.destroyForcibly();
            process.waitFor();
        }
        AerieNode.removeStaleMarkFiles(nodeDir, aeronDir);
    }

    @Test
    void shouldExitWithFailureStatusWhenAComponentDiesOfAnError() throws Exception
    {
        process = startNode(FailingService.class.getName());

        final boolean hasExited = process.waitFor(90, TimeUnit.SECONDS);
        final String output = new String(
            Files.readAllBytes(new File(tempDir, "node.log").toPath()), StandardCharsets.UTF_8);

        assertEquals(true, hasExited, "the node did not stop; its output:\n" + output);
        assertEquals(AerieNode.EXIT_FAILED, process.exitValue(), "exit status; the node's output:\n" + output);
    }

    @Test
    void shouldExitWithSuccessStatusAfterARequestedClusterShutdown() throws Exception
    {
        process = startNode(EchoService.class.getName());
        final ClusterErrors errors = new ClusterErrors();
        try (EchoClient client = EchoClient.connect(
            "0=localhost:" + PORT_BASE,
            "aeron:udp?term-length=16m",
            "aeron:udp?endpoint=127.0.0.1:0|term-length=16m",
            NodeStorage.Configuration.defaultAeronDirectoryName(new File(tempDir, "client")),
            errors,
            System.nanoTime() + TimeUnit.SECONDS.toNanos(60),
            process::isAlive))
        {
            final byte[] message = "before shutdown".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(message, client.echo(message, System.nanoTime() + TimeUnit.SECONDS.toNanos(60)));
        }

        assertTrue(ClusterTool.shutdown(new File(nodeDir, NodeStorage.Configuration.CLUSTER_DIR_NAME), System.out));
        final boolean hasExited = process.waitFor(90, TimeUnit.SECONDS);
        final String output = new String(
            Files.readAllBytes(new File(tempDir, "node.log").toPath()), StandardCharsets.UTF_8);

        assertEquals(true, hasExited, "the node did not stop; its output:\n" + output);
        assertEquals(0, process.exitValue(), "exit status; the node's output:\n" + output);
        errors.assertNone();
    }

    private Process startNode(final String serviceClassName) throws IOException
    {
        nodeDir = new File(tempDir, "node-0");
        aeronDir = NodeStorage.Configuration.defaultAeronDirectoryName(nodeDir);
        final File propertiesFile = new File(tempDir, "node-0.properties");
        final Properties properties = new Properties();
        properties.setProperty(AerieNode.Configuration.MEMBER_ID_PROP_NAME, "0");
        properties.setProperty(NodeTransport.Configuration.CLUSTER_HOSTS_PROP_NAME, "localhost");
        properties.setProperty(NodeTransport.Configuration.PORT_BASE_PROP_NAME, Integer.toString(PORT_BASE));
        properties.setProperty(NodeStorage.Configuration.DIR_PROP_NAME, nodeDir.getPath());
        properties.setProperty(NodeStorage.Configuration.AERON_DIR_PROP_NAME, aeronDir);
        properties.setProperty(NodeService.Configuration.SERVICE_CLASS_PROP_NAME, serviceClassName);
        try (Writer writer = Files.newBufferedWriter(propertiesFile.toPath(), StandardCharsets.UTF_8))
        {
            properties.store(writer, "NodeFatalErrorClusterTest");
        }

        return ChildJvmCommand.of(AerieNode.class.getName())
            .inheritAlso(ChildJvmCommand::isXxFlag)
            .args(propertiesFile.getPath())
            .processBuilder()
            .redirectOutput(new File(tempDir, "node.log"))
            .start();
    }
}
