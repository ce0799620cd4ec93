package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;
import io.aerie.tools.StatFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code setAcl [-s] [-v version] [-R] path acl}: replaces the ACL of a znode (and of its descendants with
 * {@code -R}).
 */
@Command(
    name = "setAcl",
    customSynopsis = "setAcl [-s] [-v version] [-R] path acl",
    description = "Replace a znode's ACL (scheme:id:perms,..., perms of cdrwa), if its ACL version matches (-v).")
final class SetAclCommand extends ZnodeCommand
{
    @Option(names = "-s", description = "Print the stat after the change.")
    boolean withStat;

    @Option(names = "-v", paramLabel = "version", description = "Expected ACL version.")
    int aversion = -1;

    @Option(names = "-R", description = "Recurse: set the ACL of every descendant too (any version).")
    boolean isRecursive;

    @Parameters(index = "0", paramLabel = "path")
    String path;

    @Parameters(index = "1", paramLabel = "acl")
    String acl;

    public Integer call() throws AerieException
    {
        checkPath(path);
        final AclList aclList;
        try
        {
            aclList = AclText.parse(acl);
        }
        catch (final IllegalArgumentException ex)
        {
            throw usage(ex.getMessage());
        }

        final AerieClient client = client();
        // Listed before any change: the new ACL may not let this session read the tree.
        final List<String> paths = isRecursive ? Subtree.breadthFirst(client, path) : List.of(path);
        final Stat stat = client.setAcl(path, aclList, aversion);
        if (isRecursive)
        {
            for (int i = 1; i < paths.size(); i++)
            {
                client.setAcl(paths.get(i), aclList, -1);
            }
        }
        if (withStat)
        {
            out().print(StatFormat.zkCli(stat));
        }
        return 0;
    }
}
