package io.aerie.client.recipes;

/**
 * Life cycle of a {@link ConfigurationCache} or a {@link ServiceCache}.
 */
public enum CacheState
{
    /** Created, not started: empty. */
    LATENT,

    /**
     * Reading everything, after the start or because changes may have been missed (connection or events lost): the
     * contents may lag.
     */
    LOADING,

    /**
     * Everything read and every change since applied: the contents are the cluster's, as of the last answer or event
     * this client received.
     */
    CURRENT,

    /** Out: the session expired or was closed. The contents are the last known, frozen. */
    SESSION_ENDED,

    /** Out: a request failed with an error. The contents are the last known, frozen. */
    FAILED,

    /** Closed by the application. */
    CLOSED
}
