package io.aerie.tools.admin;

import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.node.NodeStorage;
import io.aeron.cluster.RecordingLog;
import io.aeron.cluster.service.ClusterMarkFile;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the nodes in the directories a user gives: a node's directory (it has {@code cluster/}), its
 * {@code cluster/} directory itself, or a directory of nodes ({@code node-N/}, as {@code aerie local} keeps
 * them). Looks at names only; whether a node runs is {@link NodeProbe}'s business.
 */
final class NodeDirs
{
    private static final Pattern NODE_DIR_NAME = Pattern.compile("node-([0-9]{1,4})");

    private NodeDirs()
    {
    }

    /**
     * The directory {@code aerie local} uses when none is given: {@code aerie.local.dir}, else
     * {@code <java.io.tmpdir>/aerie-local-<aerie.local.port.base>}, as {@link LocalCluster.Context#conclude()}.
     *
     * @return the default directory of the local cluster.
     */
    static File defaultDir()
    {
        final File dir = LocalCluster.Configuration.dir();
        return null != dir ? dir :
            new File(System.getProperty("java.io.tmpdir"), "aerie-local-" + LocalCluster.Configuration.portBase());
    }

    /**
     * The nodes in several directories, each once (by canonical path), in the order given and, within a
     * directory of nodes, by member id.
     *
     * @param dirs the directories given; not null, not empty.
     * @return the nodes, at least one.
     * @throws IllegalArgumentException if a directory is missing, is a file, or holds no node.
     */
    static List<NodeDir> resolve(final List<File> dirs)
    {
        final Map<String, NodeDir> nodes = new LinkedHashMap<>();
        for (final File dir : dirs)
        {
            for (final NodeDir node : resolve(dir))
            {
                nodes.putIfAbsent(node.nodeDir().getPath(), node);
            }
        }

        return new ArrayList<>(nodes.values());
    }

    /**
     * The nodes in one directory.
     *
     * @param dir a node directory, a cluster directory or a directory of {@code node-N} directories; not null.
     * @return the nodes, at least one.
     * @throws IllegalArgumentException if the directory is missing, is a file, or holds no node.
     */
    static List<NodeDir> resolve(final File dir)
    {
        if (!dir.exists())
        {
            throw new IllegalArgumentException("no such directory: " + dir);
        }
        if (!dir.isDirectory())
        {
            throw new IllegalArgumentException("not a directory: " + dir);
        }

        final File canonical = canonical(dir);
        final List<NodeDir> nodes = new ArrayList<>();
        if (isClusterDir(canonical))
        {
            final File nodeDir = null == canonical.getParentFile() ? canonical : canonical.getParentFile();
            nodes.add(new NodeDir(nodeDir, canonical, memberIdHint(nodeDir)));
        }
        else if (new File(canonical, NodeStorage.Configuration.CLUSTER_DIR_NAME).isDirectory())
        {
            nodes.add(nodeDir(canonical));
        }
        else
        {
            final File[] children = canonical.listFiles((file) -> file.isDirectory() &&
                NODE_DIR_NAME.matcher(file.getName()).matches() &&
                new File(file, NodeStorage.Configuration.CLUSTER_DIR_NAME).isDirectory());
            if (null != children)
            {
                for (final File child : children)
                {
                    nodes.add(nodeDir(child));
                }
                // listFiles has no order; members are shown by id.
                nodes.sort(Comparator.comparingInt(NodeDir::memberIdHint));
            }
        }

        if (nodes.isEmpty())
        {
            throw new IllegalArgumentException(dir + " is not an Aerie node directory (no cluster/ in it) " +
                "nor a directory of nodes (no node-N/ in it)");
        }

        return nodes;
    }

    /**
     * The member id a directory's name suggests.
     *
     * @param nodeDir a node directory.
     * @return N for {@code node-N}, else {@link NodeDir#UNKNOWN_MEMBER_ID}.
     */
    static int memberIdHint(final File nodeDir)
    {
        final Matcher matcher = NODE_DIR_NAME.matcher(nodeDir.getName());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : NodeDir.UNKNOWN_MEMBER_ID;
    }

    private static NodeDir nodeDir(final File nodeDir)
    {
        return new NodeDir(
            nodeDir, new File(nodeDir, NodeStorage.Configuration.CLUSTER_DIR_NAME), memberIdHint(nodeDir));
    }

    private static boolean isClusterDir(final File dir)
    {
        return new File(dir, ClusterMarkFile.FILENAME).exists() ||
            new File(dir, ClusterMarkFile.LINK_FILENAME).exists() ||
            new File(dir, RecordingLog.RECORDING_LOG_FILE_NAME).exists();
    }

    private static File canonical(final File dir)
    {
        try
        {
            // One node reached through two spellings (relative, symlinked) must count once.
            return dir.getCanonicalFile();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot resolve " + dir + ": " + ex.getMessage(), ex);
        }
    }
}
