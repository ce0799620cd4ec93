package io.aerie.tools.shell;

/**
 * Where ZooKeeper keeps quotas: {@code /zookeeper/quota<path>/zookeeper_limits} holds the limits a user set and
 * {@code /zookeeper/quota<path>/zookeeper_stats} what the cluster counts (kept current by the state machine).
 */
final class Quotas
{
    static final String QUOTA_ROOT = "/zookeeper/quota";
    static final String LIMIT_NODE = "zookeeper_limits";
    static final String STAT_NODE = "zookeeper_stats";

    private Quotas()
    {
    }

    static String quotaPath(final String path)
    {
        return QUOTA_ROOT + path;
    }

    static String limitPath(final String path)
    {
        return QUOTA_ROOT + path + "/" + LIMIT_NODE;
    }

    static String statPath(final String path)
    {
        return QUOTA_ROOT + path + "/" + STAT_NODE;
    }

    static String trimQuotaPath(final String quotaPath)
    {
        return quotaPath.substring(QUOTA_ROOT.length());
    }
}
