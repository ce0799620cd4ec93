package io.aerie.client.recipes;

/**
 * What a {@link CacheListener} is told by a {@link ConfigurationCache} or a {@link ServiceCache}. When it is told,
 * the cache already holds the change: reading the cache from the callback gives the new state.
 */
public enum CacheEvent
{
    /** A node appeared (created, or found by a re-read); the path is the node's. */
    NODE_ADDED,

    /** A node's data changed (or was found changed by a re-read); the path is the node's. */
    NODE_UPDATED,

    /** A node went (deleted, or found gone by a re-read); the path is the node's. */
    NODE_REMOVED,

    /**
     * Everything was read: after {@link ConfigurationCache#start()} and after each re-read. The cache is current
     * ({@link CacheState#CURRENT}) from here; the path is the cache's root.
     */
    LOADED,

    /**
     * Changes may have been missed: the connection was lost (DISCONNECTED) or watch events were (EVENTS_LOST). The
     * cache keeps what it holds and re-reads everything; until {@link #LOADED} its contents may lag. The path is the
     * cache's root.
     */
    RELOADING,

    /**
     * The session expired or was closed: the cache keeps its last contents but will never change again. The path is
     * the cache's root.
     */
    SESSION_ENDED,

    /** A read or the watch failed with an error (for example NO_AUTH): as {@link #SESSION_ENDED}, for good. */
    FAILED
}
