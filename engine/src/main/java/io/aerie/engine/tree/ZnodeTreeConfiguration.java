package io.aerie.engine.tree;

import java.io.File;

/**
 * Names and defaults of the tree's configuration, read from {@code aerie.tree.*} system properties.
 */
public final class ZnodeTreeConfiguration
{
    /**
     * Most znodes clients may create: every znode but the root and the reserved {@code /zookeeper},
     * {@code /zookeeper/quota} and {@code /zookeeper/config}, which come on top (quota nodes made by setquota do
     * count). A create past it fails with ZNODE_LIMIT; from {@link #ZNODE_CAPACITY_WARNING_PERCENT} of it the node
     * says so (counter {@code aerie_znode_capacity_warning}, {@code aerie admin status}).
     */
    public static final String MAX_ZNODES_PROP_NAME = "aerie.tree.max.znodes";
    /**
     * Default for {@link #MAX_ZNODES_PROP_NAME}: 2^20, so a tree of a million leaves fits with their parents.
     */
    public static final long MAX_ZNODES_DEFAULT = 1L << 20;
    /**
     * Share of {@link #MAX_ZNODES_PROP_NAME}, in percent, from which the tree is reported near its capacity.
     */
    public static final int ZNODE_CAPACITY_WARNING_PERCENT = 90;

    /** Largest znode data in bytes (ZooKeeper's jute.maxbuffer idea). */
    public static final String MAX_DATA_LENGTH_PROP_NAME = "aerie.tree.max.data.length";
    /** Default for {@link #MAX_DATA_LENGTH_PROP_NAME}: 1 MiB. */
    public static final int MAX_DATA_LENGTH_DEFAULT = 1024 * 1024;

    /** Longest path in UTF-8 bytes. */
    public static final String MAX_PATH_LENGTH_PROP_NAME = "aerie.tree.max.path.length";
    /** Default for {@link #MAX_PATH_LENGTH_PROP_NAME}. */
    public static final int MAX_PATH_LENGTH_DEFAULT = 4096;

    /** Expected average path length in bytes, used to size the off-heap maps. */
    public static final String AVERAGE_PATH_LENGTH_PROP_NAME = "aerie.tree.average.path.length";
    /** Default for {@link #AVERAGE_PATH_LENGTH_PROP_NAME}. */
    public static final int AVERAGE_PATH_LENGTH_DEFAULT = 48;

    /** Expected average small-data length in bytes, used to size the node map. */
    public static final String AVERAGE_DATA_LENGTH_PROP_NAME = "aerie.tree.average.data.length";
    /** Default for {@link #AVERAGE_DATA_LENGTH_PROP_NAME}. */
    public static final int AVERAGE_DATA_LENGTH_DEFAULT = 64;

    /** Total bytes of data larger than 256 bytes that the tree is sized to hold. */
    public static final String LARGE_DATA_CAPACITY_PROP_NAME = "aerie.tree.large.data.capacity";
    /** Default for {@link #LARGE_DATA_CAPACITY_PROP_NAME}: 256 MiB. */
    public static final long LARGE_DATA_CAPACITY_DEFAULT = 256L * 1024 * 1024;

    /** Most distinct ACL lists. */
    public static final String MAX_ACL_LISTS_PROP_NAME = "aerie.tree.max.acl.lists";
    /** Default for {@link #MAX_ACL_LISTS_PROP_NAME}. */
    public static final int MAX_ACL_LISTS_DEFAULT = 65_536;

    /** Most operations in one multi. */
    public static final String MAX_MULTI_OPS_PROP_NAME = "aerie.tree.max.multi.ops";
    /** Default for {@link #MAX_MULTI_OPS_PROP_NAME}. */
    public static final int MAX_MULTI_OPS_DEFAULT = 1000;

    /** Head-room Chronicle Map may grow into beyond its sizing (1 = none). */
    public static final String MAX_BLOAT_FACTOR_PROP_NAME = "aerie.tree.max.bloat.factor";
    /** Default for {@link #MAX_BLOAT_FACTOR_PROP_NAME}. */
    public static final double MAX_BLOAT_FACTOR_DEFAULT = 4.0;

    /**
     * Whether hard quota limits are enforced, as ZooKeeper's {@code zookeeper.enforceQuota}: a create or data change
     * that would take a quota'd subtree over its {@code countHardLimit} or {@code byteHardLimit} fails with
     * QUOTA_EXCEEDED. Soft limits are only counted, either way.
     */
    public static final String QUOTA_ENFORCE_PROP_NAME = "aerie.quota.enforce";
    /** Default for {@link #QUOTA_ENFORCE_PROP_NAME}: false, as ZooKeeper. */
    public static final boolean QUOTA_ENFORCE_DEFAULT = false;

    /**
     * Most ephemeral znodes one session may own at once; a create past it fails with TOO_MANY_EPHEMERALS.
     * ZooKeeper has no such limit: it stops one client from filling the node's znode capacity with nodes that
     * live only as long as that client.
     */
    public static final String MAX_EPHEMERALS_PER_SESSION_PROP_NAME = "aerie.session.max.ephemerals";
    /** Default for {@link #MAX_EPHEMERALS_PER_SESSION_PROP_NAME}. */
    public static final int MAX_EPHEMERALS_PER_SESSION_DEFAULT = 10_000;

    /**
     * Directory of the tree's maps as files (on tmpfs such as {@code /dev/shm}, or a node's own disk), for a restart
     * that maps the tree back instead of loading it: at each snapshot a copy of the maps is kept there, tagged with
     * the snapshot's log position and digest, and a restart from that snapshot maps the copy and verifies it against
     * the snapshot, loading the snapshot's messages only when the copy is missing or does not match. The snapshot
     * stays the source of truth. One directory per node; the node owns everything in it. Unset (the default): a node
     * keeps them in {@code <node dir>/tree}; a tree outside a node keeps its maps in memory. See
     * {@link #MAP_FILES_PROP_NAME} to keep a node's maps in memory.
     */
    public static final String MAP_DIR_PROP_NAME = "aerie.tree.map.dir";

    /**
     * Whether the tree's maps are files ({@link #MAP_DIR_PROP_NAME}) so that a restart maps them back; false keeps
     * them in memory, whatever the directory, and every restart loads its snapshot into them (the disk and the
     * copy taken at each snapshot are saved, the restart is slower).
     */
    public static final String MAP_FILES_PROP_NAME = "aerie.tree.map.files";
    /** Default for {@link #MAP_FILES_PROP_NAME}: maps as files wherever a directory is known. */
    public static final boolean MAP_FILES_DEFAULT = true;

    private ZnodeTreeConfiguration()
    {
    }

    /**
     * @return the directory {@link #MAP_DIR_PROP_NAME} names, or null if it is unset or empty.
     */
    public static File mapDir()
    {
        final String dir = System.getProperty(MAP_DIR_PROP_NAME);
        return null == dir || dir.isEmpty() ? null : new File(dir);
    }

    /**
     * @return {@link #MAP_FILES_PROP_NAME} or its default.
     */
    public static boolean mapFiles()
    {
        final String value = System.getProperty(MAP_FILES_PROP_NAME);
        return null == value ? MAP_FILES_DEFAULT : Boolean.parseBoolean(value.trim());
    }
}

