package io.aerie.client;

import io.aerie.codecs.EventType;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tests of the client's watch registry and dispatch share, without Aeron: a fresh {@link ClientWatches}
 * per test whose session listener, default watcher and {@link Recorder}s all write to one {@link #log}, and a
 * helper that dispatches an event to a path as if it had been decoded from a WatchEvent.
 */
abstract class ClientWatchesTestSupport
{
    static final long SESSION_ID = 42;

    final List<String> log = new ArrayList<>();
    final SessionListener listener = (state, sessionId) -> log.add("listener " + state + " " + sessionId);
    final Recorder defaultWatcher = new Recorder("default", log);
    final ClientWatches watches = new ClientWatches(listener, defaultWatcher);

    Recorder recorder(final String name)
    {
        return new Recorder(name, log);
    }

    void dispatch(final EventType type, final long zxid, final String path)
    {
        final byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        watches.dispatch(type, zxid, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    /**
     * A watcher that logs each event it is given as {@code name type state zxid path}.
     */
    static final class Recorder implements Watcher
    {
        private final String name;
        private final List<String> log;

        Recorder(final String name, final List<String> log)
        {
            this.name = name;
            this.log = log;
        }

        @Override
        public void onEvent(final WatchedEvent event)
        {
            log.add(name + " " + event.type() + " " + event.state() + " " + event.zxid() + " " + event.path());
        }
    }
}
