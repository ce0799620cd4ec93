package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Null data in {@code aerie shell}, as in zkCli 3.9: {@code create} without data creates null data, {@code get}
 * prints it as {@code null}, and empty data prints as an empty line. Against a real one-node CLUSTER.
 */
@Tag("slow")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShellNullDataClusterTest
{
    private static final int PORT_BASE = 20100;

    @RegisterExtension
    static final ShellTestCluster CLUSTER = new ShellTestCluster(PORT_BASE, 1_000, 1024L * 1024);

    @Test
    void shouldCreateNullDataWithoutDataArgumentAndGetItAsNull() throws AerieException
    {
        final ShellRun create = ShellRun.execute("-c", CLUSTER.connect(), "create", "/no-data");
        final ShellRun get = ShellRun.execute("-c", CLUSTER.connect(), "get", "-s", "/no-data");

        assertAll(create + "\n" + get,
            () -> assertEquals(0, create.exitCode),
            () -> assertEquals(0, get.exitCode),
            () -> assertTrue(get.out.startsWith("null\ncZxid = 0x"), get.out),
            () -> assertTrue(get.out.contains("dataLength = 0\n")));
        try (AerieClient client = CLUSTER.client())
        {
            assertNull(client.getData("/no-data"), "null, not empty, for every client");
        }
    }

    @Test
    void shouldGetEmptyDataAsEmptyLine() throws AerieException
    {
        final ShellRun create = ShellRun.execute("-c", CLUSTER.connect(), "create", "/empty-data", "");
        final ShellRun get = ShellRun.execute("-c", CLUSTER.connect(), "get", "/empty-data");

        assertAll(create + "\n" + get,
            () -> assertEquals(0, get.exitCode),
            () -> assertEquals("\n", get.out));
        try (AerieClient client = CLUSTER.client())
        {
            assertArrayEquals(new byte[0], client.getData("/empty-data"));
        }
    }
}
