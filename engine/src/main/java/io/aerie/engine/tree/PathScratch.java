package io.aerie.engine.tree;

import io.aerie.codecs.model.Paths;
import io.aerie.codecs.model.Utf8;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * A path as UTF-8 bytes in a reusable buffer, with its parent/name split. '/' is a single
 * byte that never occurs inside a multi-byte UTF-8 sequence, so the split is found on the bytes.
 */
final class PathScratch
{
    final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    int length;

    /**
     * Validate a path given as UTF-8 bytes and copy it.
     *
     * @return true if valid and not longer than {@code maxLength} bytes; false leaves this scratch undefined.
     */
    boolean set(final DirectBuffer source, final int offset, final int length, final int maxLength)
    {
        if (length > maxLength || !Paths.isValid(source, offset, length))
        {
            return false;
        }
        setTrusted(source, offset, length);
        return true;
    }

    /**
     * Encode a path given as text, without validating it: {@link #isValid(int)} does.
     */
    void encode(final CharSequence path)
    {
        length = Utf8.encode(path, buffer, 0);
    }

    /**
     * @return true if the path held is valid and not longer than {@code maxLength} bytes.
     */
    boolean isValid(final int maxLength)
    {
        return length <= maxLength && Paths.isValid(buffer, 0, length);
    }

    /**
     * Append bytes known to be valid in a path (a sequence placeholder).
     */
    void append(final DirectBuffer source, final int offset, final int length)
    {
        buffer.putBytes(this.length, source, offset, length);
        this.length += length;
    }

    /**
     * Encode a path known to be valid (for example one read back from the store).
     */
    void setTrusted(final DirectBuffer source, final int offset, final int length)
    {
        buffer.putBytes(0, source, offset, length);
        this.length = length;
    }

    boolean isRoot()
    {
        return 1 == length;
    }

    /**
     * @return length of the parent's path: the bytes before the last '/', or 1 for children of the root.
     */
    int parentLength()
    {
        final int separator = lastSeparator();
        return 0 == separator ? 1 : separator;
    }

    /**
     * @return offset of the last segment, the node's name.
     */
    int nameOffset()
    {
        return lastSeparator() + 1;
    }

    int nameLength()
    {
        return length - nameOffset();
    }

    boolean startsWith(final DirectBuffer other, final int otherOffset, final int otherLength)
    {
        if (otherLength > length)
        {
            return false;
        }
        for (int i = 0; i < otherLength; i++)
        {
            if (buffer.getByte(i) != other.getByte(otherOffset + i))
            {
                return false;
            }
        }
        return true;
    }

    private int lastSeparator()
    {
        for (int i = length - 1; i >= 0; i--)
        {
            if ('/' == buffer.getByte(i))
            {
                return i;
            }
        }
        return -1;
    }
}
