package io.aerie.engine.node;

import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.TimeoutException;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A cluster client for tests: its own embedded media driver and one {@link AeronCluster} session. Each
 * {@link #echo(byte[], long)} prefixes the payload with a sequence number and waits for that sequence to come
 * back, resending while it does not (a message offered to a leader that then died is lost; the cluster
 * delivers at least once, so duplicates are ignored by sequence).
 */
final class EchoClient implements EgressListener, AutoCloseable
{
    private static final long RESEND_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(500);

    private final MediaDriver driver;
    private AeronCluster cluster;
    private final ExpandableArrayBuffer sendBuffer = new ExpandableArrayBuffer(64);
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
    private long lastSentSequence;
    private long lastEchoSequence;
    private byte[] lastEcho;
    private int newLeaderEvents;

    private EchoClient(final MediaDriver driver)
    {
        this.driver = driver;
    }

    /**
     * Start a client driver and connect to the cluster, retrying until the deadline (no leader yet, node
     * still starting) while {@code isWorthRetrying} holds.
     */
    static EchoClient connect(
        final String ingressEndpoints,
        final String ingressChannel,
        final String egressChannel,
        final String aeronDirectoryName,
        final ErrorHandler errorHandler,
        final long deadlineNs,
        final BooleanSupplier isWorthRetrying)
    {
        final MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 100_000))
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .errorHandler(errorHandler));

        final EchoClient client = new EchoClient(driver);
        try
        {
            while (null == client.cluster)
            {
                try
                {
                    client.cluster = AeronCluster.connect(new AeronCluster.Context()
                        .credentialsSupplier(new TestCredentials())
                        .aeronDirectoryName(aeronDirectoryName)
                        .ingressEndpoints(ingressEndpoints)
                        .ingressChannel(ingressChannel)
                        .egressChannel(egressChannel)
                        .egressListener(client)
                        .errorHandler(errorHandler));
                }
                catch (final TimeoutException ex)
                {
                    if (System.nanoTime() - deadlineNs >= 0 || !isWorthRetrying.getAsBoolean())
                    {
                        throw ex;
                    }
                }
            }
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw ex;
        }

        return client;
    }

    static EchoClient connect(final LocalCluster cluster, final ErrorHandler errorHandler, final long deadlineNs)
    {
        final String aeronDir = new File(cluster.context().dir(), "client-aeron").getPath();
        return connect(
            cluster.ingressEndpoints(),
            cluster.ingressChannel(),
            cluster.egressChannel(),
            AerieNodeConfiguration.defaultAeronDirectoryName(new File(aeronDir)),
            errorHandler,
            deadlineNs,
            () -> true);
    }

    /**
     * Send the payload and wait for its echo.
     *
     * @param payload    bytes to send.
     * @param deadlineNs {@link System#nanoTime()} by which the echo must arrive.
     * @return the echoed payload.
     */
    byte[] echo(final byte[] payload, final long deadlineNs)
    {
        final long sequence = ++lastSentSequence;
        sendBuffer.putLong(0, sequence);
        sendBuffer.putBytes(Long.BYTES, payload);
        final int length = Long.BYTES + payload.length;

        long resendAtNs = System.nanoTime();
        while (lastEchoSequence < sequence)
        {
            final long nowNs = System.nanoTime();
            if (nowNs - deadlineNs >= 0)
            {
                throw new TimeoutException("no echo of message " + sequence + " from the cluster");
            }

            if (nowNs - resendAtNs >= 0 && offer(length))
            {
                resendAtNs = nowNs + RESEND_INTERVAL_NS;
            }
            idleStrategy.idle(cluster.pollEgress());
        }

        return lastEcho;
    }

    int newLeaderEvents()
    {
        return newLeaderEvents;
    }

    long clusterSessionId()
    {
        return cluster.clusterSessionId();
    }

    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        final long sequence = buffer.getLong(offset);
        if (sequence > lastEchoSequence)
        {
            lastEchoSequence = sequence;
            lastEcho = new byte[length - Long.BYTES];
            buffer.getBytes(offset + Long.BYTES, lastEcho);
        }
    }

    public void onNewLeader(
        final long clusterSessionId,
        final long leadershipTermId,
        final int leaderMemberId,
        final String ingressEndpoints)
    {
        newLeaderEvents++;
    }

    public void close()
    {
        CloseHelper.closeAll(cluster, driver);
    }

    private boolean offer(final int length)
    {
        final long result = cluster.offer(sendBuffer, 0, length);
        if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
        {
            throw new IllegalStateException("cluster session closed: " + Publication.errorString(result));
        }

        return result > 0;
    }
}
