package io.aerie.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client context is a template, as Aeron's contexts are: its copy holds every setting and is configured apart.
 */
class AerieClientContextCloneTest
{
    @Test
    void shouldCopyEverySettingIntoACopyConfiguredApart()
    {
        final AerieClient.Context template = new AerieClient.Context();
        template.connection().ingressEndpoints("0=localhost:20000").egressChannel("aeron:udp?endpoint=127.0.0.1:0");
        template.requests().requestTimeoutNs(123_000_000);
        template.session().sessionTimeoutMs(4000).authInfo("digest", "bob:x".getBytes(StandardCharsets.UTF_8));

        final AerieClient.Context copy = template.clone();
        copy.session().sessionTimeoutMs(9000).authInfo("digest", "alice:y".getBytes(StandardCharsets.UTF_8));
        copy.agents().useConductorInvoker(true);

        assertNotSame(template.connection(), copy.connection());
        assertEquals("0=localhost:20000", copy.connection().ingressEndpoints());
        assertEquals(123_000_000, copy.requests().requestTimeoutNs());
        assertEquals(4000, template.session().sessionTimeoutMs());
        assertEquals(9000, copy.session().sessionTimeoutMs());
        assertEquals(1, template.session().authInfoCount());
        assertEquals(2, copy.session().authInfoCount());
        assertFalse(template.agents().useConductorInvoker());
        assertTrue(copy.agents().useConductorInvoker());
    }

    @Test
    void shouldCopyAConcludedContextUnconcluded()
    {
        final AerieClient.Context template = new AerieClient.Context();
        template.connection().ingressEndpoints("0=localhost:20000/app");
        template.conclude();

        final AerieClient.Context copy = template.clone();
        copy.connection().chroot("/other");
        copy.conclude();

        assertEquals("/other", copy.connection().chrootPath().path());
        assertEquals("/app", template.connection().chrootPath().path());
    }
}
