package io.aerie.engine.session;

import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.PrincipalDecoder;
import io.aerie.codecs.PrincipalEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a cluster session authenticated as: the SBE {@code Principal} the node's authenticator gives Aeron, which
 * carries it in the log's session open event to every replica (and keeps it in snapshots) as the client session's
 * encoded principal. Holds the connection's request token, the 16-byte password seed of a new Aerie session
 * opened on it, and its identities (scheme, id), such as {@code digest user:base64(sha1(user:password))}.
 * <p>
 * A reusable holder: {@link #decode(byte[])} fills it. Decoding allocates the identity strings: it runs when a
 * cluster session opens or sends its connect request, not per request. Not thread safe.
 */
public final class Principal
{
    /** Length of the session password derived from the seed. */
    public static final int PASSWORD_LENGTH = 16;

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final PrincipalDecoder decoder = new PrincipalDecoder();
    private final List<String> schemes = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private long token;
    private long passwordSeedLow;
    private long passwordSeedHigh;

    /**
     * Encode a principal.
     *
     * @param token            the connection's token, not 0.
     * @param passwordSeedLow  low 8 bytes of the password seed.
     * @param passwordSeedHigh high 8 bytes of the password seed.
     * @param schemes          identity schemes, one per identity; not null.
     * @param ids              identity ids, in the same order; not null.
     * @return the encoded principal.
     */
    public static byte[] encode(
        final long token,
        final long passwordSeedLow,
        final long passwordSeedHigh,
        final List<String> schemes,
        final List<String> ids)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final PrincipalEncoder encoder = new PrincipalEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .token(token)
            .passwordSeedLow(passwordSeedLow)
            .passwordSeedHigh(passwordSeedHigh);
        final PrincipalEncoder.IdentitiesEncoder identities = encoder.identitiesCount(schemes.size());
        for (int i = 0; i < schemes.size(); i++)
        {
            identities.next().scheme(schemes.get(i)).id(ids.get(i));
        }
        return Arrays.copyOf(buffer.byteArray(), MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    /**
     * Decode an encoded principal into this holder.
     *
     * @param encoded the client session's encoded principal; may be empty or null.
     * @return true if it is a well-formed Aerie principal; false leaves this holder empty (token 0).
     */
    public boolean decode(final byte[] encoded)
    {
        clear();
        if (null == encoded || encoded.length < MessageHeaderDecoder.ENCODED_LENGTH + PrincipalDecoder.BLOCK_LENGTH)
        {
            return false;
        }
        try
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(encoded);
            headerDecoder.wrap(buffer, 0);
            if (MessageHeaderDecoder.SCHEMA_ID != headerDecoder.schemaId() ||
                PrincipalDecoder.TEMPLATE_ID != headerDecoder.templateId() ||
                headerDecoder.blockLength() < PrincipalDecoder.BLOCK_LENGTH)
            {
                return false;
            }
            decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
            for (final PrincipalDecoder.IdentitiesDecoder identity : decoder.identities())
            {
                schemes.add(identity.scheme());
                ids.add(identity.id());
            }
            token = decoder.token();
            passwordSeedLow = decoder.passwordSeedLow();
            passwordSeedHigh = decoder.passwordSeedHigh();
            return true;
        }
        catch (final IndexOutOfBoundsException | IllegalStateException ex)
        {
            clear();
            return false;
        }
    }

    /** @return the connection's token; 0 when nothing valid was decoded. */
    public long token()
    {
        return token;
    }

    /** @return low 8 bytes of the password seed. */
    public long passwordSeedLow()
    {
        return passwordSeedLow;
    }

    /** @return high 8 bytes of the password seed. */
    public long passwordSeedHigh()
    {
        return passwordSeedHigh;
    }

    /** @return number of identities. */
    public int identityCount()
    {
        return schemes.size();
    }

    /** @param index from 0. @return the scheme of that identity. */
    public String identityScheme(final int index)
    {
        return schemes.get(index);
    }

    /** @param index from 0. @return the id of that identity. */
    public String identityId(final int index)
    {
        return ids.get(index);
    }

    private void clear()
    {
        schemes.clear();
        ids.clear();
        token = SessionTokens.NO_TOKEN;
        passwordSeedLow = 0;
        passwordSeedHigh = 0;
    }
}
