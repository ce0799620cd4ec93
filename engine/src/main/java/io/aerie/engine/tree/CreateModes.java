package io.aerie.engine.tree;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;

/**
 * ZooKeeper's seven create modes: what each implies (sequential, ephemeral, TTL), how a node of each is stored,
 * and the checks of a create's arguments that come before its path, in ZooKeeper's order.
 */
final class CreateModes
{
    private CreateModes()
    {
    }

    /**
     * @return {@code OK}, or {@code BAD_ARGUMENTS} (no mode, a TTL out of range or where none belongs, an ephemeral
     * without a session), {@code DATA_TOO_LARGE} or {@code INVALID_ACL}.
     */
    static ResultCode checkArguments(
        final int maxDataLength,
        final long sessionId,
        final int dataLength,
        final AclList acl,
        final CreateMode mode,
        final long ttlMs)
    {
        if (null == mode || CreateMode.NULL_VAL == mode)
        {
            return ResultCode.BAD_ARGUMENTS;
        }
        if (isTtl(mode))
        {
            if (ttlMs <= 0 || ttlMs > NodeRecord.MAX_TTL_MS)
            {
                return ResultCode.BAD_ARGUMENTS;
            }
        }
        else if (ttlMs > 0)
        {
            return ResultCode.BAD_ARGUMENTS;
        }
        if (isEphemeral(mode) && 0 == sessionId)
        {
            return ResultCode.BAD_ARGUMENTS;
        }
        if (dataLength > maxDataLength || dataLength < 0)
        {
            return ResultCode.DATA_TOO_LARGE;
        }
        if (!TreeWriter.isStorable(acl))
        {
            return ResultCode.INVALID_ACL;
        }
        return ResultCode.OK;
    }

    static boolean isSequential(final CreateMode mode)
    {
        return CreateMode.PERSISTENT_SEQUENTIAL == mode || CreateMode.EPHEMERAL_SEQUENTIAL == mode ||
            CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL == mode;
    }

    static boolean isEphemeral(final CreateMode mode)
    {
        return CreateMode.EPHEMERAL == mode || CreateMode.EPHEMERAL_SEQUENTIAL == mode;
    }

    static boolean isTtl(final CreateMode mode)
    {
        return CreateMode.PERSISTENT_WITH_TTL == mode || CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL == mode;
    }

    static byte storedMode(final CreateMode mode)
    {
        if (isEphemeral(mode))
        {
            return NodeRecord.MODE_EPHEMERAL;
        }
        if (CreateMode.CONTAINER == mode)
        {
            return NodeRecord.MODE_CONTAINER;
        }
        return isTtl(mode) ? NodeRecord.MODE_TTL : NodeRecord.MODE_PERSISTENT;
    }
}
