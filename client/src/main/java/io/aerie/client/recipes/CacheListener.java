package io.aerie.client.recipes;

/**
 * Told of each change of a {@link ConfigurationCache} or a {@link ServiceCache}, after the cache applied it: reading
 * the cache from the callback gives the new state (the new data of an updated node, no entry for a removed one).
 * <p>
 * Called on the thread that polls the cache's client, from inside {@link io.aerie.client.AerieClient#poll()} or a
 * blocking call polling on that thread. Like every client callback it must return promptly and must not call the
 * client's blocking API; it may read the cache, use the client's asynchronous API, and close the cache.
 */
@FunctionalInterface
public interface CacheListener
{
    /** A listener that does nothing. */
    CacheListener NO_OP = (event, path) -> {};

    /**
     * @param event what happened.
     * @param path  the node concerned, or the cache's root for {@link CacheEvent#LOADED}, {@link CacheEvent#RELOADING},
     *              {@link CacheEvent#SESSION_ENDED} and {@link CacheEvent#FAILED}.
     */
    void onCacheEvent(CacheEvent event, String path);
}
