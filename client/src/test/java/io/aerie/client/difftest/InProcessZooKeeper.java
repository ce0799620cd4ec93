package io.aerie.client.difftest;

import org.apache.zookeeper.server.ContainerManager;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A standalone Apache ZooKeeper server in this JVM: the oracle of the differential test. Listens on loopback on a
 * port the kernel chose, keeps its snapshots and log in a directory the caller owns, does not fsync
 * ({@code zookeeper.forceSync=no}) and has TTL nodes enabled ({@code zookeeper.extendedTypesEnabled=true}).
 * <p>
 * No container manager runs on a timer: ZooKeeper's container and TTL sweep deletes on wall-clock time, not in
 * order with the client's operations. {@link #sweep()} runs ZooKeeper's own {@link ContainerManager} once, on
 * demand, until nothing is left to delete.
 */
final class InProcessZooKeeper implements AutoCloseable
{
    static final int TICK_TIME_MS = 500;
    private static final long SWEEP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final OracleServer server;
    private final ServerCnxnFactory factory;
    private final Sweeper sweeper;

    /**
     * Start the server.
     *
     * @param dir directory for the data and log; the caller deletes it.
     * @throws IOException if the server cannot bind or write its directory.
     * @throws InterruptedException if interrupted while starting.
     */
    InProcessZooKeeper(final File dir) throws IOException, InterruptedException
    {
        System.setProperty("zookeeper.admin.enableServer", "false");
        System.setProperty("zookeeper.extendedTypesEnabled", "true");
        System.setProperty("zookeeper.forceSync", "no");
        final File dataDir = new File(dir, "zookeeper");
        if (!dataDir.mkdirs() && !dataDir.isDirectory())
        {
            throw new IOException("cannot create " + dataDir);
        }
        server = new OracleServer(dataDir);
        factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 64);
        factory.startup(server);
        sweeper = new Sweeper(server);
    }

    /**
     * @return the connect string of the server, {@code 127.0.0.1:port}.
     */
    String connectString()
    {
        return "127.0.0.1:" + factory.getLocalPort();
    }

    /**
     * Delete what ZooKeeper's container manager deletes (containers that had a child and are empty, childless TTL
     * nodes unchanged for longer than their TTL), pass after pass until there is nothing left to delete, each pass
     * waiting until its deletions are applied.
     *
     * @return number of nodes deleted.
     * @throws InterruptedException if interrupted while waiting.
     */
    int sweep() throws InterruptedException
    {
        int deleted = 0;
        for (Collection<String> candidates = sweeper.candidates(); !candidates.isEmpty(); candidates = sweeper.candidates())
        {
            sweeper.checkContainers();
            final long deadlineNs = System.nanoTime() + SWEEP_TIMEOUT_NS;
            for (final String path : candidates)
            {
                while (null != server.getZKDatabase().getNode(path))
                {
                    if (System.nanoTime() - deadlineNs > 0)
                    {
                        throw new IllegalStateException("ZooKeeper did not delete " + path + " in time");
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public void close()
    {
        sweeper.stop();
        factory.shutdown();
        server.shutdown();
    }

    /**
     * The server, with its first request processor visible to the container manager.
     */
    private static final class OracleServer extends ZooKeeperServer
    {
        OracleServer(final File dataDir) throws IOException
        {
            super(dataDir, dataDir, TICK_TIME_MS);
        }

        void submitToFirstProcessor(final org.apache.zookeeper.server.Request request)
            throws org.apache.zookeeper.server.RequestProcessor.RequestProcessorException
        {
            firstProcessor.processRequest(request);
        }
    }

    /**
     * ZooKeeper's container manager, never started on its timer: its candidates and its deletions, on demand.
     */
    private static final class Sweeper extends ContainerManager
    {
        private static final int MAX_PER_MINUTE = 600_000;

        private final OracleServer server;

        Sweeper(final OracleServer server)
        {
            super(server.getZKDatabase(), null, Integer.MAX_VALUE, MAX_PER_MINUTE);
            this.server = server;
        }

        Collection<String> candidates()
        {
            return getCandidates();
        }

        @Override
        protected void postDeleteRequest(final org.apache.zookeeper.server.Request request)
            throws org.apache.zookeeper.server.RequestProcessor.RequestProcessorException
        {
            server.submitToFirstProcessor(request);
        }
    }
}
