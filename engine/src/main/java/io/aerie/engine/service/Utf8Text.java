package io.aerie.engine.service;

import org.agrona.DirectBuffer;

/**
 * Strict UTF-8 decoding of client-supplied text into a reusable builder, without allocation. Malformed
 * input (truncated or overlong sequences, surrogates, code points past U+10FFFF) is refused rather than
 * replaced, so a bad path is rejected, never silently changed into another one.
 */
final class Utf8Text
{
    private Utf8Text()
    {
    }

    /**
     * @return true if the bytes were well-formed UTF-8 and were appended; false leaves {@code out} partly filled.
     */
    static boolean decode(final DirectBuffer buffer, final int offset, final int length, final StringBuilder out)
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

    private static boolean isContinuation(final byte b)
    {
        return (b & 0xC0) == 0x80;
    }
}
