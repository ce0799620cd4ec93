package io.aerie.client;

import io.aeron.security.CredentialsSupplier;
import io.aerie.codecs.model.SessionCredentials;

import java.security.SecureRandom;

/**
 * The credentials one cluster connection sends in Aeron Cluster's connect request: a random token that every
 * request on the connection then carries (so the cluster refuses requests forged by another host), a random
 * 16-byte seed that becomes the password of a new session opened on the connection, and optional digest
 * credentials ({@code user:password}).
 * <p>
 * One instance per connection attempt: the token and seed are drawn from {@link SecureRandom} when it is made.
 * Used by Aeron's connect on the client's thread.
 */
final class AerieCredentials implements CredentialsSupplier
{
    private final long token;
    private final byte[] encoded;

    /**
     * @param random source of the token and seed.
     * @param digest {@code user:password} for the digest scheme, or null for none.
     */
    AerieCredentials(final SecureRandom random, final String digest)
    {
        long token;
        do
        {
            token = random.nextLong();
        }
        while (0 == token); // 0 is no token: the cluster would refuse every request
        this.token = token;
        this.encoded = SessionCredentials.encode(token, random.nextLong(), random.nextLong(), digest);
    }

    /**
     * @return the token every request on this connection carries in its session header.
     */
    long token()
    {
        return token;
    }

    /**
     * {@inheritDoc}
     */
    public byte[] encodedCredentials()
    {
        return encoded;
    }

    /**
     * {@inheritDoc}
     */
    public byte[] onChallenge(final byte[] encodedChallenge)
    {
        // Aerie's authenticator does not challenge.
        return encoded;
    }
}
