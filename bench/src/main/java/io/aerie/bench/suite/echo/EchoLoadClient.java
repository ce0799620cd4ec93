package io.aerie.bench.suite.echo;

import io.aerie.bench.suite.LoadClient;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import org.agrona.BitUtil;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;

/**
 * A {@link LoadClient} of the echo floor: every operation is one message (an 8-byte correlation id and the data,
 * 100 bytes for a getData/delete) echoed by the cluster, so the rig measures the raw Aeron Cluster round trip
 * with the same client-side shape as Aerie's. Watches are not supported; the blocking helpers do nothing.
 * Completions run inside {@link #poll()} on the rig thread; nothing is allocated per operation.
 */
final class EchoLoadClient implements LoadClient, EgressListener
{
    private static final int MAX_IN_FLIGHT = 64 * 1024;
    private static final int MASK = MAX_IN_FLIGHT - 1;
    private static final int DEFAULT_LENGTH = 100;
    private static final long KEEPALIVE_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long BACK_PRESSURE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    private final AeronCluster cluster;
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[BitUtil.SIZE_OF_LONG + 4096]);
    private final long[] tokens = new long[MAX_IN_FLIGHT];
    private final Completion[] completions = new Completion[MAX_IN_FLIGHT];
    private final boolean[] creates = new boolean[MAX_IN_FLIGHT];
    private long nextCorrelationId;
    private long lastSentNs = System.nanoTime();

    EchoLoadClient(final AeronCluster.Context ctx)
    {
        this.cluster = AeronCluster.connect(ctx.egressListener(this));
    }

    @Override
    public void create(final String path, final byte[] data, final Mode mode, final long token, final Completion completion)
    {
        send(data, data.length, token, completion, true);
    }

    @Override
    public void delete(final String path, final long token, final Completion completion)
    {
        send(null, DEFAULT_LENGTH, token, completion, false);
    }

    @Override
    public void setData(final String path, final byte[] data, final long token, final Completion completion)
    {
        send(data, data.length, token, completion, false);
    }

    @Override
    public void getData(final String path, final long token, final Completion completion)
    {
        send(null, DEFAULT_LENGTH, token, completion, false);
    }

    @Override
    public int poll()
    {
        final long nowNs = System.nanoTime();
        if (nowNs - lastSentNs > KEEPALIVE_INTERVAL_NS && cluster.sendKeepAlive())
        {
            lastSentNs = nowNs;
        }
        return cluster.pollEgress();
    }

    @Override
    public boolean completesOnPollingThread()
    {
        return true;
    }

    @Override
    public void createIfAbsent(final String path, final byte[] data)
    {
    }

    @Override
    public void deleteIfPresent(final String path)
    {
    }

    @Override
    public void addPersistentWatch(final String path, final WatchListener listener)
    {
        throw new UnsupportedOperationException("the echo floor has no watches");
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(cluster);
    }

    @Override
    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        final int slot = (int)(buffer.getLong(offset) & MASK);
        final Completion completion = completions[slot];
        if (null == completion)
        {
            return;
        }
        completions[slot] = null;
        if (creates[slot])
        {
            completion.onCreated(tokens[slot], true, "/echo");
        }
        else
        {
            completion.onComplete(tokens[slot], true);
        }
    }

    private void send(final byte[] data, final int length, final long token, final Completion completion, final boolean create)
    {
        final long correlationId = nextCorrelationId++;
        final int slot = (int)(correlationId & MASK);
        if (null != completions[slot])
        {
            throw new IllegalStateException("more than " + MAX_IN_FLIGHT + " echo requests in flight");
        }
        message.putLong(0, correlationId);
        if (null != data)
        {
            message.putBytes(BitUtil.SIZE_OF_LONG, data, 0, length);
        }
        tokens[slot] = token;
        completions[slot] = completion;
        creates[slot] = create;

        final long deadlineNs = System.nanoTime() + BACK_PRESSURE_TIMEOUT_NS;
        while (cluster.offer(message, 0, BitUtil.SIZE_OF_LONG + length) < 0)
        {
            cluster.pollEgress();
            if (System.nanoTime() - deadlineNs > 0)
            {
                completions[slot] = null;
                completion.onComplete(token, false);
                return;
            }
            Thread.yield();
        }
        lastSentNs = System.nanoTime();
    }
}
