package io.aerie.engine.acl;

import io.aerie.codecs.ResultCode;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * How a session gains identities from credentials (ZooKeeper's {@code addAuthInfo} and its server's
 * authentication providers), applied from the log so every replica gains the same ones:
 * <ul>
 *     <li>{@code digest} with {@code user:password} adds ("digest", {@code user:base64(sha1(user:password))}), as
 *     {@code DigestAuthenticationProvider}; when that equals the node's super digest, ("super", "") as well. Any
 *     bytes are accepted, as ZooKeeper does.</li>
 *     <li>{@code ip} succeeds and adds nothing: as in ZooKeeper, the ("ip", address) identity is the connection's
 *     own, given at connect, not a credential.</li>
 *     <li>any other scheme fails with {@link ResultCode#AUTH_FAILED}.</li>
 * </ul>
 * Hashing allocates; it runs only for addAuth and connect credentials, not for reads and writes.
 */
public final class AuthSchemes
{
    /** The digest scheme. */
    public static final String DIGEST = "digest";
    /** The ip scheme. */
    public static final String IP_SCHEME = "ip";
    /** The super scheme, held by a session that presented the super digest's credentials. */
    public static final String SUPER_SCHEME = "super";

    private static final UnsafeBuffer DIGEST_BYTES = new UnsafeBuffer(DIGEST.getBytes(StandardCharsets.US_ASCII));
    private static final UnsafeBuffer EMPTY = new UnsafeBuffer(new byte[0]);

    private final String superDigest;
    private final UnsafeBuffer digestView = new UnsafeBuffer(0, 0);

    /**
     * @param superDigest ZooKeeper's {@code superDigest}, {@code super:base64(sha1(super:password))} (any user
     *                    name works), or null for no super user.
     */
    public AuthSchemes(final String superDigest)
    {
        this.superDigest = null == superDigest || superDigest.isEmpty() ? null : superDigest;
    }

    /**
     * Add the identities {@code auth} proves for {@code scheme} to a session.
     *
     * @param scheme     the scheme's UTF-8 bytes.
     * @param auth       the credential bytes.
     * @param identities the session's identities, changed only on success.
     * @return {@link ResultCode#OK} or {@link ResultCode#AUTH_FAILED}.
     */
    public ResultCode addAuth(
        final DirectBuffer scheme, final int schemeOffset, final int schemeLength,
        final DirectBuffer auth, final int authOffset, final int authLength,
        final Identities identities)
    {
        if (Identities.equal(scheme, schemeOffset, schemeLength, DIGEST_BYTES, 0, DIGEST_BYTES.capacity()))
        {
            final byte[] credentials = new byte[authLength];
            auth.getBytes(authOffset, credentials);
            final String digest = generateDigest(new String(credentials, StandardCharsets.UTF_8));
            if (digest.equals(superDigest))
            {
                identities.add(SUPER_SCHEME, EMPTY, 0, 0);
            }
            final byte[] digestBytes = digest.getBytes(StandardCharsets.UTF_8);
            digestView.wrap(digestBytes);
            identities.add(DIGEST, digestView, 0, digestBytes.length);
            return ResultCode.OK;
        }
        if (Identities.equal(scheme, schemeOffset, schemeLength, AclCheck.IP, 0, AclCheck.IP.capacity()))
        {
            return ResultCode.OK;
        }
        return ResultCode.AUTH_FAILED;
    }

    /**
     * Add a digest identity already proven (by the node's authenticator, from connect credentials whose raw
     * password never reaches the log), and ("super", "") first when it is the super digest, as {@link #addAuth}.
     *
     * @param digestIdentity {@code user:base64(sha1(user:password))}.
     * @param identities     the session's identities.
     */
    public void addDigestIdentity(final String digestIdentity, final Identities identities)
    {
        if (digestIdentity.equals(superDigest))
        {
            identities.add(SUPER_SCHEME, EMPTY, 0, 0);
        }
        identities.add(DIGEST, digestIdentity);
    }

    /**
     * @return true if {@link #addAuth} can succeed for this scheme ({@code digest} or {@code ip}).
     */
    public boolean isKnown(final DirectBuffer scheme, final int schemeOffset, final int schemeLength)
    {
        return Identities.equal(scheme, schemeOffset, schemeLength, DIGEST_BYTES, 0, DIGEST_BYTES.capacity()) ||
            Identities.equal(scheme, schemeOffset, schemeLength, AclCheck.IP, 0, AclCheck.IP.capacity());
    }

    /**
     * ZooKeeper's {@code DigestAuthenticationProvider.generateDigest}: {@code user:base64(sha1(user:password))}
     * where user is the text before the first ':'. Use it to make the value of a super digest or a digest ACL.
     *
     * @param idPassword {@code user:password}.
     * @return the digest identity.
     */
    public static String generateDigest(final String idPassword)
    {
        final int colon = idPassword.indexOf(':');
        final String user = colon < 0 ? idPassword : idPassword.substring(0, colon);
        try
        {
            final byte[] sha1 = MessageDigest.getInstance("SHA1").digest(idPassword.getBytes(StandardCharsets.UTF_8));
            return user + ':' + Base64.getEncoder().encodeToString(sha1);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA1 is a required JDK algorithm", ex);
        }
    }
}
