package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.Watcher;
import io.aerie.codecs.ResultCode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Walks a znode and its descendants with getChildren, as ZooKeeper's ZKUtil does for {@code ls -R},
 * {@code deleteall} and {@code setAcl -R}. Not atomic: the tree may change during the walk. Client thread only.
 */
final class Subtree
{
    private Subtree()
    {
    }

    /**
     * @return the path and all its descendants, breadth first (each parent before its children).
     * @throws AerieException NO_NODE if the path does not exist.
     */
    static List<String> breadthFirst(final AerieClient client, final String path) throws AerieException
    {
        final List<String> paths = new ArrayList<>();
        paths.add(path);
        for (int i = 0; i < paths.size(); i++)
        {
            final String parent = paths.get(i);
            for (final String name : children(client, parent, null, i > 0))
            {
                paths.add(ZnodeCommand.child(parent, name));
            }
        }

        return paths;
    }

    /**
     * Visit the path and its descendants depth first, children in name order.
     *
     * @param watcher if not null, a child watch is left on every znode visited.
     * @throws AerieException NO_NODE if the path does not exist.
     */
    static void depthFirst(
        final AerieClient client, final String path, final Watcher watcher, final Consumer<String> visitor)
        throws AerieException
    {
        depthFirst(client, path, watcher, visitor, false);
    }

    private static void depthFirst(
        final AerieClient client,
        final String path,
        final Watcher watcher,
        final Consumer<String> visitor,
        final boolean mayBeGone) throws AerieException
    {
        final List<String> children = children(client, path, watcher, mayBeGone);
        visitor.accept(path);
        for (final String name : children)
        {
            depthFirst(client, ZnodeCommand.child(path, name), watcher, visitor, true);
        }
    }

    /**
     * A descendant deleted during the walk has no children; the root missing is an error.
     */
    private static List<String> children(
        final AerieClient client, final String path, final Watcher watcher, final boolean mayBeGone)
        throws AerieException
    {
        try
        {
            return client.getChildren(path, watcher);
        }
        catch (final AerieException ex)
        {
            if (mayBeGone && ResultCode.NO_NODE == ex.code())
            {
                return List.of();
            }
            throw ex;
        }
    }
}
