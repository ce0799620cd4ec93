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
 * {@code delquota [-n|-b|-N|-B] path}: with a flag, clears that limit (-1) in the path's {@code zookeeper_limits};
 * without, deletes the path's quota nodes and then the quota path's nodes left empty, up to
 * {@code /zookeeper/quota}, as zkCli 3.9 does.
 */
@Command(
    name = "delquota",
    customSynopsis = "delquota [-n|-b|-N|-B] path",
    description = "Delete a path's quota, or one of its limits: -n count, -b bytes, -N hard count, -B hard bytes.")
final class DelQuotaCommand extends ZnodeCommand
{
    @ArgGroup(exclusive = true)
    Limit limit;

    @Parameters(index = "0", paramLabel = "path")
    String path;

    static final class Limit
    {
        @Option(names = "-n", description = "The count soft limit.")
        boolean count;

        @Option(names = "-b", description = "The bytes soft limit.")
        boolean bytes;

        @Option(names = "-N", description = "The count hard limit.")
        boolean countHard;

        @Option(names = "-B", description = "The bytes hard limit.")
        boolean bytesHard;
    }

    public Integer call() throws AerieException
    {
        final AerieClient client = client();
        final String limitPath = Quotas.limitPath(path);
        if (null == client.exists(limitPath))
        {
            out().println("Quota does not exist for " + path);
            return 0;
        }
        try
        {
            final QuotaText limits = new QuotaText(client.getData(limitPath));
            if (null == limit)
            {
                deleteQuota(client);
            }
            else
            {
                clear(limits);
                client.setData(limitPath, limits.bytes(), -1);
            }
        }
        catch (final AerieException ex)
        {
            if (ResultCode.NO_NODE == ex.code())
            {
                throw new ShellFailure("quota for " + path + " does not exist.");
            }
            throw ex;
        }
        return 0;
    }

    private void clear(final QuotaText limits)
    {
        if (limit.count)
        {
            limits.set(QuotaText.COUNT, -1);
        }
        if (limit.bytes)
        {
            limits.set(QuotaText.BYTES, -1);
        }
        if (limit.countHard)
        {
            limits.set(QuotaText.COUNT_HARD_LIMIT, -1);
        }
        if (limit.bytesHard)
        {
            limits.set(QuotaText.BYTE_HARD_LIMIT, -1);
        }
    }

    private void deleteQuota(final AerieClient client) throws AerieException
    {
        final String quotaPath = Quotas.quotaPath(path);
        final List<String> children = client.getChildren(quotaPath);
        for (final String child : children)
        {
            client.delete(child(quotaPath, child), -1);
        }
        // Then the quota path's nodes that are left empty, up to /zookeeper/quota.
        String trimmed = quotaPath;
        while (!Quotas.QUOTA_ROOT.equals(trimmed) && client.getChildren(trimmed).isEmpty())
        {
            client.delete(trimmed, -1);
            trimmed = trimmed.substring(0, trimmed.lastIndexOf('/'));
        }
    }
}
