package io.aerie.bench.suite.zookeeper;

import org.apache.zookeeper.server.quorum.QuorumPeerMain;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One ZooKeeper server in its own JVM: {@code java <serverJvmArgs> -cp <classPath> QuorumPeerMain zoo.cfg},
 * stdout and stderr to {@code zookeeper.log} in the server's directory. {@code QuorumPeerMain} runs a
 * standalone server when the file lists no {@code server.N} lines, a quorum peer otherwise.
 * <p>
 * Not thread-safe; used from the thread that owns the {@link ZooKeeperEnsemble}, except {@link #kill()}, which
 * a JVM shutdown hook may also call.
 */
final class ZooKeeperServerProcess
{
    /** Name of the server's log file in its directory. */
    static final String LOG_FILE_NAME = "zookeeper.log";

    private static final String QUORUM_PEER_MAIN = QuorumPeerMain.class.getName();

    private final int index;
    private final int clientPort;
    private final File logFile;
    private final Process process;

    private ZooKeeperServerProcess(final int index, final int clientPort, final File logFile, final Process process)
    {
        this.index = index;
        this.clientPort = clientPort;
        this.logFile = logFile;
        this.process = process;
    }

    /**
     * Write the server's configuration and start its JVM; returns without waiting for it to serve.
     *
     * @param ctx       concluded settings.
     * @param index     server index, 0-based.
     * @param serverDir the server's own directory, existing and empty.
     * @return the started server.
     * @throws IOException if a file cannot be written or the JVM cannot be started.
     */
    static ZooKeeperServerProcess start(final ZooKeeperEnsemble.Context ctx, final int index, final File serverDir)
        throws IOException
    {
        final File configFile = ZooKeeperConfigFile.write(ctx, index, serverDir);
        final File logFile = new File(serverDir, LOG_FILE_NAME);

        final List<String> command = new ArrayList<>();
        command.add(ctx.javaExecutable());
        command.addAll(ctx.serverJvmArgs());
        command.add("-cp");
        command.add(ctx.classPath());
        command.add(QUORUM_PEER_MAIN);
        command.add(configFile.getAbsolutePath());

        final Process process = new ProcessBuilder(command)
            .directory(serverDir)
            .redirectErrorStream(true)
            .redirectOutput(logFile)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();

        return new ZooKeeperServerProcess(
            index, ZooKeeperConfigFile.clientPort(ctx.portBase(), index), logFile, process);
    }

    /**
     * @return the server's index, 0-based ({@code myid} is one more).
     */
    int index()
    {
        return index;
    }

    /**
     * @return the client port on {@link ZooKeeperConfigFile#HOST}.
     */
    int clientPort()
    {
        return clientPort;
    }

    /**
     * @return the operating system's process id.
     */
    long pid()
    {
        return process.pid();
    }

    /**
     * @return true while the JVM runs.
     */
    boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * The server's role, asked with {@code srvr}.
     *
     * @param timeoutMs connect and read timeout, ms.
     * @return {@code "leader"}, {@code "follower"} or {@code "standalone"}; null if the process is dead, does not
     * answer, or is not serving (starting, or in an election).
     */
    String modeOrNull(final int timeoutMs)
    {
        if (!process.isAlive())
        {
            return null;
        }

        try
        {
            return FourLetterWords.mode(FourLetterWords.send(clientPort, "srvr", timeoutMs));
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /**
     * @param timeoutMs connect and read timeout per command, ms.
     * @return true if the server answers {@code ruok} with {@code imok} and {@code srvr} with a mode.
     */
    boolean isServing(final int timeoutMs)
    {
        try
        {
            return process.isAlive() &&
                FourLetterWords.IM_OK.equals(FourLetterWords.send(clientPort, "ruok", timeoutMs)) &&
                null != modeOrNull(timeoutMs);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * {@code kill -9}: SIGKILL now, without waiting for the process to end. Safe from any thread.
     */
    void kill()
    {
        process.destroyForcibly();
    }

    /**
     * Stop the server: SIGTERM, then SIGKILL if it has not ended within {@code graceMs}, then wait for it to end.
     * Never throws; keeps the thread's interrupt status.
     *
     * @param graceMs time allowed for a clean exit, ms.
     */
    void stop(final long graceMs)
    {
        boolean interrupted = false;
        try
        {
            if (process.isAlive())
            {
                process.destroy();
                if (!process.waitFor(graceMs, TimeUnit.MILLISECONDS))
                {
                    process.destroyForcibly();
                }
            }
            process.destroyForcibly().waitFor();
        }
        catch (final InterruptedException ex)
        {
            interrupted = true;
            process.destroyForcibly();
        }

        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param maxLines lines wanted from the end.
     * @return the end of the server's log, for error messages; a note instead if it cannot be read.
     */
    String logTail(final int maxLines)
    {
        try
        {
            final List<String> lines = Files.readAllLines(logFile.toPath(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
        }
        catch (final IOException | RuntimeException ex)
        {
            return "(no log: " + ex + ")";
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "zookeeper-server-" + (index + 1) + "(pid " + process.pid() + ", client port " + clientPort + ")";
    }
}
