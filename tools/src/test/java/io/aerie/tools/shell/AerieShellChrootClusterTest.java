package io.aerie.tools.shell;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    static final ShellTestCluster CLUSTER = new ShellTestCluster(PORT_BASE, 1_000, 4L * 1024 * 1024);

    @Test
    void shouldRunEveryCommandRelativeToTheChrootOfTheConnectString()
    {
        final ShellRun root = ShellRun.execute("-c", CLUSTER.connect(), "create", "/app");
        final ShellRun chrooted = ShellRun.script(
            "create /x hello\n" +
            "get /x\n" +
            "ls /\n", "-c", CLUSTER.connect() + "/app");
        final ShellRun outside = ShellRun.execute("-c", CLUSTER.connect(), "get", "/app/x");

        assertAll(root + "\n" + chrooted + "\n" + outside,
            () -> assertEquals(0, root.exitCode),
            () -> assertEquals(0, chrooted.exitCode),
            () -> assertEquals("Created /x\nhello\n[x]\n", chrooted.out),
            () -> assertEquals(0, outside.exitCode),
            () -> assertEquals("hello\n", outside.out));
    }
}
