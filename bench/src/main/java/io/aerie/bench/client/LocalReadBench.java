package io.aerie.bench.client;

import io.aerie.bench.RigCommandLine;
import io.aerie.client.AerieClient;
import io.aerie.client.ReadMode;
import io.aerie.client.Response;
import io.aerie.client.ResponseHandler;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * Local reads against linearizable ones (issue 15), on a cluster started in this JVM (nodes on the backoff idle
 * strategy), one invoker-mode client per measurement.
 * <p>
 * Part 1: getData of 100 bytes, closed loop, async API: LINEARIZABLE, LOCAL from the leader's node, LOCAL from a
 * follower's. Prints p50..max in µs, and the bytes allocated per read by the client's thread and by the nodes'
 * service threads ({@code clustered-service-*}) together.
 * <p>
 * Part 2: pipelined getData (16 in flight per client) for a fixed time from clients pinned to 1, 2 and 3 different
 * nodes at once: total reads per second. On a 2-core machine the nodes and clients share the cores: read it as a
 * trend, next to the load average.
 * <p>
 * Usage: {@code LocalReadBench [nodes=3] [warmup=5000] [count=20000] [seconds=5]}.
 */
public final class LocalReadBench
{
    private static final int PORT_BASE = 13100;
    private static final int WINDOW = 16;
    private static final String PATH = "/local-read";
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private LocalReadBench()
    {
    }

    /**
     * Counts answers; run on the reading thread (invoker mode).
     */
    static final class Answers implements ResponseHandler
    {
        long answered;
        ResultCode lastCode = ResultCode.OK;

        @Override
        public void onResponse(final Response response)
        {
            answered++;
            lastCode = response.code();
        }
    }

    @Command(name = "LocalReadBench", mixinStandardHelpOptions = true,
        description = "Local reads beside linearizable reads.")
    static final class Options
    {
        @Parameters(index = "0", arity = "0..1", defaultValue = "3", description = "nodes (${DEFAULT-VALUE})")
        int nodes;
        @Parameters(index = "1", arity = "0..1", defaultValue = "5000", description = "warmup reads (${DEFAULT-VALUE})")
        int warmup;
        @Parameters(index = "2", arity = "0..1", defaultValue = "20000",
            description = "measured reads (${DEFAULT-VALUE})")
        int count;
        @Parameters(index = "3", arity = "0..1", defaultValue = "5",
            description = "seconds per throughput run (${DEFAULT-VALUE})")
        int seconds;
    }

