package io.aerie.bench.gateway;

import io.aerie.bench.RigCommandLine;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aerie.gateway.ZooKeeperGateway;
import org.HdrHistogram.Histogram;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * setData of 100 bytes by one ZooKeeper Java client (3.9.5), closed loop (p50..p99.9, max) and pipelined (ops/s with
 * a window of requests in flight), against a one-node Aerie cluster through the ZooKeeper gateway and against a
 * standalone ZooKeeper 3.9.5 ({@code forceSync=no}; Aerie runs with durability none), everything in this JVM: the
 * same client both sides, only the server differs. A quick one-process look, for comparing the gateway's settings
 * ({@code -Daerie.gateway.agent.wait=park|wake|yield}); the benchmark suite's {@code aerie-zk-1-nofsync} and
 * {@code aerie-zk-3-nofsync} columns measure it in separate processes beside ZooKeeper's.
 * <p>
 * {@code java -cp bench.jar io.aerie.bench.gateway.GatewaySetDataLatency [seconds] [window] [port-base]}
 */
public final class GatewaySetDataLatency
{
    private static final int SESSION_TIMEOUT_MS = 10_000;
    private static final byte[] DATA = new byte[100];

    private GatewaySetDataLatency()
    {
    }

    @Command(name = "GatewaySetDataLatency", mixinStandardHelpOptions = true,
        description = "setData through the ZooKeeper gateway beside ZooKeeper.")
    static final class Options
    {
        @Parameters(index = "0", arity = "0..1", defaultValue = "10",
            description = "seconds per measurement (${DEFAULT-VALUE})")
        int seconds;
        @Parameters(index = "1", arity = "0..1", defaultValue = "100",
            description = "pipelined window (${DEFAULT-VALUE})")
        int window;
        @Parameters(index = "2", arity = "0..1", defaultValue = "1500",
            description = "UDP port base (${DEFAULT-VALUE})")
        int portBase;
    }

    /**
     * @param args {@code [seconds per measurement (10)] [pipelined window (100)] [UDP port base (1500)]}.
     * @throws Exception if a server cannot start or a request fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final Options options = RigCommandLine.parse(new Options(), args);
        final File dir = Files.createTempDirectory("aerie-gateway-bench").toFile();
        System.setProperty("zookeeper.admin.enableServer", "false");
        System.setProperty("zookeeper.forceSync", "no");
        try
        {
            final ZooKeeperServer server = new ZooKeeperServer(new File(dir, "zk"), new File(dir, "zk"), 2000);
            final ServerCnxnFactory factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 64);
            factory.startup(server);
            try
            {
                run("zookeeper", "127.0.0.1:" + factory.getLocalPort(), options.seconds, options.window);
            }
            finally
            {
                factory.shutdown();
                server.shutdown();
            }

            try (LocalCluster cluster = LocalCluster.launch(new LocalCluster.Context()
                .nodeCount(1)
                .portBase(options.portBase)
                .dir(new File(dir, "aerie"))
                .clusteredServiceSupplier(() -> new AerieClusteredService(new AerieClusteredService.Context()
                    .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(8L * 1024 * 1024))))))
            {
                cluster.findLeader(System.nanoTime() + TimeUnit.SECONDS.toNanos(120));
                final ZooKeeperGateway.Context gatewayCtx = new ZooKeeperGateway.Context()
                    .host("127.0.0.1")
                    .port(0)
                    .aeronDirectoryName(cluster.node(0).context().storage().aeronDirectoryName());
                gatewayCtx.client().connection()
                    .ingressEndpoints(cluster.ingressEndpoints())
                    .ingressChannel(cluster.ingressChannel())
                    .egressChannel(cluster.egressChannel());
                try (ZooKeeperGateway gateway = ZooKeeperGateway.launch(gatewayCtx))
                {
                    run("aerie-via-zookeeper-protocol", "127.0.0.1:" + gateway.port(), options.seconds, options.window);
                }
            }
        }
        finally
        {
            IoUtil.delete(dir, true);
        }
    }

    private static void run(final String name, final String connectString, final int seconds, final int window)
        throws Exception
    {
        final ZooKeeper zk = connect(connectString);
        try
        {
            zk.create("/bench", DATA, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            closedLoop(zk, TimeUnit.SECONDS.toNanos(Math.max(1, seconds / 2)));
            final Histogram histogram = closedLoop(zk, TimeUnit.SECONDS.toNanos(seconds));
            final double opsPerSecond = pipelined(zk, window, TimeUnit.SECONDS.toNanos(seconds));
            System.out.printf(Locale.ROOT,
                "%-30s setData closed loop: n=%d p50=%d us p90=%d us p99=%d us p99.9=%d us max=%d us; " +
                "pipelined (window %d): %.0f ops/s%n",
                name, histogram.getTotalCount(), micros(histogram, 50), micros(histogram, 90), micros(histogram, 99),
                micros(histogram, 99.9), TimeUnit.NANOSECONDS.toMicros(histogram.getMaxValue()), window, opsPerSecond);
        }
        finally
        {
            zk.close();
        }
    }

    private static Histogram closedLoop(final ZooKeeper zk, final long durationNs) throws Exception
    {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final long endNs = System.nanoTime() + durationNs;
        for (long nowNs = System.nanoTime(); nowNs < endNs; nowNs = System.nanoTime())
        {
            zk.setData("/bench", DATA, -1);
            histogram.recordValue(System.nanoTime() - nowNs);
        }
        return histogram;
    }

    private static double pipelined(final ZooKeeper zk, final int window, final long durationNs) throws Exception
    {
        final Semaphore inFlight = new Semaphore(window);
        final AtomicLong done = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AsyncCallback.StatCallback callback = (rc, path, ctx, stat) ->
        {
            (0 == rc ? done : failed).incrementAndGet();
            inFlight.release();
        };
        final long startNs = System.nanoTime();
        final long endNs = startNs + durationNs;
        while (System.nanoTime() < endNs)
        {
            inFlight.acquire();
            zk.setData("/bench", DATA, -1, callback, null);
        }
        inFlight.acquire(window);
        if (failed.get() > 0)
        {
            throw new IllegalStateException(failed.get() + " pipelined setData failed");
        }
        return done.get() * 1e9 / (System.nanoTime() - startNs);
    }

    private static ZooKeeper connect(final String connectString) throws Exception
    {
        final CountDownLatch connected = new CountDownLatch(1);
        final ZooKeeper zk = new ZooKeeper(connectString, SESSION_TIMEOUT_MS, (event) ->
        {
            if (Watcher.Event.KeeperState.SyncConnected == event.getState())
            {
                connected.countDown();
            }
        });
        if (!connected.await(60, TimeUnit.SECONDS))
        {
            CloseHelper.quietClose(zk::close);
            throw new IllegalStateException("could not connect to " + connectString);
        }
        return zk;
    }

    private static long micros(final Histogram histogram, final double percentile)
    {
        return TimeUnit.NANOSECONDS.toMicros(histogram.getValueAtPercentile(percentile));
    }
}
