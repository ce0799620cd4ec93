package io.aerie.client;

import io.aerie.codecs.model.Utf8;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The client's chroot, as ZooKeeper's: every path sent is prefixed with it, every path received has it stripped,
 * the chroot itself reading as "/". Holds the prefix's UTF-8 bytes, so prefixing and stripping copy bytes and
 * allocate nothing. {@link #NONE} when the connect string names no chroot. Immutable.
 */
final class Chroot
{
    /** No chroot: paths go out and come back as they are. */
    static final Chroot NONE = new Chroot("");

    private final String path;
    private final UnsafeBuffer bytes;
    private final int length;

    private Chroot(final String path)
    {
        this.path = path;
        final byte[] encoded = path.getBytes(StandardCharsets.UTF_8);
        this.bytes = new UnsafeBuffer(encoded);
        this.length = encoded.length;
    }

    /**
     * @param path a chroot as in a connect string ("/app"); null, empty or "/" for none.
     * @return the chroot.
     * @throws IllegalArgumentException if the path is not a valid absolute path, as ZooKeeper's client refuses it.
     */
    static Chroot of(final String path)
    {
        if (null == path || path.isEmpty() || "/".equals(path))
        {
            return NONE;
        }
        validate(path);
        return new Chroot(path);
    }

    /**
     * @return the chroot ("/app"), empty for none.
     */
    String path()
    {
        return path;
    }

    /**
     * @return true if paths are prefixed.
     */
    boolean isSet()
    {
        return length > 0;
    }

    /**
     * Write the server's path for a client path: the chroot, then the path ("/" alone is the chroot itself). A path
     * that is not absolute (empty, relative) is written as it is, never prefixed: prefixed, "" would name the chroot
     * itself and "a" the sibling "/appa". {@link RequestEncoder} refuses such a path before it gets here, as
     * ZooKeeper's client does.
     *
     * @return the number of bytes written at {@code offset}.
     */
    int encode(final CharSequence clientPath, final MutableDirectBuffer buffer, final int offset)
    {
        if (0 == length || 0 == clientPath.length() || '/' != clientPath.charAt(0))
        {
            return Utf8.encode(clientPath, buffer, offset);
        }
        buffer.putBytes(offset, bytes, 0, length);
        if (1 == clientPath.length() && '/' == clientPath.charAt(0))
        {
            return length;
        }
        return length + Utf8.encode(clientPath, buffer, offset + length);
    }

    /**
     * @return how many leading bytes of a server path to skip for the client's path: the chroot's length when the
     * path is below it, 0 when it is not (ZooKeeper then leaves the path as it is), and for the chroot itself
     * see {@link #isRoot}.
     */
    int skip(final DirectBuffer buffer, final int offset, final int pathLength)
    {
        if (0 == length || pathLength <= length || '/' != buffer.getByte(offset + length) ||
            !startsWithChroot(buffer, offset))
        {
            return 0;
        }
        return length;
    }

    /**
     * @return true if the server path is the chroot itself, which the client sees as "/".
     */
    boolean isRoot(final DirectBuffer buffer, final int offset, final int pathLength)
    {
        return 0 != length && pathLength == length && startsWithChroot(buffer, offset);
    }

    /**
     * Decode a server path as the client sees it into {@code out} (cleared first).
     */
    void decode(final DirectBuffer buffer, final int offset, final int pathLength, final StringBuilder out)
    {
        out.setLength(0);
        if (isRoot(buffer, offset, pathLength))
        {
            out.append('/');
            return;
        }
        final int skip = skip(buffer, offset, pathLength);
        Utf8.decode(buffer, offset + skip, pathLength - skip, out);
    }

    private boolean startsWithChroot(final DirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < length; i++)
        {
            if (bytes.getByte(i) != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    private static void validate(final String path)
    {
        if ('/' != path.charAt(0))
        {
            throw new IllegalArgumentException("Invalid chroot " + path + ": path must start with / character");
        }
        if ('/' == path.charAt(path.length() - 1))
        {
            throw new IllegalArgumentException("Invalid chroot " + path + ": path must not end with / character");
        }
        for (final String segment : path.substring(1).split("/", -1))
        {
            if (segment.isEmpty())
            {
                throw new IllegalArgumentException("Invalid chroot " + path + ": empty node name specified");
            }
            if (".".equals(segment) || "..".equals(segment))
            {
                throw new IllegalArgumentException("Invalid chroot " + path + ": relative paths not allowed");
            }
            for (int i = 0; i < segment.length(); i++)
            {
                if (segment.charAt(i) < 0x20)
                {
                    throw new IllegalArgumentException("Invalid chroot " + path + ": invalid character");
                }
            }
        }
    }
}
