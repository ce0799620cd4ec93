package io.aerie.engine.tree;

import io.aerie.codecs.model.AclList;
import io.aerie.engine.acl.AclCheck;
import io.aerie.engine.acl.Identities;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Who the tree's operations run as, and ZooKeeper's two ACL steps for them: the permission check of a node's
 * stored ACL ({@code ZooKeeperServer.checkACL}) and the fix-up of an ACL about to be stored
 * ({@code PrepRequestProcessor.fixupACL}: duplicates dropped, ids validated, {@code auth} replaced by the caller's
 * authenticated identities). With no caller set, every check passes: the tree's own work (expiry, sweeps) and
 * callers that do not enforce ACLs.
 */
final class TreeAccess
{
    private static final UnsafeBuffer AUTH = ascii("auth");
    private static final UnsafeBuffer DIGEST = ascii("digest");
    private static final UnsafeBuffer IP = ascii("ip");
    private static final UnsafeBuffer X509 = ascii("x509");
    private static final UnsafeBuffer SASL = ascii("sasl");

    private final AclStore acls;
    private final AclCheck check = new AclCheck();
    private final AclList fixed = new AclList();
    private final ExpandableArrayBuffer masked = new ExpandableArrayBuffer(64);
    private Identities caller;
    private long deniedCount;

    TreeAccess(final AclStore acls)
    {
        this.acls = acls;
    }

    void caller(final Identities caller)
    {
        this.caller = caller;
    }

    Identities caller()
    {
        return caller;
    }

    /**
     * @return true if the caller holds one of {@code perm} on the node whose record is given.
     */
    boolean permits(final DirectBuffer record, final int perm)
    {
        if (holds(record, perm))
        {
            return true;
        }
        deniedCount++;
        return false;
    }

    /**
     * As {@link #permits} without counting a refusal: for a probe whose answer is not NO_AUTH.
     */
    boolean holds(final DirectBuffer record, final int perm)
    {
        return null == caller || check.permits(acls.cached(NodeRecord.aclId(record)), perm, caller);
    }

    long deniedCount()
    {
        return deniedCount;
    }

    /**
     * ZooKeeper's fixupACL: the list to store for {@code requested}, or null when it is invalid (empty, an unknown
     * scheme or malformed id, or {@code auth} while the caller holds no authenticated identity).
     *
     * @return a list owned by this object, valid until the next call; or null.
     */
    AclList fixup(final AclList requested)
    {
        if (!TreeWriter.isStorable(requested))
        {
            return null;
        }
        if (null == caller)
        {
            // Unchecked callers store what they give, as before ACLs were enforced.
            return requested;
        }
        fixed.clear();
        final DirectBuffer bytes = requested.buffer();
        for (int i = 0, n = requested.size(); i < n; i++)
        {
            if (isDuplicate(requested, i))
            {
                continue;
            }
            final int schemeOffset = requested.schemeOffset(i);
            final int schemeLength = requested.schemeLength(i);
            final int idOffset = requested.idOffset(i);
            final int idLength = requested.idLength(i);
            if (is(bytes, schemeOffset, schemeLength, AUTH))
            {
                if (!addAuthenticated(requested.perms(i)))
                {
                    return null;
                }
            }
            else if (isValidId(bytes, schemeOffset, schemeLength, idOffset, idLength))
            {
                fixed.add(requested.perms(i), bytes, schemeOffset, schemeLength, bytes, idOffset, idLength);
            }
            else
            {
                return null;
            }
        }
        return fixed;
    }

    /**
     * Copy {@code acl} to {@code out} with every digest id shown as {@code user:x}, as ZooKeeper's getACL answers a
     * caller without ADMIN ({@code id.replaceAll(":.*", ":x")}).
     */
    void maskDigests(final AclList acl, final AclList out)
    {
        out.clear();
        final DirectBuffer bytes = acl.buffer();
        for (int i = 0, n = acl.size(); i < n; i++)
        {
            final int schemeOffset = acl.schemeOffset(i);
            final int schemeLength = acl.schemeLength(i);
            final int idOffset = acl.idOffset(i);
            final int idLength = acl.idLength(i);
            int colon = 0;
            while (colon < idLength && ':' != bytes.getByte(idOffset + colon))
            {
                colon++;
            }
            if (is(bytes, schemeOffset, schemeLength, DIGEST) && colon < idLength)
            {
                masked.putBytes(0, bytes, idOffset, colon);
                masked.putByte(colon, (byte)':');
                masked.putByte(colon + 1, (byte)'x');
                out.add(acl.perms(i), bytes, schemeOffset, schemeLength, masked, 0, colon + 2);
            }
            else
            {
                out.add(acl.perms(i), bytes, schemeOffset, schemeLength, bytes, idOffset, idLength);
            }
        }
    }

    private boolean addAuthenticated(final int perms)
    {
        boolean added = false;
        for (int i = 0, n = null == caller ? 0 : caller.size(); i < n; i++)
        {
            final DirectBuffer held = caller.buffer();
            final int schemeOffset = caller.schemeOffset(i);
            final int schemeLength = caller.schemeLength(i);
            // ZooKeeper's providers that say isAuthenticated(): digest, x509, sasl; not ip, and super has none.
            if (is(held, schemeOffset, schemeLength, DIGEST) || is(held, schemeOffset, schemeLength, X509) ||
                is(held, schemeOffset, schemeLength, SASL))
            {
                fixed.add(perms, held, schemeOffset, schemeLength, held, caller.idOffset(i), caller.idLength(i));
                added = true;
            }
        }
        return added;
    }

    private boolean isValidId(
        final DirectBuffer bytes, final int schemeOffset, final int schemeLength, final int idOffset, final int idLength)
    {
        if (is(bytes, schemeOffset, schemeLength, IP))
        {
            return check.isValidIp(bytes, idOffset, idLength);
        }
        if (is(bytes, schemeOffset, schemeLength, DIGEST))
        {
            return isValidDigest(bytes, idOffset, idLength);
        }
        return true;
    }

    /**
     * ZooKeeper's {@code id.split(":").length == 2}: trailing ':'s are dropped, then exactly one ':' must remain.
     */
    private static boolean isValidDigest(final DirectBuffer bytes, final int offset, final int length)
    {
        int end = offset + length;
        while (end > offset && ':' == bytes.getByte(end - 1))
        {
            end--;
        }
        int colons = 0;
        for (int i = offset; i < end; i++)
        {
            colons += ':' == bytes.getByte(i) ? 1 : 0;
        }
        return 1 == colons;
    }

    private static boolean isDuplicate(final AclList acl, final int index)
    {
        final DirectBuffer bytes = acl.buffer();
        for (int j = 0; j < index; j++)
        {
            if (acl.perms(j) == acl.perms(index) &&
                equal(bytes, acl.schemeOffset(j), acl.schemeLength(j), acl.schemeOffset(index), acl.schemeLength(index)) &&
                equal(bytes, acl.idOffset(j), acl.idLength(j), acl.idOffset(index), acl.idLength(index)))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean equal(
        final DirectBuffer bytes, final int aOffset, final int aLength, final int bOffset, final int bLength)
    {
        if (aLength != bLength)
        {
            return false;
        }
        for (int i = 0; i < aLength; i++)
        {
            if (bytes.getByte(aOffset + i) != bytes.getByte(bOffset + i))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean is(final DirectBuffer bytes, final int offset, final int length, final UnsafeBuffer word)
    {
        if (length != word.capacity())
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (bytes.getByte(offset + i) != word.getByte(i))
            {
                return false;
            }
        }
        return true;
    }

    private static UnsafeBuffer ascii(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}
