package io.aerie.client.recipes;

import io.aerie.client.WatchedEvent;
import io.aerie.client.Watcher;

/**
 * A watcher that only notes that something happened, to wake a blocking recipe loop ({@link RecipeCall#awaitSignal}),
 * which then reads again: a node event, a watch removal, or a session state change (DISCONNECTED, EVENTS_LOST,
 * EXPIRED, CLOSED) all mean the same thing to it. A one-time watch left behind when a wait ends fires into it later
 * and costs one needless read at most. Owned by the client's polling thread.
 */
final class WatchSignal implements Watcher
{
    private boolean fired;

    /**
     * Forget earlier events: call before the read that sets the watch.
     */
    void reset()
    {
        fired = false;
    }

    /**
     * @return true if an event came since the last {@link #reset()}.
     */
    boolean fired()
    {
        return fired;
    }

    @Override
    public void onEvent(final WatchedEvent event)
    {
        fired = true;
    }
}
