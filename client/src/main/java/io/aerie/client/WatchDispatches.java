package io.aerie.client;

import java.util.Arrays;

/**
 * The {@link WatchDispatch}es in use, one per nesting depth: a watcher called during one dispatch may cause another
 * (a removal, a session change), which must not disturb the first one's gathered watchers. Reused: steady state
 * allocates nothing. Owned by the client's polling thread.
 */
final class WatchDispatches
{
    private WatchDispatch[] dispatches = new WatchDispatch[2];
    private int depth;

    /**
     * @return an empty dispatch for one more level of nesting; give it back with {@link #exit(WatchDispatch)}.
     */
    WatchDispatch enter()
    {
        if (depth == dispatches.length)
        {
            dispatches = Arrays.copyOf(dispatches, depth * 2);
        }
        WatchDispatch dispatch = dispatches[depth];
        if (null == dispatch)
        {
            dispatch = new WatchDispatch();
            dispatches[depth] = dispatch;
        }
        depth++;
        return dispatch;
    }

    /**
     * @param dispatch the one the matching {@link #enter()} gave; cleared for its next use.
     */
    void exit(final WatchDispatch dispatch)
    {
        dispatch.clear();
        depth--;
    }
}
