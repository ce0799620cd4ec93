package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code setquota -n|-b|-N|-B val path}: sets one limit of a path's quota the way zkCli 3.9 does, with the same
 * messages: refuses a path under {@code /zookeeper/quota}, a path that does not exist, and a path with a quota on
 * an ancestor or a descendant; creates {@code /zookeeper/quota<path>} and its {@code zookeeper_limits} (the limits,
 * StatsTrack text) and {@code zookeeper_stats} (which the cluster then counts), or updates the limits of an
 * existing quota; warns when the limit is already below what is counted. Limits are reported, not enforced.
 */
@Command(
    name = "setquota",
    customSynopsis = "setquota -n|-b|-N|-B val path",
    description = "Set a quota on a path: -n count, -b bytes (soft limits), -N count, -B bytes (hard limits). " +
        "Stored under /zookeeper/quota and counted by the cluster; not enforced.")
final class SetQuotaCommand extends ZnodeCommand
{
    @ArgGroup(exclusive = true, multiplicity = "1")
    Limit limit;

    @Parameters(index = "0", paramLabel = "path")
    String path;

    static final class Limit
    {
        @Option(names = "-n", paramLabel = "val", description = "Count soft limit (> 0).")
        String count;

        @Option(names = "-b", paramLabel = "val", description = "Bytes soft limit (>= 0).")
        String bytes;

        @Option(names = "-N", paramLabel = "val", description = "Count hard limit (> 0).")
        String countHard;

        @Option(names = "-B", paramLabel = "val", description = "Bytes hard limit (>= 0).")
        String bytesHard;
    }

    public Integer call() throws AerieException
    {
        if (path.startsWith(Quotas.QUOTA_ROOT))
        {
            throw new ShellFailure("cannot set a quota under the path: " + Quotas.QUOTA_ROOT);
        }
        final QuotaText quota = new QuotaText()
            .set(QuotaText.COUNT, -1).set(QuotaText.BYTES, -1)
            .set(QuotaText.COUNT_HARD_LIMIT, -1).set(QuotaText.BYTE_HARD_LIMIT, -1);
        setLimit(quota);
        checkPath(path);
        createQuota(client(), quota);
        return 0;
    }

    private void setLimit(final QuotaText quota)
    {
        try
        {
            if (null != limit.count)
            {
                quota.set(QuotaText.COUNT, positive(Integer.parseInt(limit.count), "num"));
            }
            else if (null != limit.bytes)
            {
                quota.set(QuotaText.BYTES, notNegative(Long.parseLong(limit.bytes)));
            }
            else if (null != limit.countHard)
            {
                quota.set(QuotaText.COUNT_HARD_LIMIT, positive(Integer.parseInt(limit.countHard), "num"));
            }
            else
            {
                quota.set(QuotaText.BYTE_HARD_LIMIT, notNegative(Long.parseLong(limit.bytesHard)));
            }
        }
        catch (final NumberFormatException ex)
        {
            throw usage("NumberFormatException happens when parsing the option value");
        }
    }

    private long positive(final int value, final String what)
    {
        if (value <= 0)
        {
            throw usage("the " + what + " quota must be greater than zero");
        }
        return value;
    }

    private long notNegative(final long value)
    {
        if (value < 0)
        {
            throw usage("the bytes quota must be greater than or equal to zero");
        }
        return value;
    }

