package io.aerie.engine.tree;


/**
 * Znode path rules, without allocation (UTF-8 conversion is {@link io.aerie.codecs.model.Utf8}).
 * <p>
 * A valid path is absolute, '/'-separated, has no empty, '.' or '..' segment, no trailing '/' (except the
 * root itself), and none of the characters ZooKeeper forbids: NUL, control characters
 * (U+0001..U+001F, U+007F..U+009F), surrogates and private use (U+D800..U+F8FF) and U+FFF0..U+FFFF. These
 * are ZooKeeper's {@code PathUtils.validatePath} rules, so a path valid in one is valid in the other.
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
                if (0 == segmentLength || isDotSegment(path, segmentStart, segmentLength))
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
     * Append a sequence number the way ZooKeeper's {@code String.format("%010d", n)} does, negative included.
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
     * Index of the '/' that separates a path's parent from its last segment.
     *
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

    private static boolean isDotSegment(final CharSequence path, final int start, final int length)
    {
        return ('.' == path.charAt(start)) && (1 == length || (2 == length && '.' == path.charAt(start + 1)));
    }

    private static boolean isForbidden(final char c)
    {
        return c == 0 ||
            (c > '\u0000' && c <= '\u001f') ||
            (c >= '\u007f' && c <= '\u009F') ||
            (c >= '\ud800' && c <= '\uf8ff') ||
            (c >= '\ufff0' && c <= '\uffff');
    }
}
