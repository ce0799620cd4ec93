package io.aerie.bench.suite.aerie;

import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import io.aeron.cluster.ClusterTool;
import io.aerie.engine.node.NodeStorage;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * What one node process can tell about a failure, kept before its directories are deleted (issue 14: a node that
 * stopped answering left nothing behind): its log, its properties, {@code ClusterTool errors} (the consensus
 * module's, the media driver's and the service container's error logs), every counter of its media driver's CnC
 * file (AeronStat's view: election state, role, commit position, back pressure, Aerie's own counters) and, if it
 * is still running, a thread dump ({@code jcmd <pid> Thread.print}). Best effort: a part that cannot be had is
 * replaced by a line saying why. Used on the rig thread.
 */
final class NodeEvidence
{
    private static final long THREAD_DUMP_TIMEOUT_MS = 30_000;

    private NodeEvidence()
    {
    }

    /**
     * Write {@code node-<id>.log}, {@code .properties}, {@code -errors.txt}, {@code -counters.txt} and
     * {@code -threads.txt} into {@code into}.
     *
     * @param memberId   the member.
     * @param process    its current process, or null.
     * @param nodeDir    its node directory (holding {@code cluster/}).
     * @param aeronDir   its media driver's directory.
     * @param parentDir  where its log and properties files are.
     * @param into       the directory to write to.
     */
    static void keep(
        final int memberId,
        final Process process,
        final File nodeDir,
        final String aeronDir,
        final File parentDir,
        final Path into)
    {
        final String prefix = "node-" + memberId;
        copy(new File(parentDir, prefix + ".log"), into.resolve(prefix + ".log"));
        copy(new File(parentDir, prefix + ".properties"), into.resolve(prefix + ".properties"));
        write(into.resolve(prefix + "-errors.txt"), out ->
            ClusterTool.errors(out, new File(nodeDir, NodeStorage.Configuration.CLUSTER_DIR_NAME)));
        write(into.resolve(prefix + "-counters.txt"), out -> counters(out, aeronDir));
        threadDump(process, into.resolve(prefix + "-threads.txt"));
    }

    /**
     * Write a media driver's counters ({@code <prefix>-counters.txt}) and error log ({@code <prefix>-errors.txt}),
     * such as the rig's client driver's.
     *
     * @param prefix   file name prefix.
     * @param aeronDir the driver's directory.
     * @param into     the directory to write to.
     */
    static void keepDriver(final String prefix, final String aeronDir, final Path into)
    {
        write(into.resolve(prefix + "-errors.txt"), out ->
        {
            out.println(new CommonContext().aeronDirectoryName(aeronDir).saveErrorLog(out) + " distinct errors");
        });
        write(into.resolve(prefix + "-counters.txt"), out -> counters(out, aeronDir));
    }

    private interface Writer
    {
        void writeTo(PrintStream out) throws Exception;
    }

    private static void write(final Path file, final Writer writer)
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8))
        {
            try
            {
                writer.writeTo(out);
            }
            catch (final Exception | LinkageError ex)
            {
                out.println("(could not be read: " + ex + ")");
            }
        }
        catch (final IOException ex)
        {
            // the evidence directory itself is unwritable: nothing more to keep
        }
    }

    private static void copy(final File from, final Path to)
    {
        try
        {
            if (from.exists())
            {
                Files.copy(from.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (final IOException ex)
        {
            write(to, out -> out.println("(could not copy " + from + ": " + ex + ")"));
        }
    }

    private static void counters(final PrintStream out, final String aeronDir)
    {
        final File cncFile = new File(aeronDir, CncFileDescriptor.CNC_FILE);
        if (!cncFile.exists())
        {
            out.println("(no " + cncFile + ")");
            return;
        }
        final MappedByteBuffer cnc = IoUtil.mapExistingFile(cncFile, FileChannel.MapMode.READ_ONLY, "cnc");
        try
        {
            final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cnc);
            out.println("cnc of pid " + CncFileDescriptor.pid(metaData) + ", read at " + System.currentTimeMillis() +
                " ms since the epoch");
            final CountersReader counters = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(cnc, metaData),
                CncFileDescriptor.createCountersValuesBuffer(cnc, metaData));
            counters.forEach((counterId, typeId, keyBuffer, label) -> out.format(
                "%3d type %4d %,20d - %s%n", counterId, typeId, counters.getCounterValue(counterId), label));
        }
        finally
        {
            IoUtil.unmap(cnc);
        }
    }

    private static void threadDump(final Process process, final Path file)
    {
        if (null == process || !process.isAlive())
        {
            write(file, out -> out.println(null == process ? "(no process)" :
                "(process " + process.pid() + " has exited with " + process.exitValue() + ")"));
            return;
        }
        final String jcmd = new File(System.getProperty("java.home"), "bin/jcmd").getPath();
        try
        {
            final Process dump = new ProcessBuilder(jcmd, Long.toString(process.pid()), "Thread.print")
                .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            if (!dump.waitFor(THREAD_DUMP_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                dump.destroyForcibly();
            }
        }
        catch (final IOException ex)
        {
            write(file, out -> out.println("(" + jcmd + " failed: " + ex + ")"));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
