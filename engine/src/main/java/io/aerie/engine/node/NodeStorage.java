package io.aerie.engine.node;

import io.aeron.exceptions.ConfigurationException;

import java.io.File;
import java.nio.file.Path;

/**
 * Where and how durably a node keeps its state: its directories, the file sync level of its log, what it removes at
 * start and how many snapshots it keeps. {@link Configuration} names the {@code aerie.node.*} properties and defaults;
 * {@link Context} holds one node's values. Composed by {@link AerieNode.Context#storage()}.
 * <p>
 * Directories: under the node directory, {@code archive/} (recordings, snapshots, archive mark file),
 * {@code cluster/} (recording log, node state, cluster mark files) and {@code tree/} (Aerie's tree maps as files and
 * their copy at the last snapshot, unless {@code aerie.tree.map.dir} names another directory or
 * {@code aerie.tree.map.files=false} keeps them in memory). The Aeron directory (transient driver
 * buffers) defaults to {@code /dev/shm/aerie-<node-dir-name>-<hash of its path>} where {@code /dev/shm}
 * exists, else {@code <node-dir>/aeron}.
 */
public final class NodeStorage
{
    private NodeStorage()
    {
    }

    /**
     * Property names and defaults of a node's directories and durability, each readable from an {@code aerie.node.*}
     * system property.
     */
    public static final class Configuration
    {
        /**
         * The node's base directory.
         */
        public static final String DIR_PROP_NAME = "aerie.node.dir";

        /**
         * Default node directory is this prefix plus the member id, relative to the working directory.
         */
        public static final String DIR_DEFAULT_PREFIX = "aerie-node-";

        /**
         * Archive directory name under the node directory.
         */
        public static final String ARCHIVE_DIR_NAME = "archive";

        /**
         * Cluster directory name under the node directory.
         */
        public static final String CLUSTER_DIR_NAME = "cluster";

        /**
         * Directory name, under the node directory, of Aerie's tree maps as files and their copy at the last snapshot
         * (see {@code ZnodeTreeConfiguration.MAP_DIR_PROP_NAME}, which overrides it).
         */
        public static final String TREE_DIR_NAME = "tree";

        /**
         * The node's Aeron (media driver) directory.
         */
        public static final String AERON_DIR_PROP_NAME = "aerie.node.aeron.dir";

        /**
         * When the node forces the log to disk: {@code none}, {@code data} or {@code all} (see {@link Durability});
         * sets Aeron's archive, catalog and consensus module file sync levels, overriding their own properties.
         */
        public static final String DURABILITY_PROP_NAME = "aerie.node.durability";

        /**
         * Default: {@link Durability#DATA}, as ZooKeeper's {@code forceSync=yes}: an acknowledged write survives a power
         * loss of the whole cluster.
         */
        public static final Durability DURABILITY_DEFAULT = Durability.DATA;

        /**
         * Delete the node's archive, cluster, tree and Aeron directories at start (a fresh, empty node).
         */
        public static final String DELETE_DIRS_ON_START_PROP_NAME = "aerie.node.delete.dirs.on.start";

        /**
         * Default: keep state across restarts.
         */
        public static final boolean DELETE_DIRS_ON_START_DEFAULT = false;

        /**
         * Delete the mark files and driver files a killed node left (its archive and cluster mark files, its Aeron
         * directory) before start, so a node restarts at once after {@code kill -9} instead of failing with "Active
         * media driver detected" or waiting ~10 s for mark files to time out. Safe: a node removes them only once it
         * holds its directory's lock ({@code <nodeDir>/node.lock}), which the operating system releases when the
         * process holding it dies, so a live node's files are never touched.
         */
        public static final String REMOVE_STALE_MARK_FILES_PROP_NAME = "aerie.node.remove.stale.mark.files";

        /**
         * Default: remove a dead node's files (set false to leave them, e.g. to inspect them).
         */
        public static final boolean REMOVE_STALE_MARK_FILES_DEFAULT = true;

        /**
         * Snapshots each member keeps. After each snapshot a member deletes its older ones and purges its log below the
         * oldest one it keeps, as ZooKeeper's autopurge does (snapRetainCount), but never below the log position of any
         * member: a member that is down or unreachable holds the purge of the log back until it is back and caught up.
         * 0 keeps everything (no retention).
         */
        public static final String SNAPSHOT_RETAIN_PROP_NAME = "aerie.node.snapshot.retain";

