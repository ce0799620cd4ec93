package io.aerie.tools.shell;

import io.aerie.client.AerieException;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;
import io.aerie.tools.StatFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code getAcl [-s] path}: prints each ACL entry as zkCli does ({@code 'world,'anyone} then {@code : cdrwa}).
 */
@Command(
    name = "getAcl",
    customSynopsis = "getAcl [-s] path",
    description = "Print a znode's ACL.")
final class GetAclCommand extends ZnodeCommand
{
    @Option(names = "-s", description = "Print the stat too.")
    boolean withStat;

    @Parameters(index = "0", paramLabel = "path")
    String path;

    public Integer call() throws AerieException
    {
        checkPath(path);
        final Stat stat = new Stat();
        final AclList acl = client().getAcl(path, stat);
        out().print(AclText.format(acl));
        if (withStat)
        {
            out().print(StatFormat.zkCli(stat));
        }
        return 0;
    }
}
