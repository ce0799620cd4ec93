package io.aerie.client;

import io.aerie.codecs.BooleanType;
import io.aerie.codecs.ConnectResponseDecoder;
import io.aerie.codecs.CreateResponseDecoder;
import io.aerie.codecs.DigestResponseDecoder;
import io.aerie.codecs.ErrorResponseDecoder;
import io.aerie.codecs.ExistsResponseDecoder;
import io.aerie.codecs.GetACLResponseDecoder;
import io.aerie.codecs.GetAllChildrenNumberResponseDecoder;
import io.aerie.codecs.GetChildrenResponseDecoder;
import io.aerie.codecs.GetDataResponseDecoder;
import io.aerie.codecs.GetEphemeralsResponseDecoder;
import io.aerie.codecs.KeepAliveResponseDecoder;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MultiResponseDecoder;
import io.aerie.codecs.RequestTypes;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SetACLResponseDecoder;
import io.aerie.codecs.SetDataResponseDecoder;
import io.aerie.codecs.StatDecoder;
import io.aerie.codecs.SyncResponseDecoder;
import io.aerie.codecs.WhoAmIResponseDecoder;
import io.aerie.codecs.model.Stat;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Decodes a response message into a {@link Response}. Every response starts with correlationId, code and
 * zxid; the rest depends on the template.
 */
