package io.aerie.bench.fuzz;

import io.aerie.codecs.CreateRequestDecoder;
import io.aerie.codecs.DeleteRequestDecoder;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MultiRequestDecoder;
import io.aerie.codecs.RequestTypes;
import io.aerie.codecs.SetACLRequestDecoder;
import io.aerie.codecs.SetDataRequestDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Decides whether a (mutated) Aerie request may be sent without escaping the oracle: a write that the cluster could
 * apply must touch only paths under {@link AerieRequestSeeds#SANDBOX}, create no container or TTL node (those are
 * swept on timers and their stat hides their marker), and give every node it creates or re-ACLs an entry
 * {@code world:anyone} with READ and ADMIN (else the probe, which holds no identity, could not read the sandbox back
 * for its digest: ACLs are enforced, and getACL masks digests without ADMIN). It decodes
 * the request as the service does (schema, template, acting block length and version from the header) with the
 * same generated decoders; a request the decoders reject before an escaping path is read is malformed for the
 * service too, and is sent.
 */
final class SandboxFilter
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final byte[] SANDBOX = AerieRequestSeeds.SANDBOX.getBytes(StandardCharsets.US_ASCII);
    private static final int CONTAINER = 4;
    private static final int LAST_TTL = 6;
    private static final short CREATE_OP = 1;
    private static final int READ_AND_ADMIN = 1 | 16;
    private static final byte[] WORLD = "world".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANYONE = "anyone".getBytes(StandardCharsets.US_ASCII);

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CreateRequestDecoder create = new CreateRequestDecoder();
    private final DeleteRequestDecoder delete = new DeleteRequestDecoder();
    private final SetDataRequestDecoder setData = new SetDataRequestDecoder();
    private final SetACLRequestDecoder setAcl = new SetACLRequestDecoder();
    private final MultiRequestDecoder multi = new MultiRequestDecoder();
    private final UnsafeBuffer message = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer path = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer scheme = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer id = new UnsafeBuffer(0, 0);
    private boolean escapes;

    /**
     * @param buffer holding the request.
     * @param offset of its message header.
     * @param length of the request in bytes.
     * @return true if the cluster could apply it to a node outside the sandbox, or create a container or TTL node.
     */
    boolean escapes(final DirectBuffer buffer, final int offset, final int length)
    {
        escapes = false;
        if (length < HEADER)
        {
            return false;
        }
        message.wrap(buffer, offset, length);
        try
        {
            header.wrap(message, 0);
            if (MessageHeaderDecoder.SCHEMA_ID != header.schemaId())
            {
                return false;
            }
            check(header.templateId(), header.blockLength(), header.version());
        }
        catch (final RuntimeException ex)
        {
            // Malformed for the service too, unless an escaping path was read before it failed.
        }
        return escapes;
    }

    private void check(final int templateId, final int blockLength, final int version)
    {
        // Only a request whose answer is remembered can change replicated state; one shorter than the table's least
        // block is refused by the service before any path is read.
        if (!RequestTypes.is(templateId, RequestTypes.REMEMBERED) || blockLength < RequestTypes.minBlockLength(templateId))
        {
            return;
        }
        switch (templateId)
        {
            case CreateRequestDecoder.TEMPLATE_ID:
                create.wrap(message, HEADER, blockLength, version);
                escapes |= isContainerOrTtl(create.modeRaw());
                boolean createReadable = false;
                for (final CreateRequestDecoder.AclsDecoder acl : create.acls())
                {
                    final int perms = acl.perms();
                    acl.wrapScheme(scheme);
                    acl.wrapId(id);
                    createReadable |= isOpenToRead(perms);
                }
                escapes |= !createReadable;
                create.wrapPath(path);
                checkPath();
                break;

            case DeleteRequestDecoder.TEMPLATE_ID:
                delete.wrap(message, HEADER, blockLength, version).wrapPath(path);
                checkPath();
                break;

            case SetDataRequestDecoder.TEMPLATE_ID:
                setData.wrap(message, HEADER, blockLength, version).wrapPath(path);
                checkPath();
                break;

            case SetACLRequestDecoder.TEMPLATE_ID:
                setAcl.wrap(message, HEADER, blockLength, version);
                boolean aclReadable = false;
                for (final SetACLRequestDecoder.AclsDecoder acl : setAcl.acls())
                {
                    final int perms = acl.perms();
                    acl.wrapScheme(scheme);
                    acl.wrapId(id);
                    aclReadable |= isOpenToRead(perms);
                }
                escapes |= !aclReadable;
                setAcl.wrapPath(path);
                checkPath();
                break;

            case MultiRequestDecoder.TEMPLATE_ID:
                checkMulti(blockLength, version);
                break;

            default:
                // Watches are remembered too, but change no znode.
        }
    }

    private void checkMulti(final int blockLength, final int version)
    {
        multi.wrap(message, HEADER, blockLength, version);
        long creates = 0;
        int index = 0;
        for (final MultiRequestDecoder.OpsDecoder op : multi.ops())
        {
            if (CREATE_OP == op.opTypeRaw())
            {
                escapes |= isContainerOrTtl(op.modeRaw()) || index >= Long.SIZE;
                creates |= index < Long.SIZE ? 1L << index : 0;
            }
            index++;
            op.wrapPath(path);
            checkPath();
            op.skipData();
        }
        long readable = 0;
        for (final MultiRequestDecoder.OpAclsDecoder acl : multi.opAcls())
        {
            final int perms = acl.perms();
            final int opIndex = acl.opIndex();
            acl.wrapScheme(scheme);
            acl.wrapId(id);
            if (opIndex < Long.SIZE && isOpenToRead(perms))
            {
                readable |= 1L << opIndex;
            }
        }
        escapes |= (creates & ~readable) != 0;
    }

    private boolean isOpenToRead(final int perms)
    {
        return (perms & READ_AND_ADMIN) == READ_AND_ADMIN && equals(scheme, WORLD) && equals(id, ANYONE);
    }

    private static boolean equals(final DirectBuffer buffer, final byte[] expected)
    {
        if (buffer.capacity() != expected.length)
        {
            return false;
        }
        for (int i = 0; i < expected.length; i++)
        {
            if (buffer.getByte(i) != expected[i])
            {
                return false;
            }
        }
        return true;
    }

    private void checkPath()
    {
        final int length = path.capacity();
        boolean inside = length > SANDBOX.length;
        for (int i = 0; inside && i < SANDBOX.length; i++)
        {
            inside = SANDBOX[i] == path.getByte(i);
        }
        escapes |= !inside;
    }

    private static boolean isContainerOrTtl(final short mode)
    {
        return mode >= CONTAINER && mode <= LAST_TTL;
    }
}
