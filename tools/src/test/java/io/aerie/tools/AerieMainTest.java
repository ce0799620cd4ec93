package io.aerie.tools;

import io.aerie.tools.cli.ExitCodes;
import io.aeron.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parsing of the {@code aerie} command line: help, usage errors and their exit codes. Nothing here starts a node.
 */
class AerieMainTest
{
    @TempDir
    File tempDir;

    @Test
    void shouldListSubcommandsInHelp()
    {
        final CommandRun run = CommandRun.execute("--help");

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.out.contains("Usage: aerie")),
            () -> assertTrue(run.out.contains("local")),
            () -> assertTrue(run.out.contains("node")),
            () -> assertTrue(run.out.contains("admin")));
    }

    @Test
    void shouldDescribeLocalOptionsInHelp()
    {
        final CommandRun run = CommandRun.execute("local", "--help");

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.out.contains("Usage: aerie local")),
            () -> assertTrue(run.out.contains("--nodes")),
            () -> assertTrue(run.out.contains("--port-base")),
            () -> assertTrue(run.out.contains("--dir")),
            () -> assertTrue(run.out.contains("--demo")),
            () -> assertTrue(run.out.contains("--keep-running")));
    }

    @Test
    void shouldRejectUnknownFlagWithOneLineAndUsageExitCode()
    {
        final CommandRun run = CommandRun.execute("local", "--bogus");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("Unknown option: '--bogus'")),
            () -> assertTrue(run.err.contains("aerie local --help")),
            () -> assertTrue(run.out.isEmpty()));
    }

    @Test
    void shouldRejectUnknownSubcommandWithOneLine()
    {
        final CommandRun run = CommandRun.execute("lcoal");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("'lcoal'")),
            () -> assertFalse(run.err.contains("Exception")));
    }

    @Test
    void shouldRejectNonNumericNodeCount()
    {
        final CommandRun run = CommandRun.execute("local", "--nodes", "three");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("--nodes")));
    }

    @Test
    void shouldRejectNodeCountOutOfRangeBeforeStarting()
    {
        final CommandRun run = CommandRun.execute("local", "--nodes", "10");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("--nodes=10")),
            () -> assertTrue(run.out.isEmpty()));
    }

    @Test
    void shouldRejectPortBaseWithoutRoomForNodes()
    {
        final CommandRun run = CommandRun.execute("local", "--port-base", "65500");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertTrue(run.err.contains("--port-base=65500")));
    }

    @Test
    void shouldRefuseToDeleteForeignDirectory() throws IOException
    {
        final File precious = new File(tempDir, "precious.txt");
        Files.writeString(precious.toPath(), "keep me");

        final CommandRun run = CommandRun.execute("local", "--dir", tempDir.getPath());

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("--dir=")),
            () -> assertTrue(precious.exists()));
    }

    @Test
    void shouldFailWithOneLineWhenPortIsInUse() throws IOException
    {
        final File clusterDir = new File(tempDir, "cluster");
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("localhost", 0)))
        {
            final CommandRun run = CommandRun.execute("local", "--nodes", "1",
                "--port-base", String.valueOf(taken.getLocalPort()), "--dir", clusterDir.getPath());

            assertAll(run.toString(),
                () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
                () -> assertEquals(1, run.errLines()),
                () -> assertTrue(run.err.contains("is in use")),
                () -> assertFalse(clusterDir.exists()));
        }
    }

    @Test
    void shouldRequirePropertiesFileForNode()
    {
        final CommandRun run = CommandRun.execute("node");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("<properties-file>")));
    }

    @Test
    void shouldRejectMissingPropertiesFile()
    {
        final CommandRun run = CommandRun.execute("node", new File(tempDir, "missing.properties").getPath());

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("cannot read properties file")));
    }

    @Test
    void shouldPrintUsageAndFailWithoutSubcommand()
    {
        final CommandRun run = CommandRun.execute();

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertTrue(run.err.contains("missing subcommand")),
            () -> assertTrue(run.err.contains("Usage: aerie")));
    }

    @Test
    void shouldDescribeFailureWithRootCauseOnOneLine()
    {
        final Exception failure = new IllegalStateException("cannot start node 0",
            new BindException("Address already in use"));

        assertEquals("cannot start node 0 (Address already in use)", AerieMain.describe(failure));
    }

    @Test
    void shouldDropAeronCategoryPrefixFromFailure()
    {
        final Exception failure = new ConfigurationException("unknown idle strategy 'foo'");

        assertEquals("unknown idle strategy 'foo'", AerieMain.describe(failure));
    }
}
