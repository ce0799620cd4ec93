package io.aerie.client;

/**
 * Told when a watch fires, is removed, or when the session's state changes; ZooKeeper's Watcher.
 * <p>
 * Called on the client's conductor thread (default mode), or on the thread that polls it in invoker mode
 * ({@link AerieClient#poll()}, or a blocking call polling inside); CLOSED on the thread that closes the client.
 * A callback must not call the blocking API of the client (that would poll from inside the dispatch of an
 * event); it may call the asynchronous API, for example to set a one-time watch again. The event is a view
 * valid only during the call: copy what must outlive it. Implementations should be reusable objects, not
 * capturing lambdas, on hot paths.
 * <p>
 * One-time watches (set by exists, getData, getChildren) fire at most once; persistent ones (set by
 * addWatch) until removed. Whichever lists a watcher object was registered in, it is called at most once per
 * event.
 */
@FunctionalInterface
public interface Watcher
{
    /**
     * @param event what happened; a reused flyweight valid only during this call, never null.
     */
    void onEvent(WatchedEvent event);
}
