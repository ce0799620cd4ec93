package io.aerie.engine.service;

import io.aerie.codecs.AddWatchRequestEncoder;
import io.aerie.codecs.AddWatchResponseDecoder;
import io.aerie.codecs.CloseSessionRequestEncoder;
import io.aerie.codecs.CloseSessionResponseDecoder;
import io.aerie.codecs.ConnectRequestEncoder;
import io.aerie.codecs.ConnectResponseDecoder;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.CreateRequestEncoder;
import io.aerie.codecs.CreateResponseDecoder;
import io.aerie.codecs.DeleteRequestEncoder;
import io.aerie.codecs.DeleteResponseDecoder;
import io.aerie.codecs.ErrorResponseDecoder;
import io.aerie.codecs.EventType;
import io.aerie.codecs.ExistsRequestEncoder;
import io.aerie.codecs.ExistsResponseDecoder;
import io.aerie.codecs.BooleanType;
import io.aerie.codecs.GetACLRequestEncoder;
import io.aerie.codecs.GetACLResponseDecoder;
import io.aerie.codecs.GetAllChildrenNumberRequestEncoder;
import io.aerie.codecs.GetAllChildrenNumberResponseDecoder;
import io.aerie.codecs.GetChildrenRequestEncoder;
import io.aerie.codecs.GetChildrenResponseDecoder;
import io.aerie.codecs.GetDataRequestEncoder;
import io.aerie.codecs.GetDataResponseDecoder;
import io.aerie.codecs.GetEphemeralsRequestEncoder;
import io.aerie.codecs.GetEphemeralsResponseDecoder;
import io.aerie.codecs.KeepAliveRequestEncoder;
import io.aerie.codecs.KeepAliveResponseDecoder;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.MultiRequestEncoder;
import io.aerie.codecs.MultiResponseDecoder;
import io.aerie.codecs.OpType;
import io.aerie.codecs.RemoveWatchesRequestEncoder;
import io.aerie.codecs.RemoveWatchesResponseDecoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionEventDecoder;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.SetACLRequestEncoder;
import io.aerie.codecs.SetACLResponseDecoder;
import io.aerie.codecs.SetDataRequestEncoder;
import io.aerie.codecs.SetDataResponseDecoder;
import io.aerie.codecs.StatDecoder;
import io.aerie.codecs.SyncRequestEncoder;
import io.aerie.codecs.SyncResponseDecoder;
import io.aerie.codecs.WatchEventDecoder;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import io.aerie.codecs.model.AclList;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The client side of the wire for service tests: encodes each request with the generated encoders into a
 * fresh byte array, and decodes a captured response, after checking its header, into a plain value.
 */
final class Wire
{
    static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    static final Acl OPEN = new Acl(AclList.ALL, "world", "anyone");

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    // ------------------------------------------------------------------------------------------------------------
    // Values

    /** One ACL entry. */
    record Acl(int perms, String scheme, String id)
    {
    }

