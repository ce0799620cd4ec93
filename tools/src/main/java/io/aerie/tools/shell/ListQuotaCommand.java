package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code listquota path}: prints the limits and the counted stats of a path's quota, as zkCli 3.9 does
 * ({@code Output quota for /a count=5,bytes=-1=;byteHardLimit=-1;countHardLimit=-1}, then
 * {@code Output stat for /a count=1,bytes=0}), after {@code absolute path is ...} on standard error.
 */
@Command(
    name = "listquota",
    customSynopsis = "listquota path",
    description = "Print the quota set on a path and what the cluster counts under it.")
final class ListQuotaCommand extends ZnodeCommand
{
    @Parameters(index = "0", paramLabel = "path")
    String path;

    public Integer call() throws AerieException
    {
        session().err().println("absolute path is " + Quotas.limitPath(path));
        final AerieClient client = client();
        final byte[] limits;
        final byte[] stats;
        try
        {
            limits = client.getData(Quotas.limitPath(path));
            stats = client.getData(Quotas.statPath(path));
        }
        catch (final AerieException ex)
        {
            if (ResultCode.NO_NODE == ex.code())
            {
                throw new ShellFailure("quota for " + path + " does not exist.");
            }
            throw ex;
        }
        out().println("Output quota for " + path + " " + new QuotaText(limits));
        out().println("Output stat for " + path + " " + new QuotaText(stats));
        return 0;
    }
}
