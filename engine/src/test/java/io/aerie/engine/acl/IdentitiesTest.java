package io.aerie.engine.acl;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

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
    void shouldRoundTripThroughASnapshot() throws IOException
    {
        identities.add("digest", "bob:hash");
        identities.add("super", "");
        identities.add("ip", "::1");
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        identities.writeSnapshot(new DataOutputStream(bytes));

        final Identities loaded = new Identities();
        loaded.loadSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertEquals(identities.toString(), loaded.toString());
        assertTrue(loaded.isSuper());
    }
}
