package io.aerie.client;

import io.aerie.codecs.ReadIpcOfferDecoder;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.CloseHelper;

/**
 * What {@link LocalReads} knows of the nodes' IPC read endpoints: each node's last {@code ReadIpcOffer} (by the index
 * of its read endpoint), the offers found unusable, and the one {@link IpcReadLink} open, to the node read from.
 * Conductor thread only; it allocates only when a node offers or a link opens.
 */
final class IpcReadLinks implements AutoCloseable
{
    private final String[] directories;
    private final int[] memberIds;
    private final int[] streamIds;
    private final long[] incarnations;
    private final long[] refusedIncarnations;
    private final int responseStreamId;
    private final long driverTimeoutMs;
    private IpcReadLink link;
    private int linkIndex = -1;

    IpcReadLinks(final int endpoints, final int responseStreamId, final long driverTimeoutMs)
    {
        this.directories = new String[endpoints];
        this.memberIds = new int[endpoints];
        this.streamIds = new int[endpoints];
        this.incarnations = new long[endpoints];
        this.refusedIncarnations = new long[endpoints];
        this.responseStreamId = responseStreamId;
        this.driverTimeoutMs = driverTimeoutMs;
    }

    /**
     * The node at {@code index} offered its IPC endpoint (decoder wrapped on the message).
     */
    void offered(final int index, final ReadIpcOfferDecoder offer)
    {
        memberIds[index] = offer.memberId();
        streamIds[index] = offer.readStreamId();
        incarnations[index] = offer.incarnation();
        directories[index] = offer.aeronDirectory();
    }

    /**
     * @return true if the node at {@code index} offered an endpoint not found unusable.
     */
    boolean hasOffer(final int index)
    {
        return null != directories[index] && incarnations[index] != refusedIncarnations[index];
    }

    /**
     * @return a usable link to the node at {@code index}, opened now if need be (this blocks while the Aeron client
     * connects to the node's driver, a handshake's cost), or null: then read over UDP. A link that cannot open has its
     * offer refused.
     */
    IpcReadLink linkFor(final int index)
    {
        if (null != link && (linkIndex != index || !link.isUsable()))
        {
            closeLink();
        }
        if (null == link && hasOffer(index))
        {
            link = IpcReadLink.open(
                memberIds[index], incarnations[index], directories[index], streamIds[index], responseStreamId,
                driverTimeoutMs);
            linkIndex = index;
            if (null == link)
            {
                refusedIncarnations[index] = incarnations[index];
            }
        }
        return link;
    }

    /**
     * The node at {@code index}'s offer did not work (its open over IPC went unanswered, its driver went): read from
     * it over UDP until it offers another incarnation.
     */
    void refuse(final int index)
    {
        refusedIncarnations[index] = incarnations[index];
        if (linkIndex == index)
        {
            closeLink();
        }
    }

    /**
     * @return true while the open link still works.
     */
    boolean isUsable()
    {
        return null != link && link.isUsable();
    }

    /**
     * Drive the open link and read its answers.
     */
    int poll(final FragmentHandler handler, final int fragmentLimit)
    {
        return null == link ? 0 : link.poll(handler, fragmentLimit);
    }

    void closeLink()
    {
        CloseHelper.quietClose(link);
        link = null;
        linkIndex = -1;
    }

    @Override
    public void close()
    {
        closeLink();
    }
}
