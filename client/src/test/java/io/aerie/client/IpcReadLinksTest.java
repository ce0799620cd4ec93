package io.aerie.client;

import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ReadIpcOfferDecoder;
import io.aerie.codecs.ReadIpcOfferEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a client does with a node's IPC offer when no usable driver is behind it: it finds no link and reads over UDP
 * from that node until the node offers another incarnation. No media driver runs here.
 */
class IpcReadLinksTest
{
    @TempDir
    File tempDir;

    @Test
    void shouldFindNoLinkWhereNoDriverRuns()
    {
        assertNull(IpcReadLink.open(1, 7, new File(tempDir, "aeron").getAbsolutePath(), 1300, 1301, 1000));
    }

    @Test
    void shouldRefuseAnOfferWhoseDriverIsNotThere()
    {
        final IpcReadLinks links = new IpcReadLinks(3, 1301, 1000);
        links.offered(1, offer(1, 7, new File(tempDir, "gone").getAbsolutePath()));
        assertTrue(links.hasOffer(1));

        assertNull(links.linkFor(1));
        assertFalse(links.hasOffer(1), "that incarnation is read over UDP from now on");
    }

    @Test
    void shouldTryAgainWhenTheNodeOffersAnotherIncarnation()
    {
        final IpcReadLinks links = new IpcReadLinks(3, 1301, 1000);
        links.offered(2, offer(2, 7, new File(tempDir, "gone").getAbsolutePath()));
        links.refuse(2);

        links.offered(2, offer(2, 9, new File(tempDir, "restarted").getAbsolutePath()));
        assertTrue(links.hasOffer(2));
    }

    @Test
    void shouldHaveNoOfferFromANodeThatMadeNone()
    {
        assertFalse(new IpcReadLinks(3, 1301, 1000).hasOffer(0));
    }

    private static ReadIpcOfferDecoder offer(final int memberId, final long incarnation, final String directory)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        new ReadIpcOfferEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .memberId(memberId)
            .readStreamId(1300)
            .incarnation(incarnation)
            .aeronDirectory(directory);
        return new ReadIpcOfferDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
    }
}
