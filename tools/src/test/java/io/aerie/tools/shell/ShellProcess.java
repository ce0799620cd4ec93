package io.aerie.tools.shell;

import io.aerie.tools.AerieMain;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code aerie shell} reading a script that the test writes line by line through a pipe, on its own thread, so the
 * test can act between lines (change the tree from another client) and wait for what the shell prints.
 */
final class ShellProcess implements AutoCloseable
{
    private static final long AWAIT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final PipedOutputStream toShell = new PipedOutputStream();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Thread thread;
    private volatile int exitCode = -1;

    /**
     * @param args what follows {@code aerie shell}.
     */
    ShellProcess(final String... args) throws IOException
    {
        final PipedInputStream in = new PipedInputStream(toShell, 64 * 1024);
        final List<String> arguments = new ArrayList<>();
        arguments.add(ShellCommand.NAME);
        arguments.addAll(Arrays.asList(args));
        final PrintWriter outWriter = new PrintWriter(out, true);
        final PrintWriter errWriter = new PrintWriter(err, true);
        thread = new Thread(
            () -> exitCode = AerieMain.commandLine(in, outWriter, errWriter).execute(arguments.toArray(new String[0])),
            "shell-under-test");
        thread.start();
    }

    void send(final String line) throws IOException
    {
        toShell.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        toShell.flush();
    }

    /**
     * Wait until standard output holds the text.
     */
    void awaitOut(final String text)
    {
        awaitOut(text, 1);
    }

    /**
     * Wait until standard output holds the text at least a number of times.
     */
    void awaitOut(final String text, final int times)
    {
        final long deadlineNs = System.nanoTime() + AWAIT_TIMEOUT_NS;
        while (count(out(), text) < times)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out waiting for '" + text + "' in\n" + this);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * Wait until standard error holds the text.
     */
    void awaitErr(final String text)
    {
        final long deadlineNs = System.nanoTime() + AWAIT_TIMEOUT_NS;
        while (!err().contains(text))
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out waiting for '" + text + "' on stderr in\n" + this);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static int count(final String text, final String part)
    {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1))
        {
            count++;
        }
        return count;
    }

    String out()
    {
        return out.toString();
    }

    String err()
    {
        return err.toString();
    }

    /**
     * End the input and wait for the shell to exit.
     *
     * @return its exit code.
     */
    int finish() throws IOException
    {
        toShell.close();
        try
        {
            thread.join(TimeUnit.NANOSECONDS.toMillis(AWAIT_TIMEOUT_NS));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            fail("interrupted waiting for the shell to exit");
        }
        if (thread.isAlive())
        {
            fail("the shell did not exit\n" + this);
        }
        return exitCode;
    }

    public void close() throws IOException
    {
        if (thread.isAlive())
        {
            finish();
        }
    }

    public String toString()
    {
        return "exit " + exitCode + "\n--- out\n" + out() + "--- err\n" + err();
    }
}
