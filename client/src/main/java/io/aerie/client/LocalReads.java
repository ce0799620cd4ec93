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
import io.aerie.codecs.ReadOpenResponseDecoder;
import io.aerie.codecs.RequestTypes;
import io.aerie.codecs.ResultCode;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.AgentInvoker;

import java.nio.ByteOrder;

/**
 * The client's side of {@link ReadMode#LOCAL}: reads that leave no watch go to one node's read channel, beside the
 * log, each behind a {@code ReadHeader} with this client's last seen zxid, so the node answers no older than what
 * the client has seen. A transport of its own (an Aeron client driven from the conductor's cycle, a subscription for
 * the answers, a publication to the chosen node), apart from the cluster connection.
 * <p>
 * Which node, and its channel, is {@link ReadNodeChannel}'s: opened with a {@code ReadOpenRequest} naming the cluster
 * session and its token. A node that does not answer a read (or the open) within the read timeout counts as down for a
 * while: its reads go to the next node, and with no node left they go through the log. A node that answers THROTTLED or REQUEST_TIMEOUT (it could not catch up) gets
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

    private final ClientConductor conductor;
    private final AerieClient.Context ctx;
    private final Aeron aeron;
    private final AgentInvoker invoker;
    private final Subscription subscription;
    private final ReadNodeChannel node;
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private final FragmentAssembler ipcAssembler = new FragmentAssembler(this::onIpcFragment);
    private final ReadIpcOfferDecoder offerDecoder = new ReadIpcOfferDecoder();
    private final ResponseDecoder decoder;
    private final Response response = new Response();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ReadOpenResponseDecoder openResponseDecoder = new ReadOpenResponseDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ReadHeaderEncoder readHeaderEncoder = new ReadHeaderEncoder();
    private final ExpandableDirectByteBuffer sendBuffer = new ExpandableDirectByteBuffer(1024);
    private final LocalReadTable reads = new LocalReadTable();
    private long clusterSessionId;
    private long token;
    private long nowNs;
    private long answered;
    private long answeredIpc;
    private boolean fromIpc;

    LocalReads(final ClientConductor conductor, final AerieClient.Context ctx, final String aeronDirectoryName, final int start)
    {
        this.conductor = conductor;
        this.ctx = ctx;
        this.decoder = new ResponseDecoder(ctx.connection().chrootPath());
        this.aeron = Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .useConductorAgentInvoker(true)
            .errorHandler(ctx.errorHandler())
            .driverTimeoutMs(ctx.connection().driverTimeoutMs()));
        this.invoker = aeron.conductorAgentInvoker();
        final String host = egressHost(ctx.connection().egressChannel());
        this.subscription = aeron.addSubscription("aeron:udp?endpoint=" + host + ":0", RESPONSE_STREAM_ID);
        this.node = new ReadNodeChannel(conductor, ctx, start, aeron, subscription, READ_STREAM_ID, reads);
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
        if (node.isOpen())
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
        return node.openedMemberId();
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
        return node.isOpenOverIpc();
    }

    /**
     * Leave the current node for the next one (tests; a client could balance load with it): reads not yet answered
     * go out again to the next node.
     */
    void moveOn()
    {
        node.close(nowNs);
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
            node.pollIpc(ipcAssembler, FRAGMENT_LIMIT);
        if (0 == clusterSessionId)
        {
            return work;
        }
        if (clusterSessionId != this.clusterSessionId || token != this.token)
        {
            // A new connection (reconnect, failover): the node must be opened again for it.
            node.close(nowNs);
            this.clusterSessionId = clusterSessionId;
            this.token = token;
        }
        if (node.isClosed())
        {
            final int opened = node.openNext(nowNs);
            work += ReadNodeChannel.NO_NODE == opened ? fallBackToLog() : opened;
        }
        else if (node.isOpening())
        {
            work += node.opening(nowNs, clusterSessionId, token);
        }
        else
        {
            work += flush() + checkTimeouts();
        }
        return work;
    }

    private int flush()
    {
        int sent = 0;
        final ExclusivePublication publication = node.publication();
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
        if (node.checkGone(nowNs))
        {
            return 1;
        }
        if (reads.anyOlderThan(nowNs, ctx.reads().readTimeoutNs()))
        {
            node.markDown(nowNs);
            return 1;
        }
        return 0;
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
            node.onOpenResponse(openResponseDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder), nowNs);
            return;
        }
        if (MessageHeaderDecoder.SCHEMA_ID == headerDecoder.schemaId() &&
            ReadIpcOfferDecoder.TEMPLATE_ID == headerDecoder.templateId())
        {
            node.onIpcOffer(offerDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder), fromIpc);
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
        CloseHelper.quietCloseAll(node, subscription, aeron);
    }
}
