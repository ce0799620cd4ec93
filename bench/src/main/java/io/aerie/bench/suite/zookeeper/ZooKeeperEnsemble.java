package io.aerie.bench.suite.zookeeper;

import org.agrona.IoUtil;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A standalone ZooKeeper server (1 server) or an ensemble (N servers), each in its own JVM on 127.0.0.1, with
 * its files in a fresh directory under {@link Context#parentDir()} that {@link #close()} deletes. A JVM
 * shutdown hook kills the servers if the owner never closes (a crashed benchmark must not leave servers
 * holding the ports).
 * <p>
 * Not thread-safe: one owner thread.
 */
final class ZooKeeperEnsemble implements AutoCloseable
{
    private static final int PROBE_TIMEOUT_MS = 500;
    private static final long POLL_INTERVAL_MS = 50;
    private static final long STOP_GRACE_MS = 3_000;
    private static final int LOG_TAIL_LINES = 30;

    private final Context ctx;
    private final File dir;
    private final List<ZooKeeperServerProcess> servers;
    private final Thread shutdownHook;
    private boolean closed;

    private ZooKeeperEnsemble(final Context ctx, final File dir, final List<ZooKeeperServerProcess> servers)
    {
        this.ctx = ctx;
        this.dir = dir;
        this.servers = servers;
        this.shutdownHook = new Thread(this::killAndDelete, "zookeeper-ensemble-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Check that the ports are free, write the configurations and start every server's JVM; returns without
     * waiting for them to serve (see {@link #awaitServing(long)}).
     *
     * @param ctx settings; concluded here.
     * @return the running ensemble, owned by the caller.
     * @throws IOException if a port is taken (a server left over from an earlier run?), a file cannot be written
     *                     or a JVM cannot be started; nothing is left running then.
     */
    static ZooKeeperEnsemble launch(final Context ctx) throws IOException
    {
        ctx.conclude();
        checkPortsFree(ctx);

        final File dir = Files.createTempDirectory(ctx.parentDir().toPath(), "aerie-zookeeper-").toFile();
        final List<ZooKeeperServerProcess> servers = new ArrayList<>(ctx.servers());
        try
        {
            for (int i = 0; i < ctx.servers(); i++)
            {
                final File serverDir = new File(dir, "server-" + (i + 1));
                Files.createDirectories(serverDir.toPath());
                servers.add(ZooKeeperServerProcess.start(ctx, i, serverDir));
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            servers.forEach(ZooKeeperServerProcess::kill);
            servers.forEach((server) -> server.stop(0));
            IoUtil.delete(dir, true);
            throw ex;
        }

        return new ZooKeeperEnsemble(ctx, dir, Collections.unmodifiableList(servers));
    }

    /**
     * Wait until every server answers {@code ruok} and reports a mode, and (ensemble) one of them is the leader.
     *
     * @param deadlineNs {@link System#nanoTime()} deadline.
     * @throws IllegalStateException if a server's JVM ended (its log tail in the message).
     * @throws TimeoutException      if not serving by the deadline (the log tail of a lagging server in the
     *                               message).
     * @throws InterruptedException  if interrupted while waiting.
     */
    void awaitServing(final long deadlineNs) throws TimeoutException, InterruptedException
    {
        while (true)
        {
            ZooKeeperServerProcess lagging = null;
            for (final ZooKeeperServerProcess server : servers)
            {
                if (!server.isAlive())
                {
                    throw new IllegalStateException(
                        server + " ended before serving; log tail:\n" + server.logTail(LOG_TAIL_LINES));
                }
                if (null == lagging && !server.isServing(PROBE_TIMEOUT_MS))
                {
                    lagging = server;
                }
            }

            if (null == lagging && (servers.size() == 1 || findLeader() >= 0))
            {
                return;
            }

            if (System.nanoTime() - deadlineNs >= 0)
            {
                final ZooKeeperServerProcess report = null != lagging ? lagging : servers.get(0);
                throw new TimeoutException("ZooKeeper not serving in time (" + modes() + "); " + report +
                    " log tail:\n" + report.logTail(LOG_TAIL_LINES));
            }
            Thread.sleep(POLL_INTERVAL_MS);
        }
    }

    /**
     * The server that is the ensemble's leader now, asked with {@code srvr}; a standalone server counts as its own
     * leader.
     *
     * @return its index (0-based), or -1 if no live server says it leads (during an election).
     */
    int findLeader()
    {
        for (final ZooKeeperServerProcess server : servers)
        {
            final String mode = server.modeOrNull(PROBE_TIMEOUT_MS);
            if ("leader".equals(mode) || "standalone".equals(mode))
            {
                return server.index();
            }
        }

        return -1;
    }

    /**
     * @return each live server's mode, for messages, e.g. {@code "1=follower 2=leader 3=dead"}.
     */
    String modes()
    {
        final StringBuilder sb = new StringBuilder();
        for (final ZooKeeperServerProcess server : servers)
        {
            final String mode = server.isAlive() ? server.modeOrNull(PROBE_TIMEOUT_MS) : "dead";
            sb.append(sb.length() > 0 ? " " : "").append(server.index() + 1).append('=')
                .append(null == mode ? "not-serving" : mode);
        }

        return sb.toString();
    }

    /**
     * @param index server index, 0-based.
     * @return that server.
     */
    ZooKeeperServerProcess server(final int index)
    {
        return servers.get(index);
    }

    /**
     * @return the number of servers, dead ones included.
     */
    int serverCount()
    {
        return servers.size();
    }

    /**
     * @param firstIndex the server to put first (e.g. the leader), or -1 for index order.
     * @return every server's client address, dead ones included, {@code firstIndex} first, then the others in
     * index order.
     */
    List<InetSocketAddress> clientAddresses(final int firstIndex)
    {
        final List<InetSocketAddress> addresses = new ArrayList<>(servers.size());
        if (firstIndex >= 0)
        {
            addresses.add(new InetSocketAddress(ZooKeeperConfigFile.HOST, servers.get(firstIndex).clientPort()));
        }
        for (final ZooKeeperServerProcess server : servers)
        {
            if (server.index() != firstIndex)
            {
                addresses.add(new InetSocketAddress(ZooKeeperConfigFile.HOST, server.clientPort()));
            }
        }

        return addresses;
    }

    /**
     * @return the directory holding every server's files and logs (deleted by {@link #close()}).
     */
    File dir()
    {
        return dir;
    }

    /**
     * @return the concluded settings.
     */
    Context context()
    {
        return ctx;
    }

    /**
     * Stop every server (SIGTERM, SIGKILL after a short grace), wait for them to end and delete the directory.
     * Idempotent; never throws.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;

        servers.forEach((server) -> server.stop(STOP_GRACE_MS));
        IoUtil.delete(dir, true);
        try
        {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (final IllegalStateException ex)
        {
            // The JVM is shutting down already; the hook runs and finds nothing left to do.
        }
    }

    private void killAndDelete()
    {
        servers.forEach(ZooKeeperServerProcess::kill);
        servers.forEach((server) -> server.stop(0));
        IoUtil.delete(dir, true);
    }

    private static void checkPortsFree(final Context ctx) throws IOException
    {
        final InetAddress host = InetAddress.getByName(ZooKeeperConfigFile.HOST);
        for (int i = 0; i < ctx.servers(); i++)
        {
            checkPortFree(host, ZooKeeperConfigFile.clientPort(ctx.portBase(), i));
            if (ctx.servers() > 1)
            {
                checkPortFree(host, ZooKeeperConfigFile.quorumPort(ctx.portBase(), i));
                checkPortFree(host, ZooKeeperConfigFile.electionPort(ctx.portBase(), i));
            }
        }
    }

    private static void checkPortFree(final InetAddress host, final int port) throws IOException
    {
        try
        {
            new ServerSocket(port, 1, host).close();
        }
        catch (final IOException ex)
        {
            throw new IOException("port " + port + " on " + host.getHostAddress() +
                " is taken (a ZooKeeper server left over from an earlier run?)", ex);
        }
    }

    /**
     * Settings of a {@link ZooKeeperEnsemble}, Aeron style: fluent setters, same-named getters,
     * {@link #conclude()} fills defaults and checks them once.
     */
    static final class Context
    {
        private int servers = 1;
        private boolean forceSync = true;
        private int portBase = 31_000;
        private int tickTimeMs = 2_000;
        private int initLimit = 10;
        private int syncLimit = 5;
        private String maxHeap = "512m";
        private File parentDir;
        private String classPath;
        private String javaExecutable;
        private List<String> serverJvmArgs;

        /**
         * @param servers 1 for a standalone server, 3 (or another count up to 10) for an ensemble.
         * @return this.
         */
        Context servers(final int servers)
        {
            this.servers = servers;
            return this;
        }

        int servers()
        {
            return servers;
        }

        /**
         * @param forceSync true to fsync the transaction log before acknowledging (ZooKeeper's default), false
         *                  for {@code forceSync=no}.
         * @return this.
         */
        Context forceSync(final boolean forceSync)
        {
            this.forceSync = forceSync;
            return this;
        }

        boolean forceSync()
        {
            return forceSync;
        }

        /**
         * @param portBase first port; the ensemble uses {@code portBase .. portBase + 29}.
         * @return this.
         */
        Context portBase(final int portBase)
        {
            this.portBase = portBase;
            return this;
        }

        int portBase()
        {
            return portBase;
        }

        /**
         * @param tickTimeMs ZooKeeper's {@code tickTime}, ms; sessions may last 2 to 20 ticks.
         * @return this.
         */
        Context tickTimeMs(final int tickTimeMs)
        {
            this.tickTimeMs = tickTimeMs;
            return this;
        }

        int tickTimeMs()
        {
            return tickTimeMs;
        }

        /**
         * @param initLimit ticks a follower may take to connect and sync to the leader.
         * @return this.
         */
        Context initLimit(final int initLimit)
        {
            this.initLimit = initLimit;
            return this;
        }

        int initLimit()
        {
            return initLimit;
        }

        /**
         * @param syncLimit ticks a follower may lag behind the leader.
         * @return this.
         */
        Context syncLimit(final int syncLimit)
        {
            this.syncLimit = syncLimit;
            return this;
        }

        int syncLimit()
        {
            return syncLimit;
        }

        /**
         * @param maxHeap each server's {@code -Xmx} value, e.g. {@code "512m"}.
         * @return this.
         */
        Context maxHeap(final String maxHeap)
        {
            this.maxHeap = maxHeap;
            return this;
        }

        String maxHeap()
        {
            return maxHeap;
        }

        /**
         * @param parentDir where the ensemble's temporary directory is made; null for {@code java.io.tmpdir}.
         *                  Its file system decides what fsync costs.
         * @return this.
         */
        Context parentDir(final File parentDir)
        {
            this.parentDir = parentDir;
            return this;
        }

        File parentDir()
        {
            return parentDir;
        }

        /**
         * @param classPath the servers' class path; null for this JVM's (see {@link #defaultClassPath()}).
         * @return this.
         */
        Context classPath(final String classPath)
        {
            this.classPath = classPath;
            return this;
        }

        String classPath()
        {
            return classPath;
        }

        /**
         * @param javaExecutable the servers' {@code java}; null for this JVM's.
         * @return this.
         */
        Context javaExecutable(final String javaExecutable)
        {
            this.javaExecutable = javaExecutable;
            return this;
        }

        String javaExecutable()
        {
            return javaExecutable;
        }

        /**
         * @return the servers' JVM arguments (heap, log format); set by {@link #conclude()}.
         */
        List<String> serverJvmArgs()
        {
            return serverJvmArgs;
        }

        /**
         * Fill defaults and check the settings. Idempotent.
         *
         * @return this.
         * @throws IllegalArgumentException on a bad setting.
         */
        Context conclude()
        {
            if (servers < 1 || servers > ZooKeeperConfigFile.MAX_SERVERS)
            {
                throw new IllegalArgumentException("servers must be 1.." + ZooKeeperConfigFile.MAX_SERVERS +
                    ": " + servers);
            }
            if (portBase < 1024 || ZooKeeperConfigFile.electionPort(portBase, servers) > 65_535)
            {
                throw new IllegalArgumentException("portBase out of range: " + portBase);
            }
            if (tickTimeMs <= 0 || initLimit <= 0 || syncLimit <= 0)
            {
                throw new IllegalArgumentException("tickTimeMs, initLimit and syncLimit must be positive");
            }
            if (null == parentDir)
            {
                parentDir = new File(System.getProperty("java.io.tmpdir"));
            }
            if (null == classPath)
            {
                classPath = defaultClassPath();
            }
            if (null == javaExecutable)
            {
                javaExecutable = new File(System.getProperty("java.home"), "bin/java").getPath();
            }
            serverJvmArgs = List.of(
                "-Xmx" + maxHeap,
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");

            return this;
        }

        /**
         * The class path of this JVM, entries made absolute: under Surefire/Failsafe the test class path, else
         * {@code java.class.path} (the shaded {@code aerie-benchmarks.jar} holds ZooKeeper and SLF4J).
         *
         * @return a class path with ZooKeeper's server on it.
         */
        static String defaultClassPath()
        {
            final String surefireClassPath = System.getProperty("surefire.test.class.path");
            final String classPath = null != surefireClassPath ? surefireClassPath :
                System.getProperty("java.class.path");
            final StringBuilder sb = new StringBuilder(classPath.length() + 64);
            for (final String entry : classPath.split(File.pathSeparator))
            {
                if (!entry.isEmpty())
                {
                    sb.append(sb.length() > 0 ? File.pathSeparator : "").append(new File(entry).getAbsolutePath());
                }
            }

            return sb.toString();
        }
    }
}
