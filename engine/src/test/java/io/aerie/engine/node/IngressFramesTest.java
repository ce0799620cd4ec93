package io.aerie.engine.node;

import io.aeron.cluster.codecs.AdminRequestEncoder;
import io.aeron.cluster.codecs.AdminRequestType;
import io.aeron.cluster.codecs.MessageHeaderEncoder;
import io.aeron.cluster.codecs.SessionConnectRequestEncoder;
import io.aeron.cluster.codecs.SessionMessageHeaderEncoder;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.protocol.DataHeaderFlyweight;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IngressFramesTest
{
    private static final int STREAM_ID = 101;
    private static final String RESPONSE_CHANNEL = "aeron:ipc";
    private static final int CONNECT_REQUEST_LENGTH = 44 + RESPONSE_CHANNEL.length();
    private static final int RESPONSE_CHANNEL_LENGTH_OFFSET = 24;
    private static final int CLIENT_INFO_LENGTH_OFFSET = 32 + RESPONSE_CHANNEL.length();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final UnsafeBuffer datagram = new UnsafeBuffer(new byte[4096]);
    private final DataHeaderFlyweight header = new DataHeaderFlyweight();
    private int datagramLength;

    @Test
    void shouldLeaveAWellFormedConnectRequestAlone()
    {
        final int frame = appendConnectRequest(STREAM_ID);

        assertEquals(0, IngressFrames.padMalformed(datagram, datagramLength, STREAM_ID, LOOPBACK));
        assertEquals(DataHeaderFlyweight.HDR_TYPE_DATA, typeAt(frame));
    }

    @Test
    void shouldPadAConnectRequestWhoseResponseChannelLengthLies()
    {
        final int frame = appendConnectRequest(STREAM_ID);
        lie(frame, RESPONSE_CHANNEL_LENGTH_OFFSET, Integer.MAX_VALUE);

        assertEquals(1, IngressFrames.padMalformed(datagram, datagramLength, STREAM_ID, LOOPBACK));
        assertEquals(DataHeaderFlyweight.HDR_TYPE_PAD, typeAt(frame));
    }

    @Test
    void shouldPadAConnectRequestWhoseClientInfoRunsOneBytePastTheFrame()
    {
        final int frame = appendConnectRequest(STREAM_ID);
        lie(frame, CLIENT_INFO_LENGTH_OFFSET, 9);

        assertEquals(1, IngressFrames.padMalformed(datagram, datagramLength, STREAM_ID, LOOPBACK));
    }

    @Test
    void shouldPadAConnectRequestWhoseUnsignedLengthWrapsNegative()
    {
        final int frame = appendConnectRequest(STREAM_ID);
        lie(frame, CLIENT_INFO_LENGTH_OFFSET, 0xFFFF_FFF0);

        assertEquals(1, IngressFrames.padMalformed(datagram, datagramLength, STREAM_ID, LOOPBACK));
    }

    @Test
    void shouldCheckEveryFrameOfADatagram()
    {
        final int good = appendConnectRequest(STREAM_ID);
        final int bad = appendConnectRequest(STREAM_ID);
        lie(bad, RESPONSE_CHANNEL_LENGTH_OFFSET, 1 << 30);
        final int alsoGood = appendConnectRequest(STREAM_ID);

        assertEquals(1, IngressFrames.padMalformed(datagram, datagramLength, STREAM_ID, LOOPBACK));
        assertEquals(DataHeaderFlyweight.HDR_TYPE_DATA, typeAt(good));
        assertEquals(DataHeaderFlyweight.HDR_TYPE_PAD, typeAt(bad));
        assertEquals(DataHeaderFlyweight.HDR_TYPE_DATA, typeAt(alsoGood));
    }

    @Test
    void shouldPadConnectRequestWhoseResponseChannelIsNotItsSource() throws Exception
    {
        final int frame = appendConnectRequest(STREAM_ID);

        // aeron:ipc answers on the node's own driver: only a process on the node's host may declare it.
        assertEquals(1, IngressFrames.padMalformed(
            datagram, datagramLength, STREAM_ID, InetAddress.getByName("10.9.8.7")));
        assertEquals(DataHeaderFlyweight.HDR_TYPE_PAD, typeAt(frame));
    }

    @Test
    void shouldLeaveOtherStreamsAlone()
    {
        final int frame = appendConnectRequest(STREAM_ID + 1);
        lie(frame, RESPONSE_CHANNEL_LENGTH_OFFSET, Integer.MAX_VALUE);

        assertEquals(0, IngressFrames.padMalformed(datagram, datagramLength, STREAM_ID, LOOPBACK));
    }

    @Test
    void shouldPadTheFirstFragmentOfAFragmentedConnectRequest()
    {
        final int frame = appendConnectRequest(STREAM_ID);
        datagram.putByte(frame + DataHeaderFlyweight.FLAGS_FIELD_OFFSET, (byte)DataHeaderFlyweight.BEGIN_FLAG);

        assertEquals(1, IngressFrames.padMalformed(datagram, datagramLength, STREAM_ID, LOOPBACK));
    }

    @Test
    void shouldLeaveTheFirstFragmentOfALargeSessionMessage()
    {
        final int payloadLength = 1000;
        final int frame = appendFrame(STREAM_ID, DataHeaderFlyweight.BEGIN_FLAG, payloadLength);
        new SessionMessageHeaderEncoder()
            .wrapAndApplyHeader(datagram, frame + DataHeaderFlyweight.HEADER_LENGTH, new MessageHeaderEncoder())
            .leadershipTermId(1).clusterSessionId(2).timestamp(3);

        assertEquals(0, IngressFrames.padMalformed(datagram, datagramLength, STREAM_ID, LOOPBACK));
    }

    @Test
    void shouldPadASessionMessageShorterThanItsHeader()
    {
        final int frame = appendFrame(STREAM_ID, DataHeaderFlyweight.BEGIN_AND_END_FLAGS, 12);
        new MessageHeaderEncoder().wrap(datagram, frame + DataHeaderFlyweight.HEADER_LENGTH)
            .blockLength(SessionMessageHeaderEncoder.BLOCK_LENGTH)
            .templateId(SessionMessageHeaderEncoder.TEMPLATE_ID)
            .schemaId(SessionMessageHeaderEncoder.SCHEMA_ID)
            .version(SessionMessageHeaderEncoder.SCHEMA_VERSION);

        assertEquals(1, IngressFrames.padMalformed(datagram, datagramLength, STREAM_ID, LOOPBACK));
    }

    @Test
    void shouldPadAFrameThatClaimsToRunPastItsDatagram()
    {
        final int frame = appendConnectRequest(STREAM_ID);
        lie(frame, RESPONSE_CHANNEL_LENGTH_OFFSET, Integer.MAX_VALUE);
        datagram.putInt(frame + DataHeaderFlyweight.FRAME_LENGTH_FIELD_OFFSET, 1024, ByteOrder.LITTLE_ENDIAN);

        assertEquals(1, IngressFrames.padMalformed(datagram, datagramLength, STREAM_ID, LOOPBACK));
        assertEquals(DataHeaderFlyweight.HDR_TYPE_PAD, typeAt(frame));
    }

    @Test
    void shouldCheckALaterFrameWhateverItsOwnStreamIdAndType()
    {
        appendConnectRequest(STREAM_ID);
        final int otherStream = appendConnectRequest(STREAM_ID + 1);
        lie(otherStream, RESPONSE_CHANNEL_LENGTH_OFFSET, Integer.MAX_VALUE);
        final int otherType = appendConnectRequest(STREAM_ID);
        lie(otherType, CLIENT_INFO_LENGTH_OFFSET, Integer.MAX_VALUE);
        datagram.putShort(otherType + DataHeaderFlyweight.TYPE_FIELD_OFFSET,
            (short)DataHeaderFlyweight.HDR_TYPE_SETUP, ByteOrder.LITTLE_ENDIAN);

        assertEquals(2, IngressFrames.padMalformed(datagram, datagramLength, STREAM_ID, LOOPBACK));
        assertEquals(DataHeaderFlyweight.HDR_TYPE_PAD, typeAt(otherStream));
        assertEquals(DataHeaderFlyweight.HDR_TYPE_PAD, typeAt(otherType));
    }

    @Test
    void shouldLeaveAWellFormedAdminRequestAlone()
    {
        final int frame = appendAdminRequest();

        assertEquals(0, IngressFrames.padMalformed(datagram, datagramLength, STREAM_ID, LOOPBACK));
        assertEquals(DataHeaderFlyweight.HDR_TYPE_DATA, typeAt(frame));
    }

    @Test
    void shouldPadAnAdminRequestOfATypeAeronDoesNotKnow()
    {
        // Found by the ingress fuzzer: AdminRequestType.get throws on the consensus module thread for such a value.
        final int frame = appendAdminRequest();
        lie(frame, MessageHeaderEncoder.ENCODED_LENGTH + AdminRequestEncoder.requestTypeEncodingOffset(), 60672);

        assertEquals(1, IngressFrames.padMalformed(datagram, datagramLength, STREAM_ID, LOOPBACK));
        assertEquals(DataHeaderFlyweight.HDR_TYPE_PAD, typeAt(frame));
    }

    private int appendAdminRequest()
    {
        final int payloadLength = MessageHeaderEncoder.ENCODED_LENGTH + AdminRequestEncoder.BLOCK_LENGTH + 4 + 1;
        final int frame = appendFrame(STREAM_ID, DataHeaderFlyweight.BEGIN_AND_END_FLAGS, payloadLength);
        final AdminRequestEncoder encoder = new AdminRequestEncoder()
            .wrapAndApplyHeader(datagram, frame + DataHeaderFlyweight.HEADER_LENGTH, new MessageHeaderEncoder())
            .leadershipTermId(0)
            .clusterSessionId(1)
            .correlationId(2)
            .requestType(AdminRequestType.SNAPSHOT)
            .putPayload(new byte[]{ 1 }, 0, 1);
        assertEquals(payloadLength, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        return frame;
    }

    private int appendConnectRequest(final int streamId)
    {
        final int frame = appendFrame(streamId, DataHeaderFlyweight.BEGIN_AND_END_FLAGS, CONNECT_REQUEST_LENGTH);
        final SessionConnectRequestEncoder encoder = new SessionConnectRequestEncoder()
            .wrapAndApplyHeader(datagram, frame + DataHeaderFlyweight.HEADER_LENGTH, new MessageHeaderEncoder())
            .correlationId(1)
            .responseStreamId(102)
            .version(1)
            .responseChannel(RESPONSE_CHANNEL)
            .putEncodedCredentials(new byte[0], 0, 0)
            .clientInfo("12345678");
        assertEquals(CONNECT_REQUEST_LENGTH, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        return frame;
    }

    private int appendFrame(final int streamId, final short flags, final int payloadLength)
    {
        final int frame = datagramLength;
        final int frameLength = DataHeaderFlyweight.HEADER_LENGTH + payloadLength;
        header.wrap(datagram, frame, frameLength);
        header.frameLength(frameLength)
            .version(DataHeaderFlyweight.CURRENT_VERSION)
            .flags(flags)
            .headerType(DataHeaderFlyweight.HDR_TYPE_DATA);
        header.streamId(streamId).sessionId(7).termId(0).termOffset(frame);
        datagramLength += BitUtil.align(frameLength, FrameDescriptor.FRAME_ALIGNMENT);
        return frame;
    }

    private void lie(final int frame, final int lengthFieldOffset, final int length)
    {
        datagram.putInt(frame + DataHeaderFlyweight.HEADER_LENGTH + lengthFieldOffset, length, ByteOrder.LITTLE_ENDIAN);
    }

    private int typeAt(final int frame)
    {
        return datagram.getShort(frame + DataHeaderFlyweight.TYPE_FIELD_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }
}
