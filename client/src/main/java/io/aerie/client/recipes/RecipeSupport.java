package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.ResponseHandler;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.model.AclList;
import org.agrona.DirectBuffer;

/**
 * Paths and session checks the recipes share.
 */
final class RecipeSupport
{
    private RecipeSupport()
    {
    }

    /**
     * @return the path of a child: {@code parent/name}, or {@code /name} under the root.
     */
    static String child(final String parentPath, final String name)
    {
        return "/".equals(parentPath) ? "/" + name : parentPath + "/" + name;
    }

    /**
     * @return true while the client's session may still exist: connected, or disconnected and not yet expired.
     */
    static boolean isSessionAlive(final AerieClient client)
    {
        final SessionState state = client.state();
        return SessionState.CONNECTED == state || SessionState.DISCONNECTED == state;
    }

    /**
     * @throws AerieException SESSION_EXPIRED if the client's session has ended.
     */
    static void requireSessionAlive(final AerieClient client) throws AerieException
    {
        if (!isSessionAlive(client))
        {
            throw AerieException.create(ResultCode.SESSION_EXPIRED, null);
        }
    }

    /**
     * Send, without waiting, creates of every ancestor of a path and of the path itself, persistent and empty, in
     * order: the cluster applies them in that order, so a request sent after them finds the path. NODE_EXISTS
     * answers reach the handler and mean nothing.
     */
    static void createPath(
        final AerieClient client, final String path, final DirectBuffer empty, final AclList acl, final ResponseHandler handler)
    {
        int slash = path.indexOf('/', 1);
        while (true)
        {
            final String ancestor = slash < 0 ? path : path.substring(0, slash);
            client.create(ancestor, empty, 0, 0, acl, CreateMode.PERSISTENT, -1, handler);
            if (slash < 0)
            {
                return;
            }
            slash = path.indexOf('/', slash + 1);
        }
    }
}
