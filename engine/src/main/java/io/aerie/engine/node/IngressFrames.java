package io.aerie.engine.node;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.codecs.AdminRequestDecoder;
import io.aeron.cluster.codecs.AdminRequestType;
import io.aeron.cluster.codecs.ChallengeResponseDecoder;
import io.aeron.cluster.codecs.MessageHeaderDecoder;
import io.aeron.cluster.codecs.SessionCloseRequestDecoder;
import io.aeron.cluster.codecs.SessionConnectRequestDecoder;
import io.aeron.cluster.codecs.SessionKeepAliveDecoder;
import io.aeron.cluster.codecs.SessionMessageHeaderDecoder;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.protocol.DataHeaderFlyweight;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetAddress;
import java.nio.ByteOrder;

/**
 * Checks the cluster ingress messages in a received datagram before Aeron's consensus module decodes them, and
 * turns each malformed one into a padding frame that every subscriber skips.
 * <p>
 * Why: Aeron 1.51.0's {@code IngressAdapter} decodes var-data with SBE decoders that allocate
 * {@code new byte[declaredLength]} before any bounds check, so one 45-byte {@code SessionConnectRequest} whose
 * {@code responseChannel} or {@code clientInfo} length says 2 GiB throws {@link OutOfMemoryError} on the consensus
 * module thread, which Agrona's {@code AgentRunner} rethrows: the consensus module stops. Padding (rather than
 * dropping) keeps the term contiguous, so the sender's image does not stall on a gap that is never repaired.
 * <p>
 * Rules, for every frame of a datagram whose first frame is of the ingress stream: a frame must be whole (at least
 * a header, not past the datagram); an unfragmented message must have the cluster schema id, a block
 * length no shorter than its template's and inside the frame, and every var-data field of the templates that
 * carry one (connect request, challenge response, admin request) inside the frame, and a connect request must
 * declare the datagram's source address as its response host ({@link ConnectSource}); a session message must hold
 * its whole header. The first fragment of a fragmented message is allowed only for session messages, whose payload
 * the consensus module does not decode; the others are small, and a later fragment without its first is ignored by
 * the consensus module's fragment assembler. An admin request's type must be one Aeron's enum knows: its decoder
 * throws on any other value, on the consensus module thread (found by the ingress fuzzer). Other templates of the
 * schema pass: the consensus module ignores them.
 * <p>
 * Runs on the media driver's receiver thread; allocates nothing.
 */
