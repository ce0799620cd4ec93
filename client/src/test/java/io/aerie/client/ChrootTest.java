package io.aerie.client;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chroot's prefixing and stripping of paths, and its validation, as ZooKeeper's client.
 */
class ChrootTest
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
    private final StringBuilder out = new StringBuilder();

    @Test
    void shouldPrefixEveryPathAndMakeTheRootTheChroot()
    {
        final Chroot chroot = Chroot.of("/app");

        assertEquals("/app/a/b", encoded(chroot, "/a/b"));
        assertEquals("/app", encoded(chroot, "/"));
    }

    @Test
    void shouldNotPrefixPathsThatAreNotAbsolute()
    {
        final Chroot chroot = Chroot.of("/app");

        assertEquals("", encoded(chroot, ""));
        assertEquals("a/b", encoded(chroot, "a/b"));
    }

    @Test
    void shouldLeavePathsAsTheyAreWithoutChroot()
    {
        assertSame(Chroot.NONE, Chroot.of(null));
        assertSame(Chroot.NONE, Chroot.of("/"));
        assertFalse(Chroot.NONE.isSet());
        assertEquals("/a", encoded(Chroot.NONE, "/a"));
        assertEquals("/app/a", decoded(Chroot.NONE, "/app/a"));
    }

    @Test
    void shouldStripTheChrootFromPathsReceived()
    {
        final Chroot chroot = Chroot.of("/app");

        assertTrue(chroot.isSet());
        assertEquals("/a/b", decoded(chroot, "/app/a/b"));
        assertEquals("/", decoded(chroot, "/app"));
        assertEquals("/application", decoded(chroot, "/application"), "not below the chroot: left as it is");
    }

    @Test
    void shouldRefuseAnInvalidChrootAsZooKeeper()
    {
        assertThrows(IllegalArgumentException.class, () -> Chroot.of("/app/"));
        assertThrows(IllegalArgumentException.class, () -> Chroot.of("app"));
        assertThrows(IllegalArgumentException.class, () -> Chroot.of("/a//b"));
        assertThrows(IllegalArgumentException.class, () -> Chroot.of("/a/../b"));
    }

    @Test
    void shouldTakeTheChrootFromTheConnectString()
    {
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.connection().ingressEndpoints("0=localhost:1,1=localhost:2/app/x");
        final AerieClient.Context ctx = clientCtx.conclude();

        assertEquals("0=localhost:1,1=localhost:2", ctx.connection().ingressEndpoints());
        assertEquals("/app/x", ctx.connection().chroot());
        assertEquals("/app/x", ctx.connection().chrootPath().path());
    }

    @Test
    void shouldRefuseAConnectStringWithAnInvalidChroot()
    {
        final AerieClient.Context clientCtx2 = new AerieClient.Context();
        clientCtx2.connection().ingressEndpoints("0=localhost:1/app/");
        assertThrows(IllegalArgumentException.class,
            () -> clientCtx2.conclude());
    }

    private String encoded(final Chroot chroot, final String path)
    {
        final int length = chroot.encode(path, buffer, 0);
        return buffer.getStringWithoutLengthUtf8(0, length);
    }

    private String decoded(final Chroot chroot, final String path)
    {
        final byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        chroot.decode(new UnsafeBuffer(bytes), 0, bytes.length, out);
        return out.toString();
    }
}
