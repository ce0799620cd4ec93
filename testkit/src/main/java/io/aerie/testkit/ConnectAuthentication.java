package io.aerie.testkit;

import io.aeron.security.AuthenticationException;
import io.aeron.security.SessionProxy;
import io.aerie.engine.node.AerieAuthenticator;

/**
 * The consensus module's side of a connect, for the in-memory cluster: the node's own {@link AerieAuthenticator}
 * decides, through the calls Aeron Cluster makes, and the principal it grants is what the service then sees.
 * Under the cluster's lock.
 */
final class ConnectAuthentication implements SessionProxy
{
    private final AerieAuthenticator authenticator = new AerieAuthenticator(null);
    private long sessionId;
    private byte[] principal;

    /**
     * Authenticate one connect.
     *
     * @param clusterSessionId   the id the connection will have.
     * @param encodedCredentials what the client's credentials supplier gave.
     * @param nowMs              the cluster's time.
     * @return the encoded principal granted.
     * @throws AuthenticationException if the authenticator refused the credentials, as Aeron reports it to a client.
     */
    byte[] authenticate(final long clusterSessionId, final byte[] encodedCredentials, final long nowMs)
    {
        sessionId = clusterSessionId;
        principal = null;
        authenticator.onConnectRequest(clusterSessionId, encodedCredentials, nowMs);
        authenticator.onConnectedSession(this, nowMs);
        if (null == principal)
        {
            throw new AuthenticationException("the cluster refused the connection's credentials");
        }
        return principal;
    }

    @Override
    public long sessionId()
    {
        return sessionId;
    }

    @Override
    public boolean challenge(final byte[] encodedChallenge)
    {
        // Aerie's authenticator never challenges.
        return false;
    }

    @Override
    public boolean authenticate(final byte[] encodedPrincipal)
    {
        principal = encodedPrincipal;
        return true;
    }

    @Override
    public void reject()
    {
        principal = null;
    }
}
