package io.aerie.engine.tree;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.NameList;
import io.aerie.codecs.model.Stat;
import org.agrona.DirectBuffer;

/**
 * Each change to the tree in a transaction of its own: applied by {@link TreeWriter}, committed if it succeeded,
 * undone if it failed or threw (a thrown error is counted and becomes a result code). {@link ZnodeTree} documents
 * each change.
 */
final class TreeUpdates
{
    private final TreeWriter writer;
    private final TreeTransaction tx;

    TreeUpdates(final TreeWriter writer, final TreeTransaction tx)
    {
        this.writer = writer;
        this.tx = tx;
    }

    ResultCode create(
        final long zxid, final long timeMs, final long sessionId,
        final DirectBuffer path, final int pathOffset, final int pathLength,
        final DirectBuffer data, final int dataOffset, final int dataLength,
        final AclList acl, final CreateMode mode, final long ttlMs, final Stat stat)
    {
        tx.begin();
        try
        {
            return tx.end(writer.create(zxid, timeMs, sessionId, path, pathOffset, pathLength,
                data, dataOffset, dataLength, acl, mode, ttlMs, null, stat));
        }
        catch (final RuntimeException ex)
        {
            writer.forgetCreatedPath();
            return tx.fail(ex);
        }
    }

    ResultCode delete(
        final long zxid, final DirectBuffer path, final int pathOffset, final int pathLength, final int expectedVersion)
    {
        tx.begin();
        try
        {
            return tx.end(writer.delete(zxid, path, pathOffset, pathLength, expectedVersion));
        }
        catch (final RuntimeException ex)
        {
            return tx.fail(ex);
        }
    }

    ResultCode setData(
        final long zxid, final long timeMs, final DirectBuffer path, final int pathOffset, final int pathLength,
        final DirectBuffer data, final int dataOffset, final int dataLength, final int expectedVersion, final Stat stat)
    {
        tx.begin();
        try
        {
            return tx.end(writer.setData(
                zxid, timeMs, path, pathOffset, pathLength, data, dataOffset, dataLength, expectedVersion, stat));
        }
        catch (final RuntimeException ex)
        {
            return tx.fail(ex);
        }
    }

    ResultCode setAcl(
        final DirectBuffer path, final int pathOffset, final int pathLength, final AclList acl,
        final int expectedAversion, final Stat stat)
    {
        tx.begin();
        try
        {
            return tx.end(writer.setAcl(path, pathOffset, pathLength, acl, expectedAversion, stat));
        }
        catch (final RuntimeException ex)
        {
            return tx.fail(ex);
        }
    }

    void deleteEphemerals(final long zxid, final long sessionId, final NameList deleted)
    {
        tx.begin();
        try
        {
            writer.deleteEphemerals(zxid, sessionId, deleted);
            tx.end(ResultCode.OK);
        }
        catch (final RuntimeException ex)
        {
            deleted.clear();
            tx.fail(ex);
        }
    }

    void sweepExpired(final long zxid, final long nowMs, final NameList deleted)
    {
        tx.begin();
        try
        {
            writer.sweepExpired(zxid, nowMs, deleted);
            tx.end(ResultCode.OK);
        }
        catch (final RuntimeException ex)
        {
            deleted.clear();
            tx.fail(ex);
        }
    }
}
