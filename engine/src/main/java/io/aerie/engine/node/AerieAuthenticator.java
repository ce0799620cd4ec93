package io.aerie.engine.node;

import io.aeron.security.Authenticator;
import io.aeron.security.SessionProxy;
import io.aerie.codecs.CredentialsDecoder;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.engine.acl.AuthSchemes;
import io.aerie.engine.session.Principal;
import io.aerie.engine.session.SessionTokens;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.ArrayList;
import java.util.List;

/**
 * The node's Aeron Cluster authenticator: accepts a connect whose credentials are a well-formed Aerie
 * {@code Credentials} message (a non-zero token, a password seed, optional digest {@code user:password}) and
 * authenticates the session with a {@link Principal} holding the token, the seed and the digest identity
 * {@code user:base64(sha1(user:password))} (ZooKeeper's, so digests made by ZooKeeper's tools match). The raw
 * password is never in the principal, hence never in the log. Anything else is rejected and counted.
 * <p>
 * Runs on the consensus module's thread, on the leader only: the principal reaches the followers through the
 * log. Allocates per connect, which is not a hot path. Public so that a cluster stand-in (the testkit's in-memory
 * cluster) authenticates connections exactly as a node does; a node makes its own.
 */
public final class AerieAuthenticator implements Authenticator
{
    /** ZooKeeper's digest scheme. */
    static final String DIGEST_SCHEME = AuthSchemes.DIGEST;
    /** Largest credentials accepted: a token, a seed and a user:password of up to 1 KiB. */
    static final int MAX_CREDENTIALS_LENGTH = 1024 + MessageHeaderDecoder.ENCODED_LENGTH + CredentialsDecoder.BLOCK_LENGTH;

    private final Long2ObjectHashMap<byte[]> principalBySessionId = new Long2ObjectHashMap<>();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final CredentialsDecoder decoder = new CredentialsDecoder();
    private final AtomicCounter rejected;

    /**
     * @param rejected counts rejected connects; may be null (tests, stand-ins).
     */
    public AerieAuthenticator(final AtomicCounter rejected)
    {
        this.rejected = rejected;
    }

    /**
     * {@inheritDoc}
     */
    public void onConnectRequest(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        final byte[] principal = principalOf(encodedCredentials);
        if (null != principal)
        {
            principalBySessionId.put(sessionId, principal);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onChallengeResponse(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        // Never challenged: a response is not credentials.
    }

    /**
     * {@inheritDoc}
     */
    public void onConnectedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        final byte[] principal = principalBySessionId.remove(sessionProxy.sessionId());
        if (null == principal)
        {
            sessionProxy.reject();
            if (null != rejected)
            {
                rejected.increment();
            }
        }
        else if (!sessionProxy.authenticate(principal))
        {
            // The session's response publication is not connected yet: try again on the next call.
            principalBySessionId.put(sessionProxy.sessionId(), principal);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onChallengedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        principalBySessionId.remove(sessionProxy.sessionId());
        sessionProxy.reject();
    }

    /**
     * Turn credentials into a principal.
     *
     * @param encodedCredentials what the client sent.
     * @return the encoded principal, or null if the credentials are missing or malformed.
     */
    byte[] principalOf(final byte[] encodedCredentials)
    {
        if (null == encodedCredentials || encodedCredentials.length > MAX_CREDENTIALS_LENGTH ||
            encodedCredentials.length < MessageHeaderDecoder.ENCODED_LENGTH + CredentialsDecoder.BLOCK_LENGTH)
        {
            return null;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(encodedCredentials);
        headerDecoder.wrap(buffer, 0);
        if (MessageHeaderDecoder.SCHEMA_ID != headerDecoder.schemaId() ||
            CredentialsDecoder.TEMPLATE_ID != headerDecoder.templateId() ||
            headerDecoder.version() < CredentialsDecoder.tokenSinceVersion() ||
            headerDecoder.blockLength() < CredentialsDecoder.BLOCK_LENGTH)
        {
            return null;
        }
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        final int digestOffset = MessageHeaderDecoder.ENCODED_LENGTH + headerDecoder.blockLength();
        if (digestOffset + CredentialsDecoder.digestHeaderLength() > encodedCredentials.length ||
            digestOffset + CredentialsDecoder.digestHeaderLength() + decoder.digestLength() != encodedCredentials.length)
        {
            return null; // the digest's length must account for exactly the rest of the credentials
        }
        final long token = decoder.token();
        final long seedLow = decoder.passwordSeedLow();
        final long seedHigh = decoder.passwordSeedHigh();
        final String digest = decoder.digest();
        if (SessionTokens.NO_TOKEN == token)
        {
            return null;
        }

        final List<String> schemes = new ArrayList<>(1);
        final List<String> ids = new ArrayList<>(1);
        if (!digest.isEmpty())
        {
            // As ZooKeeper's DigestAuthenticationProvider: any text is accepted, the user being what precedes ':'.
            schemes.add(DIGEST_SCHEME);
            ids.add(AuthSchemes.generateDigest(digest));
        }
        return Principal.encode(token, seedLow, seedHigh, schemes, ids);
    }
}
