package io.aerie.engine.tree;

import io.aerie.codecs.model.Utf8;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * A validated path encoded as UTF-8 in a reusable buffer, with its parent/name split. '/' is a single
 * byte that never occurs inside a multi-byte UTF-8 sequence, so the split is found on the bytes.
 */
final class PathScratch
{
    final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    int length;

    /**
     * Validate and encode a path.
     *
     * @return true if valid and not longer than {@code maxLength} bytes.
     */
    boolean set(final CharSequence path, final int maxLength)
    {
        if (!Paths.isValid(path) || path.length() > maxLength)
        {
            return false;
        }
        length = Utf8.encode(path, buffer, 0);
        return length <= maxLength;
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