    private void createQuota(final AerieClient client, final QuotaText quota) throws AerieException
    {
        if (null == client.exists(path))
        {
            throw new ShellFailure(path + " does not exist.");
        }
        if ("/".equals(path))
        {
            // zkCli fails here too, on the quota path "/zookeeper/quota/" it builds for the root.
            throw new ShellFailure("Path must not end with / character");
        }
        checkNoChildQuota(client, Quotas.quotaPath(path));
        checkNoParentQuota(client);

        String quotaPath = Quotas.QUOTA_ROOT;
        for (final String name : path.substring(1).split("/"))
        {
            if (name.isEmpty())
            {
                continue;
            }
            quotaPath = quotaPath + "/" + name;
            createIfAbsent(client, quotaPath);
        }
        final String statPath = quotaPath + "/" + Quotas.STAT_NODE;
        final String limitPath = quotaPath + "/" + Quotas.LIMIT_NODE;
        if (null == client.exists(limitPath))
        {
            client.create(limitPath, quota.bytes());
            client.create(statPath, new QuotaText().set(QuotaText.COUNT, 0).set(QuotaText.BYTES, 0).bytes());
            warnIfBelowCount(new QuotaText(client.getData(limitPath)), new QuotaText(client.getData(statPath)));
        }
        else
        {
            final QuotaText limits = new QuotaText(client.getData(limitPath));
            for (final String key : new String[]{
                QuotaText.COUNT, QuotaText.BYTES, QuotaText.COUNT_HARD_LIMIT, QuotaText.BYTE_HARD_LIMIT })
            {
                if (quota.get(key) > -1)
                {
                    limits.set(key, quota.get(key));
                }
            }
            warnIfBelowCount(limits, new QuotaText(client.getData(statPath)));
            client.setData(limitPath, limits.bytes(), -1);
        }
    }

    private void warnIfBelowCount(final QuotaText limits, final QuotaText stats)
    {
        final long count = stats.get(QuotaText.COUNT);
        final long bytes = stats.get(QuotaText.BYTES);
        if (isBelow(limits.get(QuotaText.COUNT), count) || isBelow(limits.get(QuotaText.COUNT_HARD_LIMIT), count))
        {
            out().println("[Warning]: the count quota you create is less than the existing count:" + count);
        }
        if (isBelow(limits.get(QuotaText.BYTES), bytes) || isBelow(limits.get(QuotaText.BYTE_HARD_LIMIT), bytes))
        {
            out().println("[Warning]: the bytes quota you create is less than the existing bytes:" + bytes);
        }
    }

    private static boolean isBelow(final long limit, final long counted)
    {
        return limit > -1 && limit < counted;
    }

    /**
     * zkCli's checkIfChildQuota: no quota node below this path's may hold a limits node.
     */
    private void checkNoChildQuota(final AerieClient client, final String quotaPath) throws AerieException
    {
        final List<String> children;
        try
        {
            children = client.getChildren(quotaPath);
        }
        catch (final AerieException ex)
        {
            if (ResultCode.NO_NODE == ex.code())
            {
                return;
            }
            throw ex;
        }
        for (final String child : children)
        {
            if (!quotaPath.equals(Quotas.quotaPath(path)) && Quotas.LIMIT_NODE.equals(child))
            {
                throw new ShellFailure(path + " has a child " + Quotas.trimQuotaPath(quotaPath) + " which has a quota");
            }
        }
        for (final String child : children)
        {
            checkNoChildQuota(client, child(quotaPath, child));
        }
    }

    /**
     * zkCli's checkIfParentQuota: no ancestor's quota node may hold a limits node; stops at the first missing or
     * empty one, as zkCli does.
     */
    private void checkNoParentQuota(final AerieClient client) throws AerieException
    {
        final String[] names = path.split("/");
        String quotaPath = Quotas.QUOTA_ROOT;
        for (int i = 1; i < names.length - 1; i++)
        {
            quotaPath = quotaPath + "/" + names[i];
            final List<String> children;
            try
            {
                children = client.getChildren(quotaPath);
            }
            catch (final AerieException ex)
            {
                if (ResultCode.NO_NODE == ex.code())
                {
                    return;
                }
                throw ex;
            }
            if (children.isEmpty())
            {
                return;
            }
            for (final String child : children)
            {
                if (Quotas.LIMIT_NODE.equals(child))
                {
                    throw new ShellFailure(
                        path + " has a parent " + Quotas.trimQuotaPath(quotaPath) + " which has a quota");
                }
            }
        }
    }

    private static void createIfAbsent(final AerieClient client, final String path) throws AerieException
    {
        if (null != client.exists(path))
        {
            return;
        }
        try
        {
            client.create(path, null);
        }
        catch (final AerieException ex)
        {
            if (ResultCode.NODE_EXISTS != ex.code())
            {
                throw ex;
            }
        }
    }
}
