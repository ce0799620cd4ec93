package io.aerie.tools.shell;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineSplitterTest
{
    @Test
    void shouldSplitOnBlanks()
    {
        assertEquals(List.of("get", "-s", "/app"), LineSplitter.split("  get\t-s   /app  "));
    }

    @Test
    void shouldKeepBlanksInsideQuotes()
    {
        assertEquals(List.of("set", "/x", "a b", "c 'd'"), LineSplitter.split("set /x 'a b' \"c 'd'\""));
    }

    @Test
    void shouldKeepEmptyQuotedWord()
    {
        assertEquals(List.of("set", "/x", ""), LineSplitter.split("set /x \"\""));
    }

    @Test
    void shouldHonourBackslashEscapes()
    {
        assertEquals(List.of("a b", "say \"hi\"", "it's"), LineSplitter.split("a\\ b \"say \\\"hi\\\"\" it\\'s"));
    }

    @Test
    void shouldJoinAdjacentQuotedParts()
    {
        assertEquals(List.of("data:a b"), LineSplitter.split("data:'a b'"));
    }

    @Test
    void shouldReturnNoWordsForBlankLine()
    {
        assertTrue(LineSplitter.split("   ").isEmpty());
    }

    @Test
    void shouldRejectUnterminatedQuote()
    {
        assertThrows(IllegalArgumentException.class, () -> LineSplitter.split("set /x \"abc"));
    }

    @Test
    void shouldQuoteCommandLineWordsBackIntoSameWords()
    {
        final List<String> words = List.of("set", "/x", "a b", "it's", "", "\"q\"");

        assertEquals(words, LineSplitter.split(ShellCommand.toLine(words)));
    }
}
