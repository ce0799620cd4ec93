package io.aerie.client;

import io.aerie.codecs.ResultCode;

/**
 * The table behind {@link AerieException}: which exception type and which text each {@link ResultCode} has, as
 * ZooKeeper's {@code KeeperException.create} and {@code KeeperException.Code}. Kept apart so the exception types read
 * as a list.
 */
final class ErrorCodes
{
    private ErrorCodes()
    {
    }

    /**
     * @param code the error; not OK.
     * @param path the path the request named, or null.
     * @return the code's subclass of {@link AerieException} when it has one, else an {@link AerieException}.
     * @throws IllegalArgumentException if the code is OK.
     */
    static AerieException exception(final ResultCode code, final String path)
    {
        switch (code)
        {
            case SYSTEM_ERROR:
                return new AerieException.SystemErrorException(path);
            case RUNTIME_INCONSISTENCY:
                return new AerieException.RuntimeInconsistencyException(path);
            case CONNECTION_LOSS:
                return new AerieException.ConnectionLossException(path);
            case MARSHALLING_ERROR:
                return new AerieException.MarshallingErrorException(path);
            case UNIMPLEMENTED:
                return new AerieException.UnimplementedException(path);
            case OPERATION_TIMEOUT:
                return new AerieException.OperationTimeoutException(path);
            case BAD_ARGUMENTS:
                return new AerieException.BadArgumentsException(path);
            case API_ERROR:
                return new AerieException.ApiErrorException(path);
            case NO_NODE:
                return new AerieException.NoNodeException(path);
            case NO_AUTH:
                return new AerieException.NoAuthException(path);
            case BAD_VERSION:
                return new AerieException.BadVersionException(path);
            case NO_CHILDREN_FOR_EPHEMERALS:
                return new AerieException.NoChildrenForEphemeralsException(path);
            case NODE_EXISTS:
                return new AerieException.NodeExistsException(path);
            case NOT_EMPTY:
                return new AerieException.NotEmptyException(path);
            case SESSION_EXPIRED:
                return new AerieException.SessionExpiredException(path);
            case INVALID_ACL:
                return new AerieException.InvalidAclException(path);
            case AUTH_FAILED:
                return new AerieException.AuthFailedException(path);
            case NO_WATCHER:
                return new AerieException.NoWatcherException(path);
            case REQUEST_TIMEOUT:
                return new AerieException.RequestTimeoutException(path);
            case QUOTA_EXCEEDED:
                return new AerieException.QuotaExceededException(path);
            case THROTTLED:
                return new AerieException.ThrottledException(path);
            case INVALID_PATH:
                return new AerieException.InvalidPathException(path);
            case DATA_TOO_LARGE:
                return new AerieException.DataTooLargeException(path);
            case ZNODE_LIMIT:
                return new AerieException.ZnodeLimitException(path);
            case TOO_MANY_OPS:
                return new AerieException.TooManyOpsException(path);
            case TOO_MANY_WATCHES:
                return new AerieException.TooManyWatchesException(path);
            case TOO_MANY_EPHEMERALS:
                return new AerieException.TooManyEphemeralsException(path);
            case TOO_MANY_REQUESTS:
                return new AerieException.TooManyRequestsException(path);
            case OK:
                throw new IllegalArgumentException("not an error: OK");
            default:
                return new AerieException(code, path);
        }
    }

    /**
     * @param code an error.
     * @return ZooKeeper's text for the code (KeeperException.Code's message), or the code's name for Aerie's own.
     */
    static String text(final ResultCode code)
    {
        switch (code)
        {
            case SYSTEM_ERROR:
                return "SystemError";
            case RUNTIME_INCONSISTENCY:
                return "RuntimeInconsistency";
            case DATA_INCONSISTENCY:
                return "DataInconsistency";
            case CONNECTION_LOSS:
                return "ConnectionLoss";
            case MARSHALLING_ERROR:
                return "MarshallingError";
            case UNIMPLEMENTED:
                return "Unimplemented";
            case OPERATION_TIMEOUT:
                return "OperationTimeout";
            case BAD_ARGUMENTS:
                return "BadArguments";
            case UNKNOWN_SESSION:
                return "UnknownSession";
            case NEW_CONFIG_NO_QUORUM:
                return "NewConfigNoQuorum";
            case RECONFIG_IN_PROGRESS:
                return "ReconfigInProgress";
            case API_ERROR:
                return "APIError";
            case NO_NODE:
                return "NoNode";
            case NO_AUTH:
                return "NoAuth";
            case BAD_VERSION:
                return "BadVersion";
            case NO_CHILDREN_FOR_EPHEMERALS:
                return "NoChildrenForEphemerals";
            case NODE_EXISTS:
                return "NodeExists";
            case NOT_EMPTY:
                return "Directory not empty";
            case SESSION_EXPIRED:
                return "Session expired";
            case INVALID_CALLBACK:
                return "Invalid callback";
            case INVALID_ACL:
                return "InvalidACL";
            case AUTH_FAILED:
                return "AuthFailed";
            case SESSION_MOVED:
                return "Session moved";
            case NOT_READ_ONLY:
                return "Not a read-only call";
            case EPHEMERAL_ON_LOCAL_SESSION:
                return "Ephemeral node on local session";
            case NO_WATCHER:
                return "No such watcher";
            case REQUEST_TIMEOUT:
                return "Request timeout";
            case RECONFIG_DISABLED:
                return "Reconfig is disabled";
            case SESSION_CLOSED_REQUIRE_SASL_AUTH:
                return "Session closed because client failed to authenticate";
            case QUOTA_EXCEEDED:
                return "Quota has exceeded";
            case THROTTLED:
                return "Op throttled due to high load";
            case INVALID_PATH:
                return "InvalidPath";
            case DATA_TOO_LARGE:
                return "DataTooLarge";
            case ZNODE_LIMIT:
                return "ZnodeLimit";
            case MALFORMED_REQUEST:
                return "MalformedRequest";
            case TOO_MANY_OPS:
                return "TooManyOps";
            case TOO_MANY_WATCHES:
                return "TooManyWatches";
            case TOO_MANY_EPHEMERALS:
                return "TooManyEphemerals";
            case TOO_MANY_REQUESTS:
                return "TooManyRequests";
            default:
                return String.valueOf(code);
        }
    }
}