    /**
     * @param args nodes, warmup count, measured count, seconds per throughput run.
     * @throws Exception on failure to start.
     */
    public static void main(final String[] args) throws Exception
    {
        final Options options = RigCommandLine.parse(new Options(), args);
        final File dir = Files.createTempDirectory("aerie-local-read-bench").toFile();
        try (LocalCluster cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(options.nodes)
            .portBase(PORT_BASE)
            .dir(dir)
            .serviceContextSupplier(() -> new AerieClusteredService.Context()
                .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(8L * 1024 * 1024)))))
        {
            final int leader = cluster.findLeader(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)).memberId();
            try (AerieClient writer = AerieClient.connect(context(cluster, ReadMode.LINEARIZABLE, -1)))
            {
                writer.create(PATH, new byte[100]);
            }
            System.out.printf("getData 100 B, closed loop, %d node(s) in this JVM, leader %d (us; B/op client, nodes)%n",
                options.nodes, leader);
            closedLoop(cluster, "linearizable", ReadMode.LINEARIZABLE, -1, options.warmup, options.count);
            closedLoop(cluster, "local leader", ReadMode.LOCAL, leader, options.warmup, options.count);
            if (options.nodes > 1)
            {
                closedLoop(cluster, "local follower", ReadMode.LOCAL, (leader + 1) % options.nodes, options.warmup,
                    options.count);
            }
            System.out.printf(
                "getData 100 B, pipelined %d per client, %d s per run (reads/s)%n", WINDOW, options.seconds);
            throughput(cluster, "linearizable, 1 client", ReadMode.LINEARIZABLE, 1, options.seconds);
            for (int readers = 1; readers <= options.nodes; readers++)
            {
                throughput(cluster, "local, " + readers + " node(s)", ReadMode.LOCAL, readers, options.seconds);
            }
        }
    }

    private static AerieClient.Context context(final LocalCluster cluster, final ReadMode mode, final int member)
    {
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.connection()
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel());
        clientCtx.agents().idleStrategySupplier(YieldingIdleStrategy::new);
        clientCtx.reads()
            .readMode(mode)
            .readMember(member);
        return clientCtx;
    }

    private static void closedLoop(
        final LocalCluster cluster, final String name, final ReadMode mode, final int member, final int warmup, final int count)
        throws Exception
    {
        try (AerieClient client = AerieClient.connect(context(cluster, mode, member)))
        {
            final Answers answers = new Answers();
            final IdleStrategy idle = new YieldingIdleStrategy();
            final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            final long self = Thread.currentThread().getId();
            long clientAtStart = 0;
            long nodesAtStart = 0;
            for (int i = 0; i < warmup + count; i++)
            {
                if (i == warmup)
                {
                    clientAtStart = THREADS.getThreadAllocatedBytes(self);
                    nodesAtStart = serviceThreadsAllocated();
                }
                final long startNs = System.nanoTime();
                final long target = answers.answered + 1;
                client.getDataAsync(PATH, answers);
                while (answers.answered < target)
                {
                    if (System.nanoTime() - startNs > TimeUnit.SECONDS.toNanos(30))
                    {
                        throw new IllegalStateException("no answer in 30 s: is the machine overloaded?");
                    }
                    idle.idle(client.poll());
                }
                if (ResultCode.OK != answers.lastCode)
                {
                    throw new IllegalStateException("getData failed: " + answers.lastCode);
                }
                if (i >= warmup)
                {
                    histogram.recordValue(System.nanoTime() - startNs);
                }
            }
            final double clientBytes = (double)(THREADS.getThreadAllocatedBytes(self) - clientAtStart) / count;
            final double nodeBytes = (double)(serviceThreadsAllocated() - nodesAtStart) / count;
            System.out.printf("  %-15s p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  %.2f B/op client  %.2f B/op nodes%n",
                name, micros(histogram.getValueAtPercentile(50)), micros(histogram.getValueAtPercentile(90)),
                micros(histogram.getValueAtPercentile(99)), micros(histogram.getValueAtPercentile(99.9)),
                micros(histogram.getMaxValue()), clientBytes, nodeBytes);
        }
    }

    private static void throughput(
        final LocalCluster cluster, final String name, final ReadMode mode, final int readers, final int seconds)
        throws Exception
    {
        final AerieClient[] clients = new AerieClient[readers];
        final Answers[] answers = new Answers[readers];
        final long[] sent = new long[readers];
        try
        {
            for (int i = 0; i < readers; i++)
            {
                clients[i] = AerieClient.connect(context(cluster, mode, ReadMode.LOCAL == mode ? i : -1));
                answers[i] = new Answers();
            }
            final long endNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            final IdleStrategy idle = new YieldingIdleStrategy();
            while (System.nanoTime() < endNs)
            {
                int work = 0;
                for (int i = 0; i < readers; i++)
                {
                    while (sent[i] - answers[i].answered < WINDOW)
                    {
                        clients[i].getDataAsync(PATH, answers[i]);
                        sent[i]++;
                        work++;
                    }
                    work += clients[i].poll();
                }
                idle.idle(work);
            }
            long total = 0;
            for (final Answers a : answers)
            {
                total += a.answered;
            }
            System.out.printf("  %-24s %.0f reads/s%n", name, total / (double)seconds);
        }
        finally
        {
            for (final AerieClient client : clients)
            {
                if (null != client)
                {
                    client.close();
                }
            }
        }
    }

    private static long serviceThreadsAllocated()
    {
        long total = 0;
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().startsWith("clustered-service"))
            {
                total += THREADS.getThreadAllocatedBytes(thread.getId());
            }
        }
        return total;
    }

    private static double micros(final long nanos)
    {
        return nanos / 1000.0;
    }
}