final class ResponseDecoder
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ConnectResponseDecoder connect = new ConnectResponseDecoder();
    private final KeepAliveResponseDecoder keepAlive = new KeepAliveResponseDecoder();
    private final CreateResponseDecoder create = new CreateResponseDecoder();
    private final ExistsResponseDecoder exists = new ExistsResponseDecoder();
    private final GetDataResponseDecoder getData = new GetDataResponseDecoder();
    private final SetDataResponseDecoder setData = new SetDataResponseDecoder();
    private final GetChildrenResponseDecoder getChildren = new GetChildrenResponseDecoder();
    private final GetAllChildrenNumberResponseDecoder allChildren = new GetAllChildrenNumberResponseDecoder();
    private final GetEphemeralsResponseDecoder ephemerals = new GetEphemeralsResponseDecoder();
    private final GetACLResponseDecoder getAcl = new GetACLResponseDecoder();
    private final SetACLResponseDecoder setAcl = new SetACLResponseDecoder();
    private final SyncResponseDecoder sync = new SyncResponseDecoder();
    private final MultiResponseDecoder multi = new MultiResponseDecoder();
    private final ErrorResponseDecoder error = new ErrorResponseDecoder();
    private final DigestResponseDecoder digest = new DigestResponseDecoder();
    private final WhoAmIResponseDecoder whoAmI = new WhoAmIResponseDecoder();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer view2 = new UnsafeBuffer(0, 0);
    private final Chroot chroot;

    ResponseDecoder()
    {
        this(Chroot.NONE);
    }

    ResponseDecoder(final Chroot chroot)
    {
        this.chroot = chroot;
    }

    /**
     * Decode a response into {@code out}: correlationId, code and zxid, which every response carries at the same
     * offsets ({@link RequestTypes}), then what its template adds.
     *
     * @return true if the message was a response (it has a correlation id); false for anything else.
     */
    boolean decode(final DirectBuffer buffer, final int offset, final Response out)
    {
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (MessageHeaderDecoder.SCHEMA_ID != header.schemaId() || !RequestTypes.isResponse(templateId))
        {
            return false;
        }
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        if (ErrorResponseDecoder.TEMPLATE_ID == templateId)
        {
            error.wrap(buffer, body, blockLength, version);
            out.reset(error.templateIdOfRequest(), error.correlationId(), error.code(), error.zxid());
            return true;
        }
        out.reset(
            templateId,
            buffer.getLong(body + RequestTypes.RESPONSE_CORRELATION_ID_OFFSET, ByteOrder.LITTLE_ENDIAN),
            ResultCode.get(buffer.getShort(body + RequestTypes.RESPONSE_CODE_OFFSET, ByteOrder.LITTLE_ENDIAN)),
            buffer.getLong(body + RequestTypes.RESPONSE_ZXID_OFFSET, ByteOrder.LITTLE_ENDIAN));
        decodeFields(templateId, buffer, body, blockLength, version, out);
        return true;
    }

    /**
     * What a response carries beyond correlationId, code and zxid. Templates that carry nothing more are not here.
     */
    private void decodeFields(
        final int templateId, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final Response out)
    {
        switch (templateId)
        {
            case ConnectResponseDecoder.TEMPLATE_ID:
                connect.wrap(buffer, body, blockLength, version);
                out.sessionId = connect.sessionId();
                out.negotiatedTimeoutMs = connect.negotiatedTimeoutMs();
                out.eventSequence = connect.eventSequence();
                connect.wrapPassword(view);
                out.passwordLength = Math.min(view.capacity(), out.password.length);
                view.getBytes(0, out.password, 0, out.passwordLength);
                break;
            case WhoAmIResponseDecoder.TEMPLATE_ID:
                whoAmI.wrap(buffer, body, blockLength, version);
                // Scheme and user of each identity, one after the other.
                for (final WhoAmIResponseDecoder.ClientInfosDecoder info : whoAmI.clientInfos())
                {
                    info.wrapAuthScheme(view);
                    out.names.add(view, 0, view.capacity());
                    info.wrapUser(view);
                    out.names.add(view, 0, view.capacity());
                }
                break;
            case KeepAliveResponseDecoder.TEMPLATE_ID:
                out.eventSequence = keepAlive.wrap(buffer, body, blockLength, version).eventSequence();
                break;
            case CreateResponseDecoder.TEMPLATE_ID:
                create.wrap(buffer, body, blockLength, version);
                readStat(create.stat(), out.stat);
                create.wrapPath(view);
                chroot.decode(view, 0, view.capacity(), out.path);
                break;
            case ExistsResponseDecoder.TEMPLATE_ID:
                readStat(exists.wrap(buffer, body, blockLength, version).stat(), out.stat);
                break;
            case GetDataResponseDecoder.TEMPLATE_ID:
                getData.wrap(buffer, body, blockLength, version);
                readStat(getData.stat(), out.stat);
                out.isDataNull = blockLength > GetDataResponseDecoder.dataIsNullEncodingOffset() &&
                    BooleanType.TRUE.value() == getData.dataIsNullRaw();
                getData.wrapData(view);
                out.data.putBytes(0, view, 0, view.capacity());
                out.dataLength = view.capacity();
                break;
            case SetDataResponseDecoder.TEMPLATE_ID:
                readStat(setData.wrap(buffer, body, blockLength, version).stat(), out.stat);
                break;
            case GetChildrenResponseDecoder.TEMPLATE_ID:
                decodeChildren(buffer, body, blockLength, version, out);
                break;
            case GetAllChildrenNumberResponseDecoder.TEMPLATE_ID:
                out.count = allChildren.wrap(buffer, body, blockLength, version).totalNumber();
                break;
            case GetEphemeralsResponseDecoder.TEMPLATE_ID:
                ephemerals.wrap(buffer, body, blockLength, version);
                for (final GetEphemeralsResponseDecoder.PathsDecoder entry : ephemerals.paths())
                {
                    entry.wrapPath(view);
                    out.names.add(view, 0, view.capacity());
                }
                break;
            case GetACLResponseDecoder.TEMPLATE_ID:
                decodeAcl(buffer, body, blockLength, version, out);
                break;
            case SetACLResponseDecoder.TEMPLATE_ID:
                readStat(setAcl.wrap(buffer, body, blockLength, version).stat(), out.stat);
                break;
            case SyncResponseDecoder.TEMPLATE_ID:
                sync.wrap(buffer, body, blockLength, version);
                sync.wrapPath(view);
                chroot.decode(view, 0, view.capacity(), out.path);
                break;
            case MultiResponseDecoder.TEMPLATE_ID:
                decodeMulti(buffer, body, blockLength, version, out);
                break;
            case DigestResponseDecoder.TEMPLATE_ID:
                digest.wrap(buffer, body, blockLength, version);
                out.digest = digest.digest();
                out.count = digest.znodeCount();
                break;
            default:
                // Delete, CloseSession, AddAuth, AddWatch, RemoveWatches: correlationId, code and zxid only.
                break;
        }
    }

    private void decodeChildren(
        final DirectBuffer buffer, final int body, final int blockLength, final int version, final Response out)
    {
        getChildren.wrap(buffer, body, blockLength, version);
        readStat(getChildren.stat(), out.stat);
        for (final GetChildrenResponseDecoder.ChildrenDecoder child : getChildren.children())
        {
            child.wrapName(view);
            out.names.add(view, 0, view.capacity());
        }
    }

    private void decodeAcl(final DirectBuffer buffer, final int body, final int blockLength, final int version, final Response out)
    {
        getAcl.wrap(buffer, body, blockLength, version);
        readStat(getAcl.stat(), out.stat);
        for (final GetACLResponseDecoder.AclsDecoder entry : getAcl.acls())
        {
            final int perms = entry.perms();
            entry.wrapScheme(view);
            entry.wrapId(view2);
            out.acl.add(perms, view, 0, view.capacity(), view2, 0, view2.capacity());
        }
    }

    private void decodeMulti(final DirectBuffer buffer, final int body, final int blockLength, final int version, final Response out)
    {
        multi.wrap(buffer, body, blockLength, version);
        final MultiResponseDecoder.ResultsDecoder results = multi.results();
        out.ensureMultiCapacity(results.count());
        for (final MultiResponseDecoder.ResultsDecoder result : results)
        {
            final int index = out.multiCount++;
            out.multiOpTypes[index] = result.opType();
            out.multiCodes[index] = result.code();
            readStat(result.stat(), out.multiStats[index]);
            result.wrapPath(view);
            // Not stripped of the chroot: ZooKeeper 3.9's client does not strip multi's created paths either.
            out.names.add(view, 0, view.capacity());
        }
    }

    private static void readStat(final StatDecoder decoder, final Stat stat)
    {
        stat.set(decoder.czxid(), decoder.mzxid(), decoder.pzxid(), decoder.ctime(), decoder.mtime(), decoder.version(),
            decoder.cversion(), decoder.aversion(), decoder.ephemeralOwner(), decoder.dataLength(), decoder.numChildren());
    }
}
