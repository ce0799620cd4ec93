package io.aerie.engine.service;

import io.aerie.codecs.BooleanType;
import io.aerie.codecs.ExistsRequestDecoder;
import io.aerie.codecs.ExistsResponseEncoder;
import io.aerie.codecs.GetACLRequestDecoder;
import io.aerie.codecs.GetACLResponseEncoder;
import io.aerie.codecs.GetAllChildrenNumberRequestDecoder;
import io.aerie.codecs.GetAllChildrenNumberResponseEncoder;
import io.aerie.codecs.GetChildrenRequestDecoder;
import io.aerie.codecs.GetChildrenResponseEncoder;
import io.aerie.codecs.GetDataRequestDecoder;
import io.aerie.codecs.GetDataResponseEncoder;
import io.aerie.codecs.GetEphemeralsRequestDecoder;
import io.aerie.codecs.GetEphemeralsResponseEncoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SyncRequestDecoder;
import io.aerie.codecs.SyncResponseEncoder;
import io.aerie.codecs.RequestTypes;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Paths;
import io.aerie.engine.session.Session;
import io.aeron.cluster.service.ClientSession;
import org.agrona.concurrent.UnsafeBuffer;
import io.aerie.codecs.model.NameList;
import io.aerie.engine.watch.WatchRegistry;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.MutableLong;

/**
 * Reads: exists, getData, getChildren, getAllChildrenNumber, getEphemerals, getACL and sync. They come
 * through the log like writes, so each sees every write ordered before it (linearizable reads); they change
 * nothing and carry the last applied zxid.
 */
