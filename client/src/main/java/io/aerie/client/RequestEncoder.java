package io.aerie.client;

import io.aerie.codecs.AddWatchRequestEncoder;
import io.aerie.codecs.BooleanType;
import io.aerie.codecs.CloseSessionRequestEncoder;
import io.aerie.codecs.ConnectRequestEncoder;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.CreateRequestEncoder;
import io.aerie.codecs.DeleteRequestEncoder;
import io.aerie.codecs.ExistsRequestEncoder;
import io.aerie.codecs.GetACLRequestEncoder;
import io.aerie.codecs.GetAllChildrenNumberRequestEncoder;
import io.aerie.codecs.GetChildrenRequestEncoder;
import io.aerie.codecs.GetDataRequestEncoder;
import io.aerie.codecs.GetEphemeralsRequestEncoder;
import io.aerie.codecs.KeepAliveRequestEncoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.RemoveWatchesRequestEncoder;
import io.aerie.codecs.SetACLRequestEncoder;
import io.aerie.codecs.SetDataRequestEncoder;
import io.aerie.codecs.SyncRequestEncoder;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.SessionCredentials;
import io.aerie.codecs.model.Paths;
import io.aerie.codecs.model.Utf8;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Encodes requests into one reusable buffer. Each method returns the encoded length from offset 0 of
 * {@link #buffer()}. Paths are encoded as UTF-8 without allocation, behind the {@link Chroot} if there is one
 * (except getEphemerals' prefix: ZooKeeper 3.9's client does not chroot it). Each client path is first checked as
 * ZooKeeper's client checks it ({@link Paths#validate}): an invalid one throws {@link IllegalArgumentException} on the
 * caller's thread and nothing is sent.
 */
final class RequestEncoder
{
    /** Length of the session header that precedes every request in {@link #buffer()}. */
    static final int SESSION_HEADER_LENGTH = SessionCredentials.SESSION_HEADER_LENGTH;
    private static final int TOKEN_OFFSET = SessionCredentials.TOKEN_OFFSET;
    /** The session header and the request's message header: what precedes a request's own fields. */
    private static final int HEADER = SESSION_HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH;
    private static final DirectBuffer NO_DATA = new org.agrona.concurrent.UnsafeBuffer(new byte[0]);

    /** Length of a session password. */
    static final int PASSWORD_LENGTH = 16;

    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(4096);
    private final ExpandableArrayBuffer utf8 = new ExpandableArrayBuffer(256);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ConnectRequestEncoder connect = new ConnectRequestEncoder();
    private final io.aerie.codecs.AddAuthRequestEncoder addAuth = new io.aerie.codecs.AddAuthRequestEncoder();
    private final io.aerie.codecs.WhoAmIRequestEncoder whoAmI = new io.aerie.codecs.WhoAmIRequestEncoder();
    private final java.util.List<String> authSchemes = new java.util.ArrayList<>();
    private final java.util.List<byte[]> authData = new java.util.ArrayList<>();
    private final KeepAliveRequestEncoder keepAlive = new KeepAliveRequestEncoder();
    private final CloseSessionRequestEncoder closeSession = new CloseSessionRequestEncoder();
    private final CreateRequestEncoder create = new CreateRequestEncoder();
    private final DeleteRequestEncoder delete = new DeleteRequestEncoder();
    private final ExistsRequestEncoder exists = new ExistsRequestEncoder();
    private final GetDataRequestEncoder getData = new GetDataRequestEncoder();
    private final SetDataRequestEncoder setData = new SetDataRequestEncoder();
    private final GetChildrenRequestEncoder getChildren = new GetChildrenRequestEncoder();
    private final GetAllChildrenNumberRequestEncoder allChildren = new GetAllChildrenNumberRequestEncoder();
    private final GetEphemeralsRequestEncoder ephemerals = new GetEphemeralsRequestEncoder();
    private final GetACLRequestEncoder getAcl = new GetACLRequestEncoder();
    private final SetACLRequestEncoder setAcl = new SetACLRequestEncoder();
    private final SyncRequestEncoder sync = new SyncRequestEncoder();
    private final io.aerie.codecs.DigestRequestEncoder digest = new io.aerie.codecs.DigestRequestEncoder();
    private final io.aerie.codecs.MultiRequestEncoder multi = new io.aerie.codecs.MultiRequestEncoder();
    private final AddWatchRequestEncoder addWatch = new AddWatchRequestEncoder();
    private final RemoveWatchesRequestEncoder removeWatches = new RemoveWatchesRequestEncoder();
    private final Chroot chroot;
    private long token;

    RequestEncoder()
    {
        this(Chroot.NONE);
    }

    RequestEncoder(final Chroot chroot)
    {
        this.chroot = chroot;
        SessionCredentials.putSessionHeader(buffer, 0, token);
    }

    /**
     * Set the token of the connection requests go out on: every request encoded from now on carries it in its
     * session header, and {@link #stampToken} puts it in requests encoded before.
     *
     * @param token the token the connection authenticated with.
     */
    void token(final long token)
    {
        this.token = token;
        buffer.putLong(TOKEN_OFFSET, token, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Put the current token in the session header of a request encoded earlier (a resend after a reconnect, when
     * the new connection has a new token). Allocates nothing.
     *
     * @param request a request as encoded in {@link #buffer()}, from offset 0.
     */
    void stampToken(final MutableDirectBuffer request)
    {
        request.putLong(TOKEN_OFFSET, token, ByteOrder.LITTLE_ENDIAN);
    }

    MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Remember credentials to send with every connect from now on, as ZooKeeper's client sends its auth infos again
     * on each new connection.
     */
    synchronized void rememberAuthInfo(final String scheme, final byte[] auth)
    {
        for (int i = 0; i < authSchemes.size(); i++)
        {
            if (authSchemes.get(i).equals(scheme) && java.util.Arrays.equals(authData.get(i), auth))
            {
                return;
            }
        }
        authSchemes.add(scheme);
        authData.add(auth.clone());
    }

    /**
     * @param sessionPassword the 16-byte password of the session to resume, or of an 8-byte one; ignored for a new
     *                        session ({@code sessionId} 0).
     */
    synchronized int connect(
        final long correlationId, final int timeoutMs, final long sessionId, final byte[] sessionPassword, final long lastZxid)
    {
        final ConnectRequestEncoder.AuthEncoder auth = connect.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header)
            .correlationId(correlationId)
            .lastZxidSeen(lastZxid)
            .sessionId(sessionId)
            .requestedTimeoutMs(timeoutMs)
            .authCount(authSchemes.size());
        for (int i = 0; i < authSchemes.size(); i++)
        {
            final byte[] data = authData.get(i);
            auth.next().scheme(authSchemes.get(i)).putData(data, 0, data.length);
        }
        connect.putPassword(sessionPassword, 0, 0 == sessionId ? 0 : sessionPassword.length);
        return HEADER + connect.encodedLength();
    }

    int addAuth(final long correlationId, final String scheme, final byte[] auth)
    {
        return HEADER + addAuth.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header)
            .correlationId(correlationId)
            .scheme(scheme)
            .putAuth(auth, 0, auth.length)
            .encodedLength();
    }

    int whoAmI(final long correlationId)
    {
        return HEADER + whoAmI.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header)
            .correlationId(correlationId)
            .encodedLength();
    }

    int keepAlive(final long correlationId)
    {
        return HEADER + keepAlive.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId).encodedLength();
    }

    int closeSession(final long correlationId)
    {
        return HEADER + closeSession.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId).encodedLength();
    }

    int create(
        final long correlationId,
        final CharSequence path,
        final DirectBuffer data,
        final int dataOffset,
        final int dataLength,
        final AclList acl,
        final CreateMode mode,
        final long ttlMs)
    {
        create.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId).ttlMs(ttlMs).mode(mode)
            .dataIsNull(bool(null == data));
        final CreateRequestEncoder.AclsEncoder entries = create.aclsCount(acl.size());
        for (int i = 0, n = acl.size(); i < n; i++)
        {
            entries.next()
                .perms(acl.perms(i))
                .putScheme(acl.buffer(), acl.schemeOffset(i), acl.schemeLength(i))
                .putId(acl.buffer(), acl.idOffset(i), acl.idLength(i));
        }
        final int pathLength = clientPath(path, isSequential(mode));
        create.putPath(utf8, 0, pathLength).putData(orEmpty(data), dataOffset, lengthOf(data, dataLength));
        return HEADER + create.encodedLength();
    }

    int delete(final long correlationId, final CharSequence path, final int version)
    {
        delete.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId).version(version);
        // As ZooKeeper's client: delete("/") goes out as "/", not as the chroot, so that it fails as the root's delete
        // does (BAD_ARGUMENTS) and never deletes the chroot node. A multi's delete of "/" is chrooted, as there.
        final boolean isRoot = 1 == path.length() && '/' == path.charAt(0);
        delete.putPath(utf8, 0, isRoot ? Utf8.encode(path, utf8, 0) : clientPath(path, false));
        return HEADER + delete.encodedLength();
    }

    int exists(final long correlationId, final CharSequence path, final boolean watch)
    {
        exists.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId).watch(bool(watch));
        exists.putPath(utf8, 0, clientPath(path, false));
        return HEADER + exists.encodedLength();
    }

    int getData(final long correlationId, final CharSequence path, final boolean watch)
    {
        getData.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId).watch(bool(watch));
        getData.putPath(utf8, 0, clientPath(path, false));
        return HEADER + getData.encodedLength();
    }

    /**
     * A getData of a path outside any chroot, as ZooKeeper's getConfig reads {@code /zookeeper/config}.
     */
    int getDataOutsideChroot(final long correlationId, final CharSequence path, final boolean watch)
    {
        getData.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId).watch(bool(watch));
        getData.putPath(utf8, 0, Utf8.encode(path, utf8, 0));
        return HEADER + getData.encodedLength();
    }

    int setData(
        final long correlationId,
        final CharSequence path,
        final DirectBuffer data,
        final int dataOffset,
        final int dataLength,
        final int version)
    {
        setData.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId).version(version)
            .dataIsNull(bool(null == data));
        setData.putPath(utf8, 0, clientPath(path, false))
            .putData(orEmpty(data), dataOffset, lengthOf(data, dataLength));
        return HEADER + setData.encodedLength();
    }

    int getChildren(final long correlationId, final CharSequence path, final boolean watch, final boolean includeStat)
    {
        getChildren.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header)
            .correlationId(correlationId)
            .watch(bool(watch))
            .includeStat(bool(includeStat));
        getChildren.putPath(utf8, 0, clientPath(path, false));
        return HEADER + getChildren.encodedLength();
    }

    int getAllChildrenNumber(final long correlationId, final CharSequence path)
    {
        allChildren.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId);
        allChildren.putPath(utf8, 0, clientPath(path, false));
        return HEADER + allChildren.encodedLength();
    }

    int getEphemerals(final long correlationId, final CharSequence prefixPath)
    {
        ephemerals.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId);
        Paths.validate(prefixPath, false);
        ephemerals.putPrefixPath(utf8, 0, Utf8.encode(prefixPath, utf8, 0)); // Not chrooted, as ZooKeeper 3.9.
        return HEADER + ephemerals.encodedLength();
    }

    int getAcl(final long correlationId, final CharSequence path)
    {
        getAcl.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId);
        getAcl.putPath(utf8, 0, clientPath(path, false));
        return HEADER + getAcl.encodedLength();
    }

    int setAcl(final long correlationId, final CharSequence path, final AclList acl, final int aversion)
    {
        setAcl.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId).version(aversion);
        final SetACLRequestEncoder.AclsEncoder entries = setAcl.aclsCount(acl.size());
        for (int i = 0, n = acl.size(); i < n; i++)
        {
            entries.next()
                .perms(acl.perms(i))
                .putScheme(acl.buffer(), acl.schemeOffset(i), acl.schemeLength(i))
                .putId(acl.buffer(), acl.idOffset(i), acl.idLength(i));
        }
        setAcl.putPath(utf8, 0, clientPath(path, false));
        return HEADER + setAcl.encodedLength();
    }

    int sync(final long correlationId, final CharSequence path)
    {
        sync.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId);
        sync.putPath(utf8, 0, clientPath(path, false));
        return HEADER + sync.encodedLength();
    }

    int multi(final long correlationId, final io.aerie.codecs.model.MultiOps ops)
    {
        for (int i = 0, n = ops.size(); i < n; i++)
        {
            // As ZooKeeper's multi validates every op before it sends any.
            final io.aerie.codecs.model.MultiOps.Op op = ops.op(i);
            Paths.validate(op.path(), io.aerie.codecs.OpType.CREATE == op.type() && isSequential(op.mode()));
        }
        multi.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId);
        final io.aerie.codecs.MultiRequestEncoder.OpsEncoder entries = multi.opsCount(ops.size());
        int aclEntries = 0;
        for (int i = 0, n = ops.size(); i < n; i++)
        {
            final io.aerie.codecs.model.MultiOps.Op op = ops.op(i);
            entries.next()
                .opType(op.type())
                .mode(null == op.mode() ? CreateMode.PERSISTENT : op.mode())
                .version(op.version())
                .ttlMs(op.ttlMs())
                .dataIsNull(bool(op.isDataNull()));
            entries.putPath(utf8, 0, chroot.encode(op.path(), utf8, 0)); // Checked above, before any op is encoded.
            entries.putData(op.data(), 0, op.dataLength());
            aclEntries += op.acl().size();
        }
        final io.aerie.codecs.MultiRequestEncoder.OpAclsEncoder acls = multi.opAclsCount(aclEntries);
        for (int i = 0, n = ops.size(); i < n; i++)
        {
            final AclList acl = ops.op(i).acl();
            for (int j = 0, m = acl.size(); j < m; j++)
            {
                acls.next()
                    .opIndex(i)
                    .perms(acl.perms(j))
                    .putScheme(acl.buffer(), acl.schemeOffset(j), acl.schemeLength(j))
                    .putId(acl.buffer(), acl.idOffset(j), acl.idLength(j));
            }
        }
        return HEADER + multi.encodedLength();
    }

    /**
     * Write the server path of a client path into {@link #utf8}, after checking it as ZooKeeper's client does: an
     * invalid path is refused here, before anything is sent, with ZooKeeper's message.
     *
     * @return its length in bytes.
     * @throws IllegalArgumentException if the path is not valid.
     */
    private int clientPath(final CharSequence path, final boolean sequential)
    {
        Paths.validate(path, sequential);
        return chroot.encode(path, utf8, 0);
    }

    private static boolean isSequential(final CreateMode mode)
    {
        return CreateMode.PERSISTENT_SEQUENTIAL == mode || CreateMode.EPHEMERAL_SEQUENTIAL == mode ||
            CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL == mode;
    }

    int digest(final long correlationId)
    {
        return HEADER + digest.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId).encodedLength();
    }

    int addWatch(final long correlationId, final CharSequence path, final WatchMode mode)
    {
        addWatch.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId).mode(mode);
        addWatch.putPath(utf8, 0, clientPath(path, false));
        return HEADER + addWatch.encodedLength();
    }

    int removeWatches(final long correlationId, final CharSequence path, final WatcherType type, final boolean local)
    {
        removeWatches.wrapAndApplyHeader(buffer, SESSION_HEADER_LENGTH, header).correlationId(correlationId).watcherType(type).local(bool(local));
        removeWatches.putPath(utf8, 0, clientPath(path, false));
        return HEADER + removeWatches.encodedLength();
    }

    private static DirectBuffer orEmpty(final DirectBuffer data)
    {
        return null == data ? NO_DATA : data;
    }

    private static int lengthOf(final DirectBuffer data, final int dataLength)
    {
        return null == data ? 0 : dataLength;
    }

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }
}
