package io.aerie.codecs.model;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Utf8Test
{
    @Test
    void shouldEncodeAsTheJdkDoesAndDecodeBack()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final String text = "/a\u00e9\u65e5\ud83d\ude00";
        final int length = Utf8.encode(text, buffer, 3);
        final byte[] expected = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(expected.length, length);
        for (int i = 0; i < length; i++)
        {
            assertEquals(expected[i], buffer.getByte(3 + i));
        }

        final StringBuilder strict = new StringBuilder();
        assertTrue(Utf8.decode(buffer, 3, length, strict));
        assertEquals(text, strict.toString());
        final StringBuilder trusted = new StringBuilder();
        Utf8.appendTrusted(buffer, 3, length, trusted);
        assertEquals(text, trusted.toString());
    }

    @Test
    void shouldRefuseMalformedInput()
    {
        final byte[][] malformed = {
            { (byte)0x80 },                                     // lone continuation
            { (byte)0xC3 },                                     // truncated 2-byte
            { (byte)0xC0, (byte)0xAF },                         // overlong '/'
            { (byte)0xE0, (byte)0x80, (byte)0xAF },             // overlong 3-byte
            { (byte)0xED, (byte)0xA0, (byte)0x80 },             // surrogate
            { (byte)0xF4, (byte)0x90, (byte)0x80, (byte)0x80 }, // past U+10FFFF
            { (byte)0xE6, (byte)0x97 },                         // truncated 3-byte
            { (byte)0xFF },
        };
        for (final byte[] bytes : malformed)
        {
            assertFalse(Utf8.decode(new UnsafeBuffer(bytes), 0, bytes.length, new StringBuilder()), java.util.Arrays.toString(bytes));
        }
    }
}
