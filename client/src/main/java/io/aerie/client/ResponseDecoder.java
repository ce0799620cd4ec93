package io.aerie.client;

import io.aerie.codecs.BooleanType;
import io.aerie.codecs.AddWatchResponseDecoder;
import io.aerie.codecs.CloseSessionResponseDecoder;
import io.aerie.codecs.ConnectResponseDecoder;
import io.aerie.codecs.CreateResponseDecoder;
import io.aerie.codecs.DeleteResponseDecoder;
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
import io.aerie.codecs.RemoveWatchesResponseDecoder;
import io.aerie.codecs.SetACLResponseDecoder;
import io.aerie.codecs.SetDataResponseDecoder;
import io.aerie.codecs.StatDecoder;
import io.aerie.codecs.SyncResponseDecoder;
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
    private final CloseSessionResponseDecoder closeSession = new CloseSessionResponseDecoder();
    private final CreateResponseDecoder create = new CreateResponseDecoder();
    private final DeleteResponseDecoder delete = new DeleteResponseDecoder();
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
    private final io.aerie.codecs.DigestResponseDecoder digest = new io.aerie.codecs.DigestResponseDecoder();
    private final AddWatchResponseDecoder addWatch = new AddWatchResponseDecoder();
    private final io.aerie.codecs.AddAuthResponseDecoder addAuth = new io.aerie.codecs.AddAuthResponseDecoder();
    private final io.aerie.codecs.WhoAmIResponseDecoder whoAmI = new io.aerie.codecs.WhoAmIResponseDecoder();
    private final RemoveWatchesResponseDecoder removeWatches = new RemoveWatchesResponseDecoder();
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
     * Decode a response into {@code out}.
     *
     * @return true if the message was a response (it has a correlation id); false for anything else.
     */
    boolean decode(final DirectBuffer buffer, final int offset, final Response out)
    {
        header.wrap(buffer, offset);
        if (MessageHeaderDecoder.SCHEMA_ID != header.schemaId())
        {
            return false;
        }
        final int templateId = header.templateId();
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (templateId)
        {
            case ConnectResponseDecoder.TEMPLATE_ID:
                connect.wrap(buffer, body, blockLength, version);
                out.reset(templateId, connect.correlationId(), connect.code(), connect.zxid());
                out.sessionId = connect.sessionId();
                out.negotiatedTimeoutMs = connect.negotiatedTimeoutMs();
                out.eventSequence = connect.eventSequence();
                connect.wrapPassword(view);
                out.passwordLength = Math.min(view.capacity(), out.password.length);
                view.getBytes(0, out.password, 0, out.passwordLength);
                return true;
            case io.aerie.codecs.AddAuthResponseDecoder.TEMPLATE_ID:
                addAuth.wrap(buffer, body, blockLength, version);
                out.reset(templateId, addAuth.correlationId(), addAuth.code(), addAuth.zxid());
                return true;
            case io.aerie.codecs.WhoAmIResponseDecoder.TEMPLATE_ID:
                whoAmI.wrap(buffer, body, blockLength, version);
                out.reset(templateId, whoAmI.correlationId(), whoAmI.code(), whoAmI.zxid());
                // Scheme and user of each identity, one after the other.
                for (final io.aerie.codecs.WhoAmIResponseDecoder.ClientInfosDecoder info : whoAmI.clientInfos())
                {
                    info.wrapAuthScheme(view);
                    out.names.add(view, 0, view.capacity());
                    info.wrapUser(view);
                    out.names.add(view, 0, view.capacity());
                }
                return true;
            case KeepAliveResponseDecoder.TEMPLATE_ID:
                keepAlive.wrap(buffer, body, blockLength, version);
                out.reset(templateId, keepAlive.correlationId(), keepAlive.code(), keepAlive.zxid());
                out.eventSequence = keepAlive.eventSequence();
                return true;
            case CloseSessionResponseDecoder.TEMPLATE_ID:
                closeSession.wrap(buffer, body, blockLength, version);
                out.reset(templateId, closeSession.correlationId(), closeSession.code(), closeSession.zxid());
                return true;
            case CreateResponseDecoder.TEMPLATE_ID:
                create.wrap(buffer, body, blockLength, version);
                out.reset(templateId, create.correlationId(), create.code(), create.zxid());
                readStat(create.stat(), out.stat);
                create.wrapPath(view);
                chroot.decode(view, 0, view.capacity(), out.path);
                return true;
            case DeleteResponseDecoder.TEMPLATE_ID:
                delete.wrap(buffer, body, blockLength, version);
                out.reset(templateId, delete.correlationId(), delete.code(), delete.zxid());
                return true;
            case ExistsResponseDecoder.TEMPLATE_ID:
                exists.wrap(buffer, body, blockLength, version);
                out.reset(templateId, exists.correlationId(), exists.code(), exists.zxid());
                readStat(exists.stat(), out.stat);
                return true;
            case GetDataResponseDecoder.TEMPLATE_ID:
                getData.wrap(buffer, body, blockLength, version);
                out.reset(templateId, getData.correlationId(), getData.code(), getData.zxid());
                readStat(getData.stat(), out.stat);
                out.isDataNull = blockLength > GetDataResponseDecoder.dataIsNullEncodingOffset() &&
                    BooleanType.TRUE.value() == getData.dataIsNullRaw();
                getData.wrapData(view);
                out.data.putBytes(0, view, 0, view.capacity());
                out.dataLength = view.capacity();
                return true;
            case SetDataResponseDecoder.TEMPLATE_ID:
                setData.wrap(buffer, body, blockLength, version);
                out.reset(templateId, setData.correlationId(), setData.code(), setData.zxid());
                readStat(setData.stat(), out.stat);
                return true;
            case GetChildrenResponseDecoder.TEMPLATE_ID:
                decodeChildren(buffer, body, blockLength, version, out);
                return true;
            case GetAllChildrenNumberResponseDecoder.TEMPLATE_ID:
                allChildren.wrap(buffer, body, blockLength, version);
                out.reset(templateId, allChildren.correlationId(), allChildren.code(), allChildren.zxid());
                out.count = allChildren.totalNumber();
                return true;
            case GetEphemeralsResponseDecoder.TEMPLATE_ID:
                ephemerals.wrap(buffer, body, blockLength, version);
                out.reset(templateId, ephemerals.correlationId(), ephemerals.code(), ephemerals.zxid());
                for (final GetEphemeralsResponseDecoder.PathsDecoder entry : ephemerals.paths())
                {
                    entry.wrapPath(view);
                    out.names.add(view, 0, view.capacity());
                }
                return true;
            case GetACLResponseDecoder.TEMPLATE_ID:
                decodeAcl(buffer, body, blockLength, version, out);
                return true;
            case SetACLResponseDecoder.TEMPLATE_ID:
                setAcl.wrap(buffer, body, blockLength, version);
                out.reset(templateId, setAcl.correlationId(), setAcl.code(), setAcl.zxid());
                readStat(setAcl.stat(), out.stat);
                return true;
            case SyncResponseDecoder.TEMPLATE_ID:
                sync.wrap(buffer, body, blockLength, version);
                out.reset(templateId, sync.correlationId(), sync.code(), sync.zxid());
                sync.wrapPath(view);
                chroot.decode(view, 0, view.capacity(), out.path);
                return true;
            case MultiResponseDecoder.TEMPLATE_ID:
                decodeMulti(buffer, body, blockLength, version, out);
                return true;
            case io.aerie.codecs.DigestResponseDecoder.TEMPLATE_ID:
                digest.wrap(buffer, body, blockLength, version);
                out.reset(templateId, digest.correlationId(), digest.code(), digest.zxid());
                out.digest = digest.digest();
                out.count = digest.znodeCount();
                return true;
            case AddWatchResponseDecoder.TEMPLATE_ID:
                addWatch.wrap(buffer, body, blockLength, version);
                out.reset(templateId, addWatch.correlationId(), addWatch.code(), addWatch.zxid());
                return true;
            case RemoveWatchesResponseDecoder.TEMPLATE_ID:
                removeWatches.wrap(buffer, body, blockLength, version);
                out.reset(templateId, removeWatches.correlationId(), removeWatches.code(), removeWatches.zxid());
                return true;
            case ErrorResponseDecoder.TEMPLATE_ID:
                error.wrap(buffer, body, blockLength, version);
                out.reset(error.templateIdOfRequest(), error.correlationId(), error.code(), error.zxid());
                return true;
            default:
                return false;
        }
    }

    private void decodeChildren(
        final DirectBuffer buffer, final int body, final int blockLength, final int version, final Response out)
    {
        getChildren.wrap(buffer, body, blockLength, version);
        out.reset(GetChildrenResponseDecoder.TEMPLATE_ID, getChildren.correlationId(), getChildren.code(), getChildren.zxid());
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
        out.reset(GetACLResponseDecoder.TEMPLATE_ID, getAcl.correlationId(), getAcl.code(), getAcl.zxid());
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
        out.reset(MultiResponseDecoder.TEMPLATE_ID, multi.correlationId(), multi.code(), multi.zxid());
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
