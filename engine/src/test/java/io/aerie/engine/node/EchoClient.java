package io.aerie.engine.node;

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
import java.util.function.Supplier;

/**
 * A cluster client for tests: its own embedded media driver and one {@link AeronCluster} session. Each
 * {@link #echo(byte[], long)} prefixes the payload with a sequence number and waits for that sequence to come
 * back, resending while it does not (a message offered to a leader that then died is lost; the cluster
 * delivers at least once, so duplicates are ignored by sequence).
 */
final class EchoClient implements EgressListener, AutoCloseable
{
    private static final long RESEND_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(500);
    /**
     * How long the Aeron client waits for a new leader once its ingress is not connected before closing its
     * session; Aeron's default (twice the leader heartbeat timeout, 2 s here) is shorter than an election on a
     * loaded 2-core machine can take, and the tests are about the cluster keeping the session, not this timeout.
     */
    private static final long NEW_LEADER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(20);

    private final MediaDriver driver;
    private AeronCluster cluster;
    private final ExpandableArrayBuffer sendBuffer = new ExpandableArrayBuffer(64);
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
    private long lastSentSequence;
    private long lastEchoSequence;
    private byte[] lastEcho;
    private int newLeaderEvents;
    private int reconnects;
    private Supplier<AeronCluster.Context> clusterContext;

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
        client.clusterContext = () -> new AeronCluster.Context()
            .credentialsSupplier(new TestCredentials())
            .aeronDirectoryName(aeronDirectoryName)
            .ingressEndpoints(ingressEndpoints)
            .ingressChannel(ingressChannel)
            .egressChannel(egressChannel)
            .newLeaderTimeoutNs(NEW_LEADER_TIMEOUT_NS)
            .egressListener(client)
            .errorHandler(errorHandler);
        try
        {
            client.cluster = client.connectUntil(deadlineNs, isWorthRetrying);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw ex;
        }

        return client;
    }

    private AeronCluster connectUntil(final long deadlineNs, final BooleanSupplier isWorthRetrying)
    {
        while (true)
        {
            try
            {
                return AeronCluster.connect(clusterContext.get());
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

    static EchoClient connect(final LocalCluster cluster, final ErrorHandler errorHandler, final long deadlineNs)
    {
        final String aeronDir = new File(cluster.context().dir(), "client-aeron").getPath();
        return connect(
            cluster.ingressEndpoints(),
            cluster.ingressChannel(),
            cluster.egressChannel(),
            NodeStorage.Configuration.defaultAeronDirectoryName(new File(aeronDir)),
            errorHandler,
            deadlineNs,
            () -> true);
    }

    /**
     * Send the payload and wait for its echo. If the cluster closed the session (it can, on a loaded machine, when
     * the client's ingress stays disconnected past the new-leader timeout), connect a new one and send again:
     * counted by {@link #reconnects()}, and visible to a test as a new {@link #clusterSessionId()}.
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

            if (cluster.isClosed())
            {
                reconnects++;
                CloseHelper.quietClose(cluster);
                cluster = connectUntil(deadlineNs, () -> true);
                resendAtNs = nowNs;
            }
            if (nowNs - resendAtNs >= 0 && offer(length))
            {
                resendAtNs = nowNs + RESEND_INTERVAL_NS;
            }
            idleStrategy.idle(cluster.pollEgress());
        }

        return lastEcho;
    }

    /**
     * @return how many times {@link #echo(byte[], long)} had to connect a new session because the old one closed.
     */
    int reconnects()
    {
        return reconnects;
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
        return cluster.offer(sendBuffer, 0, length) > 0;
    }
}
