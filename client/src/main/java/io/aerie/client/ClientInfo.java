package io.aerie.client;

import java.util.Objects;

/**
 * One identity of a session, as ZooKeeper 3.9's {@code org.apache.zookeeper.data.ClientInfo} from whoAmI: its
 * scheme and its user (the user name of a digest identity, never its hash; the address of an ip identity; empty
 * for super). Immutable.
 */
public final class ClientInfo
{
    private final String authScheme;
    private final String user;

    /**
     * @param authScheme the identity's scheme.
     * @param user       the identity's user.
     */
    public ClientInfo(final String authScheme, final String user)
    {
        this.authScheme = authScheme;
        this.user = user;
    }

    /** @return the scheme, such as {@code digest}, {@code ip}, {@code super}. */
    public String getAuthScheme()
    {
        return authScheme;
    }

    /** @return the user, such as {@code bob} for a digest identity. */
    public String getUser()
    {
        return user;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof ClientInfo && authScheme.equals(((ClientInfo)o).authScheme) && user.equals(((ClientInfo)o).user);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(authScheme, user);
    }

    /** @return as ZooKeeper's ClientInfo prints: {@code ClientInfo(authScheme: digest, user: bob)}. */
    @Override
    public String toString()
    {
        return "ClientInfo(authScheme: " + authScheme + ", user: " + user + ")";
    }
}
