package io.aerie.engine.acl;

import io.aerie.codecs.snapshot.SessionDecoder;
import io.aerie.codecs.snapshot.SessionEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentitiesTest
{
    private final Identities identities = new Identities();

    @Test
    void shouldAddEachIdentityOnce()
    {
        assertTrue(identities.add("digest", "bob:hash"));
        assertFalse(identities.add("digest", "bob:hash"));
        assertTrue(identities.add("ip", "10.0.0.1"));

        assertEquals("[digest:bob:hash, ip:10.0.0.1]", identities.toString());
    }

    @Test
    void shouldReplaceEveryIdentityOfAScheme()
    {
        identities.add("ip", "10.0.0.1");
        identities.add("digest", "bob:hash");
        identities.add("ip", "10.0.0.2");

        final byte[] address = "192.168.1.1".getBytes();
        identities.replaceScheme("ip", new org.agrona.concurrent.UnsafeBuffer(address), 0, address.length);

        assertEquals("[digest:bob:hash, ip:192.168.1.1]", identities.toString());
    }

    @Test
    void shouldRefuseASchemeLongerThanTheLimit()
    {
        assertFalse(identities.add("s".repeat(Identities.MAX_SCHEME_LENGTH + 1), "id"));
        assertEquals(0, identities.size());
    }

    @Test
    void shouldHoldSuperOnlyWhileTheSuperIdentityIsHeld()
    {
        identities.add("super", "");
        assertTrue(identities.isSuper());

        identities.removeScheme("super");
        assertFalse(identities.isSuper());
    }

    @Test
    void shouldRoundTripThroughASnapshot()
    {
        identities.add("digest", "bob:hash");
        identities.add("super", "");
        identities.add("ip", "::1");
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final SessionEncoder session = new SessionEncoder().wrap(buffer, 0);
        identities.writeSnapshot(session);

        final Identities loaded = new Identities();
        loaded.loadSnapshot(new SessionDecoder().wrap(buffer, 0, SessionEncoder.BLOCK_LENGTH, SessionEncoder.SCHEMA_VERSION));

        assertEquals(identities.toString(), loaded.toString());
        assertTrue(loaded.isSuper());
    }
}
