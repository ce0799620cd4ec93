package io.aerie.gateway;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;

/**
 * The Aeron every session behind the gateway shares: one client, on the media driver the configuration names (a
 * node's, beside which the gateway runs) or on the gateway's own, embedded in shared threading with sparse terms and
 * deleted on close. Opened and closed on the thread that launches and closes the gateway.
 */
final class GatewayAeron implements AutoCloseable
{
    private final MediaDriver driver;
    private final Aeron aeron;

    /**
     * Launch the embedded driver if there is to be one, then connect the client.
     *
     * @throws RuntimeException as Aeron reports a failure, after releasing what was started.
     */
    GatewayAeron(final ZooKeeperGateway.Context ctx)
    {
        MediaDriver launchedDriver = null;
        Aeron connectedAeron = null;
        try
        {
            if (null == ctx.aeronDirectoryName())
            {
                launchedDriver = MediaDriver.launch(new MediaDriver.Context()
                    .aeronDirectoryName(ctx.embeddedAeronDirectoryName())
                    .threadingMode(ThreadingMode.SHARED)
                    .sharedIdleStrategy(ctx.idleStrategySupplier().get())
                    .termBufferSparseFile(true)
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true));
            }
            final String aeronDir = null == launchedDriver ?
                ctx.aeronDirectoryName() : launchedDriver.aeronDirectoryName();
            connectedAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)
                .errorHandler(ctx.errorHandler()));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(connectedAeron, launchedDriver);
            throw ex;
        }
        this.driver = launchedDriver;
        this.aeron = connectedAeron;
    }

    /**
     * @return the shared client.
     */
    Aeron aeron()
    {
        return aeron;
    }

    /**
     * Close the client, then the embedded driver if there is one.
     */
    public void close()
    {
        CloseHelper.quietCloseAll(aeron, driver);
    }
}
