package io.aerie.gateway;

import io.aerie.codecs.ResultCode;

/**
 * Aerie's result codes as ZooKeeper's error codes ({@code KeeperException.Code}). Aerie's codes are ZooKeeper's
 * where ZooKeeper has one; Aerie's own (below -200) become the ZooKeeper code a ZooKeeper server gives in the same
 * case, or the closest one.
 */
final class ErrorCodes
{
    static final int OK = 0;
    static final int SYSTEM_ERROR = -1;
    static final int MARSHALLING_ERROR = -5;
    static final int UNIMPLEMENTED = -6;
    static final int BAD_ARGUMENTS = -8;
    static final int NO_NODE = -101;
    static final int SESSION_EXPIRED = -112;
    static final int AUTH_FAILED = -115;
    static final int NO_WATCHER = -121;
    static final int QUOTA_EXCEEDED = -125;
    static final int THROTTLED = -127;

    private ErrorCodes()
    {
    }

    /**
     * @param code Aerie's result code; null counts as a system error.
     * @return ZooKeeper's code for it.
     */
    static int zooKeeperCode(final ResultCode code)
    {
        if (null == code)
        {
            return SYSTEM_ERROR;
        }
        switch (code)
        {
            // A ZooKeeper server refuses a malformed path (its PrepRequestProcessor) and over-long data as bad arguments.
            case INVALID_PATH:
            case DATA_TOO_LARGE:
                return BAD_ARGUMENTS;
            case MALFORMED_REQUEST:
                return MARSHALLING_ERROR;
            case ZNODE_LIMIT:
                return QUOTA_EXCEEDED;
            // Aerie's per-session and per-request limits: ZooKeeper's nearest is its request throttle.
            case TOO_MANY_OPS:
            case TOO_MANY_WATCHES:
            case TOO_MANY_EPHEMERALS:
            case TOO_MANY_REQUESTS:
                return THROTTLED;
            case NULL_VAL:
                return SYSTEM_ERROR;
            default:
                return code.value();
        }
    }
}
