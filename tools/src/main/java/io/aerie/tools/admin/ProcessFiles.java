package io.aerie.tools.admin;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node process's file descriptors, read from {@code /proc} as ZooKeeper's {@code zk_open_file_descriptor_count}
 * and {@code zk_max_file_descriptor_count} report its own: the open ones and the soft limit. Linux only; elsewhere
 * (or for a process of another user) they are unknown. Stateless; any thread.
 */
final class ProcessFiles
{
    private static final File PROC = new File("/proc");
    private static final Pattern MAX_OPEN_FILES = Pattern.compile("^Max open files\\s+(\\d+|unlimited)\\s", Pattern.MULTILINE);

    private ProcessFiles()
    {
    }

    /**
     * @param pid the process.
     * @return how many file descriptors it has open, or {@link NodeStatus#UNKNOWN}.
     */
    static long openFileDescriptors(final long pid)
    {
        final String[] fds = new File(PROC, pid + "/fd").list();
        return null == fds ? NodeStatus.UNKNOWN : fds.length;
    }

    /**
     * @param pid the process.
     * @return its soft limit of open files ({@link Long#MAX_VALUE} when unlimited), or {@link NodeStatus#UNKNOWN}.
     */
    static long maxFileDescriptors(final long pid)
    {
        try
        {
            final String limits = Files.readString(new File(PROC, pid + "/limits").toPath(), StandardCharsets.US_ASCII);
            final Matcher matcher = MAX_OPEN_FILES.matcher(limits);
            if (!matcher.find())
            {
                return NodeStatus.UNKNOWN;
            }

            return "unlimited".equals(matcher.group(1)) ? Long.MAX_VALUE : Long.parseLong(matcher.group(1));
        }
        catch (final IOException | RuntimeException ex)
        {
            return NodeStatus.UNKNOWN;
        }
    }
}