final class ReadRequests
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    /** Most entries an SBE group with a uint16 count can carry. */
    static final int MAX_GROUP_ENTRIES = 65_534;

    private final ServiceState state;
    private final ExistsRequestDecoder existsDecoder = new ExistsRequestDecoder();
    private final ExistsResponseEncoder existsEncoder = new ExistsResponseEncoder();
    private final GetDataRequestDecoder getDataDecoder = new GetDataRequestDecoder();
    private final GetDataResponseEncoder getDataEncoder = new GetDataResponseEncoder();
    private final GetChildrenRequestDecoder getChildrenDecoder = new GetChildrenRequestDecoder();
    private final GetChildrenResponseEncoder getChildrenEncoder = new GetChildrenResponseEncoder();
    private final GetAllChildrenNumberRequestDecoder allChildrenDecoder = new GetAllChildrenNumberRequestDecoder();
    private final GetAllChildrenNumberResponseEncoder allChildrenEncoder = new GetAllChildrenNumberResponseEncoder();
    private final GetEphemeralsRequestDecoder ephemeralsDecoder = new GetEphemeralsRequestDecoder();
    private final GetEphemeralsResponseEncoder ephemeralsEncoder = new GetEphemeralsResponseEncoder();
    private final GetACLRequestDecoder getAclDecoder = new GetACLRequestDecoder();
    private final GetACLResponseEncoder getAclEncoder = new GetACLResponseEncoder();
    private final SyncRequestDecoder syncDecoder = new SyncRequestDecoder();
    private final io.aerie.codecs.DigestRequestDecoder digestDecoder = new io.aerie.codecs.DigestRequestDecoder();
    private final io.aerie.codecs.DigestResponseEncoder digestEncoder = new io.aerie.codecs.DigestResponseEncoder();
    private final SyncResponseEncoder syncEncoder = new SyncResponseEncoder();
    private final ExpandableArrayBuffer data = new ExpandableArrayBuffer(4096);
    private final NameList names = new NameList();
    private final MutableLong count = new MutableLong();
    private final AclList acl = new AclList();
    private final UnsafeBuffer path = new UnsafeBuffer(0, 0);

    ReadRequests(final ServiceState state)
    {
        this.state = state;
    }

    /**
     * Whether a request is a read whose only effect is its answer: no watch, no state, no digest record. Only the
     * leader's egress reaches clients, so a member that is not the leader (a follower, or any member replaying its
     * log at start) need not compute it: getAllChildrenNumber over a million znodes costs over a second. Reads that
     * can leave a watch (exists, getData, getChildren) are applied everywhere, as their watch is replicated state.
     * A skipped read is not counted by the member's NO_AUTH counter; the leader's counts it.
     *
     * @param templateId the request's template id.
     * @return true for getAllChildrenNumber, getEphemerals, getACL and sync.
     */
    static boolean isAnswerOnly(final int templateId)
    {
        return RequestTypes.is(templateId, RequestTypes.ANSWER_ONLY);
    }

    void onExists(
        final ClientSession clientSession,
        final Session session,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final ExistsRequestDecoder decoder = existsDecoder.wrap(buffer, offset + HEADER, blockLength, version);
        final long correlationId = decoder.correlationId();
        final boolean watch = BooleanType.TRUE == decoder.watch();
        decoder.wrapPath(path);
        ResultCode code = state.tree.exists(path, 0, path.capacity(), state.stat);
        if (watch && (ResultCode.OK == code || ResultCode.NO_NODE == code))
        {
            // As in ZooKeeper, exists leaves a watch on a missing node too: it fires when the node is created.
            code = leaveWatch(session, WatchRegistry.DATA, code);
        }

        final ExistsResponseEncoder encoder = existsEncoder.wrapAndApplyHeader(state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .zxid(state.lastZxid);
        state.encodeStatIfOk(encoder.stat(), code);
        state.egress.send(clientSession, HEADER + encoder.encodedLength());
    }

    void onGetData(
        final ClientSession clientSession,
        final Session session,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final GetDataRequestDecoder decoder = getDataDecoder.wrap(buffer, offset + HEADER, blockLength, version);
        final long correlationId = decoder.correlationId();
        final boolean watch = BooleanType.TRUE == decoder.watch();
        decoder.wrapPath(path);
        ResultCode code = state.tree.getData(path, 0, path.capacity(), data, state.stat);
        if (watch && ResultCode.OK == code)
        {
            code = leaveWatch(session, WatchRegistry.DATA, code);
        }

        final GetDataResponseEncoder encoder = getDataEncoder.wrapAndApplyHeader(state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .zxid(state.lastZxid);
        state.encodeStatIfOk(encoder.stat(), code);
        encoder.dataIsNull(ResultCode.OK == code && state.tree.isLastDataNull() ? BooleanType.TRUE : BooleanType.FALSE);
        encoder.putData(data, 0, ResultCode.OK == code ? state.stat.dataLength() : 0);
        state.egress.send(clientSession, HEADER + encoder.encodedLength());
    }

    void onGetChildren(
        final ClientSession clientSession,
        final Session session,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final GetChildrenRequestDecoder decoder = getChildrenDecoder.wrap(buffer, offset + HEADER, blockLength, version);
        final long correlationId = decoder.correlationId();
        final boolean watch = BooleanType.TRUE == decoder.watch();
        final boolean includeStat = BooleanType.TRUE == decoder.includeStat();
        decoder.wrapPath(path);
        ResultCode code = state.tree.getChildren(path, 0, path.capacity(), names, state.stat);
        if (names.size() > MAX_GROUP_ENTRIES)
        {
            code = ResultCode.DATA_TOO_LARGE;
            names.clear();
        }
        if (watch && ResultCode.OK == code)
        {
            code = leaveWatch(session, WatchRegistry.CHILD, code);
            if (ResultCode.OK != code)
            {
                names.clear();
            }
        }

        final GetChildrenResponseEncoder encoder = getChildrenEncoder.wrapAndApplyHeader(
            state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .zxid(state.lastZxid);
        if (includeStat)
        {
            state.encodeStatIfOk(encoder.stat(), code);
        }
        else
        {
            ServiceState.encodeEmptyStat(encoder.stat());
        }
        final GetChildrenResponseEncoder.ChildrenEncoder children = encoder.childrenCount(names.size());
        for (int i = 0, n = names.size(); i < n; i++)
        {
            children.next().putName(names.buffer(), names.offset(i), names.length(i));
        }
        state.egress.send(clientSession, HEADER + encoder.encodedLength());
    }

    void onGetAllChildrenNumber(
        final ClientSession clientSession,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final GetAllChildrenNumberRequestDecoder decoder = allChildrenDecoder.wrap(
            buffer, offset + HEADER, blockLength, version);
        final long correlationId = decoder.correlationId();
        decoder.wrapPath(path);
        count.set(0);
        final ResultCode code = state.tree.getAllChildrenNumber(path, 0, path.capacity(), count);

        final GetAllChildrenNumberResponseEncoder encoder = allChildrenEncoder.wrapAndApplyHeader(
            state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .zxid(state.lastZxid)
            .totalNumber((int)Math.min(Integer.MAX_VALUE, count.get()));
        state.egress.send(clientSession, HEADER + encoder.encodedLength());
    }

    void onGetEphemerals(
        final ClientSession clientSession,
        final Session session,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final GetEphemeralsRequestDecoder decoder = ephemeralsDecoder.wrap(buffer, offset + HEADER, blockLength, version);
        final long correlationId = decoder.correlationId();
        decoder.wrapPrefixPath(path);
        ResultCode code = state.tree.getEphemerals(session.id(), path, 0, path.capacity(), names);
        if (names.size() > MAX_GROUP_ENTRIES)
        {
            code = ResultCode.DATA_TOO_LARGE;
            names.clear();
        }

        final GetEphemeralsResponseEncoder encoder = ephemeralsEncoder.wrapAndApplyHeader(
            state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .zxid(state.lastZxid);
        final GetEphemeralsResponseEncoder.PathsEncoder paths = encoder.pathsCount(ResultCode.OK == code ? names.size() : 0);
        for (int i = 0, n = ResultCode.OK == code ? names.size() : 0; i < n; i++)
        {
            paths.next().putPath(names.buffer(), names.offset(i), names.length(i));
        }
        state.egress.send(clientSession, HEADER + encoder.encodedLength());
    }

    void onGetAcl(
        final ClientSession clientSession,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final GetACLRequestDecoder decoder = getAclDecoder.wrap(buffer, offset + HEADER, blockLength, version);
        final long correlationId = decoder.correlationId();
        decoder.wrapPath(path);
        acl.clear();
        final ResultCode code = state.tree.getAcl(path, 0, path.capacity(), acl, state.stat);

        final GetACLResponseEncoder encoder = getAclEncoder.wrapAndApplyHeader(state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .zxid(state.lastZxid);
        state.encodeStatIfOk(encoder.stat(), code);
        final GetACLResponseEncoder.AclsEncoder entries = encoder.aclsCount(acl.size());
        for (int i = 0, n = acl.size(); i < n; i++)
        {
            entries.next()
                .perms(acl.perms(i))
                .putScheme(acl.buffer(), acl.schemeOffset(i), acl.schemeLength(i))
                .putId(acl.buffer(), acl.idOffset(i), acl.idLength(i));
        }
        state.egress.send(clientSession, HEADER + encoder.encodedLength());
    }

    void onSync(
        final ClientSession clientSession,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final SyncRequestDecoder decoder = syncDecoder.wrap(buffer, offset + HEADER, blockLength, version);
        final long correlationId = decoder.correlationId();
        decoder.wrapPath(path);

        // Reaching the service through the log already orders the sync after every earlier write.
        final SyncResponseEncoder encoder = syncEncoder.wrapAndApplyHeader(state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(Paths.isValid(path, 0, path.capacity()) ? ResultCode.OK : ResultCode.INVALID_PATH)
            .zxid(state.lastZxid);
        encoder.putPath(path, 0, path.capacity());
        state.egress.send(clientSession, HEADER + encoder.encodedLength());
    }

    void onDigest(
        final ClientSession clientSession,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final long correlationId = digestDecoder.wrap(buffer, offset + HEADER, blockLength, version).correlationId();
        // Walks the whole tree: an admin and test request, not one for the hot path.
        final long digest = state.tree.digest();
        state.digestRecord.record(digest, state.lastZxid);

        final io.aerie.codecs.DigestResponseEncoder encoder = digestEncoder.wrapAndApplyHeader(
            state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(ResultCode.OK)
            .zxid(state.lastZxid)
            .digest(digest)
            .znodeCount(state.tree.nodeCount());
        state.egress.send(clientSession, HEADER + encoder.encodedLength());
    }

    /**
     * Leave a watch on the path of the read being answered, which the tree has just found valid.
     *
     * @return the read's code, or {@code TOO_MANY_WATCHES} if the session may hold no more: the read then fails
     * as a whole, so a client never believes it holds a watch it does not.
     */
    private ResultCode leaveWatch(final Session session, final int kinds, final ResultCode readCode)
    {
        final ResultCode code = state.leaveWatch(session.id(), path, kinds);
        return ResultCode.OK == code ? readCode : code;
    }
}
