package io.aerie.bench.latency;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieClientContext;
import io.aerie.client.AerieException;
import io.aerie.client.Response;
import io.aerie.client.ResponseHandler;
import io.aerie.client.WatchedEvent;
import io.aerie.client.Watcher;
import io.aerie.codecs.EventType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * Watch fan-out latency: the time from sending a setData to the last of W watchers being told, for W watchers
 * spread evenly over 16 sessions (16 clients), each watcher a persistent watch on the written znode. As in
 * ZooKeeper, the cluster sends one event per session; each client calls its own watchers.
 * <p>
 * Everything runs in this JVM: the cluster (nodes with the backoff idle strategy), one media driver shared by
 * the clients, and one thread that owns the writer and the 16 watching clients and polls them in turn
 * (yielding when idle). So the figure includes polling 17 clients from one thread on a 2-core machine.
 * Closed loop: one write at a time, the next sent once every watcher has been told.
 * <p>
 * Usage: {@code WatchFanOut [nodes=3] [rounds=2000] [watchers=1,100,1000,10000]}.
 */
public final class WatchFanOut
{
    private static final int SESSIONS = 16;
    private static final int PORT_BASE = 28000;
    private static final int WARMUP_ROUNDS = 5_000;

    private final AerieClient writer;
    private final AerieClient[] watchersClients;
    private final IdleStrategy idle = new YieldingIdleStrategy();
    private final Counting counting = new Counting();
    private final Answer answer = new Answer();
    private final UnsafeBuffer data = new UnsafeBuffer(new byte[100]);

    private WatchFanOut(final AerieClient writer, final AerieClient[] watchersClients)
    {
        this.writer = writer;
        this.watchersClients = watchersClients;
    }

    /**
     * Counts the watchers told of the current write and stamps the last one.
     */
    static final class Counting implements Watcher
    {
        int target;
        int told;
        long lastNs;

        @Override
        public void onEvent(final WatchedEvent event)
        {
            if (EventType.NODE_DATA_CHANGED == event.type() && ++told == target)
            {
                lastNs = System.nanoTime();
            }
        }
    }

    /**
     * One watcher: a distinct object per watch, as an application would register, counting into the shared
     * {@link Counting}.
     */
    static final class OneWatcher implements Watcher
    {
        private final Counting counting;

        OneWatcher(final Counting counting)
        {
            this.counting = counting;
        }

        @Override
        public void onEvent(final WatchedEvent event)
        {
            counting.onEvent(event);
        }
    }

    static final class Answer implements ResponseHandler
    {
        boolean answered;
        ResultCode code;

        @Override
        public void onResponse(final Response response)
        {
            code = response.code();
            answered = true;
        }
    }

    /**
     * @param args nodes, rounds per watcher count, comma-separated watcher counts.
     * @throws Exception on failure to start.
     */
    public static void main(final String[] args) throws Exception
    {
        final int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        final String[] watcherCounts = (args.length > 2 ? args[2] : "1,100,1000,10000").split(",");
        final File dir = Files.createTempDirectory("aerie-fanout").toFile();

        MediaDriver clientDriver = null;
        final AerieClient[] clients = new AerieClient[SESSIONS];
        AerieClient writer = null;
        try (LocalCluster cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(nodes)
            .portBase(PORT_BASE)
            .dir(dir)
            .serviceContextSupplier(() -> new AerieClusteredService.Context()
                .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(8L * 1024 * 1024)))))
        {
            cluster.findLeader(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            clientDriver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(new File(dir, "client-driver").getAbsolutePath())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 100_000))
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            for (int i = 0; i < SESSIONS; i++)
            {
                clients[i] = connect(cluster, clientDriver);
            }
            writer = connect(cluster, clientDriver);

            final WatchFanOut rig = new WatchFanOut(writer, clients);
            System.out.printf("watch fan-out, %d node(s), %d sessions, %d rounds per row, closed loop (us from " +
                "setData sent to the last watcher told):%n", nodes, SESSIONS, rounds);
            // Warm the JIT on the whole path first, so the first row is not the one that pays for it.
            rig.measure(SESSIONS, WARMUP_ROUNDS, false);
            for (final String count : watcherCounts)
            {
                rig.measure(Integer.parseInt(count.trim()), rounds, true);
            }
        }
        finally
        {
            CloseHelper.quietCloseAll(clients);
            CloseHelper.quietClose(writer);
            CloseHelper.quietClose(clientDriver);
        }
    }

    private static AerieClient connect(final LocalCluster cluster, final MediaDriver driver) throws AerieException
    {
        return AerieClient.connect(new AerieClientContext().useConductorInvoker(true)
            .aeronDirectoryName(driver.aeronDirectoryName())
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel())
            .sessionTimeoutMs(30_000)
            .idleStrategySupplier(YieldingIdleStrategy::new));
    }

    private void measure(final int watchers, final int rounds, final boolean print) throws AerieException
    {
        final String path = (print ? "/fanout-" : "/warmup-") + watchers;
        writer.create(path, new byte[100]);
        for (int i = 0; i < watchers; i++)
        {
            watchersClients[i % SESSIONS].addWatch(path, WatchMode.PERSISTENT, new OneWatcher(counting));
        }
        final int warmup = Math.max(rounds / 10, 10);
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        for (int round = 0; round < warmup + rounds; round++)
        {
            final long latencyNs = writeAndAwaitWatchers(path, watchers, round);
            if (round >= warmup)
            {
                histogram.recordValue(latencyNs);
            }
        }
        if (print)
        {
            System.out.printf("  W=%-6d p50 %8.1f  p90 %8.1f  p99 %8.1f  p99.9 %8.1f  max %8.1f%n", watchers,
                micros(histogram.getValueAtPercentile(50)), micros(histogram.getValueAtPercentile(90)),
                micros(histogram.getValueAtPercentile(99)), micros(histogram.getValueAtPercentile(99.9)),
                micros(histogram.getMaxValue()));
        }
        for (int i = 0; i < Math.min(watchers, SESSIONS); i++)
        {
            watchersClients[i].removeWatches(path, WatcherType.ANY);
        }
    }

    private long writeAndAwaitWatchers(final String path, final int watchers, final int round)
    {
        counting.target = watchers;
        counting.told = 0;
        answer.answered = false;
        data.putInt(0, round);
        final long startNs = System.nanoTime();
        writer.setData(path, data, 0, data.capacity(), -1, answer);
        final long deadlineNs = startNs + TimeUnit.SECONDS.toNanos(10);
        while (counting.told < watchers || !answer.answered)
        {
            int work = writer.poll();
            for (final AerieClient client : watchersClients)
            {
                work += client.poll();
            }
            idle.idle(work);
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException(
                    "round " + round + ": " + counting.told + " of " + watchers + " watchers told in 10 s");
            }
        }
        if (ResultCode.OK != answer.code)
        {
            throw new IllegalStateException("setData failed: " + answer.code);
        }
        return counting.lastNs - startNs;
    }

    private static double micros(final long nanos)
    {
        return nanos / 1000.0;
    }
}
