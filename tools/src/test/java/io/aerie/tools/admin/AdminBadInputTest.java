package io.aerie.tools.admin;

import io.aerie.tools.cli.ExitCodes;
import io.aeron.cluster.codecs.mark.ClusterComponentType;
import io.aeron.cluster.service.ClusterMarkFile;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code aerie admin} on bad input and on directories where no node runs, without a cluster: each ends with one
 * line on stderr, no stack trace, and exit code 2 (bad input) or 1 (the nodes are not as asked).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AdminBadInputTest
{
    private static final int FILE_PAGE_SIZE = 4096;

    @TempDir
    File tempDir;

    @Test
    void shouldListTheSubcommandsInHelp()
    {
        final AdminRun run = AdminRun.execute("--help");

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.out.contains("Usage: aerie admin")),
            () -> assertTrue(run.out.contains("status")),
            () -> assertTrue(run.out.contains("snapshot")),
            () -> assertTrue(run.out.contains("ruok")),
            () -> assertTrue(run.out.contains("srvr")),
            () -> assertTrue(run.out.contains("mntr")));
    }

    @Test
    void shouldRejectAMissingSubcommandWithOneLine()
    {
        final AdminRun run = AdminRun.execute();

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("missing subcommand")),
            () -> assertTrue(run.out.isEmpty()));
    }

    @Test
    void shouldRejectAnUnknownDirectory()
    {
        final AdminRun run = AdminRun.execute("status", "--dir", new File(tempDir, "missing").getPath());

        assertUsageError(run, "no such directory: ");
    }

    @Test
    void shouldRejectAFileGivenAsDirectory() throws IOException
    {
        final File file = Files.createFile(new File(tempDir, "file").toPath()).toFile();

        final AdminRun run = AdminRun.execute("status", "--dir", file.getPath());

        assertUsageError(run, "not a directory: ");
    }

    @Test
    void shouldRejectADirectoryWithNoNodeInIt()
    {
        final AdminRun run = AdminRun.execute("status", "--dir", tempDir.getPath());

        assertUsageError(run, "is not an Aerie node directory (no cluster/ in it) nor a directory of nodes");
    }

    @Test
    void shouldShowANodeThatNeverRanAsNotRunningAndFail()
    {
        final File nodeDir = nodeDir("node-0");

        final AdminRun run = AdminRun.execute("status", "--dir", nodeDir.getPath());

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
            () -> assertTrue(run.out.contains("\n0       not running")),
            () -> assertTrue(run.out.contains("(no cluster mark file (never started here))")),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("no node is running in [" + nodeDir.getPath() + "]")));
    }

    @Test
    void shouldAskEveryMemberWithoutMemberOption()
    {
        nodeDir("node-0");
        nodeDir("node-1");

        final AdminRun run = AdminRun.execute("ruok", "--dir", tempDir.getPath());

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("member 0 is not running: no cluster mark file (never started here); " +
                "member 1 is not running: no cluster mark file (never started here)")),
            () -> assertTrue(run.out.isEmpty()));
    }

    @Test
    void shouldRejectAnUnknownMember()
    {
        nodeDir("node-0");
        nodeDir("node-1");

        final AdminRun run = AdminRun.execute("srvr", "--dir", tempDir.getPath(), "--member", "7");

        assertUsageError(run, "no member 7 in the directories (members 0, 1)");
    }

    @Test
    void shouldFailASnapshotWhenNothingRuns()
    {
        nodeDir("node-0");

        final AdminRun run = AdminRun.execute("snapshot", "--dir", tempDir.getPath());

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("aerie admin snapshot: no node is running in")),
            () -> assertTrue(run.out.isEmpty()));
    }

    @Test
    void shouldRejectANonPositiveSnapshotTimeout()
    {
        nodeDir("node-0");

        final AdminRun run = AdminRun.execute("snapshot", "--dir", tempDir.getPath(), "--timeout-ms", "0");

        assertUsageError(run, "--timeout-ms=0 must be > 0");
    }

    @Test
    void shouldSayTheProcessIsGoneWhenTheMarkFileNamesADeadOne() throws Exception
    {
        final long deadPid = deadProcessId();
        final File nodeDir = nodeDir("node-3");
        writeMarkFile(new File(nodeDir, "cluster"), 3, deadPid);

        final AdminRun run = AdminRun.execute("ruok", "--dir", nodeDir.getPath());

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("member 3 is not running: its process " + deadPid + " is gone")),
            () -> assertTrue(run.out.isEmpty()));
    }

    private File nodeDir(final String name)
    {
        final File nodeDir = new File(tempDir, name);
        assertTrue(new File(nodeDir, "cluster").mkdirs());
        return nodeDir;
    }

    private static void assertUsageError(final AdminRun run, final String message)
    {
        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains(message)),
            () -> assertFalse(run.err.contains("Exception")),
            () -> assertTrue(run.out.isEmpty()));
    }

    private static long deadProcessId() throws Exception
    {
        final Process process = new ProcessBuilder("true").start();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertFalse(ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false));
        return process.pid();
    }

    private static void writeMarkFile(final File clusterDir, final int memberId, final long pid)
    {
        // What a consensus module leaves when its process is killed: a mark file naming a process that is gone.
        try (ClusterMarkFile markFile = new ClusterMarkFile(
            new File(clusterDir, ClusterMarkFile.FILENAME), ClusterComponentType.CONSENSUS_MODULE,
            ClusterMarkFile.ERROR_BUFFER_MIN_LENGTH, SystemEpochClock.INSTANCE, 0, FILE_PAGE_SIZE))
        {
            markFile.memberId(memberId);
            markFile.encoder().pid(pid);
            markFile.signalReady(System.currentTimeMillis());
        }
    }
}
