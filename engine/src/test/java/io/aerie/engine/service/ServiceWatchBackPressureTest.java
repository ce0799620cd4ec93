package io.aerie.engine.service;

import io.aerie.codecs.WatchMode;
import io.aerie.engine.service.Replies.WatchEventValue;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aeron.Publication;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.aerie.codecs.EventType.NODE_DATA_CHANGED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A watcher whose egress is back-pressured: it loses the event after a single offer, counted, while the other
 * watchers and the writer are served; its sequence advances, so the client sees the gap.
 */
class ServiceWatchBackPressureTest extends WatchTestSupport
{
    @Test
    void shouldDropEventToBackPressuredWatcherAfterOneOfferAndServeTheOthers()
    {
        final Client slow = connect();
        final Client fast = connect();
        final Client writer = connect();
        create(writer, "/a");
        addWatch(slow, "/a", WatchMode.PERSISTENT);
        addWatch(fast, "/a", WatchMode.PERSISTENT);
        slow.connection().refuseOffersWith(Publication.BACK_PRESSURED);
        final int attemptsBefore = slow.connection().offerAttempts();

        final Exchange x = setData(writer, "/a", "1");

        assertEquals(attemptsBefore + 1, slow.connection().offerAttempts());
        assertEquals(1, f.counters().droppedWatchEvents.get());
        assertEquals(0, f.counters().droppedEgress.get(), "answers are counted apart");
        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_DATA_CHANGED, "/a")), x.eventsTo(fast));
        assertEquals(1, x.to(writer).size(), "the writer's answer");
    }

    @Test
    void shouldNumberTheNextEventAfterTheDroppedOneSoTheClientSeesTheGap()
    {
        final Client slow = connect();
        final Client writer = connect();
        create(writer, "/a");
        addWatch(slow, "/a", WatchMode.PERSISTENT);
        slow.connection().refuseOffersWith(Publication.BACK_PRESSURED);
        setData(writer, "/a", "1");
        slow.connection().refuseOffersWith(0);

        final Exchange x = setData(writer, "/a", "2");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 2, NODE_DATA_CHANGED, "/a")), x.eventsTo(slow));
        assertEquals(2, keepAlive(slow).eventSequence());
    }
}
