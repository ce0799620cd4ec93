package io.aerie.engine.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;

/**
 * Linux timer slack of a thread: how late the kernel may end its timed waits, 50 µs by default, which every
 * {@code LockSupport.parkNanos} of an idle agent pays on top of the park. A thread may set its own through
 * {@code /proc/<tid>/timerslack_ns} without privileges; threads it creates inherit the value.
 */
final class TimerSlack
{
    private TimerSlack()
    {
    }

    /**
     * Set the calling thread's timer slack.
     *
     * @param slackNs the slack, ns, at least 1.
     * @return true if set; false where the kernel offers no such file (not Linux, or older than 4.6).
     */
    static boolean applyToCurrentThread(final long slackNs)
    {
        try
        {
            // /proc/thread-self links to <pid>/task/<tid>; the writable file is /proc/<tid>/timerslack_ns.
            final String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            final String tid = link.substring(link.lastIndexOf('/') + 1);
            Files.writeString(Path.of("/proc", tid, "timerslack_ns"), Long.toString(slackNs), StandardCharsets.US_ASCII);
            return true;
        }
        catch (final IOException | UnsupportedOperationException | SecurityException ex)
        {
            return false;
        }
    }

    /**
     * Read the calling thread's timer slack.
     *
     * @return the slack, ns, or -1 where it cannot be read.
     */
    static long currentThreadSlackNs()
    {
        try
        {
            final String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            final String tid = link.substring(link.lastIndexOf('/') + 1);
            return Long.parseLong(Files.readString(Path.of("/proc", tid, "timerslack_ns"), StandardCharsets.US_ASCII).trim());
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    /**
     * A thread factory for agent threads whose first act is to set their own timer slack (silently skipped where
     * the kernel does not offer it).
     *
     * @param slackNs the slack, ns, at least 1.
     * @return the factory.
     */
    static ThreadFactory threadFactory(final long slackNs)
    {
        return runnable -> new Thread(() ->
        {
            applyToCurrentThread(slackNs);
            runnable.run();
        });
    }
}
