package io.aerie.bench.fuzz;

import io.aerie.codecs.CreateRequestDecoder;
import io.aerie.codecs.DeleteRequestDecoder;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MultiRequestDecoder;
import io.aerie.codecs.SetACLRequestDecoder;
import io.aerie.codecs.SetDataRequestDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Decides whether a (mutated) Aerie request may be sent without escaping the oracle: a write that the cluster could
 * apply must touch only paths under {@link AerieRequestSeeds#SANDBOX} and create no container or TTL node (those are
 * swept on timers and their stat hides their marker, so the sandbox's digest could not be read back). It decodes
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

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CreateRequestDecoder create = new CreateRequestDecoder();
    private final DeleteRequestDecoder delete = new DeleteRequestDecoder();
    private final SetDataRequestDecoder setData = new SetDataRequestDecoder();
    private final SetACLRequestDecoder setAcl = new SetACLRequestDecoder();
    private final MultiRequestDecoder multi = new MultiRequestDecoder();
    private final UnsafeBuffer message = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer path = new UnsafeBuffer(0, 0);
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
        switch (templateId)
        {
            case CreateRequestDecoder.TEMPLATE_ID:
                if (blockLength >= CreateRequestDecoder.dataIsNullEncodingOffset())
                {
                    create.wrap(message, HEADER, blockLength, version);
                    escapes |= isContainerOrTtl(create.modeRaw());
                    for (final CreateRequestDecoder.AclsDecoder acl : create.acls())
                    {
                        acl.skipScheme();
                        acl.skipId();
                    }
                    create.wrapPath(path);
                    checkPath();
                }
                break;

            case DeleteRequestDecoder.TEMPLATE_ID:
                if (blockLength >= DeleteRequestDecoder.BLOCK_LENGTH)
                {
                    delete.wrap(message, HEADER, blockLength, version).wrapPath(path);
                    checkPath();
                }
                break;

            case SetDataRequestDecoder.TEMPLATE_ID:
                if (blockLength >= SetDataRequestDecoder.dataIsNullEncodingOffset())
                {
                    setData.wrap(message, HEADER, blockLength, version).wrapPath(path);
                    checkPath();
                }
                break;

            case SetACLRequestDecoder.TEMPLATE_ID:
                if (blockLength >= SetACLRequestDecoder.BLOCK_LENGTH)
                {
                    setAcl.wrap(message, HEADER, blockLength, version);
                    for (final SetACLRequestDecoder.AclsDecoder acl : setAcl.acls())
                    {
                        acl.skipScheme();
                        acl.skipId();
                    }
                    setAcl.wrapPath(path);
                    checkPath();
                }
                break;

            case MultiRequestDecoder.TEMPLATE_ID:
                if (blockLength >= MultiRequestDecoder.BLOCK_LENGTH)
                {
                    checkMulti(blockLength, version);
                }
                break;

            default:
                // Reads, watches and session requests change no node outside the sandbox.
        }
    }

    private void checkMulti(final int blockLength, final int version)
    {
        multi.wrap(message, HEADER, blockLength, version);
        for (final MultiRequestDecoder.OpsDecoder op : multi.ops())
        {
            escapes |= isContainerOrTtl(op.modeRaw());
            op.wrapPath(path);
            checkPath();
            op.skipData();
        }
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
