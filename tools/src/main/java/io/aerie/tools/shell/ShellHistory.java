package io.aerie.tools.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * The numbered lines the shell has run, as zkCli keeps them for {@code history} and {@code redo}: every line that
 * is not blank (nor a {@code #} comment) gets the next number, from 0, whatever its outcome; a {@code redo} is
 * recorded as the line it ran. Written on the client thread; {@link #commandCount()} may be read from any thread
 * (the interactive prompt shows it).
 */
final class ShellHistory
{
    /**
     * How many lines before the current one {@code history} lists, as zkCli.
     */
    static final int SHOWN_BEFORE = 10;

    private final List<String> lines = new ArrayList<>();
    private volatile int commandCount;

    /**
     * Record a line about to run under the next number.
     *
     * @param line as typed.
     * @return its number.
     */
    int add(final String line)
    {
        lines.add(line);
        commandCount = lines.size();
        return lines.size() - 1;
    }

    /**
     * Replace what a number stands for: a {@code redo} is recorded as the line it ran.
     *
     * @param number a recorded number.
     * @param line   the line run under it.
     */
    void replace(final int number, final String line)
    {
        lines.set(number, line);
    }

    /**
     * @param number a number.
     * @return its line, or null if none was recorded under it.
     */
    String line(final int number)
    {
        return number >= 0 && number < lines.size() ? lines.get(number) : null;
    }

    /**
     * @return how many lines were recorded: the number the next one gets. Any thread.
     */
    int commandCount()
    {
        return commandCount;
    }

    /**
     * The lines {@code history} prints: the current one and up to {@value #SHOWN_BEFORE} before it, each as
     * {@code number - line}.
     *
     * @param current the number of the line running {@code history}.
     * @return the text, one line per entry.
     */
    String format(final int current)
    {
        final StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, current - SHOWN_BEFORE); i <= current && i < lines.size(); i++)
        {
            out.append(i).append(" - ").append(lines.get(i)).append(System.lineSeparator());
        }

        return out.toString();
    }
}
