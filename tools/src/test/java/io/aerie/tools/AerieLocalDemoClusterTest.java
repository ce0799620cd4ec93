package io.aerie.tools;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code aerie local --nodes 1 --demo} in this JVM: a real one-node cluster on loopback, the whole README demo,
 * then a clean close that deletes the cluster's directory.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AerieLocalDemoClusterTest
{
    private static final int PORT_BASE = 26000;

    @TempDir
    File tempDir;

    @Test
    void shouldRunDemoOnOneNodeClusterAndExitCleanly()
    {
        final File clusterDir = new File(tempDir, "cluster");

        final CommandRun run = CommandRun.execute(
            "local", "--nodes", "1", "--port-base", String.valueOf(PORT_BASE), "--dir", clusterDir.getPath(), "--demo");

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertTrue(run.err.isEmpty()),
            () -> assertTrue(run.out.contains("connect string: 0=localhost:" + PORT_BASE)),
            () -> assertTrue(run.out.contains("leader: member 0")),
            () -> assertTrue(run.out.contains("-> /demo\n")),
            () -> assertTrue(run.out.contains("-> /demo/worker\n")),
            () -> assertTrue(run.out.contains("-> /demo/job-0000000001\n")),
            () -> assertTrue(run.out.contains("-> /demo/job-0000000002\n")),
            () -> assertTrue(run.out.contains("version=0 ephemeralOwner=0x0")),
            () -> assertTrue(run.out.contains("error: KeeperErrorCode = BadVersion for /demo")),
            () -> assertTrue(run.out.contains("stat /demo/worker -> does not exist")),
            () -> assertTrue(run.out.contains("watch fired: NODE_DELETED /demo/worker")),
            () -> assertTrue(run.out.contains("watch fired: NODE_CHILDREN_CHANGED /demo")),
            () -> assertTrue(run.out.contains("ls /demo -> [job-0000000001, job-0000000002]")),
            () -> assertTrue(run.out.contains("aerie local: stopped")),
            () -> assertFalse(clusterDir.exists()));
    }
}
