package io.aerie.tools.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a shell line into words as a POSIX shell does, before picocli parses them: blanks separate words;
 * single quotes keep everything literally; double quotes keep blanks and let a backslash escape {@code "} and
 * {@code \}; outside quotes a backslash escapes any character. {@code ""} is an empty word (empty data for
 * {@code set /x ""}). Stateless.
 * <p>
 * Not JLine's {@code DefaultParser}, which the shell's line reader has: checked with JLine 3.26.3, it drops an empty
 * quoted word inside a line ({@code x "" y} gives {@code [x, y]}), keeps the quotes of a quoted part inside a word
 * ({@code data:'a b'} stays as typed), and adds an empty word after trailing blanks; ZooKeeper's zkCli users
 * type all three.
 */
final class LineSplitter
{
    private LineSplitter()
    {
    }

    /**
     * @param line a shell line.
     * @return its words, empty for a blank line.
     * @throws IllegalArgumentException for an unterminated quote or a trailing backslash.
     */
    static List<String> split(final String line)
    {
        final List<String> words = new ArrayList<>();
        final StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0, length = line.length(); i < length; i++)
        {
            final char c = line.charAt(i);
            if (0 != quote)
            {
                if (c == quote)
                {
                    quote = 0;
                }
                else if ('"' == quote && '\\' == c && i + 1 < length && isEscapableInDoubleQuotes(line.charAt(i + 1)))
                {
                    word.append(line.charAt(++i));
                }
                else
                {
                    word.append(c);
                }
            }
            else if (Character.isWhitespace(c))
            {
                if (inWord)
                {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
            else
            {
                inWord = true;
                if ('"' == c || '\'' == c)
                {
                    quote = c;
                }
                else if ('\\' == c)
                {
                    if (i + 1 == length)
                    {
                        throw new IllegalArgumentException("line ends with an escaping backslash");
                    }
                    word.append(line.charAt(++i));
                }
                else
                {
                    word.append(c);
                }
            }
        }

        if (0 != quote)
        {
            throw new IllegalArgumentException("unterminated quote " + quote);
        }
        if (inWord)
        {
            words.add(word.toString());
        }

        return words;
    }

    private static boolean isEscapableInDoubleQuotes(final char c)
    {
        return '"' == c || '\\' == c;
    }
}
