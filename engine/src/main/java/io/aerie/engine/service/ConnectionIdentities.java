package io.aerie.engine.service;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.cluster.service.ClientSession;
import io.aerie.engine.acl.AuthSchemes;
import io.aerie.engine.acl.Identities;
import io.aerie.engine.session.Principal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The identities a connection brings to the Aerie session it opens or resumes, from the log: the digest
 * identity its credentials proved to the node's authenticator (in its principal; ("super", "") too when it is
 * the super digest), and ("ip", address), the client's address as the cluster sees it.
 * <p>
 * The address is the host of the response channel the connect request declared: the node's ingress guard
 * refused the connect unless that host is the request's source address (an {@code aeron:ipc} channel, only
 * possible on the node's own host, is 127.0.0.1). It is written as ZooKeeper's {@code IPAuthenticationProvider}
 * writes a remote address ({@link InetAddress#getHostAddress()}).
 * <p>
 * Runs at connect, not per request: allocates. Service thread only.
 */
final class ConnectionIdentities
{
    /** The address of a client on the node's own host, reaching it over IPC. */
    static final String LOOPBACK = "127.0.0.1";

    private final Principal principal = new Principal();
    private final AuthSchemes schemes;

    ConnectionIdentities(final AuthSchemes schemes)
    {
        this.schemes = schemes;
    }

    /**
     * Add the connection's identities to a session, replacing the address of any earlier connection; an identity
     * already held is not added twice.
     *
     * @param connection the cluster session the connect request came on.
     * @param identities the identities of the session it opened or resumed.
     */
    void addTo(final ClientSession connection, final Identities identities)
    {
        // The address is the connection's, not the session's: a session resumed from another host does not keep
        // the first one's (in ZooKeeper it belongs to the connection). It comes first, as ZooKeeper adds it.
        identities.removeScheme(AuthSchemes.IP_SCHEME);
        final String address = addressOf(connection.responseChannel());
        if (null != address)
        {
            identities.add(AuthSchemes.IP_SCHEME, address);
        }
        principal.decode(connection.encodedPrincipal());
        for (int i = 0, n = principal.identityCount(); i < n; i++)
        {
            if (AuthSchemes.DIGEST.equals(principal.identityScheme(i)))
            {
                schemes.addDigestIdentity(principal.identityId(i), identities);
            }
        }
    }

    /**
     * @param responseChannel the channel a connection's answers go to.
     * @return the client's address: the endpoint host as ZooKeeper writes an address, 127.0.0.1 for IPC, or null
     * when the channel names no literal address (the guard lets no such connect through).
     */
    static String addressOf(final String responseChannel)
    {
        try
        {
            final ChannelUri uri = ChannelUri.parse(responseChannel);
            if (CommonContext.IPC_MEDIA.equals(uri.media()))
            {
                return LOOPBACK;
            }
            final String endpoint = uri.get(CommonContext.ENDPOINT_PARAM_NAME);
            final int colon = null == endpoint ? -1 : endpoint.lastIndexOf(':');
            if (colon <= 0)
            {
                return null;
            }
            String host = endpoint.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]"))
            {
                host = host.substring(1, host.length() - 1);
            }
            else if (!isDottedQuad(host))
            {
                return null; // a name: looking it up would make the state machine depend on DNS
            }
            return InetAddress.getByName(host).getHostAddress();
        }
        catch (final IllegalArgumentException | UnknownHostException ex)
        {
            return null;
        }
    }

    private static boolean isDottedQuad(final String host)
    {
        int dots = 0;
        for (int i = 0; i < host.length(); i++)
        {
            final char c = host.charAt(i);
            if ('.' == c)
            {
                dots++;
            }
            else if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return 3 == dots;
    }
}
