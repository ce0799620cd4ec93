package io.aerie.client;

import io.aerie.codecs.SessionState;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The session listeners of a client, added and removed from any thread at any time, told on the conductor thread.
 * Copy on write: a change copies the array (rare, allocates), telling walks the current one (frequent, allocates
 * nothing), so a listener added or removed while the listeners are being told takes effect from the next change.
 */
final class SessionListeners implements SessionListener
{
    private static final SessionListener[] NONE = new SessionListener[0];

    private final AtomicReference<SessionListener[]> listeners = new AtomicReference<>(NONE);

    /**
     * @param listener added; the same object twice is told twice, as in a list.
     */
    void add(final SessionListener listener)
    {
        SessionListener[] current;
        SessionListener[] next;
        do
        {
            current = listeners.get();
            next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = listener;
        }
        while (!listeners.compareAndSet(current, next));
    }

    /**
     * @param listener removed once (its first occurrence, compared by identity).
     * @return true if it was there.
     */
    boolean remove(final SessionListener listener)
    {
        SessionListener[] current;
        SessionListener[] next;
        do
        {
            current = listeners.get();
            int index = -1;
            for (int i = 0; i < current.length; i++)
            {
                if (current[i] == listener)
                {
                    index = i;
                    break;
                }
            }
            if (index < 0)
            {
                return false;
            }
            next = new SessionListener[current.length - 1];
            System.arraycopy(current, 0, next, 0, index);
            System.arraycopy(current, index + 1, next, index, next.length - index);
        }
        while (!listeners.compareAndSet(current, next));
        return true;
    }

    int size()
    {
        return listeners.get().length;
    }

    @Override
    public void onSessionStateChange(final SessionState state, final long sessionId)
    {
        for (final SessionListener listener : listeners.get())
        {
            listener.onSessionStateChange(state, sessionId);
        }
    }
}