    /** A Stat as decoded from the wire. */
    record StatValue(
        long czxid, long mzxid, long pzxid, long ctime, long mtime, int version, int cversion, int aversion,
        long ephemeralOwner, int dataLength, int numChildren)
    {
        static final StatValue ZERO = new StatValue(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        static StatValue of(final StatDecoder stat)
        {
            return new StatValue(stat.czxid(), stat.mzxid(), stat.pzxid(), stat.ctime(), stat.mtime(), stat.version(),
                stat.cversion(), stat.aversion(), stat.ephemeralOwner(), stat.dataLength(), stat.numChildren());
        }
    }

    /** ErrorResponse. */
    record ErrorReply(long correlationId, ResultCode code, long zxid, int templateIdOfRequest, String message)
    {
    }

    /** ConnectResponse. */
    record Connected(long correlationId, ResultCode code, long zxid, long sessionId, int timeoutMs, byte[] password)
    {
    }

    /** SessionEvent. */
    record SessionEventValue(long sessionId, long zxid, SessionState state)
    {
    }

    /** KeepAliveResponse, CloseSessionResponse, DeleteResponse. */
    record Reply(long correlationId, ResultCode code, long zxid)
    {
    }

    /** ExistsResponse, SetDataResponse, SetACLResponse. */
    record StatReply(long correlationId, ResultCode code, long zxid, StatValue stat)
    {
    }

    /** CreateResponse. */
    record Created(long correlationId, ResultCode code, long zxid, StatValue stat, String path)
    {
    }

    /** GetDataResponse. */
    record DataReply(long correlationId, ResultCode code, long zxid, StatValue stat, String data)
    {
    }

    /** GetChildrenResponse. */
    record Children(long correlationId, ResultCode code, long zxid, StatValue stat, List<String> names)
    {
    }

    /** GetAllChildrenNumberResponse. */
    record Count(long correlationId, ResultCode code, long zxid, int total)
    {
    }

    /** GetEphemeralsResponse. */
    record PathList(long correlationId, ResultCode code, long zxid, List<String> paths)
    {
    }

    /** GetACLResponse. */
    record AclReply(long correlationId, ResultCode code, long zxid, StatValue stat, List<Acl> acls)
    {
    }

    /** SyncResponse. */
    record Synced(long correlationId, ResultCode code, long zxid, String path)
    {
    }

    /** One result of a MultiResponse. */
    record OpResult(OpType type, ResultCode code, StatValue stat, String path)
    {
    }

    /** MultiResponse. */
    record MultiReply(long correlationId, ResultCode code, long zxid, List<OpResult> results)
    {
    }

    /** KeepAliveResponse with the sequence of the last WatchEvent sent to the session. */
    record KeepAliveReply(long correlationId, ResultCode code, long zxid, long eventSequence)
    {
    }

    /** WatchEvent. */
    record WatchEventValue(long zxid, long sequence, EventType eventType, String path)
    {
    }

    /**
     * One op of a MultiRequest; the ACL of a create goes on the wire as opAcls entries with its index.
     */
    record Op(OpType type, byte[] path, byte[] data, int version, CreateMode mode, long ttlMs, List<Acl> acls)
    {
        static Op create(final String path, final String data, final CreateMode mode)
        {
            return new Op(OpType.CREATE, utf8(path), utf8(data), -1, mode, -1, List.of(OPEN));
        }

        static Op createTtl(final String path, final CreateMode mode, final long ttlMs)
        {
            return new Op(OpType.CREATE, utf8(path), new byte[0], -1, mode, ttlMs, List.of(OPEN));
        }

        static Op delete(final String path, final int version)
        {
            return new Op(OpType.DELETE, utf8(path), new byte[0], version, CreateMode.PERSISTENT, -1, List.of());
        }

        static Op setData(final String path, final String data, final int version)
        {
            return new Op(OpType.SET_DATA, utf8(path), utf8(data), version, CreateMode.PERSISTENT, -1, List.of());
        }

        static Op check(final String path, final int version)
        {
            return new Op(OpType.CHECK, utf8(path), new byte[0], version, CreateMode.PERSISTENT, -1, List.of());
        }

        Op withAcls(final Acl... acls)
        {
            return new Op(type, path, data, version, mode, ttlMs, List.of(acls));
        }
    }

    /** One opAcls entry of a MultiRequest. */
    record OpAcl(int opIndex, Acl acl)
    {
    }

    static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Requests

    byte[] connect(final long correlationId, final long sessionId, final int timeoutMs, final byte[] password)
    {
        final ConnectRequestEncoder encoder = new ConnectRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .lastZxidSeen(0)
            .sessionId(sessionId)
            .requestedTimeoutMs(timeoutMs);
        encoder.authCount(0);
        encoder.putPassword(password, 0, password.length);
        return copy(encoder.encodedLength());
    }

    byte[] keepAlive(final long correlationId)
    {
        return copy(new KeepAliveRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).encodedLength());
    }

