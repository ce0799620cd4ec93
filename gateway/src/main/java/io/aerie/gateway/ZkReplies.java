package io.aerie.gateway;

import io.aerie.client.Response;
import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.NameList;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.Create2Response;
import org.apache.zookeeper.proto.CreateResponse;
import org.apache.zookeeper.proto.ErrorResponse;
import org.apache.zookeeper.proto.ExistsResponse;
import org.apache.zookeeper.proto.GetACLResponse;
import org.apache.zookeeper.proto.GetAllChildrenNumberResponse;
import org.apache.zookeeper.proto.GetChildren2Response;
import org.apache.zookeeper.proto.GetChildrenResponse;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.GetEphemeralsResponse;
import org.apache.zookeeper.proto.MultiHeader;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.SetACLResponse;
import org.apache.zookeeper.proto.SetDataResponse;
import org.apache.zookeeper.proto.SyncResponse;
import org.apache.zookeeper.proto.WatcherEvent;
import org.apache.zookeeper.proto.WhoAmIResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ZooKeeper's replies, encoded with ZooKeeper's own record classes: a 4-byte length, a {@link ReplyHeader}, and on
 * success the body of the request's type made from Aerie's answer. As ZooKeeper's server, an error reply has no body
 * (a failed multi excepted: its per-op results say which op failed).
 */
final class ZkReplies
{
    private ZkReplies()
    {
    }

    /**
     * @return a framed packet: length, header, then the body if not null.
     */
    static ByteBuf packet(final ByteBufAllocator alloc, final int xid, final long zxid, final int err, final Record body)
    {
        final ByteBuf buf = alloc.buffer(64);
        buf.writeInt(0);
        try (ByteBufOutputStream out = new ByteBufOutputStream(buf))
        {
            final BinaryOutputArchive archive = BinaryOutputArchive.getArchive(out);
            new ReplyHeader(xid, zxid, err).serialize(archive, "header");
            if (null != body)
            {
                body.serialize(archive, "response");
            }
        }
        catch (final IOException ex)
        {
            buf.release();
            throw new UncheckedIOException(ex);
        }
        buf.setInt(0, buf.writerIndex() - 4);
        return buf;
    }

    /**
     * @return a framed record with no reply header: the connect response.
     */
    static ByteBuf record(final ByteBufAllocator alloc, final Record record)
    {
        final ByteBuf buf = alloc.buffer(64);
        buf.writeInt(0);
        try (ByteBufOutputStream out = new ByteBufOutputStream(buf))
        {
            record.serialize(BinaryOutputArchive.getArchive(out), "connect");
        }
        catch (final IOException ex)
        {
            buf.release();
            throw new UncheckedIOException(ex);
        }
        buf.setInt(0, buf.writerIndex() - 4);
        return buf;
    }

    /**
     * A watch notification (xid -1) for a node event. ZooKeeper puts the zxid of the change that fired the watch in
     * the reply header (its client shows it as {@code WatchedEvent.getZxid()}), and -1 for an event that comes from
     * no change (those {@code setWatches} reports as missed).
     *
     * @param zxid of the change, or -1.
     * @return the notification packet.
     */
    static ByteBuf notification(final ByteBufAllocator alloc, final int eventType, final String path, final long zxid)
    {
        return packet(alloc, OpCodes.NOTIFICATION_XID, zxid, 0,
            new WatcherEvent(eventType, OpCodes.SYNC_CONNECTED, path));
    }

    /**
     * The body of a successful answer to a request of type {@code op}.
     *
     * @param op       ZooKeeper's request type.
     * @param subOps   for a multi, the type of each op; otherwise null.
     * @param response Aerie's answer, code OK (or a failed multi).
     * @return the body, or null for a request whose reply has none.
     */
    static Record body(final int op, final int[] subOps, final Response response)
    {
        switch (op)
        {
            case OpCodes.CREATE:
                return new CreateResponse(response.path().toString());
            case OpCodes.CREATE2:
            case OpCodes.CREATE_CONTAINER:
            case OpCodes.CREATE_TTL:
                return new Create2Response(response.path().toString(), stat(response.stat()));
            case OpCodes.EXISTS:
                return new ExistsResponse(stat(response.stat()));
            case OpCodes.GET_DATA:
                return new GetDataResponse(data(response), stat(response.stat()));
            case OpCodes.SET_DATA:
                return new SetDataResponse(stat(response.stat()));
            case OpCodes.GET_CHILDREN:
                return new GetChildrenResponse(response.names().toList());
            case OpCodes.GET_CHILDREN2:
                return new GetChildren2Response(response.names().toList(), stat(response.stat()));
            case OpCodes.SYNC:
                return new SyncResponse(response.path().toString());
            case OpCodes.GET_ACL:
                return new GetACLResponse(acl(response.acl()), stat(response.stat()));
            case OpCodes.SET_ACL:
                return new SetACLResponse(stat(response.stat()));
            case OpCodes.GET_EPHEMERALS:
                return new GetEphemeralsResponse(response.names().toList());
            case OpCodes.GET_ALL_CHILDREN_NUMBER:
                return new GetAllChildrenNumberResponse((int)response.count());
            case OpCodes.WHO_AM_I:
                return new WhoAmIResponse(clientInfos(response.names()));
            case OpCodes.MULTI:
                return new MultiResults(subOps, response);
            case OpCodes.ADD_WATCH:
                // ZooKeeper's FinalRequestProcessor answers addWatch with an ErrorResponse(0) body.
                return new ErrorResponse(0);
            default:
                return null;
        }
    }

