package io.aerie.client;

import io.aerie.codecs.ResultCode;

import java.util.List;

/**
 * A request answered with an error, in the blocking API; ZooKeeper's KeeperException. The {@link ResultCode}
 * names the ZooKeeper equivalent, and the common codes have a subclass of their own, named as ZooKeeper's
 * (NO_NODE is {@link NoNodeException}, NODE_EXISTS {@link NodeExistsException}, ...), so a caller can catch by
 * type. Every instance comes from {@link #create(ResultCode, String)}; the message reads as ZooKeeper's
 * ({@code KeeperErrorCode = NoNode for /a}). A failed multi throws the failing op's exception with every
 * op's result in {@link #results()}.
 */
public class AerieException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final ResultCode code;
    private final String path;
    private transient List<OpResult> results;

    /**
     * For the subclasses; callers use {@link #create(ResultCode, String)}.
     *
     * @param code the error.
     * @param path the path the request named, or null.
     */
    protected AerieException(final ResultCode code, final String path)
    {
        super(message(code, path));
        this.code = code;
        this.path = path;
    }

    /**
     * The exception for a code: its subclass when it has one, else an {@link AerieException}; ZooKeeper's
     * KeeperException.create.
     *
     * @param code the error; not OK.
     * @param path the path the request named, or null (then the message names none).
     * @return a new exception, not thrown.
     * @throws IllegalArgumentException if the code is OK.
     */
    public static AerieException create(final ResultCode code, final String path)
    {
        return ErrorCodes.exception(code, path);
    }

    /**
     * The exception of a failed multi: the failing op's, carrying every op's result.
     *
     * @param code    the failing op's error.
     * @param results every op's result, in op order: OK before the failing op, its error, RUNTIME_INCONSISTENCY after.
     * @return a new exception, not thrown; as ZooKeeper's, its message names no path.
     */
    static AerieException multiFailure(final ResultCode code, final List<OpResult> results)
    {
        final AerieException ex = create(code, null);
        ex.results = results;
        return ex;
    }

    /**
     * @return the error.
     */
    public ResultCode code()
    {
        return code;
    }

    /**
     * @return the path the request named, or null.
     */
    public String path()
    {
        return path;
    }

    /**
     * @return for a failed multi, every op's result in op order (ZooKeeper's getResults); null otherwise.
     */
    public List<OpResult> results()
    {
        return results;
    }

    /**
     * @param code an error.
     * @return ZooKeeper's text for the code (KeeperException.Code's message), or the code's name for Aerie's own.
     */
    public static String codeMessage(final ResultCode code)
    {
        return ErrorCodes.text(code);
    }

    private static String message(final ResultCode code, final String path)
    {
        final String text = "KeeperErrorCode = " + codeMessage(code);
        return null == path ? text : text + " for " + path;
    }

    /** ZooKeeper's SystemErrorException: an unexpected failure in the cluster. */
    public static final class SystemErrorException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public SystemErrorException(final String path)
        {
            super(ResultCode.SYSTEM_ERROR, path);
        }
    }

    /** ZooKeeper's RuntimeInconsistencyException: in a failed multi, an op after the failing one. */
    public static final class RuntimeInconsistencyException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public RuntimeInconsistencyException(final String path)
        {
            super(ResultCode.RUNTIME_INCONSISTENCY, path);
        }
    }

    /**
     * ZooKeeper's ConnectionLossException: the connection was lost before the answer; the request may or may not have
     * been applied.
     */
    public static final class ConnectionLossException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public ConnectionLossException(final String path)
        {
            super(ResultCode.CONNECTION_LOSS, path);
        }
    }

    /** ZooKeeper's MarshallingErrorException: a message could not be encoded or decoded. */
    public static final class MarshallingErrorException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public MarshallingErrorException(final String path)
        {
            super(ResultCode.MARSHALLING_ERROR, path);
        }
    }

    /** ZooKeeper's UnimplementedException: the operation is not implemented. */
    public static final class UnimplementedException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public UnimplementedException(final String path)
        {
            super(ResultCode.UNIMPLEMENTED, path);
        }
    }

    /** ZooKeeper's OperationTimeoutException: no answer within the request timeout. */
    public static final class OperationTimeoutException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public OperationTimeoutException(final String path)
        {
            super(ResultCode.OPERATION_TIMEOUT, path);
        }
    }

    /** ZooKeeper's BadArgumentsException: e.g. a TTL out of range, or a TTL for a mode without one. */
    public static final class BadArgumentsException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public BadArgumentsException(final String path)
        {
            super(ResultCode.BAD_ARGUMENTS, path);
        }
    }

    /** ZooKeeper's APIErrorException. */
    public static final class ApiErrorException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public ApiErrorException(final String path)
        {
            super(ResultCode.API_ERROR, path);
        }
    }

    /** ZooKeeper's NoNodeException: the node, or the parent of a node to create, does not exist. */
    public static final class NoNodeException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public NoNodeException(final String path)
        {
            super(ResultCode.NO_NODE, path);
        }
    }

    /** ZooKeeper's NoAuthException: the node's ACL does not allow the operation. */
    public static final class NoAuthException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public NoAuthException(final String path)
        {
            super(ResultCode.NO_AUTH, path);
        }
    }

    /** ZooKeeper's BadVersionException: the expected version does not match. */
    public static final class BadVersionException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public BadVersionException(final String path)
        {
            super(ResultCode.BAD_VERSION, path);
        }
    }

    /** ZooKeeper's NoChildrenForEphemeralsException: an ephemeral node may not have children. */
    public static final class NoChildrenForEphemeralsException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public NoChildrenForEphemeralsException(final String path)
        {
            super(ResultCode.NO_CHILDREN_FOR_EPHEMERALS, path);
        }
    }

    /** ZooKeeper's NodeExistsException: the node already exists. */
    public static final class NodeExistsException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public NodeExistsException(final String path)
        {
            super(ResultCode.NODE_EXISTS, path);
        }
    }

    /** ZooKeeper's NotEmptyException: the node has children. */
    public static final class NotEmptyException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public NotEmptyException(final String path)
        {
            super(ResultCode.NOT_EMPTY, path);
        }
    }

    /** ZooKeeper's SessionExpiredException: the session is gone, and its ephemerals and watches with it. */
    public static final class SessionExpiredException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public SessionExpiredException(final String path)
        {
            super(ResultCode.SESSION_EXPIRED, path);
        }
    }

    /** ZooKeeper's InvalidACLException: the ACL list is empty or malformed. */
    public static final class InvalidAclException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public InvalidAclException(final String path)
        {
            super(ResultCode.INVALID_ACL, path);
        }
    }

    /** ZooKeeper's AuthFailedException: authentication failed. */
    public static final class AuthFailedException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public AuthFailedException(final String path)
        {
            super(ResultCode.AUTH_FAILED, path);
        }
    }

    /** ZooKeeper's NoWatcherException: no such watch to remove. */
    public static final class NoWatcherException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public NoWatcherException(final String path)
        {
            super(ResultCode.NO_WATCHER, path);
        }
    }

    /** ZooKeeper's RequestTimeoutException. */
    public static final class RequestTimeoutException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public RequestTimeoutException(final String path)
        {
            super(ResultCode.REQUEST_TIMEOUT, path);
        }
    }

    /** ZooKeeper's QuotaExceededException: a hard quota would be exceeded. */
    public static final class QuotaExceededException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public QuotaExceededException(final String path)
        {
            super(ResultCode.QUOTA_EXCEEDED, path);
        }
    }

    /** ZooKeeper's ThrottledOpException: the request was throttled. */
    public static final class ThrottledException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public ThrottledException(final String path)
        {
            super(ResultCode.THROTTLED, path);
        }
    }

    /**
     * A malformed path (empty, relative, a '.' or '..' segment, a trailing '/', bad UTF-8, too long): ZooKeeper's
     * client rejects these with IllegalArgumentException before sending.
     */
    public static final class InvalidPathException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public InvalidPathException(final String path)
        {
            super(ResultCode.INVALID_PATH, path);
        }
    }

    /** Data larger than the cluster's maximum (1 MiB by default), as ZooKeeper's jute.maxbuffer refuses. */
    public static final class DataTooLargeException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public DataTooLargeException(final String path)
        {
            super(ResultCode.DATA_TOO_LARGE, path);
        }
    }

    /** The cluster's znode capacity or store space is exhausted. */
    public static final class ZnodeLimitException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public ZnodeLimitException(final String path)
        {
            super(ResultCode.ZNODE_LIMIT, path);
        }
    }

    /** A multi with more ops than the cluster's maximum. */
    public static final class TooManyOpsException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public TooManyOpsException(final String path)
        {
            super(ResultCode.TOO_MANY_OPS, path);
        }
    }

    /**
     * The session holds the most watches the cluster lets one session hold ({@code aerie.session.max.watches}): the
     * read or addWatch left no watch (and a read returned nothing). Remove watches, or use fewer.
     */
    public static final class TooManyWatchesException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public TooManyWatchesException(final String path)
        {
            super(ResultCode.TOO_MANY_WATCHES, path);
        }
    }

    /** The session owns the most ephemerals the cluster lets one session own ({@code aerie.session.max.ephemerals}). */
    public static final class TooManyEphemeralsException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public TooManyEphemeralsException(final String path)
        {
            super(ResultCode.TOO_MANY_EPHEMERALS, path);
        }
    }

    /**
     * Raised by this client, not the cluster: it already holds {@link ClientRequests.Context#maxPending()} requests
     * unanswered, so the request was not sent. Poll for answers before making more.
     */
    public static final class TooManyRequestsException extends AerieException
    {
        private static final long serialVersionUID = 1L;

        /** @param path the path the request named, or null. */
        public TooManyRequestsException(final String path)
        {
            super(ResultCode.TOO_MANY_REQUESTS, path);
        }
    }
}
