package io.aerie.reliability.workload;

import io.aerie.client.AerieClient;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Connects the suite's clients: one media driver in this JVM (shared threading, backoff idle: PLATFORM.md) that
 * every client uses, clients in invoker mode (each process's own thread does its client's work), sending from and
 * receiving on the given host. Clients and driver tolerate a stall of this JVM of up to a minute (Aeron's
 * {@code aeron.driver.timeout} is set to a minute for this JVM unless given).
 */
public final class ClientFactory implements AutoCloseable
{
    private static final String DRIVER_TIMEOUT_PROP_NAME = "aeron.driver.timeout";
    private static final long STALL_TOLERANCE_MS = 60_000;

    private final String ingressEndpoints;
    private final String clientHost;
    private final int sessionTimeoutMs;
    private final long requestTimeoutNs;
    private final MediaDriver driver;

    /**
     * @param ingressEndpoints the cluster's ingress endpoints.
     * @param clientHost       the address clients use (an interface's literal address).
     * @param aeronDir         the directory of this JVM's media driver for the clients (made, and removed on close).
     * @param sessionTimeoutMs the clients' session timeout.
     * @param requestTimeoutNs how long a blocking call waits for its answer.
     */
    public ClientFactory(
        final String ingressEndpoints,
        final String clientHost,
        final String aeronDir,
        final int sessionTimeoutMs,
        final long requestTimeoutNs)
    {
        this.ingressEndpoints = ingressEndpoints;
        this.clientHost = clientHost;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.requestTimeoutNs = requestTimeoutNs;
        // A 15 s stall of this JVM was seen at load average 85: with Aeron's 10 s defaults the clients' conductors
        // gave up, and the Aeron client's default error handler then exits the JVM on the driver timeout. Clients
        // of a test rig must outlive a stall of the rig: a minute for both sides.
        if (null == System.getProperty(DRIVER_TIMEOUT_PROP_NAME))
        {
            System.setProperty(DRIVER_TIMEOUT_PROP_NAME, Long.toString(STALL_TOLERANCE_MS));
        }
        this.driver = MediaDriver.launch(new MediaDriver.Context()
            .clientLivenessTimeoutNs(TimeUnit.MILLISECONDS.toNanos(STALL_TOLERANCE_MS))
            .publicationUnblockTimeoutNs(TimeUnit.MILLISECONDS.toNanos(2 * STALL_TOLERANCE_MS))
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 100_000))
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    /**
     * @return a context for one client, before connecting.
     */
    public AerieClient.Context context()
    {
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.connection()
            .ingressEndpoints(ingressEndpoints)
            .egressChannel("aeron:udp?endpoint=" + clientHost + ":0|term-length=16m|sparse=true")
            .ingressChannel("aeron:udp?term-length=16m|sparse=true")
            .aeronDirectoryName(driver.aeronDirectoryName());
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.connection().driverTimeoutMs(STALL_TOLERANCE_MS);
        clientCtx.session().sessionTimeoutMs(sessionTimeoutMs);
        clientCtx.requests().requestTimeoutNs(requestTimeoutNs);
        return clientCtx;
    }

    /**
     * Connect, trying again (an election may be running) until the deadline.
     *
     * @param timeoutNs how long to keep trying.
     * @return a connected client.
     * @throws IllegalStateException with the last failure, at the deadline.
     */
    public AerieClient connect(final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        RuntimeException last = null;
        do
        {
            try
            {
                return AerieClient.connect(context());
            }
            catch (final Exception ex)
            {
                last = new IllegalStateException("connect failed: " + ex, ex);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
        while (System.nanoTime() - deadlineNs < 0);
        throw last;
    }

    /**
     * Close a client; quietly, whatever state its connection is in.
     *
     * @param client a client, or null.
     */
    public static void closeQuietly(final AerieClient client)
    {
        try
        {
            CloseHelper.close(client);
        }
        catch (final RuntimeException ex)
        {
            // a broken connection: the cluster ends the session at its timeout
        }
    }

    /**
     * Stop the media driver (clients must be closed first).
     */
    @Override
    public void close()
    {
        CloseHelper.quietClose(driver);
    }
}
