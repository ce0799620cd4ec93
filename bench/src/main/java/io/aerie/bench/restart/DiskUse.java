package io.aerie.bench.restart;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Disk a server's directories take, as {@code du} counts it: the blocks allocated (a sparse file's holes take none,
 * and Aerie's tree map files are mostly holes) and the apparent size beside it. For the rig's report only.
 */
final class DiskUse
{
    private static final long DU_TIMEOUT_S = 60;

    private DiskUse()
    {
    }

    /**
     * @param dirs directories to measure, each reported on its own.
     * @return "name allocated MiB (apparent MiB)" joined by ", "; a directory that is missing or cannot be measured
     * is left out.
     */
    static String describe(final File... dirs)
    {
        final StringBuilder sb = new StringBuilder();
        for (final File dir : dirs)
        {
            final long allocatedKiB = du(dir, false);
            final long apparentKiB = du(dir, true);
            if (allocatedKiB >= 0 && apparentKiB >= 0)
            {
                sb.append(sb.length() > 0 ? ", " : "").append(String.format(Locale.ROOT, "%s %.1f MiB (apparent %.1f MiB)",
                    dir.getName() + "/", allocatedKiB / 1024.0, apparentKiB / 1024.0));
            }
        }
        return sb.toString();
    }

    private static long du(final File dir, final boolean apparent)
    {
        if (!dir.exists())
        {
            return -1;
        }
        final ProcessBuilder builder = apparent ?
            new ProcessBuilder("du", "-sk", "--apparent-size", dir.getPath()) :
            new ProcessBuilder("du", "-sk", dir.getPath());
        try
        {
            final Process process = builder.redirectErrorStream(true).start();
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!process.waitFor(DU_TIMEOUT_S, TimeUnit.SECONDS) || 0 != process.exitValue())
            {
                process.destroyForcibly();
                return -1;
            }
            return Long.parseLong(out.split("\\s+")[0]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
