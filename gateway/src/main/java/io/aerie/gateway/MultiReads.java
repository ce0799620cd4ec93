package io.aerie.gateway;

import io.aerie.client.AerieClient;
import io.aerie.client.Response;
import io.aerie.codecs.ResultCode;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.InputArchive;
import org.apache.jute.OutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.ErrorResponse;
import org.apache.zookeeper.proto.GetChildrenRequest;
import org.apache.zookeeper.proto.GetChildrenResponse;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.MultiHeader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ZooKeeper 3.9's multiRead: getData and getChildren ops read one by one, not atomically (as ZooKeeper reads them),
 * each answered with its result or its own error. Each op is one Aerie read; the reply follows the last answer.
 */
final class MultiReads
{
    private static final int MAX_OPS = 1 << 16;

    private MultiReads()
    {
    }

    static void serve(final ZkConnection connection, final int xid, final BinaryInputArchive archive) throws IOException
    {
        final AerieClient client = connection.client();
        final PendingReply pending = connection.expectParts(xid, OpCodes.MULTI_READ);
        final Results results = new Results();
        pending.parts.put(-1L, results);
        final MultiHeader header = new MultiHeader();
        for (header.deserialize(archive, "multiHeader"); !header.getDone(); header.deserialize(archive, "multiHeader"))
        {
            if (results.types.size() == MAX_OPS)
            {
                throw new IOException("too many ops in a multiRead");
            }
            final long correlationId;
            if (OpCodes.GET_DATA == header.getType())
            {
                correlationId = client.getDataAsync(ZkRequests.read(new GetDataRequest(), archive).getPath(), connection);
            }
            else if (OpCodes.GET_CHILDREN == header.getType())
            {
                correlationId = client.getChildrenAsync(
                    ZkRequests.read(new GetChildrenRequest(), archive).getPath(), null, false, connection);
            }
            else
            {
                throw new IOException("op type " + header.getType() + " in a multiRead");
            }
            pending.parts.put(correlationId, (Object)Integer.valueOf(results.types.size()));
            results.types.add(header.getType());
            results.records.add(null);
            results.errors.add(ErrorCodes.SYSTEM_ERROR);
            pending.remaining++;
            connection.expectMore(correlationId, pending);
        }
        if (0 == pending.remaining)
        {
            pending.reply = ZkReplies.packet(connection.channel.alloc(), xid, connection.lastZxid(), 0, results);
        }
        connection.flushReplies();
    }

    /**
     * One op's answer; after the last, the reply.
     */
    static void onAnswer(final ZkConnection connection, final PendingReply pending, final Response response)
    {
        final Results results = (Results)pending.parts.get(-1L);
        final Object index = pending.parts.remove(response.correlationId());
        if (index instanceof Integer i)
        {
            final boolean ok = ResultCode.OK == response.code();
            results.errors.set(i, ok ? 0 : ErrorCodes.zooKeeperCode(response.code()));
            results.records.set(i, ok ? ZkReplies.body(results.types.get(i), null, response) : null);
        }
        if (1 == pending.remaining)
        {
            pending.reply = ZkReplies.packet(connection.channel.alloc(), pending.xid, connection.lastZxid(), 0, results);
        }
    }

    /**
     * ZooKeeper's MultiResponse of reads: per op a header with its type (or -1 and the error) and its result.
     */
    static final class Results implements Record
    {
        final List<Integer> types = new ArrayList<>();
        final List<Record> records = new ArrayList<>();
        final List<Integer> errors = new ArrayList<>();

        public void serialize(final OutputArchive archive, final String tag) throws IOException
        {
            for (int i = 0; i < types.size(); i++)
            {
                final Record record = records.get(i);
                if (null == record)
                {
                    final int err = errors.get(i);
                    new MultiHeader(OpCodes.ERROR, false, err).serialize(archive, "header");
                    new ErrorResponse(err).serialize(archive, "response");
                }
                else
                {
                    new MultiHeader(types.get(i), false, 0).serialize(archive, "header");
                    final Record body = record instanceof GetDataResponse || record instanceof GetChildrenResponse ?
                        record : null;
                    if (null != body)
                    {
                        body.serialize(archive, "response");
                    }
                }
            }
            new MultiHeader(-1, true, -1).serialize(archive, "header");
        }

        public void deserialize(final InputArchive archive, final String tag)
        {
            throw new UnsupportedOperationException("the gateway only writes multiRead results");
        }
    }
}
