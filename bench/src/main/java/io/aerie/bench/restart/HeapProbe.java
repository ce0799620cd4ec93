package io.aerie.bench.restart;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap another JVM uses, read with {@code jcmd}: a full GC first ({@code GC.run}), then {@code GC.heap_info}'s
 * "used". Needs a full JDK, which the project needs anyway (Chronicle Map compiles at run time).
 */
final class HeapProbe
{
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private HeapProbe()
    {
    }

    /**
     * @param pid the JVM's process id.
     * @return heap used after a full GC, MiB; -1 if jcmd failed.
     */
    static long usedMiB(final long pid)
    {
        try
        {
            jcmd(pid, "GC.run");
            final Matcher matcher = USED.matcher(jcmd(pid, "GC.heap_info"));
            return matcher.find() ? Long.parseLong(matcher.group(1)) / 1024 : -1;
        }
        catch (final IOException ex)
        {
            return -1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String jcmd(final long pid, final String command) throws IOException, InterruptedException
    {
        final String jcmd = new File(System.getProperty("java.home"), "bin/jcmd").getPath();
        final Process process = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }
}
