package io.aerie.bench.recipes;

import io.aerie.bench.RigCommandLine;
import io.aerie.client.AerieClient;
import io.aerie.client.recipes.InterProcessMutex;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * Round trip of an uncontended {@link InterProcessMutex}: {@code acquire} (create the ephemeral-sequential lock node,
 * set its persistent watch and read the queue, pipelined: one round trip and a bit), then {@code release} (delete
 * the node and remove the watch, sent without waiting) and poll until the cluster has answered both, so the lock is
 * free again as the cluster sees it. One client, one lock path, closed loop, against a local cluster in this JVM;
 * HdrHistogram, p50 to p99.9 and max in us, for the whole round trip and for the acquire alone.
 * <p>
 * Closed loop, with no other load: the figures are the cost of one isolated lock cycle (a fixed offered rate would
 * matter for a lock under load, where contention dominates). {@code acquire} polls with the recipe's own idle
 * strategy (parks of at most 100 us), which is part of what a caller gets; the wait for the release's answers polls
 * with a yielding one.
 * <p>
 * Usage: {@code java $(cat bench/target/jvm.flags) -cp bench/target/aerie-benchmarks.jar
 * io.aerie.bench.recipes.LockLatency [nodes=3] [warmup=1000] [count=10000]}.
 */
public final class LockLatency
{
    static final int PORT_BASE = 8_900;

    private LockLatency()
    {
    }

    @Command(name = "LockLatency", mixinStandardHelpOptions = true,
        description = "Mutex acquire and release round trip.")
    static final class Options
    {
        @Parameters(index = "0", arity = "0..1", defaultValue = "3", description = "nodes (${DEFAULT-VALUE})")
        int nodes;
        @Parameters(index = "1", arity = "0..1", defaultValue = "1000",
            description = "warmup cycles (${DEFAULT-VALUE})")
        int warmup;
        @Parameters(index = "2", arity = "0..1", defaultValue = "10000",
            description = "measured cycles (${DEFAULT-VALUE})")
        int count;
    }

    /**
     * @param args nodes, warmup cycles, measured cycles.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Options options = RigCommandLine.parse(new Options(), args);
        final File dir = Files.createTempDirectory("aerie-lock-latency").toFile();
        try (LocalCluster cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(options.nodes)
            .portBase(PORT_BASE)
            .dir(new File(dir, "cluster"))
            .serviceContextSupplier(() -> new AerieClusteredService.Context()
                .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(8L * 1024 * 1024)))))
        {
            cluster.findLeader(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            final AerieClient.Context clientCtx = new AerieClient.Context();
            clientCtx.agents().useConductorInvoker(true);
            clientCtx.connection()
                .ingressEndpoints(cluster.ingressEndpoints())
                .ingressChannel(cluster.ingressChannel())
                .egressChannel(cluster.egressChannel())
                .embeddedAeronDirectoryName(new File(dir, "client-driver").getAbsolutePath());
            clientCtx.agents().idleStrategySupplier(YieldingIdleStrategy::new);
            try (AerieClient client = AerieClient.connect(clientCtx))
            {
                final InterProcessMutex mutex = new InterProcessMutex(client, "/bench/lock");
                final IdleStrategy idle = new YieldingIdleStrategy();
                final Histogram cycle = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
                final Histogram acquire = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
                for (int i = 0; i < options.warmup + options.count; i++)
                {
                    final long startNs = System.nanoTime();
                    if (!mutex.acquire(10, TimeUnit.SECONDS))
                    {
                        throw new IllegalStateException("not acquired in 10 s, cycle " + i);
                    }
                    final long acquiredNs = System.nanoTime();
                    mutex.release();
                    while (client.pendingRequests() > 0)
                    {
                        idle.idle(client.poll());
                    }
                    final long endNs = System.nanoTime();
                    if (i >= options.warmup)
                    {
                        cycle.recordValue(endNs - startNs);
                        acquire.recordValue(acquiredNs - startNs);
                    }
                }
                System.out.printf("InterProcessMutex, uncontended, %d node(s) in one JVM, %d cycles after %d warm-up, " +
                    "closed loop (us):%n", options.nodes, options.count, options.warmup);
                print("acquire + release", cycle);
                print("acquire alone    ", acquire);
            }
        }
        finally
        {
            IoUtil.delete(dir, true);
        }
    }

    private static void print(final String what, final Histogram histogram)
    {
        System.out.printf("  %s  p50 %8.1f  p90 %8.1f  p99 %8.1f  p99.9 %8.1f  max %8.1f%n", what,
            micros(histogram.getValueAtPercentile(50)), micros(histogram.getValueAtPercentile(90)),
            micros(histogram.getValueAtPercentile(99)), micros(histogram.getValueAtPercentile(99.9)),
            micros(histogram.getMaxValue()));
    }

    private static double micros(final long nanos)
    {
        return nanos / 1000.0;
    }
}
