package io.aerie.engine.acl;

import io.aerie.codecs.snapshot.SessionDecoder;
import io.aerie.codecs.snapshot.SessionEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The identities a session holds, ZooKeeper's {@code authInfo}: a list of (scheme, id) pairs, in the order they
 * were added, without duplicates. Examples: ("digest", "bob:base64(sha1(bob:pw))"), ("ip", "10.0.0.7"),
 * ("super", "").
 * <p>
 * State built from the log: every replica adds the same identities at the same log position, and they are
 * written with the session's snapshot, so they survive failover and restart. Kept in one reusable buffer:
 * adding allocates only when it grows, checking allocates nothing. Service thread only.
 * <p>
 * Layout of each entry: {@code schemeLength:int, scheme (UTF-8), idLength:int, id (UTF-8)}.
 */
public final class Identities
{
    /** Largest scheme or id accepted, bytes: ZooKeeper has no limit but a session has no use for more. */
    public static final int MAX_PART_LENGTH = 1024;
    /** Longest scheme name accepted, ASCII characters. */
    public static final int MAX_SCHEME_LENGTH = 64;
    /** Most identities a session may hold. */
    public static final int MAX_IDENTITIES = 64;

    private static final int[] NO_OFFSETS = new int[0];

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
    private final UnsafeBuffer ascii = new UnsafeBuffer(new byte[MAX_SCHEME_LENGTH]);
    private int[] entryOffsets = NO_OFFSETS;
    private int count;
    private int length;
    private boolean isSuper;

    /**
     * Add an identity unless the session holds it already (ZooKeeper's {@code ServerCnxn.addAuthInfo}).
     *
     * @param scheme   such as "digest", "ip", "super", "x509"; ASCII.
     * @param id       buffer holding the id's UTF-8 bytes.
     * @param offset   of the id in {@code id}.
     * @param idLength length of the id in bytes.
     * @return true if added, false if held already or refused (scheme over {@link #MAX_SCHEME_LENGTH}, id over
     * {@link #MAX_PART_LENGTH}, {@link #MAX_IDENTITIES} reached).
     */
    public boolean add(final CharSequence scheme, final DirectBuffer id, final int offset, final int idLength)
    {
        if (scheme.length() > MAX_SCHEME_LENGTH)
        {
            return false;
        }
        final int schemeLength = putAscii(scheme);
        return add(ascii, 0, schemeLength, id, offset, idLength);
    }

