package io.aerie.engine.session;

import org.agrona.collections.Long2LongHashMap;

/**
 * The token each live cluster session authenticated with, by cluster session id: what binds a request to the
 * connection that sent it. Aeron Cluster 1.51 applies an ingress message naming any cluster session id with the
 * current leadership term, whoever sent it; a request whose {@code SessionHeader} token is not its cluster
 * session's is refused.
 * <p>
 * Filled when a cluster session opens (from its encoded principal, in the log), emptied when it closes, rebuilt
 * from the cluster's sessions after a snapshot load: every replica holds the same table at the same log position.
 * Lookups allocate nothing. Service thread only.
 */
public final class SessionTokens
{
    /** The token no connection has: a cluster session without one (no principal) matches nothing. */
    public static final long NO_TOKEN = 0;

    private final Long2LongHashMap tokens = new Long2LongHashMap(NO_TOKEN);

    /**
     * Remember the token of a cluster session; {@link #NO_TOKEN} forgets it.
     *
     * @param clusterSessionId the Aeron cluster session id.
     * @param token            its token.
     */
    public void put(final long clusterSessionId, final long token)
    {
        if (NO_TOKEN == token)
        {
            tokens.remove(clusterSessionId);
        }
        else
        {
            tokens.put(clusterSessionId, token);
        }
    }

    /**
     * Forget a closed cluster session.
     *
     * @param clusterSessionId the Aeron cluster session id.
     */
    public void remove(final long clusterSessionId)
    {
        tokens.remove(clusterSessionId);
    }

    /**
     * @param clusterSessionId the cluster session a request names.
     * @param token            the token the request carries.
     * @return true if that cluster session is open and authenticated with this token.
     */
    public boolean matches(final long clusterSessionId, final long token)
    {
        return NO_TOKEN != token && tokens.get(clusterSessionId) == token;
    }

    /**
     * Forget every cluster session, before a rebuild.
     */
    public void clear()
    {
        tokens.clear();
    }

    /**
     * @return number of cluster sessions with a token.
     */
    public int size()
    {
        return tokens.size();
    }
}
