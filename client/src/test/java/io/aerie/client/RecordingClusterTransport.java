package io.aerie.client;

import io.aerie.codecs.CloseSessionRequestDecoder;
import io.aerie.codecs.CloseSessionResponseEncoder;
import io.aerie.codecs.ConnectRequestDecoder;
import io.aerie.codecs.ConnectResponseEncoder;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ResultCode;
import io.aeron.cluster.client.EgressListener;
import io.aeron.security.CredentialsSupplier;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * A cluster that is not there: it opens a session for a {@code ConnectRequest}, closes it for a
 * {@code CloseSessionRequest}, and records the template id of every message the client offers, answering nothing
 * else. For tests of what a client sends, without Aeron.
 */
final class RecordingClusterTransport implements ClusterTransport
{
    private final List<Integer> offered = new ArrayList<>();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ConnectRequestDecoder connectDecoder = new ConnectRequestDecoder();
    private final CloseSessionRequestDecoder closeDecoder = new CloseSessionRequestDecoder();
    private final ExpandableArrayBuffer answer = new ExpandableArrayBuffer(128);
    private EgressListener egressListener;
    private long connectCorrelationId = Long.MIN_VALUE;
    private long closeCorrelationId = Long.MIN_VALUE;

    /**
     * @return the template id of each message offered, in order; the connect's included.
     */
    List<Integer> offered()
    {
        return offered;
    }

    public Connection connect(final CredentialsSupplier credentials, final EgressListener egressListener)
    {
        this.egressListener = egressListener;
        return new RecordingConnection();
    }

    public AsyncConnect asyncConnect(final CredentialsSupplier credentials, final EgressListener egressListener)
    {
        throw new UnsupportedOperationException("this cluster never closes a session");
    }

    public void close()
    {
    }

    private final class RecordingConnection implements Connection
    {
        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            final int messageOffset = offset + RequestEncoder.SESSION_HEADER_LENGTH;
            headerDecoder.wrap(buffer, messageOffset);
            offered.add(headerDecoder.templateId());
            if (ConnectRequestDecoder.TEMPLATE_ID == headerDecoder.templateId())
            {
                connectDecoder.wrapAndApplyHeader(buffer, messageOffset, headerDecoder);
                connectCorrelationId = connectDecoder.correlationId();
            }
            else if (CloseSessionRequestDecoder.TEMPLATE_ID == headerDecoder.templateId())
            {
                closeDecoder.wrapAndApplyHeader(buffer, messageOffset, headerDecoder);
                closeCorrelationId = closeDecoder.correlationId();
            }
            return 1;
        }

        public int pollEgress()
        {
            if (Long.MIN_VALUE != closeCorrelationId)
            {
                final int length = new CloseSessionResponseEncoder()
                    .wrapAndApplyHeader(answer, 0, new MessageHeaderEncoder())
                    .correlationId(closeCorrelationId).code(ResultCode.OK).zxid(1).encodedLength();
                closeCorrelationId = Long.MIN_VALUE;
                egressListener.onMessage(1, 0, answer, 0, MessageHeaderEncoder.ENCODED_LENGTH + length, null);
                return 1;
            }
            if (Long.MIN_VALUE == connectCorrelationId)
            {
                return 0;
            }
            final ConnectResponseEncoder encoder = new ConnectResponseEncoder()
                .wrapAndApplyHeader(answer, 0, new MessageHeaderEncoder())
                .correlationId(connectCorrelationId).code(ResultCode.OK).zxid(1).sessionId(7).negotiatedTimeoutMs(10_000)
                .eventSequence(0);
            encoder.putPassword(new byte[16], 0, 16);
            connectCorrelationId = Long.MIN_VALUE;
            egressListener.onMessage(1, 0, answer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength(), null);
            return 1;
        }

        public boolean isClosed()
        {
            return false;
        }

        public int maxMessageLength()
        {
            return 1 << 20;
        }

        public long clusterSessionId()
        {
            return 1;
        }

        public int leaderMemberId()
        {
            return 0;
        }

        public void close()
        {
        }
    }
}
