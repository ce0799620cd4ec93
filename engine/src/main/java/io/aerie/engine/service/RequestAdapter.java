package io.aerie.engine.service;

import io.aerie.codecs.AddAuthRequestDecoder;
import io.aerie.codecs.AddWatchRequestDecoder;
import io.aerie.codecs.CloseSessionRequestDecoder;
import io.aerie.codecs.ConnectRequestDecoder;
import io.aerie.codecs.CreateRequestDecoder;
import io.aerie.codecs.DeleteRequestDecoder;
import io.aerie.codecs.DigestRequestDecoder;
import io.aerie.codecs.ExistsRequestDecoder;
import io.aerie.codecs.GetACLRequestDecoder;
import io.aerie.codecs.GetAllChildrenNumberRequestDecoder;
import io.aerie.codecs.GetChildrenRequestDecoder;
import io.aerie.codecs.GetDataRequestDecoder;
import io.aerie.codecs.GetEphemeralsRequestDecoder;
import io.aerie.codecs.KeepAliveRequestDecoder;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.MultiRequestDecoder;
import io.aerie.codecs.RemoveWatchesRequestDecoder;
import io.aerie.codecs.RequestTypes;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SetACLRequestDecoder;
import io.aerie.codecs.SetDataRequestDecoder;
import io.aerie.codecs.SyncRequestDecoder;
import io.aerie.codecs.WhoAmIRequestDecoder;
import io.aerie.engine.session.Session;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Decodes each client message of the log and calls its handler with what it needs as arguments: the connection
 * it came on, its session and the log time. In order: a message not from the connection its session header names
 * is dropped (counted); a message of another schema, or whose fixed block is shorter than its template's
 * ({@link RequestTypes#minBlockLength}), is answered MALFORMED_REQUEST; a connect opens or resumes a session; any
 * other request needs a live session bound to its connection (SESSION_EXPIRED otherwise), which it keeps alive and
 * whose identities every tree operation of the request is checked against. A template the service does not know is
 * answered UNIMPLEMENTED. Nothing is changed by a message that is refused.
 * <p>
 * Service thread only.
 */
final class RequestAdapter
{
    private final UnsafeBuffer message = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ServiceState state;
    private final RequestBinding binding;
    private final SessionExpiry expiry;
    private final SessionRequests sessions;
    private final AuthRequests auth;
    private final WriteRequests writes;
    private final ReadRequests reads;
    private final WatchRequests watches;
    private Cluster cluster;

    RequestAdapter(
        final ServiceState state,
        final RequestBinding binding,
        final SessionExpiry expiry,
        final SessionRequests sessions,
        final AuthRequests auth,
        final ReadRequests reads)
    {
        this.state = state;
        this.binding = binding;
        this.expiry = expiry;
        this.sessions = sessions;
        this.auth = auth;
        this.reads = reads;
        this.writes = new WriteRequests(state);
        this.watches = new WatchRequests(state);
    }

    /**
     * @param cluster whose role says whether this member's answers reach clients (only the leader's do).
     */
    void cluster(final Cluster cluster)
    {
        this.cluster = cluster;
    }

    /**
     * Apply one client message of the log.
     *
     * @param clientSession the cluster session it came on.
     * @param timestampMs   its log time, ms.
     * @param buffer        holding the message: session header, then the request.
     * @param offset        of the message in {@code buffer}.
     * @param length        of the message.
     */
    void onSessionMessage(
        final ClientSession clientSession,
        final long timestampMs,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final int requestOffset = binding.requestOffset(buffer, offset, length, clientSession.id());
        if (requestOffset < 0)
        {
            // Not from the connection that opened this cluster session: applying or answering it would act for it.
            state.counters.forgedRequests.increment();
            return;
        }
        // A view bounded to this message: a length field that lies makes decoding fail rather than read the log.
        message.wrap(buffer, requestOffset, length - (requestOffset - offset));
        expiry.retryRefusedTimers();
        state.tree.actingAs(null);

        int templateId = 0;
        try
        {
            headerDecoder.wrap(message, 0);
            templateId = headerDecoder.templateId();
            if (MessageHeaderDecoder.SCHEMA_ID != headerDecoder.schemaId() ||
                headerDecoder.blockLength() < RequestTypes.minBlockLength(templateId))
            {
                // Another schema, or fixed fields missing: decoding would read them from the variable-length part.
                malformed(clientSession, templateId);
            }
            else
            {
                onRequest(clientSession, timestampMs, templateId, headerDecoder.blockLength(), headerDecoder.version());
            }
        }
        catch (final IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException ex)
        {
            malformed(clientSession, templateId);
        }
    }

    private void onRequest(
        final ClientSession clientSession,
        final long timestampMs,
        final int templateId,
        final int blockLength,
        final int version)
    {
        if (ConnectRequestDecoder.TEMPLATE_ID == templateId)
        {
            sessions.onConnect(clientSession, timestampMs, message, 0, blockLength, version);
            expiry.scheduleCheck();
            return;
        }

        final Session session = state.sessions.boundTo(clientSession.id());
        if (null == session)
        {
            state.sendError(clientSession, correlationIdOf(), templateId, ResultCode.SESSION_EXPIRED);
            return;
        }
        if (expiry.expireIfDue(session, timestampMs))
        {
            state.sendError(clientSession, correlationIdOf(), templateId, ResultCode.SESSION_EXPIRED);
            expiry.scheduleCheck();
            return;
        }
        state.sessions.touch(session, timestampMs);
        // Every tree operation of this request is checked against this session's identities.
        state.tree.actingAs(session.identities());
        if (RequestTypes.is(templateId, RequestTypes.ANSWER_ONLY) && Cluster.Role.LEADER != cluster.role())
        {
            return; // only the leader's answer reaches the client: a follower or a replay skips the work
        }
        dispatch(clientSession, session, timestampMs, templateId, blockLength, version);
    }

    private void dispatch(
        final ClientSession clientSession,
        final Session session,
        final long timestampMs,
        final int templateId,
        final int blockLength,
        final int version)
    {
        final UnsafeBuffer m = message;
        switch (templateId)
        {
            case KeepAliveRequestDecoder.TEMPLATE_ID: sessions.onKeepAlive(clientSession, session, m, 0, blockLength, version); break;
            case CloseSessionRequestDecoder.TEMPLATE_ID: sessions.onClose(clientSession, session, m, 0, blockLength, version); break;
            case CreateRequestDecoder.TEMPLATE_ID:
                writes.onCreate(clientSession, session, timestampMs, m, 0, blockLength, version);
                break;
            case DeleteRequestDecoder.TEMPLATE_ID: writes.onDelete(clientSession, session, m, 0, blockLength, version); break;
            case SetDataRequestDecoder.TEMPLATE_ID:
                writes.onSetData(clientSession, session, timestampMs, m, 0, blockLength, version);
                break;
            case SetACLRequestDecoder.TEMPLATE_ID: writes.onSetAcl(clientSession, session, m, 0, blockLength, version); break;
            case MultiRequestDecoder.TEMPLATE_ID:
                writes.onMulti(clientSession, session, timestampMs, m, 0, blockLength, version);
                break;
            case ExistsRequestDecoder.TEMPLATE_ID: reads.onExists(clientSession, session, m, 0, blockLength, version); break;
            case GetDataRequestDecoder.TEMPLATE_ID: reads.onGetData(clientSession, session, m, 0, blockLength, version); break;
            case GetChildrenRequestDecoder.TEMPLATE_ID:
                reads.onGetChildren(clientSession, session, m, 0, blockLength, version);
                break;
            case GetAllChildrenNumberRequestDecoder.TEMPLATE_ID:
                reads.onGetAllChildrenNumber(clientSession, m, 0, blockLength, version);
                break;
            case GetEphemeralsRequestDecoder.TEMPLATE_ID:
                reads.onGetEphemerals(clientSession, session, m, 0, blockLength, version);
                break;
            case GetACLRequestDecoder.TEMPLATE_ID: reads.onGetAcl(clientSession, m, 0, blockLength, version); break;
            case SyncRequestDecoder.TEMPLATE_ID: reads.onSync(clientSession, m, 0, blockLength, version); break;
            case DigestRequestDecoder.TEMPLATE_ID: reads.onDigest(clientSession, m, 0, blockLength, version); break;
            case AddWatchRequestDecoder.TEMPLATE_ID: watches.onAddWatch(clientSession, session, m, 0, blockLength, version); break;
            case RemoveWatchesRequestDecoder.TEMPLATE_ID:
                watches.onRemoveWatches(clientSession, session, m, 0, blockLength, version);
                break;
            case AddAuthRequestDecoder.TEMPLATE_ID: auth.onAddAuth(clientSession, session, m, 0, blockLength, version); break;
            case WhoAmIRequestDecoder.TEMPLATE_ID: auth.onWhoAmI(clientSession, session, m, 0, blockLength, version); break;
            default:
                state.sendError(clientSession, correlationIdOf(), templateId, ResultCode.UNIMPLEMENTED);
        }
    }

    private void malformed(final ClientSession clientSession, final int templateId)
    {
        state.counters.malformedRequests.increment();
        state.sendError(clientSession, correlationIdOf(), templateId, ResultCode.MALFORMED_REQUEST);
    }

    /**
     * Every request starts with its correlation id: read it, if the message is long enough, for error answers.
     */
    private long correlationIdOf()
    {
        final int offset = MessageHeaderEncoder.ENCODED_LENGTH;
        return message.capacity() >= offset + Long.BYTES ? message.getLong(offset, ByteOrder.LITTLE_ENDIAN) : 0;
    }
}
