package io.aerie.bench.suite.aerie;

import io.aerie.engine.node.NodeStorage;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.File;

/**
 * The media driver in the rig's JVM that every Aeron client of one target shares (so 17 sessions do not start
 * 17 drivers): SHARED threading, yielding idle strategy (PLATFORM.md: yielding or backoff on the client side,
 * never busy-spin), sparse terms, its directory deleted on start and close.
 */
public final class ClientDriver implements AutoCloseable
{
    /**
     * System property of the rig's JVM: how the clients' driver idles, {@code yielding} (default) or {@code backoff}
     * (spin 10, yield 20, park 1..100 µs, as the nodes).
     */
    public static final String IDLE_PROP_NAME = "aerie.bench.client.driver.idle";

    private static final String IDLE = System.getProperty(IDLE_PROP_NAME, "yielding");

    /** For the results. */
    public static final String DESCRIPTION = "client media driver in the rig JVM, SHARED, " + IDLE;

    private final MediaDriver driver;

    /**
     * Launch a driver for a target's clients, its directory in /dev/shm (where present) named after the target's.
     *
     * @param targetDir the target's directory.
     * @return the running driver.
     */
    public static ClientDriver launch(final File targetDir)
    {
        return new ClientDriver(new File(NodeStorage.Configuration.defaultAeronDirectoryName(new File(targetDir, "client-driver"))));
    }

    /**
     * Launch the driver.
     *
     * @param aeronDir the driver's directory.
     */
    public ClientDriver(final File aeronDir)
    {
        driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir.getPath())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy("backoff".equals(IDLE) ?
                new BackoffIdleStrategy(10, 20, 1_000, 100_000) : new YieldingIdleStrategy())
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    /**
     * @return the driver's directory, for clients' {@code aeronDirectoryName}.
     */
    public String aeronDirectoryName()
    {
        return driver.aeronDirectoryName();
    }

    /**
     * Stop the driver. Never throws.
     */
    @Override
    public void close()
    {
        CloseHelper.quietClose(driver);
    }
}
