package io.aerie.codecs.model;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;

/**
 * A reusable, mutable ACL list kept in a canonical byte form, so two equal lists have equal bytes and the
 * tree can share and compare them without decoding.
 * <p>
 * Canonical form: {@code count:int}, then per entry {@code perms:int, schemeLength:int, scheme (UTF-8),
 * idLength:int, id (UTF-8)}, all little-endian. Not thread safe; reuse one instance per caller.
 */
public final class AclList
{
    /** Permission to read data and list children. */
    public static final int READ = 1;
    /** Permission to set data. */
    public static final int WRITE = 2;
    /** Permission to create children. */
    public static final int CREATE = 4;
    /** Permission to delete children. */
    public static final int DELETE = 8;
    /** Permission to set the ACL. */
    public static final int ADMIN = 16;
    /** Every permission. */
    public static final int ALL = READ | WRITE | CREATE | DELETE | ADMIN;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
    private final IntArrayList entryOffsets = new IntArrayList();
    private int length;

    /**
     * Create an empty list.
     */
    public AclList()
    {
        clear();
    }

    /**
     * A new list granting every permission to everyone: ZooKeeper's {@code OPEN_ACL_UNSAFE}.
     *
     * @return a new list.
     */
    public static AclList openAclUnsafe()
    {
        return new AclList().add(ALL, "world", "anyone");
    }

    /**
     * Remove every entry.
     *
     * @return this for a fluent API.
     */
    public AclList clear()
    {
        buffer.putInt(0, 0);
        length = 4;
        entryOffsets.clear();
        return this;
    }

    /**
     * Append an entry.
     *
     * @param perms  permission bits ({@link #READ} ... {@link #ADMIN}).
     * @param scheme such as "world", "digest", "ip", "auth".
     * @param id     the identity within the scheme.
     * @return this for a fluent API.
     */
    public AclList add(final int perms, final CharSequence scheme, final CharSequence id)
    {
        entryOffsets.addInt(length);
        buffer.putInt(length, perms);
        length += 4;
        length += putString(scheme);
        length += putString(id);
        buffer.putInt(0, entryOffsets.size());
        return this;
    }

    /**
     * Append an entry whose scheme and id are UTF-8 bytes, as they arrive off the wire.
     *
     * @return this for a fluent API.
     */
    public AclList add(
        final int perms,
        final DirectBuffer scheme,
        final int schemeOffset,
        final int schemeLength,
        final DirectBuffer id,
        final int idOffset,
        final int idLength)
    {
        entryOffsets.addInt(length);
        buffer.putInt(length, perms);
        buffer.putInt(length + 4, schemeLength);
        buffer.putBytes(length + 8, scheme, schemeOffset, schemeLength);
        length += 8 + schemeLength;
        buffer.putInt(length, idLength);
        buffer.putBytes(length + 4, id, idOffset, idLength);
        length += 4 + idLength;
        buffer.putInt(0, entryOffsets.size());
        return this;
    }

    /**
     * Replace the contents with a canonical form produced by {@link #buffer()} and {@link #encodedLength()}.
     *
     * @return this for a fluent API.
     */
    public AclList copyFrom(final DirectBuffer source, final int offset, final int encodedLength)
    {
        clear();
        buffer.putBytes(0, source, offset, encodedLength);
        length = encodedLength;
        final int count = buffer.getInt(0);
        int position = 4;
        for (int i = 0; i < count; i++)
        {
            entryOffsets.addInt(position);
            position += 4;
            position += 4 + buffer.getInt(position);
            position += 4 + buffer.getInt(position);
        }
        return this;
    }

    /**
     * Replace the contents with those of another list.
     *
     * @return this for a fluent API.
     */
    public AclList copyFrom(final AclList other)
    {
        return copyFrom(other.buffer, 0, other.length);
    }

    /**
     * @return the number of entries.
     */
    public int size()
    {
        return entryOffsets.size();
    }

    /**
     * @return permission bits of entry {@code index}.
     */
    public int perms(final int index)
    {
        return buffer.getInt(entryOffsets.getInt(index));
    }

    /**
     * Append the scheme of entry {@code index} to {@code out}.
     */
    public void scheme(final int index, final StringBuilder out)
    {
        final int offset = entryOffsets.getInt(index) + 4;
        Utf8.appendTrusted(buffer, offset + 4, buffer.getInt(offset), out);
    }

