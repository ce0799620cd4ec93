package io.aerie.engine.node;

import io.aeron.security.SessionProxy;
import io.aerie.codecs.model.SessionCredentials;
import io.aerie.engine.session.Principal;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AerieAuthenticatorTest
{
    private final AerieAuthenticator authenticator = new AerieAuthenticator(null);
    private final Principal principal = new Principal();

    @Test
    void shouldCarryTokenAndSeedIntoPrincipal()
    {
        assertTrue(principal.decode(authenticator.principalOf(SessionCredentials.encode(42, 7, 8, null))));

        assertEquals(42, principal.token());
        assertEquals(7, principal.passwordSeedLow());
        assertEquals(8, principal.passwordSeedHigh());
        assertEquals(0, principal.identityCount());
    }

    @Test
    void shouldTurnDigestCredentialsIntoZooKeepersDigestIdentity()
    {
        assertTrue(principal.decode(authenticator.principalOf(SessionCredentials.encode(42, 7, 8, "bob:secret"))));

        assertEquals(1, principal.identityCount());
        assertEquals("digest", principal.identityScheme(0));
        // ZooKeeper 3.9.5: DigestAuthenticationProvider.generateDigest("bob:secret").
        assertEquals("bob:" + java.util.Base64.getEncoder().encodeToString(sha1("bob:secret")), principal.identityId(0));
    }

    @Test
    void shouldNeverPutRawPasswordInPrincipal()
    {
        final byte[] encoded = authenticator.principalOf(SessionCredentials.encode(42, 7, 8, "bob:secret-password"));

        assertFalse(new String(encoded, java.nio.charset.StandardCharsets.ISO_8859_1).contains("secret-password"));
    }

    @Test
    void shouldRejectMissingOrMalformedCredentials()
    {
        final byte[] valid = SessionCredentials.encode(42, 7, 8, "bob:secret");
        assertNull(authenticator.principalOf(null));
        assertNull(authenticator.principalOf(new byte[0]));
        assertNull(authenticator.principalOf(Arrays.copyOf(valid, valid.length - 1)), "truncated digest");
        assertNull(authenticator.principalOf(Arrays.copyOf(valid, valid.length + 1)), "trailing bytes");
        assertNull(authenticator.principalOf(SessionCredentials.encode(0, 7, 8, null)), "no token");
        final byte[] foreignSchema = valid.clone();
        foreignSchema[4] = 1;
        assertNull(authenticator.principalOf(foreignSchema));
        final byte[] otherTemplate = valid.clone();
        otherTemplate[2] = 10;
        assertNull(authenticator.principalOf(otherTemplate));
        final byte[] lyingLength = valid.clone();
        lyingLength[8 + 24] = (byte)0xFF;
        lyingLength[8 + 25] = (byte)0xFF;
        assertNull(authenticator.principalOf(lyingLength));
        assertNull(authenticator.principalOf(new byte[AerieAuthenticator.MAX_CREDENTIALS_LENGTH + 1]));
    }

    @Test
    void shouldAuthenticateConnectedSessionWithItsPrincipal()
    {
        final RecordingProxy proxy = new RecordingProxy(5);
        final byte[] credentials = SessionCredentials.encode(42, 7, 8, null);

        authenticator.onConnectRequest(5, credentials, 0);
        authenticator.onConnectedSession(proxy, 0);

        assertArrayEquals(authenticator.principalOf(credentials), proxy.principal);
        assertFalse(proxy.rejected);
    }

    @Test
    void shouldRejectConnectedSessionWithoutValidCredentials()
    {
        final RecordingProxy proxy = new RecordingProxy(6);

        authenticator.onConnectRequest(6, new byte[]{ 1, 2, 3 }, 0);
        authenticator.onConnectedSession(proxy, 0);

        assertTrue(proxy.rejected);
        assertNull(proxy.principal);
    }

    private static byte[] sha1(final String text)
    {
        try
        {
            return java.security.MessageDigest.getInstance("SHA1").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        catch (final java.security.NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static final class RecordingProxy implements SessionProxy
    {
        private final long sessionId;
        private byte[] principal;
        private boolean rejected;

        RecordingProxy(final long sessionId)
        {
            this.sessionId = sessionId;
        }

        @Override
        public long sessionId()
        {
            return sessionId;
        }

        @Override
        public boolean challenge(final byte[] encodedChallenge)
        {
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
            rejected = true;
        }
    }
}
