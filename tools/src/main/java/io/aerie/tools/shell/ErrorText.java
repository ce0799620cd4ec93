package io.aerie.tools.shell;

import io.aerie.client.AerieException;
import io.aerie.engine.tree.ZnodeTreeConfiguration;

/**
 * One line for an error answer, worded as zkCli words it ({@code Node does not exist: /x},
 * {@code version No is not valid : /x}); codes zkCli has no words for say their name and the path. Stateless.
 */
final class ErrorText
{
    private ErrorText()
    {
    }

    /**
     * @param ex        the error answer.
     * @param timeoutMs the request timeout in force, for the message of a request that got no answer.
     * @return the one-line message.
     */
    static String of(final AerieException ex, final long timeoutMs)
    {
        final String path = String.valueOf(ex.path());
        switch (ex.code())
        {
            case NO_NODE:
                return "Node does not exist: " + path;
            case NODE_EXISTS:
                return "Node already exists: " + path;
            case NOT_EMPTY:
                return "Node not empty: " + path;
            case NO_CHILDREN_FOR_EPHEMERALS:
                return "Ephemerals cannot have children: " + path;
            case BAD_VERSION:
                return "version No is not valid : " + path;
            case INVALID_ACL:
                return "Acl is not valid : " + path;
            case NO_AUTH:
                return "Insufficient permission : " + path;
            case AUTH_FAILED:
                // zkCli prints the exception's own message: KeeperErrorCode = AuthFailed.
                return ex.getMessage();
            case BAD_ARGUMENTS:
                return "Arguments are not valid : " + path;
            case QUOTA_EXCEEDED:
                return "Quota has exceeded : " + path;
            case TOO_MANY_WATCHES:
                return "Too many watches: this session holds the most the cluster allows (aerie.session.max.watches) : " +
                    path;
            case TOO_MANY_EPHEMERALS:
                return "Too many ephemerals: this session owns the most the cluster allows " +
                    "(aerie.session.max.ephemerals) : " + path;
            case NO_WATCHER:
                return "No such watcher for " + path;
            case INVALID_PATH:
                return "Invalid path: " + ZnodeCommand.abbreviated(path);
            case DATA_TOO_LARGE:
                return "Data too large for " + path + ": the cluster takes at most " +
                    ZnodeTreeConfiguration.MAX_DATA_LENGTH_DEFAULT + " bytes (1 MiB) by default (" +
                    ZnodeTreeConfiguration.MAX_DATA_LENGTH_PROP_NAME + " on its nodes)";
            case OPERATION_TIMEOUT:
                return "No answer from the cluster within " + timeoutMs + " ms (see --timeout-ms)";
            case SESSION_EXPIRED:
                return "Session expired; connect again";
            case UNIMPLEMENTED:
                return "Not implemented by the cluster (UNIMPLEMENTED)";
            default:
                return null == ex.path() ? "Error: " + ex.code() : "Error: " + ex.code() + " for " + path;
        }
    }
}
