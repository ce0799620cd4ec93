package io.aerie.tools.cli;

import java.io.PrintWriter;
import java.util.regex.Pattern;

/**
 * The one line a failure prints, and its stack trace when asked for with {@value #STACK_TRACES_PROP_NAME}.
 */
public final class Failures
{
    /**
     * System property: print the stack trace of a failure after its one-line message.
     */
    public static final String STACK_TRACES_PROP_NAME = "aerie.tools.stack.traces";

    private static final Pattern AERON_CATEGORY_PREFIX = Pattern.compile("^(FATAL|ERROR|WARN) - ");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

    private Failures()
    {
    }

    /**
     * One line for a failure: its message (or type, if it has none), plus the message of its root cause when
     * that says something more.
     *
     * @param throwable the failure.
     * @return a single line.
     */
    public static String describe(final Throwable throwable)
    {
        final String message = messageOf(throwable);
        Throwable root = throwable;
        while (null != root.getCause() && root.getCause() != root)
        {
            root = root.getCause();
        }

        if (root != throwable)
        {
            final String rootMessage = messageOf(root);
            if (!message.contains(rootMessage))
            {
                return message + " (" + rootMessage + ")";
            }
        }

        return message;
    }

    /**
     * A message on one line: line breaks and the blanks around them become one space.
     *
     * @param message a message, or null.
     * @return the trimmed single line, empty for null.
     */
    public static String oneLine(final String message)
    {
        return null == message ? "" : LINE_BREAKS.matcher(message.trim()).replaceAll(" ");
    }

    /**
     * @return true when {@value #STACK_TRACES_PROP_NAME} asks for stack traces.
     */
    public static boolean isStackTraceAsked()
    {
        return Boolean.getBoolean(STACK_TRACES_PROP_NAME);
    }

    /**
     * Print the failure's stack trace when {@value #STACK_TRACES_PROP_NAME} asks for it.
     *
     * @param throwable the failure.
     * @param err       where to print it.
     */
    public static void printStackTraceIfAsked(final Throwable throwable, final PrintWriter err)
    {
        if (isStackTraceAsked())
        {
            throwable.printStackTrace(err);
        }
    }

    private static String messageOf(final Throwable throwable)
    {
        final String message = throwable.getMessage();
        if (null == message || message.isBlank())
        {
            return throwable.getClass().getSimpleName();
        }

        // Aeron prefixes its exceptions' messages with their category; the one line says error already.
        return AERON_CATEGORY_PREFIX.matcher(oneLine(message)).replaceFirst("");
    }
}
