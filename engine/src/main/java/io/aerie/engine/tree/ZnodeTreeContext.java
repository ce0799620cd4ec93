package io.aerie.engine.tree;

import org.agrona.ErrorHandler;
import org.agrona.SystemUtil;

import java.io.File;

/**
 * Configuration of a {@link ZnodeTree}: fluent setters, same-named getters, defaults from
 * {@link ZnodeTreeConfiguration}, checked by {@link #conclude()}.
 */
public final class ZnodeTreeContext
{
    private boolean concluded;
    private long maxZnodes = Long.getLong(ZnodeTreeConfiguration.MAX_ZNODES_PROP_NAME, ZnodeTreeConfiguration.MAX_ZNODES_DEFAULT);
    private int maxDataLength = Integer.getInteger(
        ZnodeTreeConfiguration.MAX_DATA_LENGTH_PROP_NAME, ZnodeTreeConfiguration.MAX_DATA_LENGTH_DEFAULT);
    private int maxPathLength = Integer.getInteger(
        ZnodeTreeConfiguration.MAX_PATH_LENGTH_PROP_NAME, ZnodeTreeConfiguration.MAX_PATH_LENGTH_DEFAULT);
    private int averagePathLength = Integer.getInteger(
        ZnodeTreeConfiguration.AVERAGE_PATH_LENGTH_PROP_NAME, ZnodeTreeConfiguration.AVERAGE_PATH_LENGTH_DEFAULT);
    private int averageDataLength = Integer.getInteger(
        ZnodeTreeConfiguration.AVERAGE_DATA_LENGTH_PROP_NAME, ZnodeTreeConfiguration.AVERAGE_DATA_LENGTH_DEFAULT);
    private long largeDataCapacity = SystemUtil.parseSize(
        ZnodeTreeConfiguration.LARGE_DATA_CAPACITY_PROP_NAME,
        System.getProperty(ZnodeTreeConfiguration.LARGE_DATA_CAPACITY_PROP_NAME,
        Long.toString(ZnodeTreeConfiguration.LARGE_DATA_CAPACITY_DEFAULT)));
    private int maxAclLists = Integer.getInteger(
        ZnodeTreeConfiguration.MAX_ACL_LISTS_PROP_NAME, ZnodeTreeConfiguration.MAX_ACL_LISTS_DEFAULT);
    private int maxMultiOps = Integer.getInteger(
        ZnodeTreeConfiguration.MAX_MULTI_OPS_PROP_NAME, ZnodeTreeConfiguration.MAX_MULTI_OPS_DEFAULT);
    private double maxBloatFactor = Double.parseDouble(System.getProperty(
        ZnodeTreeConfiguration.MAX_BLOAT_FACTOR_PROP_NAME, Double.toString(ZnodeTreeConfiguration.MAX_BLOAT_FACTOR_DEFAULT)));
    private boolean quotaEnforced = Boolean.parseBoolean(System.getProperty(
        ZnodeTreeConfiguration.QUOTA_ENFORCE_PROP_NAME, Boolean.toString(ZnodeTreeConfiguration.QUOTA_ENFORCE_DEFAULT)));
    private int maxEphemeralsPerSession = Integer.getInteger(
        ZnodeTreeConfiguration.MAX_EPHEMERALS_PER_SESSION_PROP_NAME,
        ZnodeTreeConfiguration.MAX_EPHEMERALS_PER_SESSION_DEFAULT);
    private File mapDir = ZnodeTreeConfiguration.mapDir();
    private ErrorHandler errorHandler;

