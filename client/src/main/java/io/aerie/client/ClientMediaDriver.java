package io.aerie.client;

import io.aeron.CommonContext;
import io.aeron.driver.Configuration;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;

import java.io.File;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The media driver a client talks through, as {@link ClientConnection.Context#aeronDirectoryName()} chose it: an
 * external driver found by its directory (shared with the application and other clients; never closed here), or
 * one embedded in this client, which owns its directory for its whole life:
 * <ul>
 *     <li>before it starts, the directories of other clients' embedded drivers whose processes died without
 *     closing them are removed ({@link StaleDriverDirectories}); a directory of the same name is removed only
 *     if no live driver owns it (Aeron's own check, {@code dirDeleteOnStart} off);</li>
 *     <li>{@link #close()} removes the directory ({@code dirDeleteOnShutdown}), and so does a JVM shutdown
 *     hook when the JVM exits with the client still open.</li>
 * </ul>
 * The embedded driver runs one thread (Aeron's SHARED threading mode, the client's idle strategy) and keeps its
 * {@code cnc.dat} small: 1 MiB of counter values (and 4 MiB of their metadata) unless
 * {@code aeron.counters.buffer.length} says otherwise; Aeron's default, sized for a busy server, is 8 MiB (and 32).
 */
final class ClientMediaDriver implements AutoCloseable
{
    /** The least heartbeat age {@link #checkActive()} accepts from an external driver, ms. */
    static final long ACTIVE_CHECK_MIN_MS = 10_000;

    /** What every embedded client driver's directory name holds; what the sweep of stale ones looks for. */
    static final String EMBEDDED_DIR_MARKER = "-aerie-client-";
    /** Counter values of an embedded driver, bytes: a client needs a few dozen counters of the 8,192 this holds. */
    static final int EMBEDDED_COUNTERS_VALUES_BUFFER_LENGTH = 1024 * 1024;

    private final String aeronDirectoryName;
    private final long driverTimeoutMs;
    private final MediaDriver driver;
    private final Thread shutdownHook;
    private final AtomicBoolean isClosed = new AtomicBoolean();

    private ClientMediaDriver(final String aeronDirectoryName, final long driverTimeoutMs, final MediaDriver driver)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        this.driverTimeoutMs = driverTimeoutMs;
        this.driver = driver;
        if (null != driver)
        {
            shutdownHook = new Thread(this::closeDriver, "aerie-client-driver-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        else
        {
            shutdownHook = null;
        }
    }

    /**
     * The driver the context chose: the external one named by {@link ClientConnection.Context#aeronDirectoryName()}, or
     * else a new embedded one in {@link ClientConnection.Context#embeddedAeronDirectoryName()}, after the stale
     * directories beside it are removed.
     *
     * @param ctx a concluded context.
     * @return the driver; close it with the client.
     * @throws io.aeron.driver.exceptions.ActiveDriverException if a live driver already owns the embedded
     *                                                          directory name.
     */
    static ClientMediaDriver open(final AerieClient.Context ctx)
    {
        if (null != ctx.connection().aeronDirectoryName())
        {
            return new ClientMediaDriver(ctx.connection().aeronDirectoryName(), ctx.connection().driverTimeoutMs(), null);
        }

        final File dir = new File(ctx.connection().embeddedAeronDirectoryName()).getAbsoluteFile();
        final String name = dir.getName();
        final int marker = name.lastIndexOf(EMBEDDED_DIR_MARKER);
        if (marker >= 0 && null != dir.getParentFile())
        {
            StaleDriverDirectories.sweep(
                dir.getParentFile(),
                name.substring(0, marker + EMBEDDED_DIR_MARKER.length()),
                ctx.connection().driverTimeoutMs(),
                System.currentTimeMillis());
        }

        final MediaDriver driver = MediaDriver.launchEmbedded(embeddedContext(ctx, dir.getPath()));
        return new ClientMediaDriver(driver.aeronDirectoryName(), ctx.connection().driverTimeoutMs(), driver);
    }

    /**
     * @return the directory of the driver to connect through.
     */
    String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    /**
     * @return true if this client launched (and will close) its own driver.
     */
    boolean isEmbedded()
    {
        return null != driver;
    }

    /**
     * Fail at once with a clear message, rather than after Aeron's driver timeout with a less clear one, when an
     * external driver is not running. Call before connecting, not on a hot path (it maps {@code cnc.dat}).
     *
     * @throws IllegalStateException if no live media driver owns the external directory.
     */
    void checkActive()
    {
        // Is there a driver at all: its heartbeat within the client's driver timeout, but never less than
        // ACTIVE_CHECK_MIN_MS, or a live driver starved for a moment on a loaded machine (a client with a short
        // timeout, launched beside a driver just started) would be refused as absent. A driver that really died is
        // then found by Aeron's own connect, after the client's timeout.
        final long timeoutMs = Math.max(driverTimeoutMs, ACTIVE_CHECK_MIN_MS);
        if (null == driver && !CommonContext.isDriverActive(new File(aeronDirectoryName), timeoutMs, msg -> {}))
        {
            throw new IllegalStateException("no media driver is running in aeronDirectoryName=" + aeronDirectoryName +
                ": start one there (io.aeron.driver.MediaDriver, or the C driver aeronmd) or leave " +
                "aeronDirectoryName unset for the client to embed its own");
        }
    }

    /**
     * Close an embedded driver and remove its directory; nothing for an external one. Idempotent.
     */
    public void close()
    {
        if (null != shutdownHook)
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
            catch (final IllegalStateException ex)
            {
                // The JVM is shutting down: the hook closes the driver, if it has not already.
            }
        }
        closeDriver();
    }

    private void closeDriver()
    {
        if (null != driver && isClosed.compareAndSet(false, true))
        {
            CloseHelper.quietClose(driver);
        }
    }

    private static MediaDriver.Context embeddedContext(final AerieClient.Context ctx, final String dir)
    {
        return new MediaDriver.Context()
            .aeronDirectoryName(dir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(ctx.agents().idleStrategySupplier().get())
            .termBufferSparseFile(true)
            .driverTimeoutMs(ctx.connection().driverTimeoutMs())
            .counterValuesBufferLength(Integer.getInteger(
                Configuration.COUNTERS_VALUES_BUFFER_LENGTH_PROP_NAME, EMBEDDED_COUNTERS_VALUES_BUFFER_LENGTH))
            .warnIfDirectoryExists(false)
            .dirDeleteOnStart(false)
            .dirDeleteOnShutdown(true);
    }
}
