package io.aerie.engine.tree;

import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.MultiOps;
import org.agrona.DirectBuffer;

/**
 * ZooKeeper's multi: operations applied atomically, all of them or none, in one transaction. All share one zxid
 * and time, and each sees the effects of the ones before it. See {@link ZnodeTree#multi}.
 */
final class TreeMulti
{
    private final TreeWriter writer;
    private final TreeTransaction tx;
    private final int maxMultiOps;
    private final PathScratch text = new PathScratch();

    TreeMulti(final TreeWriter writer, final TreeTransaction tx, final int maxMultiOps)
    {
        this.writer = writer;
        this.tx = tx;
        this.maxMultiOps = maxMultiOps;
    }

    ResultCode apply(
        final long zxid, final long timeMs, final long sessionId, final MultiOps ops, final MultiResults results)
    {
        final int count = ops.size();
        results.reset(count);
        for (int i = 0; i < count; i++)
        {
            results.type(i, ops.op(i).type());
        }
        if (count > maxMultiOps)
        {
            results.failAt(0, ResultCode.TOO_MANY_OPS);
            return ResultCode.TOO_MANY_OPS;
        }

        tx.begin();
        int index = 0;
        try
        {
            for (; index < count; index++)
            {
                final ResultCode code = apply(zxid, timeMs, sessionId, ops.op(index), results, index);
                if (ResultCode.OK != code)
                {
                    tx.rollback();
                    results.failAt(index, code);
                    return code;
                }
            }
            tx.end(ResultCode.OK);
            return ResultCode.OK;
        }
        catch (final RuntimeException ex)
        {
            final ResultCode code = tx.fail(ex);
            results.failAt(Math.min(index, count - 1), code);
            return code;
        }
    }

    private ResultCode apply(
        final long zxid,
        final long timeMs,
        final long sessionId,
        final MultiOps.Op op,
        final MultiResults results,
        final int index)
    {
        final OpType type = op.type();
        text.encode(op.path());
        switch (type)
        {
            case CREATE:
                final ResultCode code = writer.create(zxid, timeMs, sessionId, text.buffer, 0, text.length, dataOf(op),
                    0, op.dataLength(), op.acl(), op.mode(), op.ttlMs(), results.mutablePath(index), results.stat(index));
                writer.forgetCreatedPath();
                return code;
            case DELETE:
                return writer.delete(zxid, text.buffer, 0, text.length, op.version());
            case SET_DATA:
                return writer.setData(zxid, timeMs, text.buffer, 0, text.length, dataOf(op), 0, op.dataLength(),
                    op.version(), results.stat(index));
            case CHECK:
                return writer.check(text.buffer, 0, text.length, op.version());
            default:
                return ResultCode.BAD_ARGUMENTS;
        }
    }

    private static DirectBuffer dataOf(final MultiOps.Op op)
    {
        return op.isDataNull() ? null : op.data();
    }
}
