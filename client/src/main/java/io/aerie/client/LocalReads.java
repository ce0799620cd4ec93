package io.aerie.client;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.aerie.codecs.BooleanType;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ReadHeaderEncoder;
import io.aerie.codecs.ReadIpcOfferDecoder;
import io.aerie.codecs.ReadOpenRequestEncoder;
import io.aerie.codecs.ReadOpenResponseDecoder;
import io.aerie.codecs.RequestTypes;
import io.aerie.codecs.ResultCode;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.AgentInvoker;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * The client's side of {@link ReadMode#LOCAL}: reads that leave no watch go to one node's read channel, beside the
 * log, each behind a {@code ReadHeader} with this client's last seen zxid, so the node answers no older than what
 * the client has seen. A transport of its own (an Aeron client driven from the conductor's cycle, a subscription for
 * the answers, a publication to the chosen node), apart from the cluster connection.
 * <p>
 * The node is opened with a {@code ReadOpenRequest} naming the cluster session and its token. A node that does not answer
 * a read (or the open) within the read timeout counts as down for a while: its reads go to the next node, and with no
 * node left they go through the log. A node that answers THROTTLED or REQUEST_TIMEOUT (it could not catch up) gets
 * the read sent through the log instead. Conductor thread only; nothing allocated per read in steady state.
 */
final class LocalReads implements AutoCloseable
{
    /** The node's read channel stream (its {@code aerie.read.stream.id} default). */
    static final int READ_STREAM_ID = 1300;
    /** Stream of the answers to this client. */
    static final int RESPONSE_STREAM_ID = 1301;
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int READ_HEADER_LENGTH = HEADER + ReadHeaderEncoder.BLOCK_LENGTH;
    private static final int SESSION_HEADER_LENGTH = RequestEncoder.SESSION_HEADER_LENGTH;
    private static final int FRAGMENT_LIMIT = 16;
    private static final long OPEN_RESEND_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int CLOSED = 0;
    private static final int OPENING = 1;
    private static final int OPEN = 2;

    private final ClientConductor conductor;
    private final AerieClient.Context ctx;
    private final ReadEndpoints endpoints;
    private final long[] downUntilNs;
    private final Aeron aeron;
    private final AgentInvoker invoker;
    private final Subscription subscription;
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private final FragmentAssembler ipcAssembler = new FragmentAssembler(this::onIpcFragment);
    private final IpcReadLinks ipcLinks;
    private final ReadIpcOfferDecoder offerDecoder = new ReadIpcOfferDecoder();
    private final ResponseDecoder decoder;
    private final Response response = new Response();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ReadOpenResponseDecoder openResponseDecoder = new ReadOpenResponseDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ReadOpenRequestEncoder openEncoder = new ReadOpenRequestEncoder();
    private final ReadHeaderEncoder readHeaderEncoder = new ReadHeaderEncoder();
    private final ExpandableDirectByteBuffer sendBuffer = new ExpandableDirectByteBuffer(1024);
    private final LocalReadTable reads = new LocalReadTable();
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
    private long clusterSessionId;
    private long token;
    private long nowNs;
    private int openedMemberId = -1;
    private long answered;
    private long answeredIpc;
    /** The node being opened or read from is read through its own driver over IPC (the link owns the publication). */
    private boolean viaIpc;
    private boolean fromIpc;
    /** Open the current node again (over UDP after IPC failed, or over IPC once it offered) rather than the next. */
    private boolean reopenCurrent;

