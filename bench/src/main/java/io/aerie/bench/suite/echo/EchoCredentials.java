package io.aerie.bench.suite.echo;

import io.aeron.security.CredentialsSupplier;
import io.aerie.codecs.model.SessionCredentials;

import java.security.SecureRandom;

/**
 * Aerie credentials for the raw Aeron Cluster echo client: an Aerie node's authenticator rejects a connect without
 * them. A random token and password seed, no digest; the echo service does not check the token.
 */
final class EchoCredentials implements CredentialsSupplier
{
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] encoded;

    EchoCredentials()
    {
        long token;
        do
        {
            token = RANDOM.nextLong();
        }
        while (0 == token);
        encoded = SessionCredentials.encode(token, RANDOM.nextLong(), RANDOM.nextLong(), null);
    }

    @Override
    public byte[] encodedCredentials()
    {
        return encoded;
    }

    @Override
    public byte[] onChallenge(final byte[] encodedChallenge)
    {
        return encoded;
    }
}