    byte[] closeSession(final long correlationId)
    {
        return copy(new CloseSessionRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).encodedLength());
    }

    byte[] create(final long correlationId, final String path, final String data, final CreateMode mode)
    {
        return create(correlationId, utf8(path), utf8(data), mode, -1, List.of(OPEN));
    }

    byte[] create(final long correlationId, final String path, final CreateMode mode, final long ttlMs)
    {
        return create(correlationId, utf8(path), new byte[0], mode, ttlMs, List.of(OPEN));
    }

    byte[] create(
        final long correlationId,
        final byte[] path,
        final byte[] data,
        final CreateMode mode,
        final long ttlMs,
        final List<Acl> acls)
    {
        final CreateRequestEncoder encoder = new CreateRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .ttlMs(ttlMs)
            .mode(mode);
        final CreateRequestEncoder.AclsEncoder entries = encoder.aclsCount(acls.size());
        for (final Acl acl : acls)
        {
            entries.next().perms(acl.perms()).scheme(acl.scheme()).id(acl.id());
        }
        encoder.putPath(path, 0, path.length).putData(data, 0, data.length);
        return copy(encoder.encodedLength());
    }

    byte[] delete(final long correlationId, final String path, final int version)
    {
        return delete(correlationId, utf8(path), version);
    }

    byte[] delete(final long correlationId, final byte[] path, final int version)
    {
        return copy(new DeleteRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).version(version).putPath(path, 0, path.length).encodedLength());
    }

    byte[] exists(final long correlationId, final String path)
    {
        return exists(correlationId, utf8(path));
    }

    byte[] exists(final long correlationId, final byte[] path)
    {
        return copy(new ExistsRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).watch(BooleanType.FALSE).putPath(path, 0, path.length).encodedLength());
    }

    byte[] getData(final long correlationId, final String path)
    {
        return getData(correlationId, utf8(path));
    }

    byte[] getData(final long correlationId, final byte[] path)
    {
        return copy(new GetDataRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).watch(BooleanType.FALSE).putPath(path, 0, path.length).encodedLength());
    }

    byte[] setData(final long correlationId, final String path, final String data, final int version)
    {
        return setData(correlationId, utf8(path), utf8(data), version);
    }

    byte[] setData(final long correlationId, final byte[] path, final byte[] data, final int version)
    {
        return copy(new SetDataRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .version(version)
            .putPath(path, 0, path.length)
            .putData(data, 0, data.length)
            .encodedLength());
    }

    byte[] getChildren(final long correlationId, final String path, final boolean includeStat)
    {
        return copy(new GetChildrenRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .watch(BooleanType.FALSE)
            .includeStat(includeStat ? BooleanType.TRUE : BooleanType.FALSE)
            .path(path)
            .encodedLength());
    }

    byte[] exists(final long correlationId, final String path, final boolean watch)
    {
        return exists(correlationId, utf8(path), watch);
    }

    byte[] exists(final long correlationId, final byte[] path, final boolean watch)
    {
        return copy(new ExistsRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).watch(bool(watch)).putPath(path, 0, path.length).encodedLength());
    }

    byte[] getData(final long correlationId, final String path, final boolean watch)
    {
        return getData(correlationId, utf8(path), watch);
    }

    byte[] getData(final long correlationId, final byte[] path, final boolean watch)
    {
        return copy(new GetDataRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).watch(bool(watch)).putPath(path, 0, path.length).encodedLength());
    }

    byte[] getChildren(final long correlationId, final String path, final boolean includeStat, final boolean watch)
    {
        final byte[] bytes = utf8(path);
        return copy(new GetChildrenRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .watch(bool(watch))
            .includeStat(bool(includeStat))
            .putPath(bytes, 0, bytes.length)
            .encodedLength());
    }

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }

    byte[] getAllChildrenNumber(final long correlationId, final String path)
    {
        return copy(new GetAllChildrenNumberRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).path(path).encodedLength());
    }

    byte[] getEphemerals(final long correlationId, final String prefixPath)
    {
        return copy(new GetEphemeralsRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).prefixPath(prefixPath).encodedLength());
    }

    byte[] getAcl(final long correlationId, final String path)
    {
        return copy(new GetACLRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).path(path).encodedLength());
    }

    byte[] setAcl(final long correlationId, final String path, final int version, final List<Acl> acls)
    {
        final SetACLRequestEncoder encoder = new SetACLRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .version(version);
        final SetACLRequestEncoder.AclsEncoder entries = encoder.aclsCount(acls.size());
        for (final Acl acl : acls)
        {
            entries.next().perms(acl.perms()).scheme(acl.scheme()).id(acl.id());
        }
        encoder.path(path);
        return copy(encoder.encodedLength());
    }

    byte[] sync(final long correlationId, final String path)
    {
        return copy(new SyncRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).path(path).encodedLength());
    }

    byte[] addWatch(final long correlationId, final String path)
    {
        return copy(new AddWatchRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).mode(WatchMode.PERSISTENT).path(path).encodedLength());
    }

    byte[] addWatch(final long correlationId, final String path, final WatchMode mode)
    {
        return addWatch(correlationId, utf8(path), mode);
    }

    byte[] addWatch(final long correlationId, final byte[] path, final WatchMode mode)
    {
        return copy(new AddWatchRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).mode(mode).putPath(path, 0, path.length).encodedLength());
    }

    byte[] removeWatches(final long correlationId, final String path, final WatcherType watcherType, final boolean local)
    {
        return removeWatches(correlationId, utf8(path), watcherType, local);
    }

    byte[] removeWatches(final long correlationId, final byte[] path, final WatcherType watcherType, final boolean local)
    {
        return copy(new RemoveWatchesRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .watcherType(watcherType)
            .local(local ? BooleanType.TRUE : BooleanType.FALSE)
            .putPath(path, 0, path.length)
            .encodedLength());
    }

    /**
     * A multi whose opAcls are the ACLs of its ops, each entry carrying the index of its op.
     */
    byte[] multi(final long correlationId, final Op... ops)
    {
        final List<OpAcl> opAcls = new ArrayList<>();
        for (int i = 0; i < ops.length; i++)
        {
            for (final Acl acl : ops[i].acls())
            {
                opAcls.add(new OpAcl(i, acl));
            }
        }
        return multi(correlationId, List.of(ops), opAcls);
    }

    byte[] multi(final long correlationId, final List<Op> ops, final List<OpAcl> opAcls)
    {
        final MultiRequestEncoder encoder = new MultiRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId);
        final MultiRequestEncoder.OpsEncoder entries = encoder.opsCount(ops.size());
        for (final Op op : ops)
        {
            entries.next()
                .ttlMs(op.ttlMs())
                .version(op.version())
                .opType(op.type())
                .mode(op.mode())
                .putPath(op.path(), 0, op.path().length)
                .putData(op.data(), 0, op.data().length);
        }
        final MultiRequestEncoder.OpAclsEncoder aclEntries = encoder.opAclsCount(opAcls.size());
        for (final OpAcl opAcl : opAcls)
        {
            aclEntries.next()
                .perms(opAcl.acl().perms())
                .opIndex(opAcl.opIndex())
                .scheme(opAcl.acl().scheme())
                .id(opAcl.acl().id());
        }
        return copy(encoder.encodedLength());
    }

    private byte[] copy(final int bodyLength)
    {
        final byte[] message = new byte[HEADER_LENGTH + bodyLength];
        buffer.getBytes(0, message);
        return message;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Responses

    /**
     * @return the template id of a captured message, after checking it is of this schema and version.
     */
    static int templateId(final byte[] message)
    {
        final MessageHeaderDecoder decoder = new MessageHeaderDecoder().wrap(new UnsafeBuffer(message), 0);
        assertEquals(MessageHeaderDecoder.SCHEMA_ID, decoder.schemaId(), "schema id");
        assertEquals(MessageHeaderDecoder.SCHEMA_VERSION, decoder.version(), "schema version");
        return decoder.templateId();
    }

    static ErrorReply error(final byte[] message)
    {
        final ErrorResponseDecoder d = new ErrorResponseDecoder();
        checkHeader(message, ErrorResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final ErrorReply value = new ErrorReply(d.correlationId(), d.code(), d.zxid(), d.templateIdOfRequest(), d.message());
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static Connected connected(final byte[] message)
    {
        final ConnectResponseDecoder d = new ConnectResponseDecoder();
        checkHeader(message, ConnectResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final long correlationId = d.correlationId();
        final ResultCode code = d.code();
        final long zxid = d.zxid();
        final long sessionId = d.sessionId();
        final int timeoutMs = d.negotiatedTimeoutMs();
        final byte[] password = new byte[d.passwordLength()];
        d.getPassword(password, 0, password.length);
        final Connected value = new Connected(correlationId, code, zxid, sessionId, timeoutMs, password);
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static SessionEventValue sessionEvent(final byte[] message)
    {
        final SessionEventDecoder d = new SessionEventDecoder();
        checkHeader(message, SessionEventDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final SessionEventValue value = new SessionEventValue(d.sessionId(), d.zxid(), d.state());
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static Reply keepAliveReply(final byte[] message)
    {
        final KeepAliveResponseDecoder d = new KeepAliveResponseDecoder();
        checkHeader(message, KeepAliveResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final Reply value = new Reply(d.correlationId(), d.code(), d.zxid());
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static KeepAliveReply keepAliveWithSequence(final byte[] message)
    {
        final KeepAliveResponseDecoder d = new KeepAliveResponseDecoder();
        checkHeader(message, KeepAliveResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final KeepAliveReply value = new KeepAliveReply(d.correlationId(), d.code(), d.zxid(), d.eventSequence());
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static Reply addWatchReply(final byte[] message)
    {
        final AddWatchResponseDecoder d = new AddWatchResponseDecoder();
        checkHeader(message, AddWatchResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final Reply value = new Reply(d.correlationId(), d.code(), d.zxid());
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static Reply removeWatchesReply(final byte[] message)
    {
        final RemoveWatchesResponseDecoder d = new RemoveWatchesResponseDecoder();
        checkHeader(message, RemoveWatchesResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final Reply value = new Reply(d.correlationId(), d.code(), d.zxid());
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static WatchEventValue watchEvent(final byte[] message)
    {
        final WatchEventDecoder d = new WatchEventDecoder();
        checkHeader(message, WatchEventDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final long zxid = d.zxid();
        final long sequence = d.sequence();
        final EventType eventType = d.eventType();
        final WatchEventValue value = new WatchEventValue(zxid, sequence, eventType, d.path());
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    /**
     * @return the WatchEvents among these messages, decoded, in order; other messages are skipped.
     */
    static List<WatchEventValue> watchEvents(final List<byte[]> messages)
    {
        final List<WatchEventValue> events = new ArrayList<>();
        for (final byte[] message : messages)
        {
            if (WatchEventDecoder.TEMPLATE_ID == templateId(message))
            {
                events.add(watchEvent(message));
            }
        }
        return events;
    }

    /**
     * @return the messages that are not WatchEvents, in order.
     */
    static List<byte[]> withoutWatchEvents(final List<byte[]> messages)
    {
        final List<byte[]> others = new ArrayList<>();
        for (final byte[] message : messages)
        {
            if (WatchEventDecoder.TEMPLATE_ID != templateId(message))
            {
                others.add(message);
            }
        }
        return others;
    }

    static Reply closeReply(final byte[] message)
    {
        final CloseSessionResponseDecoder d = new CloseSessionResponseDecoder();
        checkHeader(message, CloseSessionResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final Reply value = new Reply(d.correlationId(), d.code(), d.zxid());
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static Reply deleted(final byte[] message)
    {
        final DeleteResponseDecoder d = new DeleteResponseDecoder();
        checkHeader(message, DeleteResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final Reply value = new Reply(d.correlationId(), d.code(), d.zxid());
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static Created created(final byte[] message)
    {
        final CreateResponseDecoder d = new CreateResponseDecoder();
        checkHeader(message, CreateResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final long correlationId = d.correlationId();
        final ResultCode code = d.code();
        final long zxid = d.zxid();
        final StatValue stat = StatValue.of(d.stat());
        final Created value = new Created(correlationId, code, zxid, stat, d.path());
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static StatReply existsReply(final byte[] message)
    {
        final ExistsResponseDecoder d = new ExistsResponseDecoder();
        checkHeader(message, ExistsResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final StatReply value = new StatReply(d.correlationId(), d.code(), d.zxid(), StatValue.of(d.stat()));
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static StatReply setDataReply(final byte[] message)
    {
        final SetDataResponseDecoder d = new SetDataResponseDecoder();
        checkHeader(message, SetDataResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final StatReply value = new StatReply(d.correlationId(), d.code(), d.zxid(), StatValue.of(d.stat()));
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static StatReply setAclReply(final byte[] message)
    {
        final SetACLResponseDecoder d = new SetACLResponseDecoder();
        checkHeader(message, SetACLResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final StatReply value = new StatReply(d.correlationId(), d.code(), d.zxid(), StatValue.of(d.stat()));
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static DataReply dataReply(final byte[] message)
    {
        final GetDataResponseDecoder d = new GetDataResponseDecoder();
        checkHeader(message, GetDataResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final long correlationId = d.correlationId();
        final ResultCode code = d.code();
        final long zxid = d.zxid();
        final StatValue stat = StatValue.of(d.stat());
        final byte[] data = new byte[d.dataLength()];
        d.getData(data, 0, data.length);
        final DataReply value = new DataReply(correlationId, code, zxid, stat, new String(data, StandardCharsets.UTF_8));
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static Children children(final byte[] message)
    {
        final GetChildrenResponseDecoder d = new GetChildrenResponseDecoder();
        checkHeader(message, GetChildrenResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final long correlationId = d.correlationId();
        final ResultCode code = d.code();
        final long zxid = d.zxid();
        final StatValue stat = StatValue.of(d.stat());
        final List<String> names = new ArrayList<>();
        for (final GetChildrenResponseDecoder.ChildrenDecoder child : d.children())
        {
            names.add(child.name());
        }
        final Children value = new Children(correlationId, code, zxid, stat, names);
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static Count count(final byte[] message)
    {
        final GetAllChildrenNumberResponseDecoder d = new GetAllChildrenNumberResponseDecoder();
        checkHeader(message, GetAllChildrenNumberResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final Count value = new Count(d.correlationId(), d.code(), d.zxid(), d.totalNumber());
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static PathList ephemerals(final byte[] message)
    {
        final GetEphemeralsResponseDecoder d = new GetEphemeralsResponseDecoder();
        checkHeader(message, GetEphemeralsResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final long correlationId = d.correlationId();
        final ResultCode code = d.code();
        final long zxid = d.zxid();
        final List<String> paths = new ArrayList<>();
        for (final GetEphemeralsResponseDecoder.PathsDecoder entry : d.paths())
        {
            paths.add(entry.path());
        }
        final PathList value = new PathList(correlationId, code, zxid, paths);
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static AclReply aclReply(final byte[] message)
    {
        final GetACLResponseDecoder d = new GetACLResponseDecoder();
        checkHeader(message, GetACLResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final long correlationId = d.correlationId();
        final ResultCode code = d.code();
        final long zxid = d.zxid();
        final StatValue stat = StatValue.of(d.stat());
        final List<Acl> acls = new ArrayList<>();
        for (final GetACLResponseDecoder.AclsDecoder entry : d.acls())
        {
            final int perms = entry.perms();
            final String scheme = entry.scheme();
            acls.add(new Acl(perms, scheme, entry.id()));
        }
        final AclReply value = new AclReply(correlationId, code, zxid, stat, acls);
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static Synced synced(final byte[] message)
    {
        final SyncResponseDecoder d = new SyncResponseDecoder();
        checkHeader(message, SyncResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final long correlationId = d.correlationId();
        final ResultCode code = d.code();
        final long zxid = d.zxid();
        final Synced value = new Synced(correlationId, code, zxid, d.path());
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static MultiReply multiReply(final byte[] message)
    {
        final MultiResponseDecoder d = new MultiResponseDecoder();
        checkHeader(message, MultiResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final long correlationId = d.correlationId();
        final ResultCode code = d.code();
        final long zxid = d.zxid();
        final List<OpResult> results = new ArrayList<>();
        for (final MultiResponseDecoder.ResultsDecoder result : d.results())
        {
            final OpType type = result.opType();
            final ResultCode opCode = result.code();
            final StatValue stat = StatValue.of(result.stat());
            results.add(new OpResult(type, opCode, stat, result.path()));
        }
        final MultiReply value = new MultiReply(correlationId, code, zxid, results);
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    private static void checkHeader(final byte[] message, final int expectedTemplateId, final int expectedBlockLength)
    {
        assertEquals(expectedTemplateId, templateId(message), "template id");
        assertEquals(expectedBlockLength, blockLength(message), "block length");
    }

    private static void assertFullyRead(final byte[] message, final int bodyLength)
    {
        assertEquals(message.length, HEADER_LENGTH + bodyLength, "message length");
    }

    private static int blockLength(final byte[] message)
    {
        return new MessageHeaderDecoder().wrap(new UnsafeBuffer(message), 0).blockLength();
    }
}
