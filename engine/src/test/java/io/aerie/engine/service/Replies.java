package io.aerie.engine.service;

import io.aerie.codecs.BooleanType;
import io.aerie.codecs.AddWatchResponseDecoder;
import io.aerie.codecs.CloseSessionResponseDecoder;
import io.aerie.codecs.ConnectResponseDecoder;
import io.aerie.codecs.CreateResponseDecoder;
import io.aerie.codecs.DeleteResponseDecoder;
import io.aerie.codecs.ErrorResponseDecoder;
import io.aerie.codecs.EventType;
import io.aerie.codecs.ExistsResponseDecoder;
import io.aerie.codecs.GetACLResponseDecoder;
import io.aerie.codecs.GetAllChildrenNumberResponseDecoder;
import io.aerie.codecs.GetChildrenResponseDecoder;
import io.aerie.codecs.GetDataResponseDecoder;
import io.aerie.codecs.GetEphemeralsResponseDecoder;
import io.aerie.codecs.KeepAliveResponseDecoder;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MultiResponseDecoder;
import io.aerie.codecs.OpType;
import io.aerie.codecs.RemoveWatchesResponseDecoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionEventDecoder;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.SetACLResponseDecoder;
import io.aerie.codecs.SetDataResponseDecoder;
import io.aerie.codecs.StatDecoder;
import io.aerie.codecs.SyncResponseDecoder;
import io.aerie.codecs.WatchEventDecoder;
import io.aerie.engine.service.Wire.Acl;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.aerie.engine.service.Wire.HEADER_LENGTH;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The response side of the wire for service tests: decodes a captured response or event, after checking its
 * header, into a plain value. Requests are encoded by {@link Wire}.
 */
final class Replies
{
    private Replies()
    {
    }

    // ------------------------------------------------------------------------------------------------------------
    // Values

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
    record Connected(
        long correlationId, ResultCode code, long zxid, long sessionId, int timeoutMs, byte[] password, long eventSequence)
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
    /** A getData answer; {@code data} is null when the znode's data is null. */
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

    // ------------------------------------------------------------------------------------------------------------
    // Decoders

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
        final long eventSequence = d.eventSequence();
        final Connected value = new Connected(correlationId, code, zxid, sessionId, timeoutMs, password, eventSequence);
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    static Reply addAuthReply(final byte[] message)
    {
        final io.aerie.codecs.AddAuthResponseDecoder d = new io.aerie.codecs.AddAuthResponseDecoder();
        checkHeader(message, io.aerie.codecs.AddAuthResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        final Reply value = new Reply(d.correlationId(), d.code(), d.zxid());
        assertFullyRead(message, d.encodedLength());
        return value;
    }

    /**
     * @return the identities of a WhoAmIResponse as "scheme:user", in order.
     */
    static List<String> whoAmI(final byte[] message)
    {
        final io.aerie.codecs.WhoAmIResponseDecoder d = new io.aerie.codecs.WhoAmIResponseDecoder();
        checkHeader(message, io.aerie.codecs.WhoAmIResponseDecoder.TEMPLATE_ID, d.sbeBlockLength());
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), 0);
        assertEquals(ResultCode.OK, d.code());
        final List<String> infos = new java.util.ArrayList<>();
        for (final io.aerie.codecs.WhoAmIResponseDecoder.ClientInfosDecoder info : d.clientInfos())
        {
            infos.add(info.authScheme() + ":" + info.user());
        }
        assertFullyRead(message, d.encodedLength());
        return infos;
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
        d.wrap(new UnsafeBuffer(message), HEADER_LENGTH, blockLength(message), GetDataResponseDecoder.SCHEMA_VERSION);
        final long correlationId = d.correlationId();
        final ResultCode code = d.code();
        final long zxid = d.zxid();
        final StatValue stat = StatValue.of(d.stat());
        final boolean isDataNull = BooleanType.TRUE == d.dataIsNull();
        final byte[] data = new byte[d.dataLength()];
        d.getData(data, 0, data.length);
        final DataReply value = new DataReply(
            correlationId, code, zxid, stat, isDataNull ? null : new String(data, StandardCharsets.UTF_8));
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