final class IngressFrames
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int MESSAGE_HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int VAR_LENGTH_FIELD = 4;
    private static final int[] ADMIN_REQUEST_TYPES = adminRequestTypes();

    private IngressFrames()
    {
    }

    /**
     * Pad out every malformed ingress message of a datagram, in place.
     *
     * @param buffer         holding the datagram from offset 0.
     * @param length         of the datagram in bytes.
     * @param ingressStreamId stream id of cluster ingress: frames of other streams are left alone.
     * @param source          the address the datagram came from: a connect request must declare it as its
     *                        response host ({@link ConnectSource}).
     * @return the number of frames padded out.
     */
    static int padMalformed(
        final UnsafeBuffer buffer, final int length, final int ingressStreamId, final InetAddress source)
    {
        // The driver routes a whole datagram to an image by its first frame's stream and session ids, and copies
        // all of it into that image's term: the other frames' own stream ids and types do not matter, and a
        // subscriber delivers every frame that is not a padding frame.
        if (length < DataHeaderFlyweight.HEADER_LENGTH ||
            ingressStreamId != buffer.getInt(DataHeaderFlyweight.STREAM_ID_FIELD_OFFSET, ORDER))
        {
            return 0;
        }

        int padded = 0;
        int frameOffset = 0;
        while (frameOffset + DataHeaderFlyweight.HEADER_LENGTH <= length)
        {
            final int frameLength = buffer.getInt(frameOffset + DataHeaderFlyweight.FRAME_LENGTH_FIELD_OFFSET, ORDER);
            if (0 == frameLength)
            {
                break; // a heartbeat, or the end of what this datagram fills in
            }

            final boolean isPadding = DataHeaderFlyweight.HDR_TYPE_PAD ==
                (buffer.getShort(frameOffset + DataHeaderFlyweight.TYPE_FIELD_OFFSET, ORDER) & 0xFFFF);
            // A sender sends whole frames: one shorter than a header or running past its datagram would be
            // completed by later datagrams this check never sees together, so it cannot be let through.
            final boolean isWhole = frameLength >= DataHeaderFlyweight.HEADER_LENGTH &&
                frameLength <= length - frameOffset;
            if (!isPadding && (!isWhole || !isAcceptable(buffer, frameOffset, frameLength, source)))
            {
                buffer.putShort(
                    frameOffset + DataHeaderFlyweight.TYPE_FIELD_OFFSET, (short)DataHeaderFlyweight.HDR_TYPE_PAD, ORDER);
                padded++;
            }

            if (!isWhole)
            {
                break;
            }
            frameOffset += BitUtil.align(frameLength, FrameDescriptor.FRAME_ALIGNMENT);
        }

        return padded;
    }

    private static boolean isAcceptable(
        final UnsafeBuffer buffer, final int frameOffset, final int frameLength, final InetAddress source)
    {
        final int flags = buffer.getByte(frameOffset + DataHeaderFlyweight.FLAGS_FIELD_OFFSET) & 0xFF;
        if (0 == (flags & DataHeaderFlyweight.BEGIN_FLAG))
        {
            return true; // a middle or last fragment: without an accepted first fragment it is discarded
        }

        final int offset = frameOffset + DataHeaderFlyweight.HEADER_LENGTH;
        final int end = frameOffset + frameLength;
        if (end - offset < MESSAGE_HEADER_LENGTH ||
            MessageHeaderDecoder.SCHEMA_ID != (buffer.getShort(offset + 4, ORDER) & 0xFFFF))
        {
            return false;
        }

        final int blockLength = buffer.getShort(offset, ORDER) & 0xFFFF;
        final int templateId = buffer.getShort(offset + 2, ORDER) & 0xFFFF;
        final int version = buffer.getShort(offset + 6, ORDER) & 0xFFFF;
        final boolean isUnfragmented = 0 != (flags & DataHeaderFlyweight.END_FLAG);

        if (SessionMessageHeaderDecoder.TEMPLATE_ID == templateId)
        {
            return end - offset >= AeronCluster.SESSION_HEADER_LENGTH;
        }

        if (!isUnfragmented || !isWellFormed(buffer, offset, end, templateId, blockLength, version))
        {
            return false;
        }
        if (SessionConnectRequestDecoder.TEMPLATE_ID == templateId)
        {
            // Well formed, so the response channel (the first var-data field) lies inside the frame.
            final int channelLengthOffset = offset + MESSAGE_HEADER_LENGTH + blockLength;
            final int channelLength = buffer.getInt(channelLengthOffset, ORDER);
            return ConnectSource.isDeclaredBy(buffer, channelLengthOffset + VAR_LENGTH_FIELD, channelLength, source);
        }
        return true;
    }

    private static boolean isWellFormed(
        final UnsafeBuffer buffer,
        final int offset,
        final int end,
        final int templateId,
        final int blockLength,
        final int version)
    {
        final int minBlockLength;
        final int varFields;
        switch (templateId)
        {
            case SessionConnectRequestDecoder.TEMPLATE_ID:
                minBlockLength = SessionConnectRequestDecoder.BLOCK_LENGTH;
                varFields = version >= SessionConnectRequestDecoder.clientInfoSinceVersion() ? 3 : 2;
                break;

            case ChallengeResponseDecoder.TEMPLATE_ID:
                minBlockLength = ChallengeResponseDecoder.BLOCK_LENGTH;
                varFields = 1;
                break;

            case AdminRequestDecoder.TEMPLATE_ID:
                minBlockLength = AdminRequestDecoder.BLOCK_LENGTH;
                varFields = 1;
                break;

            case SessionCloseRequestDecoder.TEMPLATE_ID:
                minBlockLength = SessionCloseRequestDecoder.BLOCK_LENGTH;
                varFields = 0;
                break;

            case SessionKeepAliveDecoder.TEMPLATE_ID:
                minBlockLength = SessionKeepAliveDecoder.BLOCK_LENGTH;
                varFields = 0;
                break;

            default:
                return true; // not an ingress template: the consensus module ignores it
        }

        if (blockLength < minBlockLength || blockLength > end - offset - MESSAGE_HEADER_LENGTH)
        {
            return false;
        }
        if (AdminRequestDecoder.TEMPLATE_ID == templateId && !isAdminRequestType(
            buffer.getInt(offset + MESSAGE_HEADER_LENGTH + AdminRequestDecoder.requestTypeEncodingOffset(), ORDER)))
        {
            return false;
        }

        long cursor = offset + MESSAGE_HEADER_LENGTH + blockLength;
        for (int i = 0; i < varFields; i++)
        {
            if (cursor + VAR_LENGTH_FIELD > end)
            {
                return false;
            }
            final long dataLength = buffer.getInt((int)cursor, ORDER) & 0xFFFF_FFFFL;
            cursor += VAR_LENGTH_FIELD + dataLength;
            if (cursor > end)
            {
                return false;
            }
        }

        return true;
    }

    private static boolean isAdminRequestType(final int value)
    {
        for (final int known : ADMIN_REQUEST_TYPES)
        {
            if (known == value)
            {
                return true;
            }
        }
        return false;
    }

    private static int[] adminRequestTypes()
    {
        // Every value AdminRequestType.get(int) answers without throwing, its NULL_VAL included.
        final AdminRequestType[] types = AdminRequestType.values();
        final int[] values = new int[types.length];
        for (int i = 0; i < types.length; i++)
        {
            values[i] = types[i].value();
        }
        return values;
    }
}