    static Stat stat(final io.aerie.codecs.model.Stat stat)
    {
        return new Stat(stat.czxid(), stat.mzxid(), stat.ctime(), stat.mtime(), stat.version(), stat.cversion(),
            stat.aversion(), stat.ephemeralOwner(), stat.dataLength(), stat.numChildren(), stat.pzxid());
    }

    static List<ACL> acl(final AclList acl)
    {
        final List<ACL> list = new ArrayList<>(acl.size());
        final StringBuilder scheme = new StringBuilder();
        final StringBuilder id = new StringBuilder();
        for (int i = 0, n = acl.size(); i < n; i++)
        {
            scheme.setLength(0);
            id.setLength(0);
            acl.scheme(i, scheme);
            acl.id(i, id);
            list.add(new ACL(acl.perms(i), new Id(scheme.toString(), id.toString())));
        }
        return list;
    }

    private static byte[] data(final Response response)
    {
        if (response.isDataNull())
        {
            return null;
        }
        final byte[] data = new byte[response.dataLength()];
        response.data().getBytes(0, data);
        return data;
    }

    private static List<ClientInfo> clientInfos(final NameList names)
    {
        final List<String> flat = names.toList();
        final List<ClientInfo> infos = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2)
        {
            infos.add(new ClientInfo(flat.get(i), flat.get(i + 1)));
        }
        return infos;
    }

    /**
     * ZooKeeper's {@code MultiResponse} on the wire: per op a {@link MultiHeader} (the op's type, or -1 with its error
     * when the multi failed) and its result, then a closing header {@code (-1, done, -1)}.
     */
    static final class MultiResults implements Record
    {
        private final int[] subOps;
        private final Response response;

        MultiResults(final int[] subOps, final Response response)
        {
            this.subOps = subOps;
            this.response = response;
        }

        public void serialize(final org.apache.jute.OutputArchive archive, final String tag) throws IOException
        {
            final boolean failed = ResultCode.OK != response.code();
            final List<String> paths = response.names().toList();
            for (int i = 0, n = response.multiCount(); i < n; i++)
            {
                if (failed)
                {
                    final int err = ErrorCodes.zooKeeperCode(response.multiCode(i));
                    new MultiHeader(OpCodes.ERROR, false, err).serialize(archive, "header");
                    new ErrorResponse(err).serialize(archive, "response");
                    continue;
                }
                final int subOp = resultType(null != subOps && i < subOps.length ?
                    subOps[i] : opCodeOf(response.multiOpType(i)));
                new MultiHeader(subOp, false, 0).serialize(archive, "header");
                switch (subOp)
                {
                    case OpCodes.CREATE:
                        new CreateResponse(paths.get(i)).serialize(archive, "response");
                        break;
                    case OpCodes.CREATE2:
                        new Create2Response(paths.get(i), stat(response.multiStat(i))).serialize(archive, "response");
                        break;
                    case OpCodes.SET_DATA:
                        new SetDataResponse(stat(response.multiStat(i))).serialize(archive, "response");
                        break;
                    default:
                        break;
                }
            }
            new MultiHeader(-1, true, -1).serialize(archive, "header");
        }

        public void deserialize(final org.apache.jute.InputArchive archive, final String tag)
        {
            throw new UnsupportedOperationException("the gateway only writes multi results");
        }

        /**
         * The type of an op's result as ZooKeeper writes it: a create with a Stat (create2, createTTL,
         * createContainer) is a {@code create2} result, as ZooKeeper's {@code OpResult.CreateResult(path, stat)};
         * its client refuses any other create type in a MultiResponse.
         */
        private static int resultType(final int subOp)
        {
            return OpCodes.CREATE_TTL == subOp || OpCodes.CREATE_CONTAINER == subOp ? OpCodes.CREATE2 : subOp;
        }

        private static int opCodeOf(final OpType type)
        {
            switch (type)
            {
                case CREATE:
                    return OpCodes.CREATE;
                case DELETE:
                    return OpCodes.DELETE;
                case SET_DATA:
                    return OpCodes.SET_DATA;
                default:
                    return OpCodes.CHECK;
            }
        }
    }
}