    /**
     * Fill defaults and check invariants once.
     *
     * @return this.
     * @throws IllegalArgumentException on a value out of range.
     */
    public ZnodeTreeContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        require(maxZnodes >= 1, "maxZnodes must be >= 1: " + maxZnodes);
        require(maxDataLength >= 0, "maxDataLength must be >= 0: " + maxDataLength);
        require(maxPathLength >= ReservedNodes.CONFIG.length(),
            "maxPathLength must be >= " + ReservedNodes.CONFIG.length() + " (the reserved /zookeeper/config): " +
            maxPathLength);
        require(averagePathLength >= 1 && averagePathLength <= maxPathLength,
            "averagePathLength must be in 1..maxPathLength: " + averagePathLength);
        require(averageDataLength >= 0, "averageDataLength must be >= 0: " + averageDataLength);
        require(largeDataCapacity >= 0, "largeDataCapacity must be >= 0: " + largeDataCapacity);
        require(maxAclLists >= 1, "maxAclLists must be >= 1: " + maxAclLists);
        require(maxMultiOps >= 1, "maxMultiOps must be >= 1: " + maxMultiOps);
        require(maxBloatFactor >= 1.0 && maxBloatFactor <= 1000.0,
            "maxBloatFactor must be in 1..1000: " + maxBloatFactor);
        require(maxEphemeralsPerSession >= 0, "maxEphemeralsPerSession must be >= 0: " + maxEphemeralsPerSession);
        if (null == errorHandler)
        {
            errorHandler = new TreeFailures(); // Counted, not printed: the service sets its own counted handler.
        }
        concluded = true;
        return this;
    }

    /**
     * @return the directory of the tree's maps as files and of their copies at snapshots
     * ({@link ZnodeTreeConfiguration#MAP_DIR_PROP_NAME}), or null for maps in memory.
     */
    public File mapDir()
    {
        return mapDir;
    }

    /**
     * @param mapDir directory of the tree's maps as files, owned by this tree alone; null for maps in memory.
     * @return this.
     */
    public ZnodeTreeContext mapDir(final File mapDir)
    {
        this.mapDir = mapDir;
        return this;
    }

    /**
     * @return most znodes clients may create: the root and the reserved {@code /zookeeper}, {@code /zookeeper/quota}
     * and {@code /zookeeper/config} do not count (quota nodes made by {@code setquota} are ordinary nodes and do).
     */
    public long maxZnodes()
    {
        return maxZnodes;
    }

    /**
     * @param maxZnodes most znodes, the root included, the three reserved {@code /zookeeper} nodes not.
     * @return this.
     */
    public ZnodeTreeContext maxZnodes(final long maxZnodes)
    {
        this.maxZnodes = maxZnodes;
        return this;
    }

    /** @return largest data in bytes. */
    public int maxDataLength()
    {
        return maxDataLength;
    }

    /** @param maxDataLength largest data in bytes. @return this. */
    public ZnodeTreeContext maxDataLength(final int maxDataLength)
    {
        this.maxDataLength = maxDataLength;
        return this;
    }

    /** @return longest path in UTF-8 bytes. */
    public int maxPathLength()
    {
        return maxPathLength;
    }

    /**
     * @param maxPathLength longest path in UTF-8 bytes; at least 17, the length of the reserved
     *                      {@code /zookeeper/config} ({@link #conclude()} refuses less).
     * @return this.
     */
    public ZnodeTreeContext maxPathLength(final int maxPathLength)
    {
        this.maxPathLength = maxPathLength;
        return this;
    }

    /** @return expected average path length, for sizing. */
    public int averagePathLength()
    {
        return averagePathLength;
    }

    /** @param averagePathLength expected average path length, for sizing. @return this. */
    public ZnodeTreeContext averagePathLength(final int averagePathLength)
    {
        this.averagePathLength = averagePathLength;
        return this;
    }

    /** @return expected average small-data length, for sizing. */
    public int averageDataLength()
    {
        return averageDataLength;
    }

    /** @param averageDataLength expected average small-data length, for sizing. @return this. */
    public ZnodeTreeContext averageDataLength(final int averageDataLength)
    {
        this.averageDataLength = averageDataLength;
        return this;
    }

    /** @return bytes of large data (over 256 bytes per node) the tree is sized for. */
    public long largeDataCapacity()
    {
        return largeDataCapacity;
    }

    /** @param largeDataCapacity bytes of large data the tree is sized for. @return this. */
    public ZnodeTreeContext largeDataCapacity(final long largeDataCapacity)
    {
        this.largeDataCapacity = largeDataCapacity;
        return this;
    }

    /** @return most distinct ACL lists. */
    public int maxAclLists()
    {
        return maxAclLists;
    }

    /** @param maxAclLists most distinct ACL lists. @return this. */
    public ZnodeTreeContext maxAclLists(final int maxAclLists)
    {
        this.maxAclLists = maxAclLists;
        return this;
    }

    /** @return most operations in one multi. */
    public int maxMultiOps()
    {
        return maxMultiOps;
    }

    /** @param maxMultiOps most operations in one multi. @return this. */
    public ZnodeTreeContext maxMultiOps(final int maxMultiOps)
    {
        this.maxMultiOps = maxMultiOps;
        return this;
    }

    /** @return Chronicle Map head-room factor. */
    public double maxBloatFactor()
    {
        return maxBloatFactor;
    }

    /** @param maxBloatFactor Chronicle Map head-room factor, 1..1000. @return this. */
    public ZnodeTreeContext maxBloatFactor(final double maxBloatFactor)
    {
        this.maxBloatFactor = maxBloatFactor;
        return this;
    }

    /**
     * @return whether hard quota limits are enforced (ZooKeeper's {@code zookeeper.enforceQuota}), see
     * {@link ZnodeTreeConfiguration#QUOTA_ENFORCE_PROP_NAME}.
     */
    public boolean quotaEnforced()
    {
        return quotaEnforced;
    }

    /**
     * @param quotaEnforced whether a change over a hard quota limit fails with QUOTA_EXCEEDED; every replica of a
     *                      cluster must be given the same value, as it decides what the log's writes do.
     * @return this.
     */
    public ZnodeTreeContext quotaEnforced(final boolean quotaEnforced)
    {
        this.quotaEnforced = quotaEnforced;
        return this;
    }

    /** @return most ephemerals one session may own, see {@link ZnodeTreeConfiguration#MAX_EPHEMERALS_PER_SESSION_PROP_NAME}. */
    public int maxEphemeralsPerSession()
    {
        return maxEphemeralsPerSession;
    }

    /**
     * @param maxEphemeralsPerSession most ephemerals one session may own (0: none); the same on every replica.
     * @return this.
     */
    public ZnodeTreeContext maxEphemeralsPerSession(final int maxEphemeralsPerSession)
    {
        this.maxEphemeralsPerSession = maxEphemeralsPerSession;
        return this;
    }

    /** @return where unexpected store failures are reported. */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * @param errorHandler where unexpected store failures are reported; default a {@link TreeFailures}, which counts
     *                     them and prints nothing. The clustered service passes them through its counted handler
     *                     first.
     * @return this.
     */
    public ZnodeTreeContext errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
