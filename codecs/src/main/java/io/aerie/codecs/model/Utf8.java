package io.aerie.codecs.model;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * UTF-8 between {@link CharSequence}s and buffers without allocation. {@link #decode} is strict, for bytes
 * from the wire: malformed input (truncated or overlong sequences, surrogates, code points past U+10FFFF)
 * is refused, never replaced, so a bad path is rejected rather than silently turned into another one.
 */
public final class Utf8
{
    private Utf8()
    {
    }

    /**
     * Encode chars as UTF-8; an unpaired surrogate is encoded as its 3-byte form.
     *
     * @return the number of bytes written at {@code offset}.
     */
    public static int encode(final CharSequence text, final MutableDirectBuffer buffer, final int offset)
    {
        int position = offset;
        final int length = text.length();
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c < 0x80)
            {
                buffer.putByte(position++, (byte)c);
            }
            else if (c < 0x800)
            {
                buffer.putByte(position++, (byte)(0xC0 | (c >> 6)));
                buffer.putByte(position++, (byte)(0x80 | (c & 0x3F)));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                final int codePoint = Character.toCodePoint(c, text.charAt(++i));
                buffer.putByte(position++, (byte)(0xF0 | (codePoint >> 18)));
                buffer.putByte(position++, (byte)(0x80 | ((codePoint >> 12) & 0x3F)));
                buffer.putByte(position++, (byte)(0x80 | ((codePoint >> 6) & 0x3F)));
                buffer.putByte(position++, (byte)(0x80 | (codePoint & 0x3F)));
            }
            else
            {
                buffer.putByte(position++, (byte)(0xE0 | (c >> 12)));
                buffer.putByte(position++, (byte)(0x80 | ((c >> 6) & 0x3F)));
                buffer.putByte(position++, (byte)(0x80 | (c & 0x3F)));
            }
        }
        return position - offset;
    }

    /**
     * Decode untrusted UTF-8 strictly, appending to {@code out}.
     *
     * @return true if the bytes were well-formed; false leaves {@code out} partly filled.
     */
    public static boolean decode(final DirectBuffer buffer, final int offset, final int length, final StringBuilder out)
    {
        final int end = offset + length;
        int i = offset;
        while (i < end)
        {
            final int b0 = buffer.getByte(i) & 0xFF;
            if (b0 < 0x80)
            {
                out.append((char)b0);
                i++;
            }
            else if (b0 >= 0xC2 && b0 <= 0xDF)
            {
                if (i + 1 >= end || !isContinuation(buffer.getByte(i + 1)))
                {
                    return false;
                }
                out.append((char)(((b0 & 0x1F) << 6) | (buffer.getByte(i + 1) & 0x3F)));
                i += 2;
            }
            else if (b0 >= 0xE0 && b0 <= 0xEF)
            {
                if (i + 2 >= end || !isContinuation(buffer.getByte(i + 1)) || !isContinuation(buffer.getByte(i + 2)))
                {
                    return false;
                }
                final int c = ((b0 & 0x0F) << 12) | ((buffer.getByte(i + 1) & 0x3F) << 6) | (buffer.getByte(i + 2) & 0x3F);
                if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))
                {
                    return false;
                }
                out.append((char)c);
                i += 3;
            }
            else if (b0 >= 0xF0 && b0 <= 0xF4)
            {
                if (i + 3 >= end || !isContinuation(buffer.getByte(i + 1)) || !isContinuation(buffer.getByte(i + 2)) ||
                    !isContinuation(buffer.getByte(i + 3)))
                {
                    return false;
                }
                final int c = ((b0 & 0x07) << 18) | ((buffer.getByte(i + 1) & 0x3F) << 12) |
                    ((buffer.getByte(i + 2) & 0x3F) << 6) | (buffer.getByte(i + 3) & 0x3F);
                if (c < 0x10000 || c > 0x10FFFF)
                {
                    return false;
                }
                out.append(Character.highSurrogate(c)).append(Character.lowSurrogate(c));
                i += 4;
            }
            else
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Decode UTF-8 known to be well formed (produced by {@link #encode} or checked by {@link #decode}),
     * without checking it, appending to {@code out}.
     */
    public static void appendTrusted(final DirectBuffer buffer, final int offset, final int length, final StringBuilder out)
    {
        final int end = offset + length;
        int i = offset;
        while (i < end)
        {
            final int b = buffer.getByte(i) & 0xFF;
            if (b < 0x80)
            {
                out.append((char)b);
                i++;
            }
            else if (b < 0xE0)
            {
                out.append((char)(((b & 0x1F) << 6) | (buffer.getByte(i + 1) & 0x3F)));
                i += 2;
            }
            else if (b < 0xF0)
            {
                out.append((char)(((b & 0x0F) << 12) | ((buffer.getByte(i + 1) & 0x3F) << 6) |
                    (buffer.getByte(i + 2) & 0x3F)));
                i += 3;
            }
            else
            {
                final int codePoint = ((b & 0x07) << 18) | ((buffer.getByte(i + 1) & 0x3F) << 12) |
                    ((buffer.getByte(i + 2) & 0x3F) << 6) | (buffer.getByte(i + 3) & 0x3F);
                out.append(Character.highSurrogate(codePoint)).append(Character.lowSurrogate(codePoint));
                i += 4;
            }
        }
    }

    private static boolean isContinuation(final byte b)
    {
        return (b & 0xC0) == 0x80;
    }
}
