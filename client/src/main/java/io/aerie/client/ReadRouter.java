package io.aerie.client;

import io.aerie.codecs.ResultCode;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

/**
 * Which path a read takes, for {@link ClientConductor}: a read that leaves no watch, asked for as
 * {@link ReadMode#LOCAL} (per call, or by the client's mode), goes to {@link LocalReads}, one node's own state beside
 * the log; everything else through the log. The local read path is opened at connect for a LOCAL client and at the
 * first LOCAL read for a LINEARIZABLE one; it cannot be opened behind an application's own transport (no media
 * driver, as the testkit's), or after opening it failed once: such reads go through the log, which answers them
 * linearizably (more than asked). Conductor thread only.
 */
final class ReadRouter implements AutoCloseable
{
    private final ClientConductor conductor;
    private final AerieClient.Context ctx;
    private final ClusterConnection connection;
    private LocalReads localReads;
    private boolean unavailable;

    ReadRouter(final ClientConductor conductor, final AerieClient.Context ctx, final ClusterConnection connection)
    {
        this.conductor = conductor;
        this.ctx = ctx;
        this.connection = connection;
    }

    /**
     * The session is open: a LOCAL client opens its local read path now.
     */
    void onConnected()
    {
        if (ReadMode.LOCAL == ctx.reads().readMode())
        {
            open();
        }
    }

    /**
     * Send a read that leaves no watch to one node, if asked for LOCAL and the path is open or can be opened.
     *
     * @param readMode null for the client's mode.
     * @return true if it went to the local read path; false: the caller sends it through the log.
     */
    boolean trySendLocal(
        final long correlationId,
        final DirectBuffer buffer,
        final int length,
        final ResponseHandler handler,
        final ReadMode readMode)
    {
        final ReadMode mode = null == readMode ? ctx.reads().readMode() : readMode;
        if (ReadMode.LOCAL != mode || !LocalReads.isLocalRead(buffer, length))
        {
            return false;
        }
        final LocalReads reads = open();
        if (null == reads)
        {
            return false;
        }
        reads.send(correlationId, buffer, length, handler);
        return true;
    }

    /**
     * @param clusterSessionId the connection's cluster session id, 0 while the session cannot read.
     * @param token            that connection's token.
     * @return work done.
     */
    int poll(final long nowNs, final long clusterSessionId, final long token)
    {
        return null == localReads ? 0 : localReads.poll(nowNs, clusterSessionId, token);
    }

    /**
     * @return true once the local read path is open.
     */
    boolean isOpen()
    {
        return null != localReads;
    }

    /**
     * Forget a local read whose answer is no longer awaited.
     */
    void abandon(final long correlationId)
    {
        if (null != localReads)
        {
            localReads.abandon(correlationId);
        }
    }

    /**
     * Answer every local read with {@code code}: the session is gone.
     */
    void failAll(final ResultCode code, final long lastZxid)
    {
        if (null != localReads)
        {
            localReads.failAll(code, lastZxid);
        }
    }

    /**
     * @return the local read path, or null while it is not open.
     */
    LocalReads localReads()
    {
        return localReads;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void close()
    {
        CloseHelper.quietClose(localReads);
    }

    private LocalReads open()
    {
        final String aeronDirectoryName = connection.aeronDirectoryName();
        if (null == localReads && !unavailable && null != aeronDirectoryName)
        {
            try
            {
                localReads = new LocalReads(conductor, ctx, aeronDirectoryName, connection.nextRandom(1 << 16));
            }
            catch (final RuntimeException ex)
            {
                // The driver refused the read channel: reads go through the log, and the error is reported once.
                unavailable = true;
                ctx.errorHandler().onError(ex);
            }
        }
        return localReads;
    }
}
