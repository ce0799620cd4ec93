package io.aerie.codecs.model;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Znode path rules, shared by the engine (which enforces them), the client and the tools (which check before
 * sending), without allocation. A path can be checked as text or, as it arrives off the wire, as UTF-8 bytes:
 * both forms give the same answer for the same path ({@link #isValid(DirectBuffer, int, int)} is true exactly
 * when the bytes are well-formed UTF-8, as {@link Utf8#decode} is strict, and the text they decode to is valid).
 * <p>
 * A valid path is absolute, '/'-separated, has no empty, '.' or '..' segment, no trailing '/' (except the
 * root itself), and none of the characters ZooKeeper forbids: NUL, control characters
 * (U+0001..U+001F, U+007F..U+009F), surrogates and private use (U+D800..U+F8FF) and U+FFF0..U+FFFF. These
 * are ZooKeeper's {@code PathUtils.validatePath} rules, so a path valid in one is valid in the other. As every
 * code point past U+FFFF is held in Java as a surrogate pair, none is allowed.
 */
public final class Paths
{
    /**
     * Width of a sequential suffix, as ZooKeeper's {@code %010d}.
     */
    public static final int SEQUENCE_DIGITS = 10;

    private Paths()
    {
    }

    /**
     * @param path to check.
     * @return true if the path obeys the rules above.
     */
    public static boolean isValid(final CharSequence path)
    {
        final int length = path.length();
        if (0 == length || '/' != path.charAt(0))
        {
            return false;
        }
        if (1 == length)
        {
            return true;
        }
        if ('/' == path.charAt(length - 1))
        {
            return false;
        }

        int segmentStart = 1;
        for (int i = 1; i <= length; i++)
        {
            final char c = i < length ? path.charAt(i) : '/';
            if ('/' == c)
            {
                final int segmentLength = i - segmentStart;
                if (0 == segmentLength || isBadSegment(path.charAt(segmentStart), segmentLength,
                    segmentLength > 1 ? path.charAt(segmentStart + 1) : 0))
                {
                    return false;
                }
                segmentStart = i + 1;
            }
            else if (isForbidden(c))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Check a path as ZooKeeper's client does before sending it ({@code PathUtils.validatePath(path, isSequential)}),
     * with its messages. Allocates nothing unless the path is invalid.
     *
     * @param path       the path as the caller gave it (before any chroot); may be null.
     * @param sequential true for a sequential create: checked with the sequence number after it, so it may end
     *                   in '/'.
     * @throws IllegalArgumentException with ZooKeeper's message (such as {@code Invalid path string "/a//b" caused
     *                                  by empty node name specified @3}) if the path is not valid.
     */
    public static void validate(final CharSequence path, final boolean sequential)
    {
        final String reason = invalidReason(path, sequential);
        if (null != reason)
        {
            throw new IllegalArgumentException(reason.startsWith("Path ") ? reason :
                "Invalid path string \"" + path + (sequential ? "1" : "") + "\" caused by " + reason);
        }
    }

    /**
     * Why a path is not valid, in ZooKeeper's client's words: {@code Path cannot be null}, {@code Path length must
     * be > 0}, {@code Path must start with / character}, {@code Path must not end with / character}, or for a
     * bad character or segment its reason and index ({@code empty node name specified @3}, {@code relative paths
     * not allowed @2}, {@code null character not allowed @4}, {@code invalid character @1}).
     *
     * @param path       to check; may be null.
     * @param sequential true for a sequential create, checked as ZooKeeper checks it: with a digit appended.
     * @return the reason, or null for a valid path (without allocating).
     */
    public static String invalidReason(final CharSequence path, final boolean sequential)
    {
        if (null == path)
        {
            return "Path cannot be null";
        }
        final int length = path.length() + (sequential ? 1 : 0);
        if (0 == length)
        {
            return "Path length must be > 0";
        }
        if ('/' != charAt(path, 0))
        {
            return "Path must start with / character";
        }
        if (1 == length)
        {
            return null;
        }
        if ('/' == charAt(path, length - 1))
        {
            return "Path must not end with / character";
        }
        // ZooKeeper's loop, character for character, so the reason and its index are the same as its own.
        char last = '/';
        for (int i = 1; i < length; last = charAt(path, i), i++)
        {
            final char c = charAt(path, i);
            final boolean isSegmentEnd = i + 1 == length || '/' == charAt(path, i + 1);
            if (0 == c)
            {
                return "null character not allowed @" + i;
            }
            else if ('/' == c && '/' == last)
            {
                return "empty node name specified @" + i;
            }
            else if ('.' == c && '.' == last)
            {
                if ('/' == charAt(path, i - 2) && isSegmentEnd)
                {
                    return "relative paths not allowed @" + i;
                }
            }
            else if ('.' == c)
            {
                if ('/' == charAt(path, i - 1) && isSegmentEnd)
                {
                    return "relative paths not allowed @" + i;
                }
            }
            else if (isForbidden(c))
            {
                return "invalid character @" + i;
            }
        }
        return null;
    }

    /**
     * Check a path as UTF-8 bytes, without decoding it into text: '/' and '.' are single bytes that never occur
     * inside a multi-byte sequence, so segments are found on the bytes, and each multi-byte sequence is decoded
     * only to check its code point.
     *
     * @param buffer holding the path.
     * @param offset of the path's first byte.
     * @param length of the path in bytes.
     * @return true if the bytes are well-formed UTF-8 and the path obeys the rules above.
     */
    public static boolean isValid(final DirectBuffer buffer, final int offset, final int length)
    {
        if (0 == length || '/' != buffer.getByte(offset))
        {
            return false;
        }
        if (1 == length)
        {
            return true;
        }
        final int end = offset + length;
        if ('/' == buffer.getByte(end - 1))
        {
            return false;
        }

        int segmentStart = offset + 1;
        int i = offset + 1;
        while (i <= end)
        {
            final int b = i < end ? buffer.getByte(i) & 0xFF : '/';
            if ('/' == b)
            {
                final int segmentLength = i - segmentStart;
                if (0 == segmentLength || isBadSegment(
                    (char)buffer.getByte(segmentStart), segmentLength,
                    segmentLength > 1 ? (char)buffer.getByte(segmentStart + 1) : 0))
                {
                    return false;
                }
                segmentStart = i + 1;
                i++;
            }
            else if (b < 0x80)
            {
                if (isForbidden((char)b))
                {
                    return false;
                }
                i++;
            }
            else
            {
                final int sequenceLength = checkSequence(buffer, i, end, b);
                if (sequenceLength <= 0)
                {
                    return false;
                }
                i += sequenceLength;
            }
        }
        return true;
    }

    /**
     * Append a sequence number the way ZooKeeper's {@code String.format("%010d", n)} does, negative included.
     *
     * @param out      to append to.
     * @param sequence the parent's count of child creations.
     */
    public static void appendSequence(final StringBuilder out, final int sequence)
    {
        long value = sequence;
        int width = SEQUENCE_DIGITS;
        if (value < 0)
        {
            out.append('-');
            value = -value;
            width--;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10)
        {
            digits++;
        }
        for (int i = digits; i < width; i++)
        {
            out.append('0');
        }
        out.append(value);
    }

    /**
     * Write a sequence number as the {@link #SEQUENCE_DIGITS} ASCII bytes of ZooKeeper's {@code %010d}, negative
     * included; for {@link Integer#MIN_VALUE}, whose form is 11 characters, its last 10.
     *
     * @param buffer   to write to.
     * @param offset   of the first of the {@link #SEQUENCE_DIGITS} bytes written.
     * @param sequence the parent's count of child creations.
     */
    public static void putSequence(final MutableDirectBuffer buffer, final int offset, final int sequence)
    {
        long value = Math.abs((long)sequence);
        for (int i = SEQUENCE_DIGITS - 1; i >= 0; i--)
        {
            buffer.putByte(offset + i, (byte)('0' + (value % 10)));
            value /= 10;
        }
        if (sequence < 0 && '0' == buffer.getByte(offset))
        {
            buffer.putByte(offset, (byte)'-');
        }
    }

    /**
     * Index of the '/' that separates a path's parent from its last segment.
     *
     * @param path a valid path.
     * @return the index, 0 for children of the root, -1 for the root itself.
     */
    public static int lastSeparator(final CharSequence path)
    {
        if (1 == path.length())
        {
            return -1;
        }
        for (int i = path.length() - 1; i >= 0; i--)
        {
            if ('/' == path.charAt(i))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Check one multi-byte UTF-8 sequence strictly (as {@link Utf8#decode}) and its code point against the rules.
     *
     * @return its length in bytes, or 0 if it is malformed or its code point is forbidden.
     */
    private static int checkSequence(final DirectBuffer buffer, final int i, final int end, final int b0)
    {
        if (b0 >= 0xC2 && b0 <= 0xDF)
        {
            if (i + 1 >= end || !isContinuation(buffer.getByte(i + 1)))
            {
                return 0;
            }
            final int c = ((b0 & 0x1F) << 6) | (buffer.getByte(i + 1) & 0x3F);
            return isForbidden((char)c) ? 0 : 2;
        }
        if (b0 >= 0xE0 && b0 <= 0xEF)
        {
            if (i + 2 >= end || !isContinuation(buffer.getByte(i + 1)) || !isContinuation(buffer.getByte(i + 2)))
            {
                return 0;
            }
            final int c = ((b0 & 0x0F) << 12) | ((buffer.getByte(i + 1) & 0x3F) << 6) | (buffer.getByte(i + 2) & 0x3F);
            return c < 0x800 || isForbidden((char)c) ? 0 : 3;
        }
        // A four-byte sequence is a code point past U+FFFF: a surrogate pair in Java, forbidden; the rest malformed.
        return 0;
    }

    /** A path's character, or the digit ZooKeeper appends to a sequential create's path, just past its end. */
    private static char charAt(final CharSequence path, final int index)
    {
        return index < path.length() ? path.charAt(index) : '1';
    }

    private static boolean isBadSegment(final char first, final int length, final char second)
    {
        return ('.' == first && (1 == length || (2 == length && '.' == second)));
    }

    private static boolean isForbidden(final char c)
    {
        return c == 0 ||
            (c > '\u0000' && c <= '\u001f') ||
            (c >= '\u007f' && c <= '\u009F') ||
            (c >= '\ud800' && c <= '\uf8ff') ||
            (c >= '\ufff0' && c <= '\uffff');
    }

    private static boolean isContinuation(final byte b)
    {
        return (b & 0xC0) == 0x80;
    }
}
