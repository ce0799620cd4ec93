package io.aerie.client.recipes;

import io.aerie.client.Response;
import io.aerie.codecs.model.Stat;
import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The nodes a {@link TreeMirror} holds, by path, each with the generation of the last answer that confirmed it. Owned
 * by the client's polling thread; allocates per change.
 */
final class MirroredNodes
{
    private final TreeMap<String, CachedNode> nodes = new TreeMap<>();
    private final Object2IntHashMap<String> confirmedIn = new Object2IntHashMap<>(-1);

    CachedNode get(final String path)
    {
        return nodes.get(path);
    }

    int size()
    {
        return nodes.size();
    }

    /**
     * Keep a getData answer, unless the copy is as new already (same czxid and an mzxid not smaller, or a larger
     * czxid: a later node at the path); either way the node is confirmed in {@code generation}.
     *
     * @return {@link CacheEvent#NODE_ADDED} or {@link CacheEvent#NODE_UPDATED} if the copy changed, else null.
     */
    CacheEvent apply(final String path, final Response response, final int generation)
    {
        final Stat stat = response.stat();
        final CachedNode old = nodes.get(path);
        confirmedIn.put(path, generation);
        if (null != old &&
            (stat.czxid() < old.czxid() || (stat.czxid() == old.czxid() && stat.mzxid() <= old.mzxid())))
        {
            return null;
        }
        nodes.put(path, new CachedNode(path, response));
        return null == old ? CacheEvent.NODE_ADDED : CacheEvent.NODE_UPDATED;
    }

    /**
     * @return true if the node was held.
     */
    boolean remove(final String path)
    {
        confirmedIn.removeKey(path);
        return null != nodes.remove(path);
    }

    /**
     * @return paths of the nodes not confirmed in {@code generation}, in path order; null if none.
     */
    List<String> unconfirmed(final int generation)
    {
        List<String> paths = null;
        for (final String path : nodes.keySet())
        {
            if (confirmedIn.getValue(path) != generation)
            {
                paths = null == paths ? new ArrayList<>() : paths;
                paths.add(path);
            }
        }
        return paths;
    }

    /**
     * @return the held children of a node, in name order; allocates.
     */
    List<CachedNode> children(final String path)
    {
        final String prefix = "/".equals(path) ? "/" : path + "/";
        final List<CachedNode> children = new ArrayList<>();
        for (final Map.Entry<String, CachedNode> entry : nodes.subMap(prefix, true, path + "0", false).entrySet())
        {
            final String key = entry.getKey();
            if (key.length() > prefix.length() && key.indexOf('/', prefix.length()) < 0)
            {
                children.add(entry.getValue());
            }
        }
        return children;
    }

    /**
     * @return the number of segments of {@code path} below {@code rootPath} (0 for the root), or -1 if not under it.
     */
    static int depthOf(final String rootPath, final String path)
    {
        if (path.equals(rootPath))
        {
            return 0;
        }
        final boolean underRoot = "/".equals(rootPath) ||
            (path.startsWith(rootPath) && path.length() > rootPath.length() && '/' == path.charAt(rootPath.length()));
        if (!underRoot)
        {
            return -1;
        }
        int depth = 0;
        for (int i = "/".equals(rootPath) ? 0 : rootPath.length(), length = path.length(); i < length; i++)
        {
            depth += '/' == path.charAt(i) ? 1 : 0;
        }
        return depth;
    }
}
