package io.aerie.gateway;

import io.aerie.client.AerieClient;
import io.aerie.client.Response;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import io.aerie.codecs.model.AclList;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.proto.AddWatchRequest;
import org.apache.zookeeper.proto.AuthPacket;
import org.apache.zookeeper.proto.CheckWatchesRequest;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateTTLRequest;
import org.apache.zookeeper.proto.DeleteRequest;
import org.apache.zookeeper.proto.ExistsRequest;
import org.apache.zookeeper.proto.GetACLRequest;
import org.apache.zookeeper.proto.GetAllChildrenNumberRequest;
import org.apache.zookeeper.proto.GetChildren2Request;
import org.apache.zookeeper.proto.GetChildrenRequest;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetEphemeralsRequest;
import org.apache.zookeeper.proto.RemoveWatchesRequest;
import org.apache.zookeeper.proto.RequestHeader;
import org.apache.zookeeper.proto.SetACLRequest;
import org.apache.zookeeper.proto.SetDataRequest;
import org.apache.zookeeper.proto.SetWatches;
import org.apache.zookeeper.proto.SetWatches2;
import org.apache.zookeeper.proto.SyncRequest;

import java.io.IOException;
import java.util.List;

/**
 * ZooKeeper's requests, read with ZooKeeper's record classes and sent as the Aerie client's asynchronous requests;
 * the connection matches each answer to its request. Runs on the gateway agent's thread. A request the gateway
 * cannot read closes the connection (ZooKeeper's server does the same) and is counted; a request type it does not
 * serve is answered {@code Unimplemented}.
 */
final class ZkRequests
{
    private final GatewayCounters counters;
    private final MultiRequests multi;
    private final AclList acl = new AclList();
    // Records of the most frequent requests, reused: the agent's thread reads one request at a time, and what the
    // Aerie client is given from them is encoded before the call returns.
    private final RequestHeader header = new RequestHeader();
    private final SetDataRequest setData = new SetDataRequest();
    private final GetDataRequest getData = new GetDataRequest();
    private final ExistsRequest exists = new ExistsRequest();

    ZkRequests(final GatewayCounters counters)
    {
        this.counters = counters;
        this.multi = new MultiRequests();
    }

    /**
     * What a ZooKeeper client sends first: ConnectRequest, whose last field (readOnly) old clients leave out.
     */
    record Connect(long lastZxidSeen, int timeoutMs, long sessionId, byte[] password, boolean sentReadOnly)
    {
    }

    static Connect connectRequest(final ByteBuf packet)
    {
        try (ByteBufInputStream in = new ByteBufInputStream(packet))
        {
            final BinaryInputArchive archive = BinaryInputArchive.getArchive(in);
            archive.readInt("protocolVersion");
            final long lastZxidSeen = archive.readLong("lastZxidSeen");
            final int timeoutMs = archive.readInt("timeOut");
            final long sessionId = archive.readLong("sessionId");
            final byte[] password = archive.readBuffer("passwd");
            final boolean sentReadOnly = packet.isReadable();
            return new Connect(lastZxidSeen, timeoutMs, sessionId, password, sentReadOnly);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("malformed ConnectRequest", ex);
        }
    }

