package io.aerie.engine.node;

import io.aeron.exceptions.TimeoutException;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node as its own process through {@link AerieNode#main(String[])}: a properties file, the service class
 * hook, SIGTERM, and a restart after {@code kill -9}.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeProcessClusterTest
{
    private static final int PORT_BASE = 24600;
    private static final long STEP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    File tempDir;

    private final ClusterErrors errors = new ClusterErrors();
    private final List<Process> processes = new ArrayList<>();
    private File nodeDir;
    private String aeronDir;
    private File propertiesFile;
    private int logCount;

    @BeforeEach
    void writeProperties() throws IOException
    {
        nodeDir = new File(tempDir, "node-0");
        aeronDir = NodeStorage.Configuration.defaultAeronDirectoryName(nodeDir);
        propertiesFile = new File(tempDir, "node-0.properties");

        final Properties properties = new Properties();
        properties.setProperty(AerieNode.Configuration.MEMBER_ID_PROP_NAME, "0");
        properties.setProperty(NodeTransport.Configuration.CLUSTER_HOSTS_PROP_NAME, "localhost");
        properties.setProperty(NodeTransport.Configuration.PORT_BASE_PROP_NAME, Integer.toString(PORT_BASE));
        properties.setProperty(NodeStorage.Configuration.DIR_PROP_NAME, nodeDir.getPath());
        properties.setProperty(NodeStorage.Configuration.AERON_DIR_PROP_NAME, aeronDir);
        properties.setProperty(NodeService.Configuration.SERVICE_CLASS_PROP_NAME, EchoService.class.getName());
        try (Writer writer = Files.newBufferedWriter(propertiesFile.toPath(), StandardCharsets.UTF_8))
        {
            properties.store(writer, "NodeProcessClusterTest");
        }
    }

    @AfterEach
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void killProcessesAndCheckErrors() throws InterruptedException
    {
        for (final Process process : processes)
        {
            process.destroyForcibly();
            process.waitFor();
        }
        // A killed node leaves its driver directory in /dev/shm.
        AerieNode.removeStaleMarkFiles(nodeDir, aeronDir);
        errors.assertNone();
    }

    @Test
    void shouldServeAndStopCleanlyOnSigtermLeavingARestartableNode() throws Exception
    {
        final Process first = startNode();
        assertEchoes(first);
        printFootprint(first);

        first.destroy();
        final int exitCode = awaitExit(first);
        System.out.println("NodeProcessClusterTest: node exited with " + exitCode + " after SIGTERM");

        // A clean stop leaves no live-looking mark file: the node starts again without help.
        assertEchoes(startNode());
    }

    @Test
    void shouldRestartAtOnceAfterKillMinus9ByDefault() throws Exception
    {
        final Process first = startNode();
        assertEchoes(first);

        first.destroyForcibly();
        awaitExit(first);

        // No property, no clean-up by hand: the restarted node holds the directory's lock, so it knows the
        // mark files and driver directory it finds are a dead node's and removes them.
        assertEchoes(startNode());
    }

    @Test
    void shouldRefuseASecondNodeOnADirectoryInUseAndLeaveTheFirstServing() throws Exception
    {
        final Process first = startNode();
        assertEchoes(first);

        final Process second = startNode();
        final int exitCode = awaitExit(second);

        assertNotEquals(0, exitCode);
        final String log = Files.readString(new File(tempDir, "node-process-1.log").toPath());
        assertTrue(log.contains("is in use by a running node"), log);
        assertEchoes(first);
    }

    private Process startNode(final String... extraJvmArgs) throws IOException
    {
        final File log = new File(tempDir, "node-process-" + (logCount++) + ".log");
        final Process process = ChildJvmCommand.of(AerieNode.class.getName())
            .inheritAlso(ChildJvmCommand::isXxFlag)
            .jvmOptions(extraJvmArgs)
            .args(propertiesFile.getPath())
            .processBuilder()
            .redirectOutput(log)
            .start();
        processes.add(process);

        return process;
    }

    private void assertEchoes(final Process node)
    {
        try (EchoClient client = EchoClient.connect(
            "0=localhost:" + PORT_BASE,
            "aeron:udp?term-length=16m",
            "aeron:udp?endpoint=127.0.0.1:0|term-length=16m",
            NodeStorage.Configuration.defaultAeronDirectoryName(new File(tempDir, "client")),
            errors,
            deadline(),
            node::isAlive))
        {
            final byte[] message = "hello, node process".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(message, client.echo(message, deadline()));
        }
        catch (final RuntimeException ex)
        {
            throw new AssertionError("no echo from the node process; its output:\n" + processLogs(), ex);
        }
    }

    private int awaitExit(final Process process) throws InterruptedException
    {
        final long deadlineNs = deadline();
        while (process.isAlive())
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new TimeoutException("node process did not exit; its output:\n" + processLogs());
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        assertFalse(process.isAlive());

        return process.exitValue();
    }

    private void printFootprint(final Process process) throws IOException
    {
        final File status = new File("/proc/" + process.pid() + "/status");
        if (!status.exists())
        {
            return;
        }

        String rss = "?";
        for (final String line : Files.readAllLines(status.toPath()))
        {
            if (line.startsWith("VmRSS:"))
            {
                rss = line.substring("VmRSS:".length()).trim();
            }
        }

        final long allocatedKiB = duKiB(aeronDir);
        final long apparentKiB = duKiB("--apparent-size", aeronDir);

        System.out.printf(
            "NodeProcessClusterTest footprint of one node with one client: RSS %s, %s %d MiB allocated " +
            "(%d MiB apparent, sparse)%n",
            rss, aeronDir, allocatedKiB >> 10, apparentKiB >> 10);
    }

    private static long duKiB(final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("du", "-s", "-k"));
        command.addAll(List.of(args));
        final Process du = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try
        {
            return Long.parseLong(output.split("\\s+")[0]);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private String processLogs()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < logCount; i++)
        {
            final File log = new File(tempDir, "node-process-" + i + ".log");
            try
            {
                sb.append("--- ").append(log.getName()).append('\n')
                    .append(new String(Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8));
            }
            catch (final IOException ex)
            {
                sb.append("cannot read ").append(log).append(": ").append(ex).append('\n');
            }
        }

        return sb.toString();
    }

    private static long deadline()
    {
        return System.nanoTime() + STEP_TIMEOUT_NS;
    }
}
