package io.aerie.client.difftest;

import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A standalone Apache ZooKeeper server in this JVM: the oracle of the differential test. Listens on loopback on a
 * port the kernel chose, keeps its snapshots and log in a directory the caller owns, does not fsync
 * ({@code zookeeper.forceSync=no}) and has TTL nodes enabled ({@code zookeeper.extendedTypesEnabled=true}).
 * <p>
 * No container manager runs: ZooKeeper's container and TTL sweeps are wall-clock timers whose deletions are not
 * ordered against the client's operations, so the differential test keeps them out of both systems (see
 * {@link KnownDifference}).
 */
final class InProcessZooKeeper implements AutoCloseable
{
    static final int TICK_TIME_MS = 500;

    private final ZooKeeperServer server;
    private final ServerCnxnFactory factory;

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
        server = new ZooKeeperServer(dataDir, dataDir, TICK_TIME_MS);
        factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 64);
        factory.startup(server);
    }

    /**
     * @return the connect string of the server, {@code 127.0.0.1:port}.
     */
    String connectString()
    {
        return "127.0.0.1:" + factory.getLocalPort();
    }

    @Override
    public void close()
    {
        factory.shutdown();
        server.shutdown();
    }
}
