package io.aerie.engine.acl;

import io.aerie.codecs.model.AclList;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * ZooKeeper 3.9's permission check ({@code ZooKeeperServer.checkACL}) on Aerie's canonical ACL bytes: an empty
 * list permits everything; a session holding the super identity passes; otherwise some entry granting the
 * permission must be {@code world:anyone} or match one of the session's identities of the same scheme:
 * {@code ip} entries as an address or CIDR block containing the session's address (IPv4 and IPv6), every other
 * scheme ({@code digest}, {@code x509}, {@code sasl}) by equal id.
 * <p>
 * Deterministic (it reads only its arguments, which come from the log) and allocation free. One instance per
 * thread: it keeps scratch arrays for addresses.
 */
public final class AclCheck
{
    static final UnsafeBuffer SUPER = ascii("super");
    static final UnsafeBuffer WORLD = ascii("world");
    static final UnsafeBuffer ANYONE = ascii("anyone");
    static final UnsafeBuffer IP = ascii("ip");

    private final byte[] aclAddress = new byte[IpAddresses.IPV6];
    private final byte[] sessionAddress = new byte[IpAddresses.IPV6];

    /**
     * Whether {@code identities} may do what needs {@code perm} on a znode whose ACL is {@code acl}.
     *
     * @param acl        the znode's stored ACL.
     * @param perm       one or more of {@link AclList#READ} ... {@link AclList#ADMIN}: any of them suffices, as
     *                   ZooKeeper's getACL asks for READ | ADMIN.
     * @param identities the caller's identities.
     * @return true if permitted.
     */
    public boolean permits(final AclList acl, final int perm, final Identities identities)
    {
        final int entries = acl.size();
        if (0 == entries || identities.isSuper())
        {
            return true;
        }
        final DirectBuffer bytes = acl.buffer();
        for (int i = 0; i < entries; i++)
        {
            if ((acl.perms(i) & perm) != 0 && entryMatches(bytes, acl, i, identities))
            {
                return true;
            }
        }
        return false;
    }

    private boolean entryMatches(final DirectBuffer bytes, final AclList acl, final int index, final Identities identities)
    {
        final int schemeOffset = acl.schemeOffset(index);
        final int schemeLength = acl.schemeLength(index);
        final int idOffset = acl.idOffset(index);
        final int idLength = acl.idLength(index);
        if (Identities.equal(bytes, schemeOffset, schemeLength, WORLD, 0, WORLD.capacity()))
        {
            return Identities.equal(bytes, idOffset, idLength, ANYONE, 0, ANYONE.capacity());
        }
        final boolean isIp = Identities.equal(bytes, schemeOffset, schemeLength, IP, 0, IP.capacity());
        final DirectBuffer held = identities.buffer();
        for (int i = identities.indexOfScheme(bytes, schemeOffset, schemeLength, 0); i >= 0;
            i = identities.indexOfScheme(bytes, schemeOffset, schemeLength, i + 1))
        {
            final boolean matches = isIp ?
                ipMatches(bytes, idOffset, idLength, held, identities.idOffset(i), identities.idLength(i)) :
                Identities.equal(held, identities.idOffset(i), identities.idLength(i), bytes, idOffset, idLength);
            if (matches)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * ZooKeeper's {@code IPAuthenticationProvider.matches}: the ACL's address masked to its prefix equals the
     * session's masked the same way; an IPv4 ACL never matches an IPv6 session address or the reverse.
     */
    boolean ipMatches(
        final DirectBuffer acl, final int aclOffset, final int aclLength,
        final DirectBuffer address, final int addressOffset, final int addressLength)
    {
        final int slash = IpAddresses.slashIndex(acl, aclOffset, aclLength);
        final int aclWidth = IpAddresses.parse(acl, aclOffset, slash - aclOffset, aclAddress);
        if (aclWidth < 0)
        {
            return false;
        }
        final int bits = IpAddresses.maskBits(acl, slash, aclOffset + aclLength, aclWidth);
        final int width = IpAddresses.parse(address, addressOffset, addressLength, sessionAddress);
        return bits >= 0 && width == aclWidth && IpAddresses.prefixEquals(aclAddress, sessionAddress, width, bits);
    }

    /**
     * Whether an ip ACL id is one ZooKeeper accepts: an IPv4 or IPv6 address, optionally "/bits" within its width.
     *
     * @return true if valid.
     */
    public boolean isValidIp(final DirectBuffer id, final int offset, final int length)
    {
        final int slash = IpAddresses.slashIndex(id, offset, length);
        final int width = IpAddresses.parse(id, offset, slash - offset, aclAddress);
        return width > 0 && IpAddresses.maskBits(id, slash, offset + length, width) >= 0;
    }

    private static UnsafeBuffer ascii(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}
