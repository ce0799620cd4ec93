package io.aerie.client;

import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.SessionEventDecoder;
import io.aerie.codecs.WatchEventDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Decodes the cluster's egress for {@link ClientConductor}, with pre-allocated decoders: answers to requests, watch
 * events, session events, and new-leader notices; what each one does is the conductor's. Conductor thread only.
 */
final class EgressAdapter implements EgressListener
{
    private final ClientConductor conductor;
    private final ResponseDecoder decoder;
    private final Response response = new Response();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final SessionEventDecoder sessionEventDecoder = new SessionEventDecoder();

    EgressAdapter(final ClientConductor conductor, final Chroot chroot)
    {
        this.conductor = conductor;
        this.decoder = new ResponseDecoder(chroot);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        conductor.onEgressReceived();
        if (decoder.decode(buffer, offset, response))
        {
            conductor.onResponse(response);
            return;
        }
        headerDecoder.wrap(buffer, offset);
        if (MessageHeaderDecoder.SCHEMA_ID != headerDecoder.schemaId())
        {
            return;
        }
        final int templateId = headerDecoder.templateId();
        if (WatchEventDecoder.TEMPLATE_ID == templateId)
        {
            // The event's zxid is its first field: read before the watches' own decoder takes the message.
            final long zxid = buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH, ByteOrder.LITTLE_ENDIAN);
            conductor.onWatchEvent(buffer, offset, zxid);
        }
        else if (SessionEventDecoder.TEMPLATE_ID == templateId)
        {
            sessionEventDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
            conductor.onSessionEvent(sessionEventDecoder.state());
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onNewLeader(
        final long clusterSessionId, final long leadershipTermId, final int leaderMemberId, final String ingressEndpoints)
    {
        conductor.onNewLeader();
    }
}