        /**
         * Default: the latest snapshot and the one before it (so the latest can be invalidated and the node recovers
         * from the previous one and the log).
         */
        public static final int SNAPSHOT_RETAIN_DEFAULT = 2;

        private Configuration()
        {
        }

        /**
         * @return {@link #DIR_PROP_NAME} as a file, or null to derive it from the member id.
         */
        public static File nodeDir()
        {
            final String dir = System.getProperty(DIR_PROP_NAME);
            return null == dir ? null : new File(dir);
        }

        /**
         * @return {@link #AERON_DIR_PROP_NAME}, or null to derive it from the node directory.
         */
        public static String aeronDirectoryName()
        {
            return System.getProperty(AERON_DIR_PROP_NAME);
        }

        /**
         * @return {@link #DURABILITY_PROP_NAME} or its default.
         * @throws ConfigurationException if the value is not a {@link Durability}.
         */
        public static Durability durability()
        {
            final String value = System.getProperty(DURABILITY_PROP_NAME);
            return null == value ? DURABILITY_DEFAULT : Durability.parse(value);
        }

        /**
         * @return {@link #DELETE_DIRS_ON_START_PROP_NAME} or its default.
         */
        public static boolean deleteDirsOnStart()
        {
            final String value = System.getProperty(DELETE_DIRS_ON_START_PROP_NAME);
            return null == value ? DELETE_DIRS_ON_START_DEFAULT : Boolean.parseBoolean(value.trim());
        }

        /**
         * @return {@link #REMOVE_STALE_MARK_FILES_PROP_NAME} or its default.
         */
        public static boolean removeStaleMarkFilesOnStart()
        {
            final String value = System.getProperty(REMOVE_STALE_MARK_FILES_PROP_NAME);
            return null == value ? REMOVE_STALE_MARK_FILES_DEFAULT : Boolean.parseBoolean(value.trim());
        }

        /**
         * @return {@link #SNAPSHOT_RETAIN_PROP_NAME} or its default.
         */
        public static int snapshotRetain()
        {
            return Integer.getInteger(SNAPSHOT_RETAIN_PROP_NAME, SNAPSHOT_RETAIN_DEFAULT);
        }

        /**
         * The default Aeron directory for a node directory: in {@code /dev/shm} when it exists (driver buffers
         * belong in memory), named after the node directory and a hash of its absolute path so that nodes on one
         * machine never share one; otherwise {@code <node-dir>/aeron}.
         *
         * @param nodeDir the node's base directory.
         * @return the Aeron directory name.
         */
        public static String defaultAeronDirectoryName(final File nodeDir)
        {
            final File shm = new File("/dev/shm");
            if (!shm.isDirectory())
            {
                return new File(nodeDir, "aeron").getPath();
            }

            final Path path = nodeDir.toPath().toAbsolutePath().normalize();
            final String name = null == path.getFileName() ? "root" : path.getFileName().toString();
            final String safeName = name.replaceAll("[^A-Za-z0-9._-]", "_");

            return new File(shm, "aerie-" + safeName + "-" + Integer.toHexString(path.toString().hashCode())).getPath();
        }
    }

    /**
     * One node's directories and durability. Fluent setters, same-named getters; not thread-safe: configure, then
     * launch.
     */
    public static final class Context
    {
        private File nodeDir = Configuration.nodeDir();
        private String aeronDirectoryName = Configuration.aeronDirectoryName();
        private Durability durability = Configuration.durability();
        private boolean deleteDirsOnStart = Configuration.deleteDirsOnStart();
        private boolean removeStaleMarkFilesOnStart = Configuration.removeStaleMarkFilesOnStart();
        private int snapshotRetain = Configuration.snapshotRetain();

