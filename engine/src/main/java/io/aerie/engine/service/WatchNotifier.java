package io.aerie.engine.service;

import io.aerie.codecs.EventType;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.WatchEventEncoder;
import io.aerie.engine.session.Session;
import io.aerie.engine.session.SessionTable;
import io.aerie.engine.watch.SessionIds;
import io.aerie.engine.watch.WatchEventSink;
import io.aerie.engine.watch.WatchRegistry;
import io.aerie.engine.watch.WatchTriggers;
import io.aerie.engine.tree.TreeChanges;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

import java.nio.ByteOrder;

/**
 * Fans watch events out: each event is encoded once, then for every recipient only its sequence number is
 * written into the same buffer before the offer. Every recipient's sequence advances on every node whether or
 * not the event reaches it (its connection may be gone, or be back-pressured: an event gets one offer, and a
 * refused one is counted as dropped): the client finds a loss as a gap and reports EVENTS_LOST, so a slow client
 * never holds up the state machine or the other watchers.
 */
final class WatchNotifier implements WatchEventSink
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int SEQUENCE_OFFSET = HEADER + WatchEventEncoder.sequenceEncodingOffset();

    private final WatchTriggers triggers;
    private final SessionTable sessions;
    private final EgressPublisher egress;
    private final ServiceCounters counters;
    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(512);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final WatchEventEncoder encoder = new WatchEventEncoder();
    private long zxid;

    WatchNotifier(
        final WatchRegistry registry,
        final SessionTable sessions,
        final EgressPublisher egress,
        final ServiceCounters counters)
    {
        this.triggers = new WatchTriggers(registry);
        this.sessions = sessions;
        this.egress = egress;
        this.counters = counters;
    }

    /**
     * Fire the watches for what the last committed tree operation changed.
     *
     * @param zxid the zxid the change was committed under.
     */
    void publish(final TreeChanges changes, final long zxid)
    {
        this.zxid = zxid;
        triggers.fire(changes, this);
    }

    @Override
    public void onEvent(
        final EventType type, final DirectBuffer path, final int offset, final int length, final SessionIds recipients)
    {
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .zxid(zxid)
            .sequence(0)
            .eventType(type)
            .putPath(path, offset, length);
        final int messageLength = HEADER + encoder.encodedLength();
        for (int i = 0, n = recipients.size(); i < n; i++)
        {
            final Session session = sessions.get(recipients.get(i));
            if (null == session)
            {
                continue;
            }
            buffer.putLong(SEQUENCE_OFFSET, session.nextEventSequence(), ByteOrder.LITTLE_ENDIAN);
            if (Session.UNBOUND != session.clusterSessionId())
            {
                egress.sendEvent(egress.clientSession(session.clusterSessionId()), buffer, 0, messageLength);
            }
        }
        counters.watchEvents.getAndAddRelease(recipients.size());
    }
}
