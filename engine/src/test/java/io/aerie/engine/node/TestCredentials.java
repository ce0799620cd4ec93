package io.aerie.engine.node;

import io.aeron.security.CredentialsSupplier;
import io.aerie.codecs.model.SessionCredentials;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Aerie credentials for a raw Aeron Cluster client of a node (the node's authenticator rejects a connect without
 * them): a random token and password seed, no digest.
 */
final class TestCredentials implements CredentialsSupplier
{
    private final long token;
    private final byte[] encoded;

    TestCredentials()
    {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        long token;
        do
        {
            token = random.nextLong();
        }
        while (0 == token);
        this.token = token;
        this.encoded = SessionCredentials.encode(token, random.nextLong(), random.nextLong(), null);
    }

    /**
     * @return the token requests on the connection must carry.
     */
    long token()
    {
        return token;
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
