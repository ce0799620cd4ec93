package io.aerie.tools.shell;

import io.aerie.client.WatchedEvent;
import io.aerie.client.Watcher;
import io.aerie.codecs.EventType;
import io.aerie.codecs.SessionState;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The shell's one watcher, the client's default watcher and the one every {@code -w} and {@code addWatch} leaves:
 * formats each event as zkCli prints it,
 * <pre>
 *
 * WATCHER::
 *
 * WatchedEvent state:SyncConnected type:NodeDataChanged path:/x zxid: 12
 * </pre>
 * and hands the text to a sink (the terminal, above the prompt; or standard output). Session state changes
 * (type None) go to a state listener, and are printed only when asked: a script's output shows only its own
 * watches. Called on the client thread; the event is copied into text during the call.
 */
final class EventPrinter implements Watcher
{
    private final Consumer<String> sink;
    private final Consumer<SessionState> stateListener;
    private final boolean printSessionEvents;
    private volatile boolean isPrinting = true;

    /**
     * @param sink               where the text of an event goes; called on the client thread, must not block long.
     * @param stateListener      told of each session state change.
     * @param printSessionEvents whether type None events are printed too.
     */
    EventPrinter(
        final Consumer<String> sink, final Consumer<SessionState> stateListener, final boolean printSessionEvents)
    {
        this.sink = sink;
        this.stateListener = stateListener;
        this.printSessionEvents = printSessionEvents;
    }

    public void onEvent(final WatchedEvent event)
    {
        final boolean isSessionEvent = EventType.NONE == event.type();
        if (isSessionEvent)
        {
            stateListener.accept(event.state());
        }
        if (isPrinting && (!isSessionEvent || printSessionEvents))
        {
            sink.accept(format(event.type(), event.state(), event.path(), event.zxid()));
        }
    }

    /**
     * {@code printwatches on|off}: whether events are printed; they are still received, and session state changes
     * still reach the state listener.
     *
     * @param isPrinting true to print them (the default).
     */
    void printing(final boolean isPrinting)
    {
        this.isPrinting = isPrinting;
    }

    /**
     * @return whether events are printed.
     */
    boolean isPrinting()
    {
        return isPrinting;
    }

    /**
     * @return the event as zkCli prints it, starting with a line separator as zkCli's does.
     */
    static String format(final EventType type, final SessionState state, final String path, final long zxid)
    {
        final String eol = System.lineSeparator();
        return eol + "WATCHER::" + eol + eol +
            "WatchedEvent state:" + keeperState(state) + " type:" + camelCase(type.name()) + " path:" + path +
            " zxid: " + zxid;
    }

    /**
     * @return ZooKeeper's name of the state: SyncConnected, Disconnected, Expired, Closed, AuthFailed; EventsLost
     * has no ZooKeeper counterpart.
     */
    static String keeperState(final SessionState state)
    {
        return SessionState.CONNECTED == state ? "SyncConnected" : camelCase(state.name());
    }

    private static String camelCase(final String constant)
    {
        final StringBuilder sb = new StringBuilder(constant.length());
        for (final String part : constant.split("_"))
        {
            if (!part.isEmpty())
            {
                sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
            }
        }

        return sb.toString();
    }
}
