package io.aerie.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which encoded requests {@link LocalReads#isLocalRead} lets a node answer from its own state: reads that leave no
 * watch, as {@code RequestTypes} says.
 */
final class LocalReadsRoutingTest
{
    private final RequestEncoder encoder = new RequestEncoder();

    @Test
    void shouldRouteReadsWithoutWatchLocally()
    {
        assertLocal(encoder.exists(1, "/a", false));
        assertLocal(encoder.getData(2, "/a", false));
        assertLocal(encoder.getChildren(3, "/a", false, true));
        assertLocal(encoder.getAllChildrenNumber(4, "/a"));
        assertLocal(encoder.getEphemerals(5, "/a"));
        assertLocal(encoder.getAcl(6, "/a"));
    }

    @Test
    void shouldSendReadsLeavingWatchThroughTheLog()
    {
        assertLogged(encoder.exists(1, "/a", true));
        assertLogged(encoder.getData(2, "/a", true));
        assertLogged(encoder.getChildren(3, "/a", true, false));
    }

    @Test
    void shouldSendWritesAndSyncThroughTheLog()
    {
        assertLogged(encoder.delete(1, "/a", -1));
        assertLogged(encoder.sync(2, "/a"));
        assertLogged(encoder.keepAlive(3));
    }

    @Test
    void shouldSendTruncatedReadThroughTheLog()
    {
        final int length = encoder.getData(1, "/a", false);
        assertFalse(LocalReads.isLocalRead(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH + 8 + 4));
        assertTrue(LocalReads.isLocalRead(encoder.buffer(), length));
    }

    private void assertLocal(final int length)
    {
        assertTrue(LocalReads.isLocalRead(encoder.buffer(), length));
    }

    private void assertLogged(final int length)
    {
        assertFalse(LocalReads.isLocalRead(encoder.buffer(), length));
    }
}
