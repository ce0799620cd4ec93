package io.aerie.tools.shell;

import io.aerie.client.AerieException;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.model.AclList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;

/**
 * {@code create [-s] [-e] [-c] [-t ttl] path [data] [acl]}: prints {@code Created <path>} (with the sequence number
 * of a sequential node).
 */
@Command(
    name = "create",
    customSynopsis = "create [-s] [-e] [-c] [-t ttl] path [data] [acl]",
    description = "Create a znode: persistent unless -e (ephemeral: deleted with this session), -c (container) or " +
        "-t (TTL); -s appends the parent's sequence number. The ACL defaults to world:anyone:cdrwa.")
final class CreateCommand extends ZnodeCommand
{
    @Option(names = "-s", description = "Sequential: the name gets the parent's counter, %%010d.")
    boolean isSequential;

    @Option(names = "-e", description = "Ephemeral: deleted when this session ends.")
    boolean isEphemeral;

    @Option(names = "-c", description = "Container: deleted once it has had children and has none.")
    boolean isContainer;

    @Option(names = "-t", paramLabel = "ttl", description = "TTL in ms: deleted once childless and unmodified " +
        "for that long.")
    Long ttlMs;

    @Parameters(index = "0", paramLabel = "path")
    String path;

    @Parameters(index = "1", arity = "0..1", paramLabel = "data", description = "Without it the data is null " +
        "(get prints null), as with zkCli.")
    String data;

    @Parameters(index = "2", arity = "0..1", paramLabel = "acl", description = "scheme:id:perms,...")
    String acl;

    public Integer call() throws AerieException
    {
        final CreateMode mode = mode();
        checkPath(path, isSequential);
        final AclList aclList = aclList();
        final byte[] bytes = null == data ? null : data.getBytes(StandardCharsets.UTF_8);

        final String created = client().create(path, bytes, aclList, mode, null == ttlMs ? -1 : ttlMs);
        out().println("Created " + created);
        return 0;
    }

    private CreateMode mode()
    {
        if (isContainer && (isEphemeral || isSequential))
        {
            throw usage("-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.");
        }
        if (null != ttlMs)
        {
            if (isEphemeral)
            {
                throw usage("TTLs cannot be used with Ephemeral znodes");
            }
            if (isContainer)
            {
                throw usage("TTLs cannot be used with Container znodes");
            }
            if (ttlMs <= 0)
            {
                throw usage("-t argument must be a positive number of ms");
            }
            return isSequential ? CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL : CreateMode.PERSISTENT_WITH_TTL;
        }
        if (isContainer)
        {
            return CreateMode.CONTAINER;
        }
        if (isEphemeral)
        {
            return isSequential ? CreateMode.EPHEMERAL_SEQUENTIAL : CreateMode.EPHEMERAL;
        }

        return isSequential ? CreateMode.PERSISTENT_SEQUENTIAL : CreateMode.PERSISTENT;
    }

    private AclList aclList()
    {
        if (null == acl)
        {
            return AclList.openAclUnsafe();
        }

        try
        {
            return AclText.parse(acl);
        }
        catch (final IllegalArgumentException ex)
        {
            throw usage(ex.getMessage());
        }
    }
}
