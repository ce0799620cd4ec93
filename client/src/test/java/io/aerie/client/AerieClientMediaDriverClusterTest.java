package io.aerie.client;

import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.DriverTimeoutException;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The media driver choice through the public API, against a real one-node cluster: a client that embeds its
 * driver removes the driver's directory when it closes, and the next client removes the one a client killed with
 * {@code kill -9} (a child JVM) left; clients given an external driver's directory share that
 * driver and leave it running; an external directory without a driver fails connect at once.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AerieClientMediaDriverClusterTest
{
    private static final int PORT_BASE = 18500;
    /** Short, so a killed driver's heartbeat goes stale quickly; the pid check keeps live drivers safe. */
    private static final long DRIVER_TIMEOUT_MS = 1_000;

    // Static: JUnit injects an instance @TempDir field only before each test, after @BeforeAll has used it.
    @TempDir
    static File tempDir;

    private TestClusters.ClusterWithClient cluster;

    @BeforeAll
    void start() throws AerieException
    {
        cluster = TestClusters.ClusterWithClient.launch(1, PORT_BASE, tempDir);
    }

    @AfterAll
    void stop()
    {
        CloseHelper.close(cluster);
    }

    @Test
    void shouldRemoveTheEmbeddedDriverDirectoryWhenTheClientCloses() throws AerieException
    {
        final File dir = new File(tempDir, "aeron-test-aerie-client-embedded");
        final AerieClient.Context clientCtx6 = cluster.clientContext();
        clientCtx6.connection().embeddedAeronDirectoryName(dir.getPath());
        final AerieClient client = AerieClient.connect(clientCtx6);
        try
        {
            client.create("/embedded", bytes("e"));
            assertTrue(new File(dir, "cnc.dat").exists());
        }
        finally
        {
            client.close();
        }

        assertFalse(dir.exists());
    }

    @Test
    void shouldRemoveTheDirectoryOfAClientKilledWithSigkillWhenTheNextClientConnects() throws Exception
    {
        final File deadDir = new File(tempDir, "aeron-test-aerie-client-killed");
        final AerieClient.Context childCtx = cluster.clientContext();
        final Process child = ChildJvms.startAndAwait("connected ", EmbeddedClientChild.class,
            childCtx.connection().ingressEndpoints(), childCtx.connection().ingressChannel(),
            childCtx.connection().egressChannel(), deadDir.getPath());
        child.destroyForcibly().waitFor();
        assertTrue(new File(deadDir, "cnc.dat").exists(), "kill -9 runs no hook: the directory is left");
        while (CommonContext.isDriverActive(deadDir, DRIVER_TIMEOUT_MS, msg -> {}))
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }

        final File nextDir = new File(tempDir, "aeron-test-aerie-client-next");
        final AerieClient.Context clientCtx5 = cluster.clientContext();
        clientCtx5.connection()
            .embeddedAeronDirectoryName(nextDir.getPath())
            .driverTimeoutMs(DRIVER_TIMEOUT_MS);
        try (AerieClient next = AerieClient.connect(clientCtx5))
        {
            assertFalse(deadDir.exists(), "the next client's start removes the dead client's directory");
            next.create("/after-kill", bytes("next"));
        }
        assertFalse(nextDir.exists());
    }

    @Test
    void shouldShareOneExternalDriverBetweenClientsAndLeaveItRunning() throws AerieException
    {
        try (MediaDriver shared = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(new File(tempDir, "shared-driver").getPath())
            .threadingMode(ThreadingMode.SHARED)
            .termBufferSparseFile(true)
            .dirDeleteOnShutdown(true)))
        {
            final File sharedDir = new File(shared.aeronDirectoryName());
            final AerieClient.Context clientCtx4 = cluster.clientContext();
            clientCtx4.connection().aeronDirectoryName(sharedDir.getPath());
            final AerieClient.Context clientCtx3 = cluster.clientContext();
            clientCtx3.connection().aeronDirectoryName(sharedDir.getPath());
            try (AerieClient first = AerieClient.connect(clientCtx4);
                AerieClient second = AerieClient.connect(clientCtx3))
            {
                first.create("/shared", bytes("one driver"));
                assertArrayEquals(bytes("one driver"), second.getData("/shared"));
            }

            assertTrue(CommonContext.isDriverActive(sharedDir, CommonContext.DRIVER_TIMEOUT_MS, msg -> {}),
                "closing its clients leaves an external driver running");
        }
    }

    @Test
    void shouldTellTheErrorHandlerRatherThanExitTheJvmWhenItsExternalDriverDies() throws AerieException
    {
        final AtomicReference<Throwable> driverTimeout = new AtomicReference<>();
        final MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(new File(tempDir, "dying-driver").getPath())
            .threadingMode(ThreadingMode.SHARED)
            .termBufferSparseFile(true)
            .dirDeleteOnShutdown(true));
        final AerieClient client;
        try
        {
            final AerieClient.Context clientCtx2 = cluster.clientContext();
            clientCtx2.connection()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .driverTimeoutMs(DRIVER_TIMEOUT_MS);
            clientCtx2.errorHandler((throwable) ->
                {
                    if (throwable instanceof DriverTimeoutException)
                    {
                        driverTimeout.set(throwable);
                    }
                });
            client = AerieClient.connect(clientCtx2);
            client.create("/driver-dies", bytes("before"));
        }
        finally
        {
            driver.close();
        }

        try
        {
            // Aeron's default error handler would exit this JVM here, and the test run with it.
            while (null == driverTimeout.get())
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            assertThrows(AerieException.class, () -> client.getData("/driver-dies"));
        }
        finally
        {
            client.close();
        }
    }

    @Test
    void shouldFailConnectAtOnceWhenNoDriverRunsInTheExternalDirectory()
    {
        final String noDriver = new File(tempDir, "no-driver").getPath();

        final AerieClient.Context clientCtx = cluster.clientContext();
        clientCtx.connection().aeronDirectoryName(noDriver);
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> AerieClient.connect(clientCtx));

        assertTrue(ex.getMessage().contains(noDriver), ex.getMessage());
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
