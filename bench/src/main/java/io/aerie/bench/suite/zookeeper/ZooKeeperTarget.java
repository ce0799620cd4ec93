package io.aerie.bench.suite.zookeeper;

import io.aerie.bench.suite.LoadClient;
import io.aerie.bench.suite.ReadTarget;
import io.aerie.bench.suite.SystemUnderTest;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Apache ZooKeeper as a {@link SystemUnderTest}: a {@link ZooKeeperEnsemble} of 1 or N server JVMs, and
 * sessions of ZooKeeper's Java client ({@link ZooKeeperLoadClient}) that start on the current leader and list
 * every server, so they reconnect by themselves after {@link #killLeader()}. As a {@link ReadTarget}: a session on
 * a chosen server reads from that server's memory; a session whose reads are {@code sync} + {@code getData} reads
 * linearizably.
 * <p>
 * Lifecycle and threads as {@link SystemUnderTest} says: one owner thread.
 */
final class ZooKeeperTarget implements SystemUnderTest, ReadTarget
{
    private static final String READY_PATH = "/aerie-bench-ready";
    private static final long RETRY_INTERVAL_MS = 50;
    private static final long FIND_LEADER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    private final String name;
    private final ZooKeeperEnsemble.Context ensembleContext;
    private final int sessionTimeoutMs;
    private final long connectTimeoutMs;
    private final String description;
    private ZooKeeperEnsemble ensemble;

    /**
     * @param name             label in tables, e.g. {@code "zk-ensemble-fsync"}.
     * @param ensembleContext  the servers' settings; concluded here.
     * @param sessionTimeoutMs client session timeout, ms.
     * @param connectTimeoutMs how long {@link #connect()} waits for a session, ms.
     */
    ZooKeeperTarget(
        final String name,
        final ZooKeeperEnsemble.Context ensembleContext,
        final int sessionTimeoutMs,
        final long connectTimeoutMs)
    {
        this.name = name;
        this.ensembleContext = ensembleContext.conclude();
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.connectTimeoutMs = connectTimeoutMs;
        this.description = describe(this.ensembleContext, sessionTimeoutMs);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String name()
    {
        return name;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String description()
    {
        return description;
    }

    /**
     * Start the servers, wait until each serves and (ensemble) a leader is elected, then until a fresh session
     * can create and delete a node.
     */
    @Override
    public void start(final long deadlineNs) throws Exception
    {
        if (null != ensemble)
        {
            throw new IllegalStateException(name + " is started once");
        }
        ensemble = ZooKeeperEnsemble.launch(ensembleContext);
        ensemble.awaitServing(deadlineNs);
        awaitWritable(deadlineNs);
    }

    /**
     * A new session, trying the current leader first (index order during an election), then the other servers.
     */
    @Override
    public LoadClient connect() throws Exception
    {
        return newClient(connectTimeoutMs);
    }

    /**
     * The followers in index order, then the leader (the standalone server alone).
     */
    @Override
    public int[] readServers() throws InterruptedException
    {
        requireStarted();
        final int servers = ensemble.serverCount();
        if (1 == servers)
        {
            return new int[]{ 0 };
        }
        final int leader = awaitLeader(TimeUnit.MILLISECONDS.toNanos(connectTimeoutMs));
        final int[] order = new int[servers];
        int next = 0;
        for (int i = 0; i < servers; i++)
        {
            if (i != leader)
            {
                order[next++] = i;
            }
        }
        order[next] = leader;
        return order;
    }

    /**
     * A session that starts on this server (the others listed after it).
     */
    @Override
    public LoadClient connectLocalReader(final int server) throws Exception
    {
        requireStarted();
        return ZooKeeperLoadClient.connect(ensemble.clientAddresses(server), sessionTimeoutMs, connectTimeoutMs);
    }

    /**
     * A session on the leader whose reads are {@code sync} + {@code getData}.
     */
    @Override
    public LoadClient connectLinearizableReader() throws Exception
    {
        requireStarted();
        return ZooKeeperLoadClient.connect(
            ensemble.clientAddresses(ensemble.findLeader()), sessionTimeoutMs, connectTimeoutMs, true);
    }

    /**
     * @return -1: ZooKeeper serves every read without sync from the connected server's memory.
     */
    @Override
    public long localReadsServed()
    {
        return -1;
    }

    /**
     * SIGKILL to the server {@code srvr} reports as leader (retried for up to 5 s while none does); returns
     * without waiting for the process to end or a new leader.
     *
     * @return false for a standalone server (nothing killed).
     * @throws IllegalStateException if no leader is found.
     */
    @Override
    public boolean killLeader() throws InterruptedException
    {
        requireStarted();
        if (ensemble.serverCount() == 1)
        {
            return false;
        }

        ensemble.server(awaitLeader(FIND_LEADER_TIMEOUT_NS)).kill();

        return true;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void close()
    {
        if (null != ensemble)
        {
            ensemble.close();
        }
    }

    /**
     * @return the running ensemble, for tests; null before {@link #start(long)}.
     */
    ZooKeeperEnsemble ensemble()
    {
        return ensemble;
    }

    private ZooKeeperLoadClient newClient(final long timeoutMs) throws Exception
    {
        requireStarted();
        return ZooKeeperLoadClient.connect(
            ensemble.clientAddresses(ensemble.findLeader()), sessionTimeoutMs, timeoutMs);
    }

    private void awaitWritable(final long deadlineNs) throws Exception
    {
        while (true)
        {
            final long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()));
            try (ZooKeeperLoadClient client = newClient(Math.min(remainingMs, connectTimeoutMs)))
            {
                client.createIfAbsent(READY_PATH, new byte[0]);
                client.deleteIfPresent(READY_PATH);
                client.createIfAbsent(BENCH_ROOT, new byte[0]);
                return;
            }
            catch (final KeeperException | TimeoutException ex)
            {
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    throw new TimeoutException(name + " does not accept writes in time (" + ensemble.modes() + ")");
                }
                Thread.sleep(RETRY_INTERVAL_MS);
            }
        }
    }

    private int awaitLeader(final long timeoutNs) throws InterruptedException
    {
        requireStarted();
        final long deadlineNs = System.nanoTime() + timeoutNs;
        int leader;
        while ((leader = ensemble.findLeader()) < 0)
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalStateException("no ZooKeeper leader: " + ensemble.modes());
            }
            Thread.sleep(RETRY_INTERVAL_MS);
        }
        return leader;
    }

    private void requireStarted()
    {
        if (null == ensemble)
        {
            throw new IllegalStateException(name + " is not started");
        }
    }

    private static String describe(final ZooKeeperEnsemble.Context ctx, final int sessionTimeoutMs)
    {
        final int firstPort = ZooKeeperConfigFile.clientPort(ctx.portBase(), 0);
        final int lastPort = ZooKeeperConfigFile.clientPort(ctx.portBase(), ctx.servers() - 1);
        return "Apache ZooKeeper " + Version.getVersion() + ", " +
            (ctx.servers() == 1 ? "standalone: 1 server JVM" : ctx.servers() + "-server ensemble: " +
            ctx.servers() + " server JVMs") + " (QuorumPeerMain, NIO) on " + ZooKeeperConfigFile.HOST +
            ", client port" + (firstPort == lastPort ? " " + firstPort : "s " + firstPort + "-" + lastPort) +
            "; fsync " + (ctx.forceSync() ? "on (forceSync=yes)" : "off (forceSync=no)") + ", data on " +
            fileStoreType(ctx) + " under " + ctx.parentDir() +
            "; tickTime " + ctx.tickTimeMs() + " ms, initLimit " + ctx.initLimit() + ", syncLimit " +
            ctx.syncLimit() + "; server JVM -Xmx" + ctx.maxHeap() +
            ", JDK " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.vendor") +
            ")" + "; client: ZooKeeper Java client, async API, session timeout " + sessionTimeoutMs +
            " ms, sessions start on the leader and list every server, callbacks on the client's event thread";
    }

    private static String fileStoreType(final ZooKeeperEnsemble.Context ctx)
    {
        try
        {
            return Files.getFileStore(ctx.parentDir().toPath()).type();
        }
        catch (final IOException ex)
        {
            return "an unknown file system";
        }
    }
}
