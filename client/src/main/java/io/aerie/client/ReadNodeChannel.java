package io.aerie.client;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ReadIpcOfferDecoder;
import io.aerie.codecs.ReadOpenRequestEncoder;
import io.aerie.codecs.ReadOpenResponseDecoder;
import org.agrona.CloseHelper;
import org.agrona.ExpandableDirectByteBuffer;

import java.util.concurrent.TimeUnit;

/**
 * The node {@link LocalReads} reads from and its channel: choosing the next node not marked down, opening it with a
 * {@code ReadOpenRequest} (sent again, at doubling intervals, until answered or past the read timeout), over its own
 * driver by IPC when it offered that on this host and over UDP otherwise, and marking a silent node down for a while.
 * Closing the channel sends every read not yet answered back to the queue, for the next node opened.
 * Conductor thread only; allocates only when a node is opened.
 */
final class ReadNodeChannel implements AutoCloseable
{
    /** {@link #openNext} found no node up: the caller sends its reads through the log. */
    static final int NO_NODE = -1;
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final long OPEN_RESEND_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int CLOSED = 0;
    private static final int OPENING = 1;
    private static final int OPEN = 2;

    private final ClientConductor conductor;
    private final ClientReads.Context readsCtx;
    private final ReadEndpoints endpoints;
    private final long[] downUntilNs;
    private final Aeron aeron;
    private final Subscription responses;
    private final int responseStreamId;
    private final int readStreamId;
    private final IpcReadLinks ipcLinks;
    private final LocalReadTable reads;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ReadOpenRequestEncoder openEncoder = new ReadOpenRequestEncoder();
    private final ExpandableDirectByteBuffer openBuffer = new ExpandableDirectByteBuffer(256);
    private String declaredChannel;
    private String ipcResponseChannel;
    private ExclusivePublication publication;
    private long registrationId;
    private int current = -1;
    private int state = CLOSED;
    private boolean openSent;
    private long openSentNs;
    private long openResendIntervalNs;
    private long openCorrelationId;
    private long deadlineNs;
    private int openedMemberId = -1;
    /** The node being opened or read from is read through its own driver over IPC (the link owns the publication). */
    private boolean viaIpc;
    /** Open the current node again (over UDP after IPC failed, or over IPC once it offered) rather than the next. */
    private boolean reopenCurrent;

    ReadNodeChannel(
        final ClientConductor conductor,
        final AerieClient.Context ctx,
        final int start,
        final Aeron aeron,
        final Subscription responses,
        final int readStreamId,
        final LocalReadTable reads)
    {
        this.conductor = conductor;
        this.readsCtx = ctx.reads();
        this.endpoints = ReadEndpoints.ordered(readsCtx.readEndpoints(), readsCtx.readMember(), start);
        this.downUntilNs = new long[endpoints.size()];
        this.aeron = aeron;
        this.responses = responses;
        this.responseStreamId = responses.streamId();
        this.readStreamId = readStreamId;
        this.ipcLinks = new IpcReadLinks(endpoints.size(), responseStreamId, ctx.connection().driverTimeoutMs());
        this.reads = reads;
    }

    boolean isClosed()
    {
        return CLOSED == state;
    }

    boolean isOpening()
    {
        return OPENING == state;
    }

    boolean isOpen()
    {
        return OPEN == state;
    }

    /**
     * @return true while the open node is read over IPC.
     */
    boolean isOpenOverIpc()
    {
        return OPEN == state && viaIpc;
    }

    /**
     * @return the member whose read channel is open, or -1.
     */
    int openedMemberId()
    {
        return OPEN == state ? openedMemberId : -1;
    }

    /**
     * @return the publication to the open node; only while {@link #isOpen()}.
     */
    ExclusivePublication publication()
    {
        return publication;
    }

    /**
     * Poll the IPC link's answers, if one is open.
     */
    int pollIpc(final FragmentHandler handler, final int fragmentLimit)
    {
        return ipcLinks.poll(handler, fragmentLimit);
    }

    /**
     * Start opening the next node up (or the current one again, when asked).
     *
     * @return work done, or {@link #NO_NODE} when every node is marked down.
     */
    int openNext(final long nowNs)
    {
        if (null == declaredChannel)
        {
            final String resolved = responses.tryResolveChannelEndpointPort();
            if (null == resolved)
            {
                return 0;
            }
            declaredChannel = resolved + "|term-length=16m|sparse=true";
        }
        final int next = reopenCurrent && current >= 0 ? current : nextUpNode(nowNs);
        reopenCurrent = false;
        if (next < 0)
        {
            return NO_NODE;
        }
        current = next;
        final IpcReadLink link = readsCtx.readIpc() ? ipcLinks.linkFor(next) : null;
        viaIpc = null != link;
        if (viaIpc)
        {
            publication = link.publication();
            ipcResponseChannel = link.responseChannel();
        }
        else
        {
            registrationId = aeron.asyncAddExclusivePublication(
                "aeron:udp?endpoint=" + endpoints.endpoint(next) + "|term-length=1m|sparse=true", readStreamId);
        }
        state = OPENING;
        openSent = false;
        openResendIntervalNs = OPEN_RESEND_INTERVAL_NS;
        deadlineNs = nowNs + readsCtx.readTimeoutNs();
        return 1;
    }

