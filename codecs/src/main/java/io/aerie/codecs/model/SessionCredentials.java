package io.aerie.codecs.model;

import io.aerie.codecs.CredentialsEncoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.SessionHeaderEncoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The two pieces of the wire that bind requests to a connection: the {@code Credentials} a client sends in Aeron
 * Cluster's connect request (a random token, a random session password seed, optional digest credentials), and
 * the {@code SessionHeader} carrying the token that precedes every request it then sends.
 * <p>
 * For clients, tools and tests that speak the protocol without the Aerie client. Stateless; any thread.
 */
public final class SessionCredentials
{
    /** Length of the session header that precedes every request in an ingress message. */
    public static final int SESSION_HEADER_LENGTH =
        MessageHeaderEncoder.ENCODED_LENGTH + SessionHeaderEncoder.BLOCK_LENGTH;
    /** Offset of the token in a session header. */
    public static final int TOKEN_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH;

    private SessionCredentials()
    {
    }

    /**
     * Encode credentials for Aeron Cluster's {@code CredentialsSupplier}.
     *
     * @param token            the connection's token: random, not 0.
     * @param passwordSeedLow  low 8 bytes of a random session password seed.
     * @param passwordSeedHigh high 8 bytes of the seed.
     * @param digest           {@code user:password} for ZooKeeper's digest scheme, or null for none.
     * @return the encoded credentials.
     */
    public static byte[] encode(
        final long token, final long passwordSeedLow, final long passwordSeedHigh, final String digest)
    {
        final byte[] digestBytes = null == digest ? new byte[0] : digest.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH +
            CredentialsEncoder.BLOCK_LENGTH + CredentialsEncoder.digestHeaderLength() + digestBytes.length]);
        final CredentialsEncoder encoder = new CredentialsEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .token(token)
            .passwordSeedLow(passwordSeedLow)
            .passwordSeedHigh(passwordSeedHigh)
            .putDigest(digestBytes, 0, digestBytes.length);
        return Arrays.copyOf(buffer.byteArray(), MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    /**
     * Write a session header; the request follows at {@code offset + }{@link #SESSION_HEADER_LENGTH}. Allocates
     * nothing.
     *
     * @param buffer to write to.
     * @param offset where the header starts.
     * @param token  the connection's token.
     * @return {@link #SESSION_HEADER_LENGTH}.
     */
    public static int putSessionHeader(final MutableDirectBuffer buffer, final int offset, final long token)
    {
        buffer.putShort(offset, (short)SessionHeaderEncoder.BLOCK_LENGTH, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(offset + 2, (short)SessionHeaderEncoder.TEMPLATE_ID, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(offset + 4, (short)SessionHeaderEncoder.SCHEMA_ID, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(offset + 6, (short)SessionHeaderEncoder.SCHEMA_VERSION, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + TOKEN_OFFSET, token, ByteOrder.LITTLE_ENDIAN);
        return SESSION_HEADER_LENGTH;
    }
}
