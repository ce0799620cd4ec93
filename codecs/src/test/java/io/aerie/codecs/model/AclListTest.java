package io.aerie.codecs.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AclListTest
{
    @Test
    void shouldRoundTripEntries()
    {
        final AclList acl = new AclList()
            .add(AclList.READ, "world", "anyone")
            .add(AclList.ALL, "digest", "bob:c2VjcmV0");
        assertEquals(2, acl.size());
        assertEquals(AclList.ALL, acl.perms(1));
        final StringBuilder sb = new StringBuilder();
        acl.scheme(1, sb);
        sb.append('|');
        acl.id(1, sb);
        assertEquals("digest|bob:c2VjcmV0", sb.toString());
        assertEquals("[1:world:anyone, 31:digest:bob:c2VjcmV0]", acl.toString());
    }

    @Test
    void shouldBeEqualWhenCanonicalBytesAreEqual()
    {
        final AclList a = new AclList().add(AclList.READ, "ip", "10.0.0.1");
        final AclList b = new AclList().add(AclList.READ, "ip", "10.0.0.1");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a, new AclList().copyFrom(a.buffer(), 0, a.encodedLength()));
        assertNotEquals(a, new AclList().add(AclList.WRITE, "ip", "10.0.0.1"));
        assertNotEquals(a, new AclList().add(AclList.READ, "ip", "10.0.0.2"));
        assertNotEquals(a, new AclList().copyFrom(a).add(AclList.READ, "world", "anyone"));
    }

    @Test
    void shouldAcceptWhatZooKeeperAccepts()
    {
        assertTrue(AclList.openAclUnsafe().isValid());
        assertTrue(new AclList().add(AclList.READ, "ip", "192.168.0.0/16").isValid());
        assertTrue(new AclList().add(AclList.READ, "ip", "::1").isValid());
        assertTrue(new AclList().add(AclList.ALL, "auth", "").isValid());
        assertTrue(new AclList().add(0, "digest", "u:h").isValid());
    }

    @Test
    void shouldRefuseWhatZooKeeperRefuses()
    {
        assertFalse(new AclList().isValid(), "empty");
        assertFalse(new AclList().add(AclList.READ, "world", "everyone").isValid());
        assertFalse(new AclList().add(AclList.READ, "nosuch", "x").isValid());
        assertFalse(new AclList().add(AclList.READ, "digest", "nohash").isValid());
        assertFalse(new AclList().add(AclList.READ, "ip", "host.example").isValid());
        assertFalse(new AclList().add(32, "world", "anyone").isValid());
        assertFalse(new AclList().add(-1, "world", "anyone").isValid());
    }
}
