package io.aerie.tools.shell;

import io.aerie.codecs.model.AclList;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AclTextTest
{
    @Test
    void shouldParseWorldAnyone()
    {
        assertEquals(AclList.openAclUnsafe(), AclText.parse("world:anyone:cdrwa"));
    }

    @Test
    void shouldTakeDigestIdFromFirstToLastColon()
    {
        final AclList expected = new AclList()
            .add(AclList.READ | AclList.WRITE, "digest", "user:hash=")
            .add(AclList.ADMIN, "ip", "10.0.0.0/8");

        assertEquals(expected, AclText.parse("digest:user:hash=:rw,ip:10.0.0.0/8:a"));
    }

    @Test
    void shouldRejectEntryWithoutPerms()
    {
        assertThrows(IllegalArgumentException.class, () -> AclText.parse("world:anyone"));
    }

    @Test
    void shouldRejectUnknownPermission()
    {
        assertThrows(IllegalArgumentException.class, () -> AclText.parse("world:anyone:rx"));
    }

    @Test
    void shouldFormatAsZkCliGetAcl()
    {
        final AclList acl = new AclList().add(AclList.ALL, "world", "anyone").add(AclList.READ, "ip", "1.2.3.4");

        assertEquals("'world,'anyone\n: cdrwa\n'ip,'1.2.3.4\n: r\n", AclText.format(acl));
    }
}
