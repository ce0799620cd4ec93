package io.aerie.engine.acl;

import io.aerie.codecs.model.AclList;
import org.junit.jupiter.api.Test;

import static io.aerie.codecs.model.AclList.ADMIN;
import static io.aerie.codecs.model.AclList.ALL;
import static io.aerie.codecs.model.AclList.READ;
import static io.aerie.codecs.model.AclList.WRITE;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AclCheckTest
{
    private final AclCheck check = new AclCheck();
    private final Identities identities = new Identities();

    @Test
    void shouldPermitEveryoneOnWorldAnyone()
    {
        assertTrue(check.permits(new AclList().add(READ, "world", "anyone"), READ, identities));
    }

    @Test
    void shouldRefuseAPermissionTheEntryDoesNotGrant()
    {
        assertFalse(check.permits(new AclList().add(READ, "world", "anyone"), WRITE, identities));
    }

    @Test
    void shouldPermitEverythingOnAnEmptyListAsZooKeeper()
    {
        assertTrue(check.permits(new AclList(), ADMIN, identities));
    }

    @Test
    void shouldPermitAMatchingDigestOnly()
    {
        final AclList acl = new AclList().add(ALL, "digest", "bob:hash");
        assertFalse(check.permits(acl, WRITE, identities));

        identities.add("digest", "bob:other");
        assertFalse(check.permits(acl, WRITE, identities));

        identities.add("digest", "bob:hash");
        assertTrue(check.permits(acl, WRITE, identities));
    }

    @Test
    void shouldNotMatchAnIdOfAnotherScheme()
    {
        identities.add("x509", "bob:hash");
        assertFalse(check.permits(new AclList().add(ALL, "digest", "bob:hash"), READ, identities));
    }

    @Test
    void shouldPermitTheSuperIdentityEverything()
    {
        identities.add("super", "");
        assertTrue(check.permits(new AclList().add(READ, "digest", "bob:hash"), ADMIN, identities));
    }

    @Test
    void shouldMatchAnExactIpv4Address()
    {
        identities.add("ip", "10.1.2.3");
        assertTrue(check.permits(new AclList().add(READ, "ip", "10.1.2.3"), READ, identities));
        assertFalse(check.permits(new AclList().add(READ, "ip", "10.1.2.4"), READ, identities));
    }

    @Test
    void shouldMatchIpv4CidrBlocks()
    {
        identities.add("ip", "10.1.2.3");
        assertTrue(check.permits(new AclList().add(READ, "ip", "10.0.0.0/8"), READ, identities));
        assertTrue(check.permits(new AclList().add(READ, "ip", "10.1.2.0/23"), READ, identities));
        assertTrue(check.permits(new AclList().add(READ, "ip", "0.0.0.0/0"), READ, identities));
        assertFalse(check.permits(new AclList().add(READ, "ip", "10.1.4.0/23"), READ, identities));
        assertFalse(check.permits(new AclList().add(READ, "ip", "11.0.0.0/8"), READ, identities));
    }

    @Test
    void shouldMatchIpv6AddressesAndCidrBlocks()
    {
        identities.add("ip", "2001:db8:0:0:0:0:0:1");
        assertTrue(check.permits(new AclList().add(READ, "ip", "2001:db8::1"), READ, identities));
        assertTrue(check.permits(new AclList().add(READ, "ip", "2001:db8::/32"), READ, identities));
        assertFalse(check.permits(new AclList().add(READ, "ip", "2001:db9::/32"), READ, identities));
        assertFalse(check.permits(new AclList().add(READ, "ip", "::1"), READ, identities));
    }

    @Test
    void shouldNotMatchIpv4AgainstIpv6()
    {
        identities.add("ip", "::1");
        assertFalse(check.permits(new AclList().add(READ, "ip", "0.0.0.0/0"), READ, identities));
    }

    @Test
    void shouldRefuseMalformedIpEntries()
    {
        identities.add("ip", "10.1.2.3");
        assertFalse(check.permits(new AclList().add(READ, "ip", "10.1.2.3/33"), READ, identities));
        assertFalse(check.permits(new AclList().add(READ, "ip", "10.1.2"), READ, identities));
        assertFalse(check.permits(new AclList().add(READ, "ip", "10.1.2.256"), READ, identities));
        assertFalse(check.permits(new AclList().add(READ, "ip", "1::2::3"), READ, identities));
    }

    @Test
    void shouldPermitWhenAnyOfSeveralPermissionsIsGranted()
    {
        identities.add("digest", "bob:hash");
        assertTrue(check.permits(new AclList().add(ADMIN, "digest", "bob:hash"), READ | ADMIN, identities));
    }
}
