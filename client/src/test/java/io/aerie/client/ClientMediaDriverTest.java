package io.aerie.client;

import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded media driver's directory is never leaked: removed on close, on JVM exit without close, and, after
 * a {@code kill -9}, by the next client that starts; a live driver's directory is never removed. The dead client
 * is a real child JVM. Driver directories live in a temp directory, with the naming of the default ones.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientMediaDriverTest
{
    /** Short, so a killed driver's heartbeat goes stale quickly; the pid check keeps live drivers safe. */
    private static final long DRIVER_TIMEOUT_MS = 1_000;

    @TempDir
    File tempDir;

    private final List<Process> children = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception
    {
        for (final Process child : children)
        {
            child.destroyForcibly().waitFor();
        }
        for (final AutoCloseable closeable : closeables)
        {
            closeable.close();
        }
    }

    @Test
    void shouldRemoveTheDirectoryOfAClientKilledWithSigkillAtTheNextStart() throws Exception
    {
        final File deadDir = new File(tempDir, "aeron-test-aerie-client-dead");
        final Process child = startChild(deadDir, "hold");
        child.destroyForcibly().waitFor();
        assertTrue(new File(deadDir, "cnc.dat").exists(), "kill -9 runs no hook: the directory is left");
        awaitDriverInactive(deadDir);

        final ClientMediaDriver next = open(new File(tempDir, "aeron-test-aerie-client-next"));

        assertFalse(deadDir.exists(), "the next start removes the dead client's directory");
        assertTrue(new File(next.aeronDirectoryName()).exists());
    }

    @Test
    void shouldRemoveTheDirectoryOnClose()
    {
        final ClientMediaDriver driver = open(new File(tempDir, "aeron-test-aerie-client-own"));
        final File dir = new File(driver.aeronDirectoryName());
        assertTrue(new File(dir, "cnc.dat").exists());

        driver.close();

        assertFalse(dir.exists());
    }

    @Test
    void shouldRemoveTheDirectoryWhenTheJvmExitsWithoutClose() throws Exception
    {
        final File dir = new File(tempDir, "aeron-test-aerie-client-exit");
        final Process child = startChild(dir, "exit");

        assertEquals(0, child.waitFor());
        assertFalse(dir.exists(), "the shutdown hook removes the directory");
    }

    @Test
    void shouldKeepTheDirectoryOfALiveDriver()
    {
        final File liveDir = new File(tempDir, "aeron-test-aerie-client-live");
        final MediaDriver live = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(liveDir.getPath())
            .threadingMode(io.aeron.driver.ThreadingMode.SHARED)
            .dirDeleteOnShutdown(true));
        closeables.add(live);

        open(new File(tempDir, "aeron-test-aerie-client-next"));

        assertTrue(new File(liveDir, "cnc.dat").exists());
    }

    @Test
    void shouldKeepTheDirectoryOfAStoppedClientWhoseHeartbeatIsStale() throws Exception
    {
        final File pausedDir = new File(tempDir, "aeron-test-aerie-client-paused");
        final Process child = startChild(pausedDir, "hold");
        ChildJvms.signal("STOP", child);
        try
        {
            awaitDriverInactive(pausedDir);

            open(new File(tempDir, "aeron-test-aerie-client-next"));

            assertTrue(new File(pausedDir, "cnc.dat").exists(), "a paused process's driver may still come back");
        }
        finally
        {
            ChildJvms.signal("CONT", child);
        }
    }

    @Test
    void shouldKeepTheDirectoryOfAKilledClientWhoseHeartbeatIsStillFresh() throws Exception
    {
        final File deadDir = new File(tempDir, "aeron-test-aerie-client-dead");
        startChild(deadDir, "hold").destroyForcibly().waitFor();

        // A timeout of an hour: the dead driver's last heartbeat is younger, so it may only be paused.
        final long nowMs = System.currentTimeMillis();
        assertEquals(0, StaleDriverDirectories.sweep(tempDir, "aeron-test-aerie-client-", 3_600_000, nowMs));
        assertTrue(deadDir.exists());
    }

    @Test
    void shouldKeepDirectoriesOfOtherNames() throws Exception
    {
        final File otherDir = new File(tempDir, "aeron-test-other-dead");
        startChild(otherDir, "hold").destroyForcibly().waitFor();
        awaitDriverInactive(otherDir);

        open(new File(tempDir, "aeron-test-aerie-client-next"));

        assertTrue(otherDir.exists(), "only directories named as embedded client drivers are swept");
    }

    @Test
    void shouldKeepAFreshDirectoryWithoutCncFile()
    {
        final File startingDir = new File(tempDir, "aeron-test-aerie-client-starting");
        assertTrue(startingDir.mkdir());

        open(new File(tempDir, "aeron-test-aerie-client-next"));

        assertTrue(startingDir.exists(), "a driver may be creating its cnc.dat there");
    }

    @Test
    void shouldRemoveAnOldDirectoryWithoutCncFile()
    {
        final File abandonedDir = new File(tempDir, "aeron-test-aerie-client-abandoned");
        assertTrue(abandonedDir.mkdir());
        final long ageMs = (StaleDriverDirectories.INCOMPLETE_AGE_FACTOR + 1) * DRIVER_TIMEOUT_MS;
        assertTrue(abandonedDir.setLastModified(System.currentTimeMillis() - ageMs));

        open(new File(tempDir, "aeron-test-aerie-client-next"));

        assertFalse(abandonedDir.exists());
    }

    @Test
    void shouldFailClearlyWhenNoDriverRunsInTheExternalDirectory()
    {
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.connection()
            .ingressEndpoints("0=localhost:1")
            .aeronDirectoryName(new File(tempDir, "no-driver").getPath())
            .driverTimeoutMs(DRIVER_TIMEOUT_MS);
        final ClientMediaDriver external = ClientMediaDriver.open(clientCtx
            .conclude());

        final IllegalStateException ex = assertThrows(IllegalStateException.class, external::checkActive);
        assertTrue(ex.getMessage().contains("no media driver is running"), ex.getMessage());
        assertFalse(external.isEmbedded());
    }

    private ClientMediaDriver open(final File dir)
    {
        final AerieClient.Context clientCtx2 = new AerieClient.Context();
        clientCtx2.connection()
            .ingressEndpoints("0=localhost:1")
            .embeddedAeronDirectoryName(dir.getPath())
            .driverTimeoutMs(DRIVER_TIMEOUT_MS);
        final ClientMediaDriver driver = ClientMediaDriver.open(clientCtx2
            .conclude());
        closeables.add(driver);
        return driver;
    }

    private static void awaitDriverInactive(final File dir)
    {
        while (CommonContext.isDriverActive(dir, DRIVER_TIMEOUT_MS, msg -> {}))
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private Process startChild(final File dir, final String mode) throws IOException
    {
        final Process child = ChildJvms.startAndAwait("ready ", EmbeddedDriverChild.class, dir.getPath(), mode);
        children.add(child);
        return child;
    }
}