    LocalReads(final ClientConductor conductor, final AerieClient.Context ctx, final String aeronDirectoryName, final int start)
    {
        this.conductor = conductor;
        this.ctx = ctx;
        this.endpoints = ReadEndpoints.ordered(ctx.reads().readEndpoints(), ctx.reads().readMember(), start);
        this.downUntilNs = new long[endpoints.size()];
        this.ipcLinks = new IpcReadLinks(endpoints.size(), RESPONSE_STREAM_ID, ctx.connection().driverTimeoutMs());
        this.decoder = new ResponseDecoder(ctx.connection().chrootPath());
        this.aeron = Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .useConductorAgentInvoker(true)
            .errorHandler(ctx.errorHandler())
            .driverTimeoutMs(ctx.connection().driverTimeoutMs()));
        this.invoker = aeron.conductorAgentInvoker();
        final String host = egressHost(ctx.connection().egressChannel());
        this.subscription = aeron.addSubscription("aeron:udp?endpoint=" + host + ":0", RESPONSE_STREAM_ID);
    }

    /**
     * @param request a request as {@link RequestEncoder} encodes it (behind a session header), from offset 0.
     * @return true if it is a read a node may answer from its own state: one that leaves no watch.
     */
    static boolean isLocalRead(final DirectBuffer request, final int length)
    {
        if (length < SESSION_HEADER_LENGTH + HEADER)
        {
            return false;
        }
        final int templateId = request.getShort(SESSION_HEADER_LENGTH + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (!RequestTypes.is(templateId, RequestTypes.LOCAL_READ) ||
            length < SESSION_HEADER_LENGTH + HEADER + RequestTypes.minBlockLength(templateId))
        {
            return false;
        }
        final int watchOffset = RequestTypes.watchFlagOffset(templateId);
        return watchOffset < 0 ||
            BooleanType.TRUE.value() != request.getByte(SESSION_HEADER_LENGTH + HEADER + watchOffset);
    }

    /**
     * Send a read to the current node, or queue it until a node is open; never blocks.
     */
    void send(final long id, final DirectBuffer buffer, final int length, final ResponseHandler handler)
    {
        reads.add(id, buffer, length, handler, System.nanoTime());
        if (OPEN == state)
        {
            flush();
        }
    }

    /**
     * Forget a read whose answer is no longer awaited.
     */
    void abandon(final long id)
    {
        final LocalReadTable.Read read = reads.take(id);
        if (null != read)
        {
            reads.release(read);
        }
    }

    /**
     * Answer every read with {@code code}: the session is gone.
     */
    void failAll(final ResultCode code, final long lastZxid)
    {
        final int count = reads.takeAll();
        for (int i = 0; i < count; i++)
        {
            final LocalReadTable.Read read = reads.taken(i);
            final ResponseHandler handler = read.handler;
            final long id = read.id;
            reads.release(read);
            if (null != handler)
            {
                response.reset(0, id, code, lastZxid);
                handler.onResponse(response);
            }
        }
    }

    /**
     * @return the member whose read channel is open, or -1.
     */
    int openedMemberId()
    {
        return OPEN == state ? openedMemberId : -1;
    }

    /**
     * @return reads a node answered (not those sent on through the log); for tests.
     */
    long answered()
    {
        return answered;
    }

    /**
     * @return reads a node answered over IPC, through its own media driver; for tests.
     */
    long answeredOverIpc()
    {
        return answeredIpc;
    }

    /**
     * @return true while the open node is read over IPC; for tests.
     */
    boolean isReadingOverIpc()
    {
        return OPEN == state && viaIpc;
    }

    /**
     * Leave the current node for the next one (tests; a client could balance load with it): reads not yet answered
     * go out again to the next node.
     */
    void moveOn()
    {
        closeNode();
    }

    /**
     * One duty cycle: answers, opening a node, sending queued reads, finding a node that went silent.
     *
     * @param clusterSessionId the connection's cluster session id, 0 while the session is not connected.
     * @param token            that connection's token.
     */
    int poll(final long nowNs, final long clusterSessionId, final long token)
    {
        this.nowNs = nowNs;
        int work = invoker.invoke() + subscription.poll(assembler, FRAGMENT_LIMIT) +
            ipcLinks.poll(ipcAssembler, FRAGMENT_LIMIT);
        if (0 == clusterSessionId)
        {
            return work;
        }
        if (clusterSessionId != this.clusterSessionId || token != this.token)
        {
            // A new connection (reconnect, failover): the node must be opened again for it.
            closeNode();
            this.clusterSessionId = clusterSessionId;
            this.token = token;
        }
        switch (state)
        {
            case CLOSED: work += openNext(); break;
            case OPENING: work += opening(); break;
            default: work += flush() + checkTimeouts();
        }
        return work;
    }

    private int openNext()
    {
        if (null == declaredChannel)
        {
            final String resolved = subscription.tryResolveChannelEndpointPort();
            if (null == resolved)
            {
                return 0;
            }
            declaredChannel = resolved + "|term-length=16m|sparse=true";
        }
        final int next = reopenCurrent && current >= 0 ? current : nextUpNode();
        reopenCurrent = false;
        if (next < 0)
        {
            return fallBackToLog();
        }
        current = next;
        final IpcReadLink link = ctx.reads().readIpc() ? ipcLinks.linkFor(next) : null;
        viaIpc = null != link;
        if (viaIpc)
        {
            publication = link.publication();
            ipcResponseChannel = link.responseChannel();
        }
        else
        {
            registrationId = aeron.asyncAddExclusivePublication(
                "aeron:udp?endpoint=" + endpoints.endpoint(next) + "|term-length=1m|sparse=true", READ_STREAM_ID);
        }
        state = OPENING;
        openSent = false;
        openResendIntervalNs = OPEN_RESEND_INTERVAL_NS;
        deadlineNs = nowNs + ctx.reads().readTimeoutNs();
        return 1;
    }

    private int opening()
    {
        if (nowNs - deadlineNs >= 0)
        {
            if (viaIpc)
            {
                // The node did not answer over IPC: it may still over UDP, which decides whether it is down.
                ipcLinks.refuse(current);
                closeNode();
                reopenCurrent = true;
            }
            else
            {
                markDown();
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
                markDown();
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
            openEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
                .correlationId(openCorrelationId)
                .clusterSessionId(clusterSessionId)
                .token(token)
                .responseStreamId(RESPONSE_STREAM_ID)
                .responseChannel(viaIpc ? ipcResponseChannel : declaredChannel);
            openSent = publication.offer(sendBuffer, 0, HEADER + openEncoder.encodedLength()) > 0;
            openSentNs = nowNs;
            return 1;
        }
        return 0;
    }

    private int flush()
    {
        int sent = 0;
        LocalReadTable.Read read;
        while (null != (read = reads.nextToSend()))
        {
            readHeaderEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
                .clusterSessionId(clusterSessionId)
                .token(token)
                .lastZxidSeen(conductor.lastZxid());
            final int requestLength = read.length - SESSION_HEADER_LENGTH;
            sendBuffer.putBytes(READ_HEADER_LENGTH, read.request, SESSION_HEADER_LENGTH, requestLength);
            if (publication.offer(sendBuffer, 0, READ_HEADER_LENGTH + requestLength) <= 0)
            {
                break;
            }
            reads.sent(read, nowNs);
            sent++;
        }
        return sent;
    }

    /**
     * A read unanswered (or unsent: the node's channel is gone) past the read timeout: its node counts as down and
     * every read goes to the next one.
     */
    private int checkTimeouts()
    {
        if (viaIpc && !ipcLinks.isUsable())
        {
            ipcLinks.refuse(current);
            markDown();
            return 1;
        }
        if (!publication.isConnected())
        {
            markDown();
            return 1;
        }
        if (reads.anyOlderThan(nowNs, ctx.reads().readTimeoutNs()))
        {
            markDown();
            return 1;
        }
        return 0;
    }

    private void markDown()
    {
        if (current >= 0)
        {
            downUntilNs[current] = nowNs + 2 * ctx.reads().readTimeoutNs();
        }
        if (viaIpc)
        {
            ipcLinks.closeLink(); // The node may be gone, and its driver with it.
        }
        closeNode();
    }

    /**
     * Close the node's channel; every read not yet answered goes out again, in order, to the next node opened.
     */
    private void closeNode()
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

    private int nextUpNode()
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
     * No node answers: every read goes through the log, which gives a linearizable answer (stronger than asked).
     */
    private int fallBackToLog()
    {
        final int count = reads.takeAll();
        for (int i = 0; i < count; i++)
        {
            final LocalReadTable.Read read = reads.taken(i);
            conductor.sendLogged(read.id, read.request, read.length, read.handler);
            reads.release(read);
        }
        return count;
    }

    private void onIpcFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        fromIpc = true;
        try
        {
            onFragment(buffer, offset, length, header);
        }
        finally
        {
            fromIpc = false;
        }
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        headerDecoder.wrap(buffer, offset);
        if (MessageHeaderDecoder.SCHEMA_ID == headerDecoder.schemaId() &&
            ReadOpenResponseDecoder.TEMPLATE_ID == headerDecoder.templateId())
        {
            openResponseDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
            if (OPENING == state && null != publication && openResponseDecoder.correlationId() == openCorrelationId)
            {
                onOpened(openResponseDecoder.memberId());
            }
            return;
        }
        if (MessageHeaderDecoder.SCHEMA_ID == headerDecoder.schemaId() &&
            ReadIpcOfferDecoder.TEMPLATE_ID == headerDecoder.templateId())
        {
            offerDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
            if (OPENING == state && !viaIpc && !fromIpc && offerDecoder.memberId() == endpoints.memberId(current))
            {
                ipcLinks.offered(current, offerDecoder);
            }
            return;
        }
        if (!decoder.decode(buffer, offset, response))
        {
            return;
        }
        final LocalReadTable.Read read = reads.take(response.correlationId());
        if (null == read)
        {
            return; // Answered already (by another node after a timeout), or abandoned.
        }
        final ResponseHandler handler = read.handler;
        if (ResultCode.THROTTLED == response.code() || ResultCode.REQUEST_TIMEOUT == response.code())
        {
            // The node could not catch up with this client in time: the log answers instead.
            conductor.sendLogged(read.id, read.request, read.length, handler);
            reads.release(read);
            return;
        }
        reads.release(read);
        answered++;
        if (fromIpc)
        {
            answeredIpc++;
        }
        conductor.onLocalAnswer(response, handler);
    }

    /**
     * The node answered the open. Over UDP from a node that offered IPC on this host, the client opens it again over
     * IPC (reads queued meanwhile go there); a node that fails over IPC is read over UDP.
     */
    private void onOpened(final int memberId)
    {
        if (!viaIpc && ctx.reads().readIpc() && ipcLinks.hasOffer(current))
        {
            closeNode();
            reopenCurrent = true;
            return;
        }
        state = OPEN;
        openedMemberId = memberId;
    }

    private static String egressHost(final String egressChannel)
    {
        final String endpoint = ChannelUri.parse(egressChannel).get(CommonContext.ENDPOINT_PARAM_NAME);
        if (null == endpoint)
        {
            return "127.0.0.1";
        }
        final int end = endpoint.startsWith("[") ? endpoint.indexOf(']') + 1 : endpoint.lastIndexOf(':');
        return end <= 0 ? endpoint : endpoint.substring(0, end);
    }

    @Override
    public void close()
    {
        if (viaIpc)
        {
            publication = null;
        }
        CloseHelper.quietCloseAll(publication, subscription, aeron, ipcLinks);
    }
}