    /**
     * Add an identity given as text; allocates, for tests and tools.
     *
     * @return as {@link #add(CharSequence, DirectBuffer, int, int)}.
     */
    public boolean add(final CharSequence scheme, final String id)
    {
        final byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        return add(scheme, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    /**
     * Replace every identity of {@code scheme} with this one: what a connection's own facts need (its
     * ("ip", address) identity when the session moves to a new connection).
     *
     * @return as {@link #add(CharSequence, DirectBuffer, int, int)}.
     */
    public boolean replaceScheme(final CharSequence scheme, final DirectBuffer id, final int offset, final int idLength)
    {
        removeScheme(scheme);
        return add(scheme, id, offset, idLength);
    }

    /**
     * Remove every identity of {@code scheme}.
     *
     * @return number removed.
     */
    public int removeScheme(final CharSequence scheme)
    {
        final int schemeLength = putAscii(scheme);
        int removed = 0;
        for (int i = count - 1; i >= 0; i--)
        {
            if (equal(buffer, schemeOffset(i), schemeLength(i), ascii, 0, schemeLength))
            {
                removeAt(i);
                removed++;
            }
        }
        isSuper = indexOf(AclCheck.SUPER, 0, 0) >= 0;
        return removed;
    }

    /**
     * Remove every identity.
     */
    public void clear()
    {
        count = 0;
        length = 0;
        isSuper = false;
    }

    /** @return number of identities held. */
    public int size()
    {
        return count;
    }

    /** @return true if the session holds the super identity: every ACL check passes. */
    public boolean isSuper()
    {
        return isSuper;
    }

    /** @return the buffer holding every entry; read with the offsets below. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** @return offset in {@link #buffer()} of the scheme of identity {@code index}. */
    public int schemeOffset(final int index)
    {
        return entryOffsets[index] + 4;
    }

    /** @return length in bytes of the scheme of identity {@code index}. */
    public int schemeLength(final int index)
    {
        return buffer.getInt(entryOffsets[index]);
    }

    /** @return offset in {@link #buffer()} of the id of identity {@code index}. */
    public int idOffset(final int index)
    {
        return schemeOffset(index) + schemeLength(index) + 4;
    }

    /** @return length in bytes of the id of identity {@code index}. */
    public int idLength(final int index)
    {
        return buffer.getInt(schemeOffset(index) + schemeLength(index));
    }

    /** @return the scheme of identity {@code index}; allocates. */
    public String scheme(final int index)
    {
        return buffer.getStringWithoutLengthUtf8(schemeOffset(index), schemeLength(index));
    }

    /** @return the id of identity {@code index}; allocates. */
    public String id(final int index)
    {
        return buffer.getStringWithoutLengthUtf8(idOffset(index), idLength(index));
    }

    /**
     * @return index of the first identity of the scheme held in {@code scheme} at [offset, offset + length), from
     * {@code from}, or -1.
     */
    int indexOfScheme(final DirectBuffer scheme, final int offset, final int schemeLength, final int from)
    {
        for (int i = from; i < count; i++)
        {
            if (equal(buffer, schemeOffset(i), schemeLength(i), scheme, offset, schemeLength))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Write the identities into a session's snapshot message, in the order they were added.
     *
     * @param session encoder of the session's message, at its identities group.
     */
    public void writeSnapshot(final SessionEncoder session)
    {
        final SessionEncoder.IdentitiesEncoder entries = session.identitiesCount(count);
        for (int i = 0; i < count; i++)
        {
            entries.next()
                .putScheme(buffer, schemeOffset(i), schemeLength(i))
                .putId(buffer, idOffset(i), idLength(i));
        }
    }

    /**
     * Replace the identities with those of a session's snapshot message.
     *
     * @param session decoder of the session's message, at its identities group.
     * @throws IllegalStateException if it holds more than {@link #MAX_IDENTITIES} or a part over
     *                               {@link #MAX_PART_LENGTH}: the snapshot is corrupt.
     */
    public void loadSnapshot(final SessionDecoder session)
    {
        clear();
        final SessionDecoder.IdentitiesDecoder entries = session.identities();
        if (entries.count() > MAX_IDENTITIES)
        {
            throw new IllegalStateException("corrupt snapshot: " + entries.count() + " identities");
        }
        final UnsafeBuffer scheme = new UnsafeBuffer(0, 0);
        final UnsafeBuffer id = new UnsafeBuffer(0, 0);
        for (final SessionDecoder.IdentitiesDecoder entry : entries)
        {
            entry.wrapScheme(scheme);
            entry.wrapId(id);
            if (scheme.capacity() > MAX_PART_LENGTH || id.capacity() > MAX_PART_LENGTH)
            {
                throw new IllegalStateException("corrupt snapshot: identity of " + id.capacity() + " bytes");
            }
            add(scheme, 0, scheme.capacity(), id, 0, id.capacity());
        }
    }

    /**
     * @return "[scheme:id, ...]"; allocates, for logs and tests.
     */
    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++)
        {
            sb.append(i > 0 ? ", " : "").append(scheme(i)).append(':').append(id(i));
        }
        return sb.append(']').toString();
    }

    private boolean add(
        final DirectBuffer scheme, final int schemeOffset, final int schemeLength,
        final DirectBuffer id, final int idOffset, final int idLength)
    {
        if (schemeLength > MAX_PART_LENGTH || idLength > MAX_PART_LENGTH || idLength < 0 || count >= MAX_IDENTITIES)
        {
            return false;
        }
        for (int i = 0; i < count; i++)
        {
            if (equal(buffer, schemeOffset(i), schemeLength(i), scheme, schemeOffset, schemeLength) &&
                equal(buffer, idOffset(i), idLength(i), id, idOffset, idLength))
            {
                return false;
            }
        }
        if (count == entryOffsets.length)
        {
            entryOffsets = java.util.Arrays.copyOf(entryOffsets, Math.max(4, count * 2));
        }
        entryOffsets[count++] = length;
        buffer.putInt(length, schemeLength);
        buffer.putBytes(length + 4, scheme, schemeOffset, schemeLength);
        length += 4 + schemeLength;
        buffer.putInt(length, idLength);
        buffer.putBytes(length + 4, id, idOffset, idLength);
        length += 4 + idLength;
        isSuper |= equal(scheme, schemeOffset, schemeLength, AclCheck.SUPER, 0, AclCheck.SUPER.capacity());
        return true;
    }

    private int indexOf(final DirectBuffer scheme, final int offset, final int from)
    {
        return indexOfScheme(scheme, offset, scheme.capacity(), from);
    }

    private void removeAt(final int index)
    {
        final int start = entryOffsets[index];
        final int end = index + 1 < count ? entryOffsets[index + 1] : length;
        final int removed = end - start;
        buffer.putBytes(start, buffer, end, length - end);
        for (int i = index + 1; i < count; i++)
        {
            entryOffsets[i - 1] = entryOffsets[i] - removed;
        }
        count--;
        length -= removed;
    }

    private int putAscii(final CharSequence text)
    {
        final int n = Math.min(text.length(), ascii.capacity());
        for (int i = 0; i < n; i++)
        {
            ascii.putByte(i, (byte)text.charAt(i));
        }
        return n;
    }

    /**
     * @return true if the bytes at [offset, offset + length) are the scheme held in {@code scheme}.
     */
    public static boolean isScheme(final DirectBuffer bytes, final int offset, final int length, final DirectBuffer scheme)
    {
        return equal(bytes, offset, length, scheme, 0, scheme.capacity());
    }

    static boolean equal(
        final DirectBuffer a, final int aOffset, final int aLength, final DirectBuffer b, final int bOffset, final int bLength)
    {
        if (aLength != bLength)
        {
            return false;
        }
        // Eight bytes at a time: a digest id is some 30 bytes, compared on every check of a digest ACL.
        int i = 0;
        for (final int words = aLength & ~7; i < words; i += 8)
        {
            if (a.getLong(aOffset + i) != b.getLong(bOffset + i))
            {
                return false;
            }
        }
        for (; i < aLength; i++)
        {
            if (a.getByte(aOffset + i) != b.getByte(bOffset + i))
            {
                return false;
            }
        }
        return true;
    }
}
