package io.aerie.engine.acl;

import io.aerie.codecs.ResultCode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthSchemesTest
{
    private final Identities identities = new Identities();

    @Test
    void shouldMakeTheSameDigestAsZooKeeper() throws Exception
    {
        assertEquals(
            org.apache.zookeeper.server.auth.DigestAuthenticationProvider.generateDigest("bob:secret"),
            AuthSchemes.generateDigest("bob:secret"));
    }

    @Test
    void shouldAddTheDigestIdentityForUserAndPassword()
    {
        assertEquals(ResultCode.OK, addAuth(new AuthSchemes(null), "digest", "bob:secret"));

        assertEquals("[digest:" + AuthSchemes.generateDigest("bob:secret") + "]", identities.toString());
        assertFalse(identities.isSuper());
    }

    @Test
    void shouldAddSuperWhenTheCredentialsMatchTheSuperDigest()
    {
        final AuthSchemes schemes = new AuthSchemes(AuthSchemes.generateDigest("super:admin"));

        assertEquals(ResultCode.OK, addAuth(schemes, "digest", "super:admin"));

        assertTrue(identities.isSuper());
    }

    @Test
    void shouldAcceptIpAndAddNothing()
    {
        assertEquals(ResultCode.OK, addAuth(new AuthSchemes(null), "ip", "10.0.0.1"));
        assertEquals(0, identities.size());
    }

    @Test
    void shouldFailAnUnknownSchemeAndAddNothing()
    {
        assertEquals(ResultCode.AUTH_FAILED, addAuth(new AuthSchemes(null), "kerberos", "bob"));
        assertEquals(0, identities.size());
    }

    private ResultCode addAuth(final AuthSchemes schemes, final String scheme, final String auth)
    {
        final UnsafeBuffer schemeBytes = new UnsafeBuffer(scheme.getBytes(StandardCharsets.UTF_8));
        final UnsafeBuffer authBytes = new UnsafeBuffer(auth.getBytes(StandardCharsets.UTF_8));
        return schemes.addAuth(schemeBytes, 0, schemeBytes.capacity(), authBytes, 0, authBytes.capacity(), identities);
    }
}