        /**
         * Derive the node and Aeron directories if unset and check the settings. Called by
         * {@link AerieNode.Context#conclude()}.
         *
         * @param memberId this node's member id, naming the default node directory.
         * @return this.
         * @throws ConfigurationException if the durability is null or the snapshots kept are negative.
         */
        public Context conclude(final int memberId)
        {
            if (null == nodeDir)
            {
                nodeDir = new File(Configuration.DIR_DEFAULT_PREFIX + memberId);
            }
            if (null == aeronDirectoryName)
            {
                aeronDirectoryName = Configuration.defaultAeronDirectoryName(nodeDir);
            }
            if (null == durability)
            {
                throw new ConfigurationException("durability must not be null");
            }
            if (snapshotRetain < 0)
            {
                throw new ConfigurationException("snapshotRetain=" + snapshotRetain + " must be >= 0 (0 keeps all)");
            }

            return this;
        }

        /**
         * @param nodeDir the node's base directory; archive and cluster directories go under it.
         * @return this.
         * @see Configuration#DIR_PROP_NAME
         */
        public Context nodeDir(final File nodeDir)
        {
            this.nodeDir = nodeDir;
            return this;
        }

        /** @return the node directory (derived from the member id by {@link #conclude(int)} if not set). */
        public File nodeDir()
        {
            return nodeDir;
        }

        /** @return {@code <nodeDir>/archive}, valid after {@link #conclude(int)}. */
        public File archiveDir()
        {
            return new File(nodeDir, Configuration.ARCHIVE_DIR_NAME);
        }

        /** @return {@code <nodeDir>/cluster}, valid after {@link #conclude(int)}. */
        public File clusterDir()
        {
            return new File(nodeDir, Configuration.CLUSTER_DIR_NAME);
        }

        /** @return {@code <nodeDir>/tree}, the default directory of the tree's maps, valid after {@link #conclude(int)}. */
        public File treeDir()
        {
            return new File(nodeDir, Configuration.TREE_DIR_NAME);
        }

        /**
         * @param aeronDirectoryName the media driver directory of this node.
         * @return this.
         * @see Configuration#AERON_DIR_PROP_NAME
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /** @return the media driver directory (see {@link Configuration#defaultAeronDirectoryName(File)}). */
        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /**
         * @param durability when the log is forced to disk before a write is acknowledged.
         * @return this.
         * @see Configuration#DURABILITY_PROP_NAME
         */
        public Context durability(final Durability durability)
        {
            this.durability = durability;
            return this;
        }

        /** @return when the log is forced to disk before a write is acknowledged. */
        public Durability durability()
        {
            return durability;
        }

        /**
         * @param deleteDirsOnStart delete archive, cluster and Aeron directories at start.
         * @return this.
         * @see Configuration#DELETE_DIRS_ON_START_PROP_NAME
         */
        public Context deleteDirsOnStart(final boolean deleteDirsOnStart)
        {
            this.deleteDirsOnStart = deleteDirsOnStart;
            return this;
        }

        /** @return true if the node starts empty. */
        public boolean deleteDirsOnStart()
        {
            return deleteDirsOnStart;
        }

        /**
         * @param removeStaleMarkFilesOnStart delete the mark files a dead node left in the node directory, and its
         *                                    Aeron directory when it is the node's default one, once this node holds
         *                                    the directory's lock (so no live process uses them); default true.
         * @return this.
         * @see AerieNode#removeStaleMarkFiles(File, String)
         */
        public Context removeStaleMarkFilesOnStart(final boolean removeStaleMarkFilesOnStart)
        {
            this.removeStaleMarkFilesOnStart = removeStaleMarkFilesOnStart;
            return this;
        }

        /** @return true if stale mark files are removed before start. */
        public boolean removeStaleMarkFilesOnStart()
        {
            return removeStaleMarkFilesOnStart;
        }

        /**
         * @param snapshotRetain snapshots kept; older ones and the log below the oldest kept are purged (0 keeps all).
         * @return this.
         * @see Configuration#SNAPSHOT_RETAIN_PROP_NAME
         */
        public Context snapshotRetain(final int snapshotRetain)
        {
            this.snapshotRetain = snapshotRetain;
            return this;
        }

        /** @return snapshots kept, 0 for all. */
        public int snapshotRetain()
        {
            return snapshotRetain;
        }

        /**
         * {@inheritDoc}
         */
        public String toString()
        {
            return "nodeDir=" + nodeDir +
                ", aeronDirectoryName='" + aeronDirectoryName + '\'' +
                ", durability=" + durability +
                ", deleteDirsOnStart=" + deleteDirsOnStart +
                ", snapshotRetain=" + snapshotRetain;
        }
    }
}
