package io.aerie.tools.shell;

import io.aerie.tools.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code aerie shell} on bad input, without a cluster: each is one line on stderr, no stack trace, and exit code 2
 * (bad input) or 1 (a failure such as an unreachable cluster). Commands with bad input are refused before the
 * shell connects.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShellBadInputTest
{
    @Test
    void shouldRejectUnknownCommandWithSuggestion()
    {
        final ShellRun run = ShellRun.execute("gett", "/x");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("Unknown command: gett (did you mean get")),
            () -> assertTrue(run.out.isEmpty()));
    }

    @Test
    void shouldRejectBadFlagWithUsage()
    {
        final ShellRun run = ShellRun.execute("get", "-x", "/x");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("Unknown option: '-x'")),
            () -> assertTrue(run.err.contains("usage: get [-s] [-w] path")));
    }

    @Test
    void shouldRejectMissingPath()
    {
        final ShellRun run = ShellRun.execute("ls");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("Missing required parameter: 'path'")));
    }

    @Test
    void shouldRejectRelativePath()
    {
        final ShellRun run = ShellRun.execute("get", "app");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("Invalid path \"app\": Path must start with / character")));
    }

    @Test
    void shouldRejectPathWithEmptySegment()
    {
        final ShellRun run = ShellRun.execute("create", "/a//b");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertTrue(run.err.contains("Invalid path \"/a//b\"")));
    }

    @Test
    void shouldRejectContainerThatIsEphemeral()
    {
        final ShellRun run = ShellRun.execute("create", "-c", "-e", "/x");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertTrue(run.err.contains("-c cannot be combined with -s or -e")));
    }

    @Test
    void shouldRejectTtlOnEphemeral()
    {
        final ShellRun run = ShellRun.execute("create", "-e", "-t", "1000", "/x");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertTrue(run.err.contains("TTLs cannot be used with Ephemeral znodes")));
    }

    @Test
    void shouldRejectNonNumericTtl()
    {
        final ShellRun run = ShellRun.execute("create", "-t", "soon", "/x");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertTrue(run.err.contains("'soon' is not a long")));
    }

    @Test
    void shouldRejectMalformedAcl()
    {
        final ShellRun run = ShellRun.execute("setAcl", "/x", "world:anyone:rx");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertTrue(run.err.contains("unknown permission 'x'")));
    }

    @Test
    void shouldRejectUnknownWatchMode()
    {
        final ShellRun run = ShellRun.execute("addWatch", "-m", "ONCE", "/x");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertTrue(run.err.contains("Unsupported mode: ONCE")));
    }

    @Test
    void shouldRejectTwoWatcherTypes()
    {
        final ShellRun run = ShellRun.execute("removewatches", "/x", "-c", "-d");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertTrue(run.err.contains("at most one of")));
    }

    @Test
    void shouldRejectBadConnectString()
    {
        final ShellRun run = ShellRun.execute("-c", "localhost", "get", "/x");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("invalid connect string 'localhost'")));
    }

    @Test
    void shouldRejectUnterminatedQuoteInScript()
    {
        final ShellRun run = ShellRun.script("set /x \"abc\n");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertTrue(run.err.contains("unterminated quote")));
    }

    @Test
    void shouldFailOnUnreachableClusterWithinTimeout() throws IOException
    {
        final int port;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("localhost", 0)))
        {
            port = socket.getLocalPort();
        }

        // The message names the timeout the shell gave up after; the class's @Timeout only guards against a hang.
        final ShellRun run = ShellRun.execute("-c", "localhost:" + port, "--timeout-ms", "1000", "get", "/x");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("Unable to connect to localhost:" + port + ": no answer within 1000 ms")),
            () -> assertFalse(run.err.contains("Exception")));
    }

    @Test
    void shouldRefuseCommandsAfterCloseUntilConnect()
    {
        final ShellRun run = ShellRun.script("close\nget /x\n");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
            () -> assertTrue(run.err.contains("Not connected (closed): use connect [host:port,...]")));
    }

    @Test
    void shouldRunEveryScriptLineAndExitWithHighestCode()
    {
        final ShellRun run = ShellRun.script("# a comment\n\nbogus\nhelp\n");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertTrue(run.err.contains("Unknown command: bogus")),
            () -> assertTrue(run.out.contains("\tget [-s] [-w] path")));
    }

    @Test
    void shouldStopScriptAtFirstErrorWhenAsked()
    {
        final ShellRun run = ShellRun.script("bogus\nhelp\n", "--exit-on-error");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertTrue(run.out.isEmpty()));
    }

    @Test
    void shouldStopScriptAtQuit()
    {
        final ShellRun run = ShellRun.script("quit\nbogus\n");

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.err.isEmpty()));
    }

    @Test
    void shouldListEveryCommandInHelp()
    {
        final ShellRun run = ShellRun.execute("help");

        assertEquals(0, run.exitCode, run.toString());
        for (final String name : ShellDispatcher.commandNames())
        {
            assertTrue(run.out.contains("\t" + name), name + " missing from\n" + run.out);
        }
    }

    @Test
    void shouldDescribeOneCommandInHelp()
    {
        final ShellRun run = ShellRun.execute("help", "create");

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.out.contains("create [-s] [-e] [-c] [-t ttl] path [data] [acl]")),
            () -> assertTrue(run.out.contains("Ephemeral")));
    }

    @Test
    void shouldNotCarryFlagsFromOneLineToTheNext()
    {
        final ShellRun run = ShellRun.script("create -c -e /x\ncreate -c /a/\n");

        assertAll(run.toString(),
            () -> assertTrue(run.err.contains("-c cannot be combined")),
            () -> assertTrue(run.err.contains("Invalid path \"/a/\": Path must not end with / character")));
    }

    @Test
    void shouldDescribeShellOptionsInAerieHelp()
    {
        final ShellRun run = ShellRun.execute("--help");

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.out.contains("--connect")),
            () -> assertTrue(run.out.contains("--timeout-ms")),
            () -> assertTrue(run.out.contains("--exit-on-error")));
    }
}
