package io.aerie.gateway;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.jute.BinaryInputArchive;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.proto.CheckVersionRequest;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateTTLRequest;
import org.apache.zookeeper.proto.DeleteRequest;
import org.apache.zookeeper.proto.MultiHeader;
import org.apache.zookeeper.proto.SetDataRequest;

import java.io.IOException;
import java.util.List;

/**
 * ZooKeeper's multi ({@code MultiOperationRecord}: per op a {@link MultiHeader} and its request, ended by a header
 * marked done) as one Aerie multi, all or nothing. (A lone check, {@code OpCode.check}, is not a request ZooKeeper
 * 3.9's server takes: the gateway answers it as an unknown type, as that server does.) An op type a multi may not hold fails the request with {@code BadArguments}, as an op in it
 * that the gateway cannot build (an unknown create mode).
 */
final class MultiRequests
{
    private static final int MAX_OPS = 1 << 16;

    private final MultiOps ops = new MultiOps();
    private final AclList acl = new AclList();
    private int[] subOps = new int[16];

    void serve(final ZkConnection connection, final int xid, final BinaryInputArchive archive) throws IOException
    {
        ops.clear();
        int count = 0;
        boolean valid = true;
        final MultiHeader header = new MultiHeader();
        for (header.deserialize(archive, "multiHeader"); !header.getDone(); header.deserialize(archive, "multiHeader"))
        {
            if (count == MAX_OPS)
            {
                throw new IOException("too many ops in a multi");
            }
            valid &= add(header.getType(), archive);
            if (count == subOps.length)
            {
                subOps = java.util.Arrays.copyOf(subOps, 2 * count);
            }
            subOps[count++] = header.getType();
        }
        if (!valid)
        {
            connection.replyNow(xid, ErrorCodes.BAD_ARGUMENTS, null);
            return;
        }
        connection.expect(connection.client().multi(ops, connection), xid, OpCodes.MULTI,
            java.util.Arrays.copyOf(subOps, count));
    }

    private boolean add(final int type, final BinaryInputArchive archive) throws IOException
    {
        switch (type)
        {
            case OpCodes.CREATE:
            case OpCodes.CREATE2:
            case OpCodes.CREATE_CONTAINER:
            {
                final CreateRequest request = ZkRequests.read(new CreateRequest(), archive);
                return create(type, request.getPath(), request.getData(), request.getAcl(), request.getFlags(), -1);
            }
            case OpCodes.CREATE_TTL:
            {
                final CreateTTLRequest request = ZkRequests.read(new CreateTTLRequest(), archive);
                return create(type, request.getPath(), request.getData(), request.getAcl(), request.getFlags(),
                    request.getTtl());
            }
            case OpCodes.DELETE:
            {
                final DeleteRequest request = ZkRequests.read(new DeleteRequest(), archive);
                ops.delete(request.getPath(), request.getVersion());
                return true;
            }
            case OpCodes.SET_DATA:
            {
                final SetDataRequest request = ZkRequests.read(new SetDataRequest(), archive);
                final byte[] data = request.getData();
                ops.setData(request.getPath(), null == data ? null : new UnsafeBuffer(data), 0,
                    null == data ? 0 : data.length, request.getVersion());
                return true;
            }
            case OpCodes.CHECK:
            {
                final CheckVersionRequest request = ZkRequests.read(new CheckVersionRequest(), archive);
                ops.check(request.getPath(), request.getVersion());
                return true;
            }
            default:
                throw new IOException("op type " + type + " in a multi");
        }
    }

    private boolean create(
        final int type, final String path, final byte[] data, final List<ACL> acls, final int flags, final long ttlMs)
    {
        final CreateMode mode = ZkRequests.createMode(flags);
        if (null == mode || (OpCodes.CREATE_CONTAINER == type && CreateMode.CONTAINER != mode))
        {
            return false;
        }
        acl.clear();
        if (null != acls)
        {
            for (final ACL entry : acls)
            {
                acl.add(entry.getPerms(), entry.getId().getScheme(), entry.getId().getId());
            }
        }
        ops.create(path, null == data ? null : new UnsafeBuffer(data), 0, null == data ? 0 : data.length, acl, mode, ttlMs);
        return true;
    }
}
