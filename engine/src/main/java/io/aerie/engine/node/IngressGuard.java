package io.aerie.engine.node;

import io.aeron.driver.DataPacketDispatcher;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ReceiveChannelEndpointSupplier;
import io.aeron.driver.media.ReceiveChannelEndpoint;
import io.aeron.driver.media.UdpChannel;
import io.aeron.exceptions.AeronException;
import io.aeron.protocol.DataHeaderFlyweight;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.net.InetSocketAddress;

/**
 * The node's media driver receive endpoint supplier: the endpoint bound to the node's cluster ingress port pads
 * out malformed ingress messages ({@link IngressFrames}) before the consensus module can decode them; every other
 * endpoint is Aeron's own. Each padded frame is counted ({@link #paddedFrames()}, an Aeron counter of the node's once
 * {@link NodeErrorCounters} has it); the first, and then every
 * power-of-two-th, is also reported to the node's error handler, so a flood of them cannot flood the error log.
 */
final class IngressGuard implements ReceiveChannelEndpointSupplier
{
    private final int ingressPort;
    private final int ingressStreamId;
    private final ErrorHandler errorHandler;
    private final NodeErrorCounters.Count paddedFrames;
    private final AeronException malformedFrame;

    IngressGuard(
        final int ingressPort,
        final int ingressStreamId,
        final ErrorHandler errorHandler,
        final NodeErrorCounters.Count paddedFrames)
    {
        this.paddedFrames = paddedFrames;
        this.ingressPort = ingressPort;
        this.ingressStreamId = ingressStreamId;
        this.errorHandler = errorHandler;
        // Pre-allocated: reporting an attacker's frame must not allocate on the receiver thread.
        this.malformedFrame = new AeronException(
            "malformed cluster ingress message padded out before decoding (var-data length beyond its frame, " +
            "bad block length, foreign schema, fragmented non-session message, or a connect whose response " +
            "channel is not its source address) on port " + ingressPort,
            AeronException.Category.ERROR);
    }

    /**
     * {@inheritDoc}
     */
    public ReceiveChannelEndpoint newInstance(
        final UdpChannel udpChannel,
        final DataPacketDispatcher dispatcher,
        final AtomicCounter statusIndicator,
        final MediaDriver.Context context)
    {
        final InetSocketAddress bindAddress = udpChannel.remoteData();
        if (null != bindAddress && ingressPort == bindAddress.getPort())
        {
            return new GuardedEndpoint(udpChannel, dispatcher, statusIndicator, context, this);
        }

        return new ReceiveChannelEndpoint(udpChannel, dispatcher, statusIndicator, context);
    }

    /**
     * Frames padded out since the node started.
     *
     * @return the count.
     */
    long paddedFrames()
    {
        return paddedFrames.get();
    }

    /**
     * The ingress stream id the guard checks; the consensus module is given the same.
     *
     * @return the stream id.
     */
    int ingressStreamId()
    {
        return ingressStreamId;
    }

    void onPadded(final int frames)
    {
        final long before = paddedFrames.getAndAdd(frames);
        final long after = before + frames;
        if (Long.highestOneBit(after) > before)
        {
            errorHandler.onError(malformedFrame);
        }
    }

    static final class GuardedEndpoint extends ReceiveChannelEndpoint
    {
        private final IngressGuard guard;

        GuardedEndpoint(
            final UdpChannel udpChannel,
            final DataPacketDispatcher dispatcher,
            final AtomicCounter statusIndicator,
            final MediaDriver.Context context,
            final IngressGuard guard)
        {
            super(udpChannel, dispatcher, statusIndicator, context);
            this.guard = guard;
        }

        public int onDataPacket(
            final DataHeaderFlyweight header,
            final UnsafeBuffer buffer,
            final int length,
            final InetSocketAddress srcAddress,
            final int transportIndex)
        {
            final int padded = IngressFrames.padMalformed(
                buffer, length, guard.ingressStreamId, null == srcAddress ? null : srcAddress.getAddress());
            if (padded > 0)
            {
                guard.onPadded(padded);
            }

            return super.onDataPacket(header, buffer, length, srcAddress, transportIndex);
        }
    }
}
