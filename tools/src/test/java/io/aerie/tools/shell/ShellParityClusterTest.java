package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.tools.cli.ExitCodes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shell's zkCli 3.9 commands and messages that need a cluster ({@code whoami}, {@code config},
 * {@code deleteall -b}, {@code removewatches -l}, {@code printwatches}, bare {@code connect}, {@code Not connected}
 * on an expired session, data over the limit), against a one-node cluster on loopback with its own port base.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShellParityClusterTest
{
    private static final int PORT_BASE = 22400;
    private static final String DATA_TOO_LARGE = "the cluster takes at most 1048576 bytes (1 MiB) by default " +
        "(aerie.tree.max.data.length on its nodes)";

    @RegisterExtension
    static final ShellTestCluster CLUSTER = new ShellTestCluster(PORT_BASE, 10_000, 32L * 1024 * 1024);

    @Test
    void shouldSayWhoAmIAsZkCliWithoutAuth()
    {
        final ShellRun run = CLUSTER.shell("whoami");

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertEquals("Auth scheme: User\nip: 127.0.0.1\n", run.out));
    }

    @Test
    void shouldPrintConfigurationOrSayThereIsNone()
    {
        final ShellRun config = CLUSTER.shell("config");
        final ShellRun get = CLUSTER.shell("get", "/zookeeper/config");

        if (0 == get.exitCode)
        {
            assertAll(config + "\n" + get,
                () -> assertEquals(0, config.exitCode),
                () -> assertEquals(get.out, config.out));
        }
        else
        {
            assertAll(config.toString(),
                () -> assertEquals(ExitCodes.FAILURE, config.exitCode),
                () -> assertEquals("No configuration: this cluster has no /zookeeper/config znode\n", config.err));
        }
    }

    @Test
    void shouldReadConfigurationOutsideTheChroot()
    {
        CLUSTER.script("create /cfg-root\ncreate /cfg-root/zookeeper\ncreate /cfg-root/zookeeper/config WRONG\n");
        final ShellRun chrooted = ShellRun.execute("-c", CLUSTER.connect() + "/cfg-root", "config");
        final ShellRun plain = CLUSTER.shell("config");

        assertAll(chrooted + "\n" + plain,
            () -> assertEquals(plain.exitCode, chrooted.exitCode),
            () -> assertEquals(plain.out, chrooted.out),
            () -> assertEquals(plain.err, chrooted.err),
            () -> assertFalse(chrooted.out.contains("WRONG")));
    }

    @Test
    void shouldDeleteSubtreeInBatches()
    {
        CLUSTER.script("create /batch\ncreate /batch/a\ncreate /batch/a/x\ncreate /batch/b\ncreate /batch/c\n");
        final ShellRun run = CLUSTER.shell("deleteall", "/batch", "-b", "2");
        final ShellRun gone = CLUSTER.shell("stat", "/batch");

        assertAll(run + "\n" + gone,
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.out.isEmpty()),
            () -> assertTrue(run.err.isEmpty()),
            () -> assertEquals("Node does not exist: /batch\n", gone.err));
    }

    @Test
    void shouldDeleteSubtreeInOneBatchWhenSizeIsZero()
    {
        CLUSTER.script("create /one\ncreate /one/a\ncreate /one/a/b\n");
        final ShellRun run = CLUSTER.shell("deleteall", "-b", "0", "/one");
        final ShellRun gone = CLUSTER.shell("stat", "/one");

        assertAll(run + "\n" + gone,
            () -> assertEquals(0, run.exitCode),
            () -> assertEquals("Node does not exist: /one\n", gone.err));
    }

    @Test
    void shouldFailDeleteAllOfMissingNode()
    {
        final ShellRun run = CLUSTER.shell("deleteall", "/never-created", "-b", "5");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
            () -> assertEquals("Node does not exist: /never-created\n", run.err));
    }

    @Test
    void shouldRemoveWatchLocallyWithL()
    {
        final ShellRun run = CLUSTER.script(
            "create /rw x\nget -w /rw\nremovewatches /rw -d -l\nremovewatches /rw -l\n");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
            () -> assertTrue(run.out.contains("type:DataWatchRemoved path:/rw ")),
            () -> assertEquals("No such watcher for /rw\n", run.err));
    }

    @Test
    void shouldNotPrintWatchEventsWhenPrintWatchesIsOff()
    {
        final ShellRun off = CLUSTER.script("create /pw\nprintwatches off\nget -w /pw\nset /pw x\n");
        final ShellRun on = CLUSTER.script("create /pw-on\nget -w /pw-on\nset /pw-on x\n");

        assertAll(off + "\n" + on,
            () -> assertEquals(0, off.exitCode),
            () -> assertFalse(off.out.contains("WATCHER::")),
            () -> assertTrue(on.out.contains("type:NodeDataChanged path:/pw-on ")));
    }

    @Test
    void shouldReconnectToLastClusterWithBareConnect()
    {
        final ShellRun run = CLUSTER.script(
            "create -e /bare\nclose\nls /bare\nconnect\nstat /bare\ncreate /after-connect\n");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
            () -> assertTrue(run.err.contains("Not connected (closed): use connect [host:port,...]\n")),
            () -> assertTrue(run.err.contains("Node does not exist: /bare\n")),
            () -> assertTrue(run.out.contains("Created /after-connect\n")));
    }

    @Test
    void shouldAnswerNotConnectedAtOnceOnExpiredSession() throws AerieException
    {
        // A request timeout far beyond the test's: a command that waited for it would fail the test.
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final ShellSession session = new ShellSession(
            new ShellSettings(ConnectString.parse(CLUSTER.connect()), TimeUnit.MINUTES.toMillis(10), 200),
            new PrintWriter(out, true), new PrintWriter(err, true), text -> {}, false);
        final ShellDispatcher dispatcher = new ShellDispatcher(session);
        try (AerieClient other = CLUSTER.client())
        {
            assertEquals(0, dispatcher.execute("create -e /expiring"), err.toString());
            // This thread is the shell's client thread: while it does not poll, no keepalive goes out.
            while (null != other.exists("/expiring"))
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }

            final int first = dispatcher.execute("ls /");
            final int second = dispatcher.execute("ls /");
            final int afterConnect = dispatcher.execute("connect");
            final int ls = dispatcher.execute("stat /");

            assertAll(out + "\n--- err\n" + err,
                () -> assertEquals(ExitCodes.FAILURE, first),
                () -> assertEquals(ExitCodes.FAILURE, second),
                () -> assertTrue(err.toString().contains("Not connected (session expired): use connect")),
                () -> assertEquals(0, afterConnect),
                () -> assertEquals(0, ls));
        }
        finally
        {
            session.closeClient();
        }
    }

    @Test
    void shouldNameTheLimitForDataTheClusterRefuses()
    {
        final ShellRun run = CLUSTER.script("create /big " + "x".repeat(1536 * 1024) + "\n");

        assertAll(abbreviated(run),
            () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
            () -> assertEquals("Data too large for /big: " + DATA_TOO_LARGE + "\n", run.err));
    }

    @Test
    void shouldNameTheLimitForDataTooLargeToSend() throws AerieException
    {
        final ShellRun run = CLUSTER.script("create /huge " + "x".repeat(3 * 1024 * 1024) + "\ncreate /huge-after\n" +
            "set /huge-after " + "y".repeat(3 * 1024 * 1024) + "\nget /huge-after\n");

        try (AerieClient other = CLUSTER.client())
        {
            assertNull(other.exists("/huge"));
        }
        assertAll(abbreviated(run),
            () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
            () -> assertEquals("Data too large for /huge: " + DATA_TOO_LARGE + "\n" +
                "Data too large for /huge-after: " + DATA_TOO_LARGE + "\n", run.err),
            () -> assertFalse(run.err.contains("Exception")),
            () -> assertTrue(run.out.contains("Created /huge-after\n")));
    }

    private static String abbreviated(final ShellRun run)
    {
        final String text = run.toString();
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "...";
    }
}
