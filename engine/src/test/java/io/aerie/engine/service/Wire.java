package io.aerie.engine.service;

import io.aerie.codecs.AddWatchRequestEncoder;
import io.aerie.codecs.CloseSessionRequestEncoder;
import io.aerie.codecs.ConnectRequestEncoder;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.CreateRequestEncoder;
import io.aerie.codecs.DeleteRequestEncoder;
import io.aerie.codecs.ExistsRequestEncoder;
import io.aerie.codecs.BooleanType;
import io.aerie.codecs.GetACLRequestEncoder;
import io.aerie.codecs.GetAllChildrenNumberRequestEncoder;
import io.aerie.codecs.GetChildrenRequestEncoder;
import io.aerie.codecs.GetDataRequestEncoder;
import io.aerie.codecs.GetEphemeralsRequestEncoder;
import io.aerie.codecs.KeepAliveRequestEncoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.MultiRequestEncoder;
import io.aerie.codecs.OpType;
import io.aerie.codecs.RemoveWatchesRequestEncoder;
import io.aerie.codecs.SetACLRequestEncoder;
import io.aerie.codecs.SetDataRequestEncoder;
import io.aerie.codecs.SyncRequestEncoder;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import io.aerie.codecs.model.AclList;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of the wire for service tests: encodes each request with the generated encoders into a
 * fresh byte array. Captured responses and events are decoded by {@link Replies}.
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

    /**
     * @return the UTF-8 bytes, or null for null (null data).
     */
    static byte[] utf8(final String text)
    {
        return null == text ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Rewrite a message as an encoder of schema version 0 wrote it: header version 0 and the fixed block cut to
     * its version 0 length, dropping the fields appended since (they sit at the block's end).
     */
    static byte[] asVersion0(final byte[] message, final int version0BlockLength)
    {
        final UnsafeBuffer in = new UnsafeBuffer(message);
        final int blockLength = in.getShort(0, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int dropped = blockLength - version0BlockLength;
        final byte[] old = new byte[message.length - dropped];
        System.arraycopy(message, 0, old, 0, HEADER_LENGTH + version0BlockLength);
        System.arraycopy(message, HEADER_LENGTH + blockLength, old, HEADER_LENGTH + version0BlockLength,
            message.length - HEADER_LENGTH - blockLength);
        new MessageHeaderEncoder().wrap(new UnsafeBuffer(old), 0)
            .blockLength(version0BlockLength)
            .templateId(in.getShort(2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF)
            .schemaId(in.getShort(4, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF)
            .version(0);
        return old;
    }

    private static BooleanType nullFlag(final byte[] data)
    {
        return null == data ? BooleanType.TRUE : BooleanType.FALSE;
    }

    private static int lengthOf(final byte[] data)
    {
        return null == data ? 0 : data.length;
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

    byte[] connect(
        final long correlationId, final long sessionId, final int timeoutMs, final byte[] password, final String... auth)
    {
        final ConnectRequestEncoder encoder = new ConnectRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .lastZxidSeen(0)
            .sessionId(sessionId)
            .requestedTimeoutMs(timeoutMs);
        final ConnectRequestEncoder.AuthEncoder entries = encoder.authCount(auth.length / 2);
        for (int i = 0; i + 1 < auth.length; i += 2)
        {
            final byte[] data = utf8(auth[i + 1]);
            entries.next().scheme(auth[i]).putData(data, 0, data.length);
        }
        encoder.putPassword(password, 0, password.length);
        return copy(encoder.encodedLength());
    }

    byte[] addAuth(final long correlationId, final String scheme, final String auth)
    {
        final byte[] bytes = utf8(auth);
        return copy(new io.aerie.codecs.AddAuthRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .scheme(scheme)
            .putAuth(bytes, 0, bytes.length)
            .encodedLength());
    }

    byte[] whoAmI(final long correlationId)
    {
        return copy(new io.aerie.codecs.WhoAmIRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).encodedLength());
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
            .mode(mode)
            .dataIsNull(nullFlag(data));
        final CreateRequestEncoder.AclsEncoder entries = encoder.aclsCount(acls.size());
        for (final Acl acl : acls)
        {
            entries.next().perms(acl.perms()).scheme(acl.scheme()).id(acl.id());
        }
        encoder.putPath(path, 0, path.length).putData(null == data ? new byte[0] : data, 0, lengthOf(data));
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
            .dataIsNull(nullFlag(data))
            .putPath(path, 0, path.length)
            .putData(null == data ? new byte[0] : data, 0, lengthOf(data))
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
                .dataIsNull(nullFlag(op.data()))
                .putPath(op.path(), 0, op.path().length)
                .putData(null == op.data() ? new byte[0] : op.data(), 0, lengthOf(op.data()));
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
}
