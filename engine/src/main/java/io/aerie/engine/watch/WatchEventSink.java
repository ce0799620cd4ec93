package io.aerie.engine.watch;

import io.aerie.codecs.EventType;
import org.agrona.DirectBuffer;

/**
 * Receives the events a change fires, one call per event, in the order they must reach clients.
 */
@FunctionalInterface
public interface WatchEventSink
{
    /**
     * @param type       what happened.
     * @param path       buffer holding the event's path as UTF-8; valid during the call only.
     * @param offset     offset of the path.
     * @param length     length of the path in bytes.
     * @param recipients sessions to tell, ascending by id, no duplicates; valid during the call only.
     */
    void onEvent(EventType type, DirectBuffer path, int offset, int length, SessionIds recipients);
}
