package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.tools.cli.ExitCodes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code aerie shell} against a real one-node cluster on loopback (its own port base and directory): every command,
 * non-interactively, with its output and exit code; watch events printed after changes made by another client;
 * and the interactive shell completing a real znode path.
 */
@Tag("slow")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AerieShellClusterTest
{
    private static final int PORT_BASE = 27000;

    @RegisterExtension
    static final ShellTestCluster CLUSTER = new ShellTestCluster(PORT_BASE, 10_000, 32L * 1024 * 1024);

    @Test
    void shouldCreateZnodeAndGetItsData()
    {
        final ShellRun create = CLUSTER.shell("create", "/create", "hello world");
        final ShellRun get = CLUSTER.shell("get", "/create");

        assertAll(create + "\n" + get,
            () -> assertEquals(0, create.exitCode),
            () -> assertEquals("Created /create\n", create.out),
            () -> assertEquals(0, get.exitCode),
            () -> assertEquals("hello world\n", get.out),
            () -> assertTrue(get.err.isEmpty()));
    }

    @Test
    void shouldCreateEveryKindOfZnode()
    {
        final ShellRun run = CLUSTER.script(
            "create /modes\n" +
            "create -s /modes/seq- one\n" +
            "create -e /modes/eph\n" +
            "create -s -e /modes/eseq-\n" +
            "create -c /modes/container\n" +
            "create -t 60000 /modes/ttl\n" +
            "create /modes/open '' world:anyone:r\n" +
            "ls /modes\n");
        final ShellRun after = CLUSTER.shell("ls", "/modes");

        assertAll(run + "\n" + after,
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(Pattern.compile("Created /modes/seq-\\d{10}\n").matcher(run.out).find()),
            () -> assertTrue(run.out.contains("Created /modes/eph\n")),
            () -> assertTrue(Pattern.compile("Created /modes/eseq-\\d{10}\n").matcher(run.out).find()),
            () -> assertTrue(run.out.contains("Created /modes/container\n")),
            () -> assertTrue(run.out.contains("Created /modes/ttl\n")),
            () -> assertTrue(run.out.contains("Created /modes/open\n")),
            () -> assertTrue(run.out.contains("eph, ")),
            () -> assertFalse(after.out.contains("eph")), // ephemerals went with the script's session
            () -> assertTrue(after.out.contains("container, ")));
    }

    @Test
    void shouldPrintStatAsZkCli()
    {
        CLUSTER.shell("create", "/stat", "12345");
        final ShellRun run = CLUSTER.shell("stat", "/stat");

        final List<String> names = new ArrayList<>();
        run.out.lines().forEach(line -> names.add(line.substring(0, line.indexOf(" = "))));
        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertEquals(List.of("cZxid", "ctime", "mZxid", "mtime", "pZxid", "cversion", "dataVersion",
                "aclVersion", "ephemeralOwner", "dataLength", "numChildren"), names),
            () -> assertTrue(run.out.contains("dataVersion = 0\n")),
            () -> assertTrue(run.out.contains("ephemeralOwner = 0x0\n")),
            () -> assertTrue(run.out.contains("dataLength = 5\n")));
    }

    @Test
    void shouldFailWithNoNodeForMissingZnode()
    {
        final ShellRun run = CLUSTER.shell("get", "/missing");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
            () -> assertEquals("Node does not exist: /missing\n", run.err),
            () -> assertTrue(run.out.isEmpty()));
    }

    @Test
    void shouldSetDataWithVersionCheck()
    {
        CLUSTER.shell("create", "/set", "v0");
        final ShellRun set = CLUSTER.shell("set", "-s", "-v", "0", "/set", "v1");
        final ShellRun stale = CLUSTER.shell("set", "-v", "0", "/set", "v2");
        final ShellRun get = CLUSTER.shell("get", "-s", "/set");

        assertAll(set + "\n" + stale + "\n" + get,
            () -> assertEquals(0, set.exitCode),
            () -> assertTrue(set.out.contains("dataVersion = 1\n")),
            () -> assertEquals(ExitCodes.FAILURE, stale.exitCode),
            () -> assertEquals("version No is not valid : /set\n", stale.err),
            () -> assertTrue(get.out.startsWith("v1\ncZxid = 0x")));
    }

    @Test
    void shouldListChildrenWithStatAndRecursively()
    {
        CLUSTER.script("create /ls\ncreate /ls/b\ncreate /ls/a\ncreate /ls/a/x\n");
        final ShellRun ls = CLUSTER.shell("ls", "/ls");
        final ShellRun withStat = CLUSTER.shell("ls", "-s", "/ls");
        final ShellRun recursive = CLUSTER.shell("ls", "-R", "/ls");

        assertAll(ls + "\n" + withStat + "\n" + recursive,
            () -> assertEquals("[a, b]\n", ls.out),
            () -> assertTrue(withStat.out.startsWith("[a, b]\ncZxid = ")),
            () -> assertTrue(withStat.out.contains("numChildren = 2\n")),
            () -> assertEquals("/ls\n/ls/a\n/ls/a/x\n/ls/b\n", recursive.out));
    }

    @Test
    void shouldDeleteWithVersionCheckButNotWithChildren()
    {
        CLUSTER.script("create /del\ncreate /del/c\n");
        final ShellRun notEmpty = CLUSTER.shell("delete", "/del");
        final ShellRun badVersion = CLUSTER.shell("delete", "-v", "5", "/del/c");
        final ShellRun deleted = CLUSTER.script("delete -v 0 /del/c\ndelete /del\n");
        final ShellRun gone = CLUSTER.shell("stat", "/del");

        assertAll(notEmpty + "\n" + badVersion + "\n" + deleted + "\n" + gone,
            () -> assertEquals(ExitCodes.FAILURE, notEmpty.exitCode),
            () -> assertEquals("Node not empty: /del\n", notEmpty.err),
            () -> assertEquals("version No is not valid : /del/c\n", badVersion.err),
            () -> assertEquals(0, deleted.exitCode),
            () -> assertEquals("Node does not exist: /del\n", gone.err));
    }

    @Test
    void shouldDeleteWholeSubtree()
    {
        CLUSTER.script("create /tree\ncreate /tree/a\ncreate /tree/a/b\ncreate /tree/c\n");
        final ShellRun run = CLUSTER.shell("deleteall", "/tree");
        final ShellRun gone = CLUSTER.shell("ls", "/tree");

        assertAll(run + "\n" + gone,
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.out.isEmpty()),
            () -> assertEquals(ExitCodes.FAILURE, gone.exitCode),
            () -> assertEquals("Node does not exist: /tree\n", gone.err));
    }

    @Test
    void shouldReadAndReplaceAcl()
    {
        CLUSTER.shell("create", "/acl");
        final ShellRun before = CLUSTER.shell("getAcl", "/acl");
        final ShellRun set = CLUSTER.shell("setAcl", "-s", "/acl", "world:anyone:cdr");
        final ShellRun after = CLUSTER.shell("getAcl", "/acl");
        final ShellRun invalid = CLUSTER.shell("setAcl", "/acl", "ip:not-an-address:r");

        assertAll(before + "\n" + set + "\n" + after + "\n" + invalid,
            () -> assertEquals("'world,'anyone\n: cdrwa\n", before.out),
            () -> assertTrue(set.out.contains("aclVersion = 1\n")),
            () -> assertEquals("'world,'anyone\n: cdr\n", after.out),
            () -> assertEquals(ExitCodes.FAILURE, invalid.exitCode),
            () -> assertEquals("Acl is not valid : /acl\n", invalid.err));
    }

    @Test
    void shouldSyncAndCountDescendants()
    {
        CLUSTER.script("create /count\ncreate /count/a\ncreate /count/a/b\ncreate /count/c\n");
        final ShellRun sync = CLUSTER.shell("sync", "/count");
        final ShellRun count = CLUSTER.shell("getAllChildrenNumber", "/count");

        assertAll(sync + "\n" + count,
            () -> assertEquals("Sync is OK\n", sync.out),
            () -> assertEquals("3\n", count.out));
    }

    @Test
    void shouldListOwnEphemerals()
    {
        final ShellRun run = CLUSTER.script("create /own\ncreate -e /own/e1\ncreate /own/p\ngetEphemerals /own\n");

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.out.endsWith("[/own/e1]\n")));
    }

    @Test
    void shouldCloseSessionAndConnectAgain()
    {
        final ShellRun run = CLUSTER.script(
            "create -e /closing\nclose\nstat /closing\nconnect " + CLUSTER.connect() + "\nstat /closing\n");

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
            () -> assertTrue(run.err.contains("Not connected (closed)")),
            // The ephemeral went with the closed session.
            () -> assertTrue(run.err.contains("Node does not exist: /closing")));
    }

    @Test
    void shouldPrintDataWatchEventAfterChangeByAnotherClient() throws Exception
    {
        CLUSTER.shell("create", "/watch-data", "v0");
        try (ShellProcess shell = new ShellProcess("-c", CLUSTER.connect());
            AerieClient other = CLUSTER.client())
        {
            shell.send("get -w /watch-data");
            shell.awaitOut("v0\n");
            other.setData("/watch-data", bytes("v1"), -1);

            shell.awaitOut("\nWATCHER::\n\nWatchedEvent state:SyncConnected type:NodeDataChanged path:/watch-data");
            shell.send("quit");
            assertEquals(0, shell.finish(), shell.toString());
        }
    }

    @Test
    void shouldPrintChildAndExistsWatchEvents() throws Exception
    {
        CLUSTER.shell("create", "/watch-ls");
        try (ShellProcess shell = new ShellProcess("-c", CLUSTER.connect());
            AerieClient other = CLUSTER.client())
        {
            shell.send("ls -w /watch-ls");
            shell.send("stat -w /watch-ls/new");
            shell.awaitErr("Node does not exist: /watch-ls/new");
            other.create("/watch-ls/new", bytes("x"));

            shell.awaitOut("type:NodeChildrenChanged path:/watch-ls ");
            shell.awaitOut("type:NodeCreated path:/watch-ls/new ");
            assertEquals(ExitCodes.FAILURE, shell.finish(), shell.toString());
        }
    }

    @Test
    void shouldPrintEventsOfRecursiveWatchUntilRemoved() throws Exception
    {
        try (ShellProcess shell = new ShellProcess("-c", CLUSTER.connect());
            AerieClient other = CLUSTER.client())
        {
            shell.send("addWatch /watch-r");
            shell.send("sync /");
            shell.awaitOut("Sync is OK");
            other.create("/watch-r", null);
            other.create("/watch-r/child", null);
            other.setData("/watch-r/child", bytes("x"), -1);

            shell.awaitOut("type:NodeCreated path:/watch-r ");
            shell.awaitOut("type:NodeCreated path:/watch-r/child ");
            shell.awaitOut("type:NodeDataChanged path:/watch-r/child ");
            shell.send("removewatches /watch-r -r");
            shell.awaitOut("type:PersistentWatchRemoved path:/watch-r ");
            shell.send("removewatches /watch-r");
            shell.awaitErr("No such watcher for /watch-r");
            assertEquals(ExitCodes.FAILURE, shell.finish(), shell.toString());
        }
    }

    @Test
    void shouldPrintChildEventOfPersistentWatch() throws Exception
    {
        CLUSTER.shell("create", "/watch-p");
        try (ShellProcess shell = new ShellProcess("-c", CLUSTER.connect());
            AerieClient other = CLUSTER.client())
        {
            shell.send("addWatch -m PERSISTENT /watch-p");
            shell.send("sync /");
            shell.awaitOut("Sync is OK");
            other.create("/watch-p/a", null);
            other.create("/watch-p/b", null);

            shell.awaitOut("type:NodeChildrenChanged path:/watch-p ", 2);
            assertEquals(0, shell.finish(), shell.toString());
        }
    }

    @Test
    void shouldCompleteZnodePathInInteractiveShell() throws IOException
    {
        CLUSTER.script("create /complete\ncreate /complete/alpha A-data\n");
        final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        final StringWriter err = new StringWriter();
        final ShellSettings settings = new ShellSettings(ConnectString.parse(CLUSTER.connect()), 5_000, 0);
        final String keys = "get /compl\t/al\t\n";

        try (Terminal terminal = new DumbTerminal("test", "ansi",
            new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8))
        {
            terminal.setSize(new Size(160, 50));
            try (InteractiveShell shell = new InteractiveShell(settings, terminal, new PrintWriter(err, true), null))
            {
                assertEquals(0, shell.run());
                assertEquals("get /complete/alpha", shell.reader().getHistory().get(0).trim());
            }
        }

        final String text = screen.toString(StandardCharsets.UTF_8);
        assertAll(text + "\n--- err\n" + err,
            () -> assertTrue(text.contains("(CONNECTED) 0] get /complete/alpha")),
            () -> assertTrue(text.contains("A-data")),
            () -> assertTrue(err.toString().isEmpty()));
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
