package io.aerie.bench.suite;

import io.aerie.engine.node.ChildJvmCommand;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a Java main class in a child JVM, its command line built by the engine's {@link ChildJvmCommand} (this
 * JVM's {@code java}, module and Chronicle flags and class path) with the rig's node settings and pause flags passed
 * on, plus the caller's options; output (stdout and stderr) to a log file. Used by the targets to run servers in
 * their own processes, and by workloads to run clients in theirs. Called from the rig thread.
 */
public final class ChildJvm
{
    private ChildJvm()
    {
    }

    /**
     * @return the module and Chronicle flags of this JVM, and its {@code -Daerie.node.*} and {@code -Daeron.*}
     *         settings (a rig's node settings reach the node processes: they override the nodes' properties files), to
     *         pass on to a child.
     */
    public static List<String> inheritedFlags()
    {
        return ChildJvmCommand.inheritedFlags(ChildJvm::isInherited);
    }

    /**
     * @return the class path for a child: surefire/failsafe's test class path when run by them, else this JVM's.
     */
    public static String classPath()
    {
        return ChildJvmCommand.classPath();
    }

    /**
     * Start a child JVM.
     *
     * @param jvmOptions options before the main class (heap, {@code -D}...), after the inherited flags.
     * @param mainClass  fully qualified main class, on {@link #classPath()}.
     * @param args       program arguments.
     * @param log        file receiving stdout and stderr (replaced).
     * @return the running process.
     * @throws IOException if it cannot be started.
     */
    public static Process start(
        final List<String> jvmOptions, final String mainClass, final List<String> args, final File log)
        throws IOException
    {
        return ChildJvmCommand.of(mainClass)
            .inheritAlso(ChildJvm::isInherited)
            .jvmOptions(jvmOptions)
            .args(args)
            .processBuilder()
            .redirectOutput(log)
            .start();
    }

    /**
     * The flags a rig passes on beside the required ones: its node settings and the project's pause flags, not
     * whatever else the rig JVM was started with (a profiler, its own heap).
     */
    private static boolean isInherited(final String arg)
    {
        return ChildJvmCommand.isRequiredFlag(arg) || arg.startsWith("-Daerie.node.") || arg.startsWith("-Daeron.") ||
            arg.equals("-XX:+UnlockDiagnosticVMOptions") || arg.startsWith("-XX:GuaranteedSafepointInterval") ||
            arg.equals("-XX:+PerfDisableSharedMem");
    }

    /**
     * {@code kill -9} of the process and its descendants, waiting up to 10 s for it to end. Never throws.
     *
     * @param process the process, or null.
     */
    public static void kill(final Process process)
    {
        if (null == process)
        {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try
        {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param log      a child's log file.
     * @param maxChars most characters to return, from the end.
     * @return the end of the log, or a note why it cannot be read; for error messages.
     */
    public static String tail(final File log, final int maxChars)
    {
        try (RandomAccessFile file = new RandomAccessFile(log, "r"))
        {
            final long start = Math.max(0, file.length() - maxChars);
            final byte[] bytes = new byte[(int)(file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "(cannot read " + log + ": " + ex + ")";
        }
    }

    /**
     * Delete a directory tree that this suite created; quietly. Does nothing unless the path lies strictly inside
     * the system temporary directory or {@code /dev/shm}, so a wrong argument can never take a working tree with
     * it. Symbolic links are deleted, not followed.
     *
     * @param file what to delete, or null.
     */
    public static void deleteRecursively(final File file)
    {
        if (null == file || !file.exists() || !isDisposable(file))
        {
            return;
        }
        delete(file.getAbsoluteFile());
    }

    private static boolean isDisposable(final File file)
    {
        final Path path = file.toPath().toAbsolutePath().normalize();
        final Path tmp = new File(System.getProperty("java.io.tmpdir")).toPath().toAbsolutePath().normalize();
        final Path shm = Path.of("/dev/shm");
        return (path.startsWith(tmp) && !path.equals(tmp) && tmp.getNameCount() >= 1) ||
            (path.startsWith(shm) && !path.equals(shm));
    }

    private static void delete(final File file)
    {
        final File[] children = file.isDirectory() && !Files.isSymbolicLink(file.toPath()) ?
            file.listFiles() : null;
        if (null != children)
        {
            for (final File child : children)
            {
                delete(child);
            }
        }
        if (!file.delete())
        {
            file.deleteOnExit();
        }
    }
}