    /**
     * Serve one request packet of an open connection; the packet is released here.
     */
    void dispatch(final ZkConnection connection, final ByteBuf packet)
    {
        counters.packetsReceived.increment();
        try (ByteBufInputStream in = new ByteBufInputStream(packet, true))
        {
            final BinaryInputArchive archive = BinaryInputArchive.getArchive(in);
            header.deserialize(archive, "header");
            if (!serveOrRefuse(connection, header.getXid(), header.getType(), archive))
            {
                // As ZooKeeper's server (UnimplementedRequestProcessor): a request type it does not know, a lone
                // check among them in 3.9, is answered Unimplemented and the connection closed.
                connection.replyNowAndClose(header.getXid(), ErrorCodes.UNIMPLEMENTED);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            counters.protocolErrors.increment();
            connection.channel.close();
        }
    }

    /**
     * Serve a request; one whose path Aerie's client refuses before sending (a ZooKeeper client validates it first,
     * so only another client sends one) is answered as a ZooKeeper server answers a malformed path: BAD_ARGUMENTS.
     */
    private boolean serveOrRefuse(
        final ZkConnection connection, final int xid, final int op, final BinaryInputArchive archive) throws IOException
    {
        try
        {
            return serve(connection, xid, op, archive);
        }
        catch (final IllegalArgumentException ex)
        {
            connection.replyNow(xid, ErrorCodes.BAD_ARGUMENTS, null);
            return true;
        }
    }

    private boolean serve(final ZkConnection connection, final int xid, final int op, final BinaryInputArchive archive)
        throws IOException
    {
        final AerieClient client = connection.client();
        switch (op)
        {
            case OpCodes.PING:
                connection.replyNow(xid, 0, null);
                return true;
            case OpCodes.CLOSE_SESSION:
                connection.expectClose(xid);
                return true;
            case OpCodes.CREATE:
            case OpCodes.CREATE2:
            case OpCodes.CREATE_CONTAINER:
            {
                final CreateRequest request = read(new CreateRequest(), archive);
                create(connection, xid, op, request.getPath(), request.getData(), request.getAcl(), request.getFlags(), -1);
                return true;
            }
            case OpCodes.CREATE_TTL:
            {
                final CreateTTLRequest request = read(new CreateTTLRequest(), archive);
                create(connection, xid, op, request.getPath(), request.getData(), request.getAcl(), request.getFlags(),
                    request.getTtl());
                return true;
            }
            case OpCodes.DELETE:
            {
                final DeleteRequest request = read(new DeleteRequest(), archive);
                connection.expect(client.delete(request.getPath(), request.getVersion(), connection), xid, op, null);
                return true;
            }
            case OpCodes.SET_DATA:
            {
                final SetDataRequest request = read(setData, archive);
                final byte[] data = request.getData();
                connection.expect(client.setData(request.getPath(), null == data ? null : new UnsafeBuffer(data), 0,
                    null == data ? 0 : data.length, request.getVersion(), connection), xid, op, null);
                return true;
            }
            case OpCodes.SET_ACL:
            {
                final SetACLRequest request = read(new SetACLRequest(), archive);
                connection.expect(client.setAcl(request.getPath(), aclList(request.getAcl()), request.getVersion(),
                    connection), xid, op, null);
                return true;
            }
            case OpCodes.MULTI:
                multi.serve(connection, xid, archive);
                return true;
            case OpCodes.MULTI_READ:
                MultiReads.serve(connection, xid, archive);
                return true;
            default:
                return serveRead(connection, xid, op, archive) || serveSession(connection, xid, op, archive);
        }
    }

    private boolean serveRead(final ZkConnection connection, final int xid, final int op, final BinaryInputArchive archive)
        throws IOException
    {
        final AerieClient client = connection.client();
        final long correlationId;
        switch (op)
        {
            case OpCodes.EXISTS:
            {
                final ExistsRequest request = read(exists, archive);
                correlationId = client.existsAsync(request.getPath(), request.getWatch() ? connection : null, connection);
                break;
            }
            case OpCodes.GET_DATA:
            {
                final GetDataRequest request = read(getData, archive);
                correlationId = client.getDataAsync(request.getPath(), request.getWatch() ? connection : null, connection);
                break;
            }
            case OpCodes.GET_CHILDREN:
            {
                final GetChildrenRequest request = read(new GetChildrenRequest(), archive);
                correlationId = client.getChildrenAsync(
                    request.getPath(), request.getWatch() ? connection : null, false, connection);
                break;
            }
            case OpCodes.GET_CHILDREN2:
            {
                final GetChildren2Request request = read(new GetChildren2Request(), archive);
                correlationId = client.getChildrenAsync(
                    request.getPath(), request.getWatch() ? connection : null, true, connection);
                break;
            }
            case OpCodes.GET_ACL:
                correlationId = client.getAclAsync(read(new GetACLRequest(), archive).getPath(), connection);
                break;
            case OpCodes.SYNC:
                correlationId = client.sync(read(new SyncRequest(), archive).getPath(), connection);
                break;
            case OpCodes.GET_EPHEMERALS:
                correlationId = client.getEphemerals(read(new GetEphemeralsRequest(), archive).getPrefixPath(), connection);
                break;
            case OpCodes.GET_ALL_CHILDREN_NUMBER:
                correlationId = client.getAllChildrenNumber(
                    read(new GetAllChildrenNumberRequest(), archive).getPath(), connection);
                break;
            case OpCodes.WHO_AM_I:
                correlationId = client.whoAmI(connection);
                break;
            default:
                return false;
        }
        connection.expect(correlationId, xid, op, null);
        return true;
    }

    private boolean serveSession(
        final ZkConnection connection, final int xid, final int op, final BinaryInputArchive archive) throws IOException
    {
        final AerieClient client = connection.client();
        switch (op)
        {
            case OpCodes.AUTH:
            {
                final AuthPacket auth = read(new AuthPacket(), archive);
                final byte[] data = null == auth.getAuth() ? new byte[0] : auth.getAuth();
                connection.expect(client.addAuthInfo(auth.getScheme(), data, connection), xid, op, null);
                return true;
            }
            case OpCodes.ADD_WATCH:
            {
                final AddWatchRequest request = read(new AddWatchRequest(), archive);
                final WatchMode mode = WatchMode.get((short)request.getMode());
                if (null == mode || WatchMode.NULL_VAL == mode)
                {
                    connection.replyNow(xid, ErrorCodes.BAD_ARGUMENTS, null);
                    return true;
                }
                connection.expect(client.addWatch(request.getPath(), mode, connection, connection), xid, op, null);
                return true;
            }
            case OpCodes.REMOVE_WATCHES:
            {
                final RemoveWatchesRequest request = read(new RemoveWatchesRequest(), archive);
                final WatcherType type = watcherType(request.getType());
                if (null == type)
                {
                    connection.replyNow(xid, ErrorCodes.BAD_ARGUMENTS, null);
                    return true;
                }
                connection.expect(client.removeWatches(request.getPath(), type, false, connection), xid, op, null);
                return true;
            }
            case OpCodes.CHECK_WATCHES:
            {
                final CheckWatchesRequest request = read(new CheckWatchesRequest(), archive);
                final WatcherType type = watcherType(request.getType());
                if (null == type)
                {
                    connection.replyNow(xid, ErrorCodes.BAD_ARGUMENTS, null);
                    return true;
                }
                // Answered after a round trip through the log: by then the event of any watch that fired before it
                // has arrived and the session's watches here are the cluster's, as ZooKeeper's server sees its own.
                final PendingReply pending = connection.expect(client.sync("/", connection), xid, op, null);
                pending.watchPath = request.getPath();
                pending.watcherType = type;
                return true;
            }
            case OpCodes.SET_WATCHES:
            {
                final SetWatches request = read(new SetWatches(), archive);
                setWatches(connection, xid, request.getRelativeZxid(), request.getDataWatches(),
                    request.getExistWatches(), request.getChildWatches(), List.of(), List.of());
                return true;
            }
            case OpCodes.SET_WATCHES2:
            {
                final SetWatches2 request = read(new SetWatches2(), archive);
                setWatches(connection, xid, request.getRelativeZxid(), request.getDataWatches(),
                    request.getExistWatches(), request.getChildWatches(), request.getPersistentWatches(),
                    request.getPersistentRecursiveWatches());
                return true;
            }
            default:
                return false;
        }
    }

    private void create(
        final ZkConnection connection,
        final int xid,
        final int op,
        final String path,
        final byte[] data,
        final List<ACL> acls,
        final int flags,
        final long ttlMs)
    {
        final CreateMode mode = createMode(flags);
        // ZooKeeper's PrepRequestProcessor: an unknown mode, or a container create without the container mode.
        if (null == mode || (OpCodes.CREATE_CONTAINER == op && CreateMode.CONTAINER != mode))
        {
            connection.replyNow(xid, ErrorCodes.BAD_ARGUMENTS, null);
            return;
        }
        connection.expect(connection.client().create(path, null == data ? null : new UnsafeBuffer(data), 0,
            null == data ? 0 : data.length, aclList(acls), mode, ttlMs, connection), xid, op, null);
    }

    private void setWatches(
        final ZkConnection connection,
        final int xid,
        final long relativeZxid,
        final List<String> data,
        final List<String> exist,
        final List<String> child,
        final List<String> persistent,
        final List<String> recursive)
    {
        final PendingReply pending = connection.expectSetWatches(xid, relativeZxid);
        SetWatchesChecks.send(connection, pending, data, exist, child, persistent, recursive);
        if (0 == pending.remaining)
        {
            pending.reply = ZkReplies.packet(
                connection.channel.alloc(), pending.xid, connection.lastZxid(), 0, null);
        }
        connection.flushReplies();
    }

    /**
     * The reply to an awaited request, from Aerie's answer.
     */
    static ByteBuf reply(final ByteBufAllocator alloc, final PendingReply pending, final Response response)
    {
        final boolean ok = ResultCode.OK == response.code();
        if (OpCodes.MULTI == pending.op && response.multiCount() > 0)
        {
            // A failed multi is still a reply with per-op results; ZooKeeper's client finds the error in them.
            return ZkReplies.packet(alloc, pending.xid, response.zxid(), 0, ZkReplies.body(pending.op, pending.subOps,
                response));
        }
        final int err = ok ? 0 : ErrorCodes.zooKeeperCode(response.code());
        return ZkReplies.packet(alloc, pending.xid, response.zxid(), err,
            ok ? ZkReplies.body(pending.op, pending.subOps, response) : null);
    }

    AclList aclList(final List<ACL> acls)
    {
        acl.clear();
        if (null != acls)
        {
            for (final ACL entry : acls)
            {
                final String scheme = null == entry.getId() ? "" : entry.getId().getScheme();
                final String id = null == entry.getId() ? "" : entry.getId().getId();
                acl.add(entry.getPerms(), null == scheme ? "" : scheme, null == id ? "" : id);
            }
        }
        return acl;
    }

    static CreateMode createMode(final int flags)
    {
        if (flags < 0 || flags > CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL.value())
        {
            return null;
        }
        return CreateMode.get((short)flags);
    }

    private static WatcherType watcherType(final int type)
    {
        for (final WatcherType candidate : WatcherType.values())
        {
            if (WatcherType.NULL_VAL != candidate && candidate.value() == type)
            {
                return candidate;
            }
        }
        return null;
    }

    static <T extends Record> T read(final T record, final BinaryInputArchive archive) throws IOException
    {
        record.deserialize(archive, "request");
        return record;
    }
}