    /**
     * Drive an open under way: the publication, the open request and its resends, the deadline.
     *
     * @return work done.
     */
    int opening(final long nowNs, final long clusterSessionId, final long token)
    {
        if (nowNs - deadlineNs >= 0)
        {
            if (viaIpc)
            {
                // The node did not answer over IPC: it may still over UDP, which decides whether it is down.
                ipcLinks.refuse(current);
                close(nowNs);
                reopenCurrent = true;
            }
            else
            {
                markDown(nowNs);
            }
            return 1;
        }
        if (null == publication)
        {
            try
            {
                publication = aeron.getExclusivePublication(registrationId);
            }
            catch (final RuntimeException ex)
            {
                markDown(nowNs);
                return 1;
            }
        }
        // A node refuses, unanswered, an open naming a session it has not applied yet: a follower learns of a new
        // session a moment after the leader. So an unanswered open is sent again, the node replacing the earlier one,
        // at doubling intervals so that a slow answer (its channel still connecting) is not cut off for ever.
        if (openSent && nowNs - openSentNs >= openResendIntervalNs)
        {
            openSent = false;
            openResendIntervalNs *= 2;
        }
        if (null != publication && !openSent && publication.isConnected())
        {
            openCorrelationId = conductor.nextCorrelationId();
            openEncoder.wrapAndApplyHeader(openBuffer, 0, headerEncoder)
                .correlationId(openCorrelationId)
                .clusterSessionId(clusterSessionId)
                .token(token)
                .responseStreamId(responseStreamId)
                .responseChannel(viaIpc ? ipcResponseChannel : declaredChannel);
            openSent = publication.offer(openBuffer, 0, HEADER + openEncoder.encodedLength()) > 0;
            openSentNs = nowNs;
            return 1;
        }
        return 0;
    }

    /**
     * The open node's channel went away (its publication disconnected, its IPC link unusable): it counts as down.
     *
     * @return true if it did, and the channel is closed now.
     */
    boolean checkGone(final long nowNs)
    {
        if (viaIpc && !ipcLinks.isUsable())
        {
            ipcLinks.refuse(current);
            markDown(nowNs);
            return true;
        }
        if (!publication.isConnected())
        {
            markDown(nowNs);
            return true;
        }
        return false;
    }

    /**
     * A node answered an open (decoder wrapped on the message). Over UDP from a node that offered IPC on this host,
     * the client opens it again over IPC (reads queued meanwhile go there); a node that fails over IPC is read over UDP.
     */
    void onOpenResponse(final ReadOpenResponseDecoder openResponse, final long nowNs)
    {
        if (OPENING != state || null == publication || openResponse.correlationId() != openCorrelationId)
        {
            return;
        }
        if (!viaIpc && readsCtx.readIpc() && ipcLinks.hasOffer(current))
        {
            close(nowNs);
            reopenCurrent = true;
            return;
        }
        state = OPEN;
        openedMemberId = openResponse.memberId();
    }

    /**
     * A node offered its IPC read endpoint (decoder wrapped on the message); kept if it is the node being opened over
     * UDP.
     *
     * @param fromIpc whether the offer came over IPC (one that did is ignored: the link is open already).
     */
    void onIpcOffer(final ReadIpcOfferDecoder offer, final boolean fromIpc)
    {
        if (OPENING == state && !viaIpc && !fromIpc && offer.memberId() == endpoints.memberId(current))
        {
            ipcLinks.offered(current, offer);
        }
    }

    /**
     * The current node counts as down for twice the read timeout; the channel closes.
     */
    void markDown(final long nowNs)
    {
        if (current >= 0)
        {
            downUntilNs[current] = nowNs + 2 * readsCtx.readTimeoutNs();
        }
        if (viaIpc)
        {
            ipcLinks.closeLink(); // The node may be gone, and its driver with it.
        }
        close(nowNs);
    }

    /**
     * Close the node's channel; every read not yet answered goes out again, in order, to the next node opened.
     */
    void close(final long nowNs)
    {
        if (viaIpc)
        {
            viaIpc = false; // The IPC publication is the link's, kept for the next open of this node.
        }
        else if (null != publication)
        {
            CloseHelper.quietClose(publication);
        }
        else if (OPENING == state)
        {
            aeron.asyncRemovePublication(registrationId);
        }
        publication = null;
        state = CLOSED;
        // A late answer to this open must not open the next one before it is sent.
        openCorrelationId = Long.MIN_VALUE;
        reads.requeueAll(nowNs);
    }

    private int nextUpNode(final long nowNs)
    {
        for (int i = 1; i <= endpoints.size(); i++)
        {
            final int candidate = (current + i + endpoints.size()) % endpoints.size();
            if (nowNs - downUntilNs[candidate] >= 0)
            {
                return candidate;
            }
        }
        return -1;
    }

    /**
     * Release the publication (unless the IPC link owns it) and the IPC link.
     */
    @Override
    public void close()
    {
        if (viaIpc)
        {
            publication = null;
        }
        CloseHelper.quietCloseAll(publication, ipcLinks);
    }
}
