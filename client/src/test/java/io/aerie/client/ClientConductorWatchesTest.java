package io.aerie.client;

import io.aerie.codecs.ConnectResponseEncoder;
import io.aerie.codecs.EventType;
import io.aerie.codecs.ExistsResponseEncoder;
import io.aerie.codecs.KeepAliveResponseEncoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.WatchEventEncoder;
import io.aeron.cluster.client.EgressListener;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conductor's routing of egress and session state to the watches, without a cluster: messages are handed to
 * its egress listener directly (an external, never reached, driver directory keeps Aeron out).
 */
class ClientConductorWatchesTest
{
    private final List<String> log = new ArrayList<>();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final ClientConductor conductor = new ClientConductor(context(), new RequestEncoder());
    private final EgressListener egress = conductor.egressListener();

    @Test
    void shouldRegisterWatchWhenTheAnswerArrivesAndDispatchWatchEvents()
    {
        final Watcher watcher = event -> log.add("w " + event.type() + " " + event.path());
        conductor.watches().expect(5, PathWatches.DATA, true, "/a", watcher);

        final int answer = new ExistsResponseEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(5).code(ResultCode.NO_NODE).zxid(3).encodedLength();
        egress.onMessage(1, 0, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + answer, null);
        assertTrue(conductor.watches().contains(PathWatches.DATA, "/a", watcher));

        final int event = new WatchEventEncoder().wrapAndApplyHeader(buffer, 0, header)
            .zxid(4).sequence(1).eventType(EventType.NODE_CREATED).path("/a").encodedLength();
        egress.onMessage(1, 0, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + event, null);

        assertEquals(List.of("w NODE_CREATED /a"), log);
        assertFalse(conductor.watches().contains(PathWatches.DATA, "/a", watcher));
    }

    @Test
    void shouldRaiseEventsLostWhenAKeepAliveAnswerCountsMoreEvents()
    {
        final int length = new KeepAliveResponseEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(9).code(ResultCode.OK).zxid(3).eventSequence(2).encodedLength();

        egress.onMessage(1, 0, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + length, null);

        assertEquals(List.of("listener EVENTS_LOST", "default NONE EVENTS_LOST"), log);
        assertEquals(SessionState.DISCONNECTED, conductor.state(), "EVENTS_LOST is an event, not a state");
    }

    @Test
    void shouldRaiseEventsLostWhenTheResumeAnswerCountsMoreEvents()
    {
        final ConnectResponseEncoder encoder = new ConnectResponseEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(9).code(ResultCode.OK).zxid(3).sessionId(77).negotiatedTimeoutMs(5000).eventSequence(4);
        encoder.putPassword(new byte[8], 0, 8);

        egress.onMessage(1, 0, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength(), null);

        assertEquals(List.of("listener EVENTS_LOST", "default NONE EVENTS_LOST"), log);
    }

    @Test
    void shouldTellStateChangesToListenerAndDefaultWatcherAndEndWatchesOnExpiry()
    {
        conductor.watches().add(PathWatches.PERSISTENT, "/a", event -> log.add("p " + event.state()));

        conductor.changeState(SessionState.CONNECTED);
        conductor.changeState(SessionState.EXPIRED);

        assertEquals(List.of(
            "listener CONNECTED", "default NONE CONNECTED",
            "listener EXPIRED", "default NONE EXPIRED", "p EXPIRED"), log);
        assertEquals(0, conductor.watches().pathCount());
    }

    private AerieClient.Context context()
    {
        final AerieClient.Context ctx = new AerieClient.Context()
            .sessionListener((state, sessionId) -> log.add("listener " + state))
            .defaultWatcher(event -> log.add("default " + event.type() + " " + event.state()));
        ctx.agents().useConductorInvoker(true);
        ctx.connection()
            .ingressEndpoints("0=localhost:1")
            .aeronDirectoryName("/nonexistent/aerie-client-test");

        return ctx.conclude();
    }
}
