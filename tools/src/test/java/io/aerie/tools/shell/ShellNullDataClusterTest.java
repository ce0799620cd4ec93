package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Null data in {@code aerie shell}, as in zkCli 3.9: {@code create} without data creates null data, {@code get}
 * prints it as {@code null}, and empty data prints as an empty line. Against a real one-node cluster.
 */
@Tag("slow")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShellNullDataClusterTest
{
    private static final int PORT_BASE = 20100;

    @TempDir
    static File tempDir;

    private static ShellTestCluster cluster;
    private static String connect;

    @BeforeAll
    static void startCluster()
    {
        cluster = ShellTestCluster.launch(PORT_BASE, tempDir, 1_000, 1024L * 1024);
        connect = cluster.connect();
    }

    @AfterAll
    static void stopCluster()
    {
        cluster.close();
    }

    @Test
    void shouldCreateNullDataWithoutDataArgumentAndGetItAsNull() throws AerieException
    {
        final ShellRun create = ShellRun.execute("-c", connect, "create", "/no-data");
        final ShellRun get = ShellRun.execute("-c", connect, "get", "-s", "/no-data");

        assertAll(create + "\n" + get,
            () -> assertEquals(0, create.exitCode),
            () -> assertEquals(0, get.exitCode),
            () -> assertTrue(get.out.startsWith("null\ncZxid = 0x"), get.out),
            () -> assertTrue(get.out.contains("dataLength = 0\n")));
        try (AerieClient client = cluster.client())
        {
            assertNull(client.getData("/no-data"), "null, not empty, for every client");
        }
    }

    @Test
    void shouldGetEmptyDataAsEmptyLine() throws AerieException
    {
        final ShellRun create = ShellRun.execute("-c", connect, "create", "/empty-data", "");
        final ShellRun get = ShellRun.execute("-c", connect, "get", "/empty-data");

        assertAll(create + "\n" + get,
            () -> assertEquals(0, get.exitCode),
            () -> assertEquals("\n", get.out));
        try (AerieClient client = cluster.client())
        {
            assertArrayEquals(new byte[0], client.getData("/empty-data"));
        }
    }
}
