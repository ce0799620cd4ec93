package io.aerie.tools.shell;

import io.aerie.tools.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shell's commands that need no cluster, as zkCli 3.9 has them: {@code version}, {@code history},
 * {@code redo}, {@code printwatches}, and the checks made before anything is sent ({@code deleteall -b}, an
 * over-long path, {@code -server}). None connects: the default cluster is not running.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShellHistoryCommandsTest
{
    @Test
    void shouldPrintVersionWithoutConnecting()
    {
        final ShellRun run = ShellRun.execute("version");

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.out.startsWith("Aerie CLI version: ")),
            () -> assertEquals(1, run.out.lines().count()),
            () -> assertTrue(run.err.isEmpty()));
    }

    @Test
    void shouldListHistoryWithNumbers()
    {
        final ShellRun run = ShellRun.script("version\n# a comment\n\nprintwatches\nhistory\n");

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.out.endsWith("0 - version\n1 - printwatches\n2 - history\n")));
    }

    @Test
    void shouldListOnlyTheLastElevenLinesOfHistory()
    {
        final StringBuilder script = new StringBuilder();
        for (int i = 0; i < 12; i++)
        {
            script.append("printwatches on\n");
        }
        final ShellRun run = ShellRun.script(script.append("history\n").toString());

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertEquals(11, run.out.lines().count()),
            () -> assertTrue(run.out.startsWith("2 - printwatches on\n")),
            () -> assertTrue(run.out.endsWith("12 - history\n")));
    }

    @Test
    void shouldRedoCommandAndRecordItAsThatCommand()
    {
        final ShellRun run = ShellRun.script("printwatches off\nprintwatches on\nredo 0\nprintwatches\nhistory\n");

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.out.startsWith("printwatches is off\n")),
            () -> assertTrue(run.out.contains("2 - printwatches off\n")));
    }

    @Test
    void shouldRefuseRedoOutOfRange()
    {
        final ShellRun run = ShellRun.script("version\nredo 1\n");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertTrue(run.err.contains("Command index out of range")));
    }

    @Test
    void shouldRefuseToRedoRedo()
    {
        final ShellRun run = ShellRun.script("redo 7\nredo 0\n");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertTrue(run.err.contains("Command index out of range")),
            () -> assertTrue(run.err.contains("No redoing redos")));
    }

    @Test
    void shouldTurnPrintWatchesOffWithAnythingButOn()
    {
        final ShellRun run = ShellRun.script(
            "printwatches\nprintwatches off\nprintwatches\nprintwatches on\nprintwatches\n" +
            "printwatches bogus\nprintwatches\n");

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertEquals("printwatches is on\nprintwatches is off\nprintwatches is on\nprintwatches is off\n",
                run.out));
    }

    @Test
    void shouldRejectBatchSizeThatIsNotAnInt()
    {
        final ShellRun run = ShellRun.execute("deleteall", "/x", "-b", "abc");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("-b argument must be an int value")),
            () -> assertTrue(run.err.contains("usage: deleteall path [-b batch size]")));
    }

    @Test
    void shouldRejectOverlongPathSayingWhy()
    {
        final ShellRun run = ShellRun.execute("create", "/" + "a".repeat(5000));

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("5001 bytes, longer than the 4096 a path may have " +
                "(aerie.tree.max.path.length)")),
            () -> assertTrue(run.err.length() < 400, "the path is abbreviated"));
    }

    @Test
    void shouldTakeServerAsAliasOfConnect()
    {
        final ShellRun run = ShellRun.execute("-server", "localhost", "get", "/x");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertTrue(run.err.contains("invalid connect string 'localhost'")));
    }

    @Test
    void shouldDescribeNewCommandsAsZkCli()
    {
        final ShellRun run = ShellRun.execute("help");

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.out.contains("\tconfig [-c] [-w] [-s]\n")),
            () -> assertTrue(run.out.contains("\tconnect [host:port,...]\n")),
            () -> assertTrue(run.out.contains("\tdeleteall path [-b batch size]\n")),
            () -> assertTrue(run.out.contains("\thistory\n")),
            () -> assertTrue(run.out.contains("\tprintwatches on|off\n")),
            () -> assertTrue(run.out.contains("\tredo cmdno\n")),
            () -> assertTrue(run.out.contains("\tremovewatches path [-c|-d|-a|-p|-r] [-l]\n")),
            () -> assertTrue(run.out.contains("\tversion\n")),
            () -> assertTrue(run.out.contains("\twhoami\n")));
    }

    @Test
    void shouldReduceConfigToClientAddressesAsZooKeeper()
    {
        final String config = "server.2=h2:2888:3888:participant;h2:2181\n" +
            "server.1=h1:2888:3888:participant;0.0.0.0:2181\n" +
            "server.3=h3:2888:3888:observer;2182\n" +
            "version=100000000\n";

        assertEquals("100000000 0.0.0.0:2181,h2:2181,0.0.0.0:2182", ConfigCommand.clientConfig(config));
    }
}
