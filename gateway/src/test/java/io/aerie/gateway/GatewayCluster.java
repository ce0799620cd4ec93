package io.aerie.gateway;

import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aeron.exceptions.AeronException;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

import java.io.File;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the gateway's cluster tests run against: a real one-node Aerie cluster on loopback, gateways in front of it
 * (ports chosen by the kernel), and a real in-process ZooKeeper 3.9.5 server as the oracle; plus ZooKeeper Java
 * clients of either, closed with the fixture. Cluster and gateway errors fail the test at {@link #close()}.
 */
final class GatewayCluster implements AutoCloseable
{
    static final int SESSION_TIMEOUT_MS = 10_000;
    static final long STEP_TIMEOUT_S = 30;
    /** A cluster starting on a loaded 2-core machine (load average 40+) took over 30 s to elect. */
    static final long LEADER_TIMEOUT_S = 120;

    private final Errors errors = new Errors();
    private final List<ZooKeeper> clients = Collections.synchronizedList(new ArrayList<>());
    private final List<ZooKeeperGateway> gateways = new ArrayList<>();
    private final LocalCluster cluster;
    private final ZooKeeperServer oracle;
    private final ServerCnxnFactory oracleFactory;

    GatewayCluster(final int portBase, final File dir) throws Exception
    {
        System.setProperty("zookeeper.admin.enableServer", "false");
        System.setProperty("zookeeper.extendedTypesEnabled", "true");
        System.setProperty("zookeeper.forceSync", "no");
        System.setProperty("zookeeper.sasl.client", "false");
        cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(1)
            .portBase(portBase)
            .dir(new File(dir, "cluster"))
            .clusteredServiceSupplier(() -> new AerieClusteredService(new AerieClusteredService.Context()
                .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(8L * 1024 * 1024))))
            .errorHandler(errors));
        cluster.findLeader(System.nanoTime() + TimeUnit.SECONDS.toNanos(LEADER_TIMEOUT_S));
        final File oracleDir = new File(dir, "zookeeper");
        assertTrue(oracleDir.mkdirs() || oracleDir.isDirectory(), "created " + oracleDir);
        oracle = new ZooKeeperServer(oracleDir, oracleDir, 500);
        oracle.setMaxSessionTimeout(SESSION_TIMEOUT_MS * 4);
        oracleFactory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 64);
        oracleFactory.startup(oracle);
    }

    /**
     * Start a gateway in front of the cluster, on a port the kernel chooses; closed with the fixture.
     */
    ZooKeeperGateway launchGateway()
    {
        final ZooKeeperGateway.Context gatewayCtx = new ZooKeeperGateway.Context()
            .host("127.0.0.1")
            .port(0)
            // As a gateway beside a node: on the node's own media driver (fewer threads on the test machine).
            .aeronDirectoryName(cluster.node(0).context().storage().aeronDirectoryName())
            .fourLetterWords("ruok,srvr,stat,mntr")
            .errorHandler(errors);
        gatewayCtx.client().connection()
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel());
        final ZooKeeperGateway gateway = ZooKeeperGateway.launch(gatewayCtx);
        gateways.add(gateway);
        return gateway;
    }

    String oracleConnectString()
    {
        return "127.0.0.1:" + oracleFactory.getLocalPort();
    }

    static String connectString(final ZooKeeperGateway gateway)
    {
        return "127.0.0.1:" + gateway.port();
    }

    /**
     * A ZooKeeper Java client, connected (SyncConnected seen).
     */
    ZooKeeper connect(final String connectString) throws Exception
    {
        return connect(connectString, (event) -> {});
    }

    ZooKeeper connect(final String connectString, final Watcher watcher) throws Exception
    {
        final CountDownLatch connected = new CountDownLatch(1);
        final ZooKeeper zk = new ZooKeeper(connectString, SESSION_TIMEOUT_MS, (event) ->
        {
            if (Watcher.Event.KeeperState.SyncConnected == event.getState())
            {
                connected.countDown();
            }
            watcher.process(event);
        });
        clients.add(zk);
        assertTrue(connected.await(STEP_TIMEOUT_S, TimeUnit.SECONDS), "connected to " + connectString);
        return zk;
    }

    /**
     * A client resuming a session (the ZooKeeper client's session-moving constructor), not awaited.
     */
    ZooKeeper resume(final String connectString, final long sessionId, final byte[] password, final Watcher watcher)
        throws Exception
    {
        final ZooKeeper zk = new ZooKeeper(connectString, SESSION_TIMEOUT_MS, watcher, sessionId, password);
        clients.add(zk);
        return zk;
    }

    void closeClients()
    {
        synchronized (clients)
        {
            for (final ZooKeeper zk : clients)
            {
                try
                {
                    zk.close();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
            clients.clear();
        }
    }

    public void close()
    {
        try
        {
            closeClients();
        }
        finally
        {
            CloseHelper.closeAll(gateways);
            oracleFactory.shutdown();
            oracle.shutdown();
            CloseHelper.close(cluster);
        }
        errors.assertNone();
    }

    /**
     * Errors of the cluster and the gateways; Aeron's warnings (a closed client timing out) are expected.
     */
    static final class Errors implements ErrorHandler
    {
        private final List<Throwable> errors = new ArrayList<>();

        public synchronized void onError(final Throwable throwable)
        {
            if (throwable instanceof AeronException && AeronException.Category.WARN == ((AeronException)throwable).category())
            {
                return;
            }
            errors.add(throwable);
        }

        synchronized void assertNone()
        {
            if (!errors.isEmpty())
            {
                final AssertionError error = new AssertionError("reported " + errors.size() + " error(s)");
                errors.forEach(error::addSuppressed);
                throw error;
            }
        }
    }
}