    /**
     * Append the id of entry {@code index} to {@code out}.
     */
    public void id(final int index, final StringBuilder out)
    {
        final int schemeOffset = entryOffsets.getInt(index) + 4;
        final int offset = schemeOffset + 4 + buffer.getInt(schemeOffset);
        Utf8.appendTrusted(buffer, offset + 4, buffer.getInt(offset), out);
    }

    /**
     * @return offset in {@link #buffer()} of the scheme bytes of entry {@code index}.
     */
    public int schemeOffset(final int index)
    {
        return entryOffsets.getInt(index) + 8;
    }

    /**
     * @return length in bytes of the scheme of entry {@code index}.
     */
    public int schemeLength(final int index)
    {
        return buffer.getInt(entryOffsets.getInt(index) + 4);
    }

    /**
     * @return offset in {@link #buffer()} of the id bytes of entry {@code index}.
     */
    public int idOffset(final int index)
    {
        return schemeOffset(index) + schemeLength(index) + 4;
    }

    /**
     * @return length in bytes of the id of entry {@code index}.
     */
    public int idLength(final int index)
    {
        return buffer.getInt(schemeOffset(index) + schemeLength(index));
    }

    /**
     * @return the buffer holding the canonical form, from offset 0.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return length in bytes of the canonical form.
     */
    public int encodedLength()
    {
        return length;
    }

    /**
     * Check the list is one ZooKeeper would store: not empty, known permission bits, a known scheme, and an
     * id that fits the scheme ("world" only with "anyone", "digest" as "user:hash", "ip" as an address or
     * CIDR). The "auth" scheme is accepted here; it is bound to the caller's identities before storing.
     *
     * @return true if valid.
     */
    public boolean isValid()
    {
        if (0 == size())
        {
            return false;
        }
        for (int i = 0, n = size(); i < n; i++)
        {
            final int perms = perms(i);
            if ((perms & ~ALL) != 0)
            {
                return false;
            }
            if (!isValidEntry(schemeOffset(i), schemeLength(i), idOffset(i), idLength(i)))
            {
                return false;
            }
        }
        return true;
    }

    private boolean isValidEntry(final int schemeOffset, final int schemeLength, final int idOffset, final int idLength)
    {
        if (equalsAscii(schemeOffset, schemeLength, "world"))
        {
            return equalsAscii(idOffset, idLength, "anyone");
        }
        if (equalsAscii(schemeOffset, schemeLength, "digest"))
        {
            return indexOf(idOffset, idLength, (byte)':') > 0;
        }
        if (equalsAscii(schemeOffset, schemeLength, "ip"))
        {
            return idLength > 0 && isIpLike(idOffset, idLength);
        }
        return equalsAscii(schemeOffset, schemeLength, "auth") ||
            equalsAscii(schemeOffset, schemeLength, "x509") ||
            equalsAscii(schemeOffset, schemeLength, "sasl") ||
            equalsAscii(schemeOffset, schemeLength, "super");
    }

    private boolean isIpLike(final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            final boolean hex = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
            if (!hex && b != '.' && b != ':' && b != '/')
            {
                return false;
            }
        }
        return true;
    }

    private int indexOf(final int offset, final int length, final byte value)
    {
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) == value)
            {
                return i;
            }
        }
        return -1;
    }

    private boolean equalsAscii(final int offset, final int length, final String value)
    {
        if (length != value.length())
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != value.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private int putString(final CharSequence value)
    {
        final int written = Utf8.encode(value, buffer, length + 4);
        buffer.putInt(length, written);
        return 4 + written;
    }

    /**
     * @return a readable form such as {@code [31:world:anyone]}; allocates, for logs and tools only.
     */
    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("[");
        for (int i = 0, n = size(); i < n; i++)
        {
            if (i > 0)
            {
                sb.append(", ");
            }
            sb.append(perms(i)).append(':');
            scheme(i, sb);
            sb.append(':');
            id(i, sb);
        }
        return sb.append(']').toString();
    }

    /**
     * Equal when the canonical forms are equal.
     */
    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof AclList))
        {
            return false;
        }
        final AclList that = (AclList)o;
        return length == that.length && regionEquals(that);
    }

    @Override
    public int hashCode()
    {
        int hash = 1;
        for (int i = 0; i < length; i++)
        {
            hash = 31 * hash + buffer.getByte(i);
        }
        return hash;
    }

    private boolean regionEquals(final AclList that)
    {
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(i) != that.buffer.getByte(i))
            {
                return false;
            }
        }
        return true;
    }
}
