package io.aerie.tools.shell;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code aerie shell -c host:port/app}: a chroot in the connect string makes every path of the session relative to
 * it, as zkCli's {@code -server host:port/app}.
 */
@Tag("slow")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AerieShellChrootClusterTest
{
    private static final int PORT_BASE = 21800;

    @TempDir
    static File tempDir;

    private static ShellTestCluster cluster;

    @BeforeAll
    static void startCluster()
    {
        cluster = ShellTestCluster.launch(PORT_BASE, tempDir, 1_000, 4L * 1024 * 1024);
    }

    @AfterAll
    static void stopCluster()
    {
        cluster.close();
    }

    @Test
    void shouldRunEveryCommandRelativeToTheChrootOfTheConnectString()
    {
        final ShellRun root = ShellRun.execute("-c", cluster.connect(), "create", "/app");
        final ShellRun chrooted = ShellRun.script(
            "create /x hello\n" +
            "get /x\n" +
            "ls /\n", "-c", cluster.connect() + "/app");
        final ShellRun outside = ShellRun.execute("-c", cluster.connect(), "get", "/app/x");

        assertAll(root + "\n" + chrooted + "\n" + outside,
            () -> assertEquals(0, root.exitCode),
            () -> assertEquals(0, chrooted.exitCode),
            () -> assertEquals("Created /x\nhello\n[x]\n", chrooted.out),
            () -> assertEquals(0, outside.exitCode),
            () -> assertEquals("hello\n", outside.out));
    }
}
