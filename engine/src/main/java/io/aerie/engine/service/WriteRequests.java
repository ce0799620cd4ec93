package io.aerie.engine.service;

import io.aerie.codecs.CreateRequestDecoder;
import io.aerie.codecs.CreateResponseEncoder;
import io.aerie.codecs.DeleteRequestDecoder;
import io.aerie.codecs.DeleteResponseEncoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.MultiRequestDecoder;
import io.aerie.codecs.MultiResponseEncoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SetACLRequestDecoder;
import io.aerie.codecs.SetACLResponseEncoder;
import io.aerie.codecs.SetDataRequestDecoder;
import io.aerie.codecs.SetDataResponseEncoder;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.model.Utf8;
import io.aerie.engine.session.Session;
import io.aeron.cluster.service.ClientSession;
import io.aerie.engine.tree.MultiResults;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Requests that change the tree: create, delete, setData, setACL and multi. Each is decoded completely,
 * answered from the session's memory if it is a resend, else applied under the next zxid and answered; the
 * answer is remembered so a resend after a failover gets the same one. Paths go to the tree as the request's
 * UTF-8 bytes. Each handler is given the connection the request came on, its session and the log time.
 */
final class WriteRequests
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final ServiceState state;
    private final CreateRequestDecoder createDecoder = new CreateRequestDecoder();
    private final CreateResponseEncoder createEncoder = new CreateResponseEncoder();
    private final DeleteRequestDecoder deleteDecoder = new DeleteRequestDecoder();
    private final DeleteResponseEncoder deleteEncoder = new DeleteResponseEncoder();
    private final SetDataRequestDecoder setDataDecoder = new SetDataRequestDecoder();
    private final SetDataResponseEncoder setDataEncoder = new SetDataResponseEncoder();
    private final SetACLRequestDecoder setAclDecoder = new SetACLRequestDecoder();
    private final SetACLResponseEncoder setAclEncoder = new SetACLResponseEncoder();
    private final MultiRequestDecoder multiDecoder = new MultiRequestDecoder();
    private final MultiResponseEncoder multiEncoder = new MultiResponseEncoder();
    private final AclList acl = new AclList();
    private final UnsafeBuffer schemeView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer idView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer path = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer data = new UnsafeBuffer(0, 0);
    private final StringBuilder opPath = new StringBuilder(256);
    private final MultiOps multiOps = new MultiOps();
    private final MultiResults multiResults = new MultiResults();
    private final AclList noAcl = new AclList();

    WriteRequests(final ServiceState state)
    {
        this.state = state;
    }

    void onCreate(
        final ClientSession clientSession,
        final Session session,
        final long timestampMs,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final CreateRequestDecoder decoder = createDecoder.wrap(buffer, offset + HEADER, blockLength, version);
        final long correlationId = decoder.correlationId();
        final long ttlMs = decoder.ttlMs();
        final io.aerie.codecs.CreateMode mode = decoder.mode();
        acl.clear();
        for (final CreateRequestDecoder.AclsDecoder entry : decoder.acls())
        {
            final int perms = entry.perms();
            entry.wrapScheme(schemeView);
            entry.wrapId(idView);
            acl.add(perms, schemeView, 0, schemeView.capacity(), idView, 0, idView.capacity());
        }
        final boolean isDataNull = ServiceState.isDataNull(
            blockLength, CreateRequestDecoder.dataIsNullEncodingOffset(), decoder.dataIsNullRaw());
        decoder.wrapPath(path);
        decoder.wrapData(data);
        if (state.answerResentWrite(clientSession, session, correlationId, CreateRequestDecoder.TEMPLATE_ID))
        {
            return;
        }

        final ResultCode code = state.tree.create(state.nextZxid(), timestampMs, session.id(), path, 0, path.capacity(),
            isDataNull ? null : data, 0, data.capacity(), acl, mode, ttlMs, state.stat);
        commitIfApplied(code);

        final CreateResponseEncoder encoder = createEncoder.wrapAndApplyHeader(state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .zxid(state.lastZxid);
        state.encodeStatIfOk(encoder.stat(), code);
        encoder.putPath(state.tree.createdPath(), 0, ResultCode.OK == code ? state.tree.createdPathLength() : 0);
        state.sendWriteResponse(clientSession, session, correlationId, HEADER + encoder.encodedLength());
    }

    void onDelete(
        final ClientSession clientSession,
        final Session session,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final DeleteRequestDecoder decoder = deleteDecoder.wrap(buffer, offset + HEADER, blockLength, version);
        final long correlationId = decoder.correlationId();
        final int expectedVersion = decoder.version();
        decoder.wrapPath(path);
        if (state.answerResentWrite(clientSession, session, correlationId, DeleteRequestDecoder.TEMPLATE_ID))
        {
            return;
        }

        final ResultCode code = state.tree.delete(state.nextZxid(), path, 0, path.capacity(), expectedVersion);
        commitIfApplied(code);

        final DeleteResponseEncoder encoder = deleteEncoder.wrapAndApplyHeader(state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .zxid(state.lastZxid);
        state.sendWriteResponse(clientSession, session, correlationId, HEADER + encoder.encodedLength());
    }

    void onSetData(
        final ClientSession clientSession,
        final Session session,
        final long timestampMs,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final SetDataRequestDecoder decoder = setDataDecoder.wrap(buffer, offset + HEADER, blockLength, version);
        final long correlationId = decoder.correlationId();
        final int expectedVersion = decoder.version();
        final boolean isDataNull = ServiceState.isDataNull(
            blockLength, SetDataRequestDecoder.dataIsNullEncodingOffset(), decoder.dataIsNullRaw());
        decoder.wrapPath(path);
        decoder.wrapData(data);
        if (state.answerResentWrite(clientSession, session, correlationId, SetDataRequestDecoder.TEMPLATE_ID))
        {
            return;
        }

        final ResultCode code = state.tree.setData(state.nextZxid(), timestampMs, path, 0, path.capacity(),
            isDataNull ? null : data, 0, data.capacity(), expectedVersion, state.stat);
        commitIfApplied(code);

        final SetDataResponseEncoder encoder = setDataEncoder.wrapAndApplyHeader(state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .zxid(state.lastZxid);
        state.encodeStatIfOk(encoder.stat(), code);
        state.sendWriteResponse(clientSession, session, correlationId, HEADER + encoder.encodedLength());
    }

    void onSetAcl(
        final ClientSession clientSession,
        final Session session,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final SetACLRequestDecoder decoder = setAclDecoder.wrap(buffer, offset + HEADER, blockLength, version);
        final long correlationId = decoder.correlationId();
        final int expectedAversion = decoder.version();
        acl.clear();
        for (final SetACLRequestDecoder.AclsDecoder entry : decoder.acls())
        {
            final int perms = entry.perms();
            entry.wrapScheme(schemeView);
            entry.wrapId(idView);
            acl.add(perms, schemeView, 0, schemeView.capacity(), idView, 0, idView.capacity());
        }
        decoder.wrapPath(path);
        if (state.answerResentWrite(clientSession, session, correlationId, SetACLRequestDecoder.TEMPLATE_ID))
        {
            return;
        }

        // setACL changes no mzxid, but it is a change: it takes a zxid like any other.
        final ResultCode code = state.tree.setAcl(path, 0, path.capacity(), acl, expectedAversion, state.stat);
        commitIfApplied(code);

        final SetACLResponseEncoder encoder = setAclEncoder.wrapAndApplyHeader(state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .zxid(state.lastZxid);
        state.encodeStatIfOk(encoder.stat(), code);
        state.sendWriteResponse(clientSession, session, correlationId, HEADER + encoder.encodedLength());
    }

    void onMulti(
        final ClientSession clientSession,
        final Session session,
        final long timestampMs,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final MultiRequestDecoder decoder = multiDecoder.wrap(buffer, offset + HEADER, blockLength, version);
        final long correlationId = decoder.correlationId();
        final ResultCode decodeCode = decodeOps(decoder);
        if (state.answerResentWrite(clientSession, session, correlationId, MultiRequestDecoder.TEMPLATE_ID))
        {
            return;
        }

        final ResultCode code;
        if (ResultCode.OK != decodeCode)
        {
            code = decodeCode;
            multiResults.clear();
        }
        else
        {
            code = state.tree.multi(state.nextZxid(), timestampMs, session.id(), multiOps, multiResults);
            commitIfApplied(code);
        }

        final MultiResponseEncoder encoder = multiEncoder.wrapAndApplyHeader(state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .zxid(state.lastZxid);
        final MultiResponseEncoder.ResultsEncoder results = encoder.resultsCount(multiResults.size());
        for (int i = 0, n = multiResults.size(); i < n; i++)
        {
            results.next().opType(multiResults.type(i)).code(multiResults.code(i));
            if (ResultCode.OK == code)
            {
                ServiceState.encodeStat(results.stat(), multiResults.stat(i));
            }
            else
            {
                ServiceState.encodeEmptyStat(results.stat());
            }
            final DirectBuffer pathBytes = state.utf8(multiResults.path(i));
            results.putPath(pathBytes, 0, state.utf8Length);
        }
        state.sendWriteResponse(clientSession, session, correlationId, HEADER + encoder.encodedLength());
    }

    private ResultCode decodeOps(final MultiRequestDecoder decoder)
    {
        multiOps.clear();
        ResultCode code = ResultCode.OK;
        for (final MultiRequestDecoder.OpsDecoder op : decoder.ops())
        {
            final io.aerie.codecs.OpType type = op.opType();
            final io.aerie.codecs.CreateMode mode = op.mode();
            final int expectedVersion = op.version();
            final long ttlMs = op.ttlMs();
            final DirectBuffer opData = ServiceState.isDataNull(op.actingBlockLength(),
                MultiRequestDecoder.OpsDecoder.dataIsNullEncodingOffset(), op.dataIsNullRaw()) ? null : data;
            op.wrapPath(path);
            op.wrapData(data);
            // MultiOps holds paths as text: decoded here, strictly, and encoded again by the tree.
            opPath.setLength(0);
            if (!Utf8.decode(path, 0, path.capacity(), opPath) && ResultCode.OK == code)
            {
                code = ResultCode.INVALID_PATH;
            }
            switch (type)
            {
                case CREATE:
                    multiOps.create(opPath, opData, 0, data.capacity(), noAcl, mode, ttlMs);
                    break;
                case DELETE:
                    multiOps.delete(opPath, expectedVersion);
                    break;
                case SET_DATA:
                    multiOps.setData(opPath, opData, 0, data.capacity(), expectedVersion);
                    break;
                case CHECK:
                    multiOps.check(opPath, expectedVersion);
                    break;
                default:
                    code = ResultCode.OK == code ? ResultCode.BAD_ARGUMENTS : code;
            }
        }
        for (final MultiRequestDecoder.OpAclsDecoder entry : decoder.opAcls())
        {
            final int opIndex = entry.opIndex();
            final int perms = entry.perms();
            entry.wrapScheme(schemeView);
            entry.wrapId(idView);
            if (opIndex < multiOps.size())
            {
                multiOps.op(opIndex).acl().add(perms, schemeView, 0, schemeView.capacity(), idView, 0, idView.capacity());
            }
            else if (ResultCode.OK == code)
            {
                code = ResultCode.BAD_ARGUMENTS;
            }
        }
        return code;
    }

    private void commitIfApplied(final ResultCode code)
    {
        if (ResultCode.OK == code)
        {
            state.commitChange();
        }
    }
}
