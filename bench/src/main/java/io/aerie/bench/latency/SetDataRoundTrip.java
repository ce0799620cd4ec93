package io.aerie.bench.latency;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieClientContext;
import io.aerie.client.Response;
import io.aerie.client.ResponseHandler;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTree;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * Round-trip latency of setData (100 bytes), one client, closed loop, against a local cluster started in this
 * JVM (nodes with the configured idle strategy, backoff by default; client polling with a yielding strategy).
 * A quick check for the cluster issue; the full rig with fixed offered rates and the ZooKeeper baseline is the
 * benchmark issue's. Closed loop understates tail latency under load (coordinated omission): read it as the
 * cost of one isolated write.
 * <p>
 * Usage: {@code SetDataRoundTrip [nodes=3] [warmup=2000] [count=20000]}.
 */
public final class SetDataRoundTrip implements ResponseHandler
{
    private boolean answered;
    private ResultCode code;

    @Override
    public void onResponse(final Response response)
    {
        code = response.code();
        answered = true;
    }

    /**
     * @param args nodes, warmup count, measured count.
     * @throws Exception on failure to start.
     */
    public static void main(final String[] args) throws Exception
    {
        final int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        final int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        final int count = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        final File dir = Files.createTempDirectory("aerie-latency").toFile();

        try (LocalCluster cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(nodes)
            .portBase(27000)
            .dir(dir)
            .serviceContextSupplier(() -> new AerieClusteredService.Context()
                .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(8L * 1024 * 1024)))))
        {
            cluster.findLeader(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            try (AerieClient client = AerieClient.connect(new AerieClientContext().useConductorInvoker(true)
                .ingressEndpoints(cluster.ingressEndpoints())
                .ingressChannel(cluster.ingressChannel())
                .egressChannel(cluster.egressChannel())
                .idleStrategySupplier(YieldingIdleStrategy::new)))
            {
                client.create("/bench", new byte[100]);
                final SetDataRoundTrip handler = new SetDataRoundTrip();
                final UnsafeBuffer data = new UnsafeBuffer(new byte[100]);
                final IdleStrategy idle = new YieldingIdleStrategy();
                final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
                final com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
                final long threadId = Thread.currentThread().getId();
                long allocatedAtStart = 0;

                for (int i = 0; i < warmup + count; i++)
                {
                    if (i == warmup)
                    {
                        allocatedAtStart = threads.getThreadAllocatedBytes(threadId);
                    }
                    data.putInt(0, i);
                    final long startNs = System.nanoTime();
                    handler.answered = false;
                    client.setData("/bench", data, 0, 100, -1, handler);
                    while (!handler.answered)
                    {
                        idle.idle(client.poll());
                    }
                    final long latencyNs = System.nanoTime() - startNs;
                    if (ResultCode.OK != handler.code)
                    {
                        throw new IllegalStateException("setData failed: " + handler.code);
                    }
                    if (i >= warmup)
                    {
                        histogram.recordValue(latencyNs);
                    }
                }
                final long allocated = threads.getThreadAllocatedBytes(threadId) - allocatedAtStart;
                print(nodes, count, histogram);
                System.out.printf("  client thread allocated %.2f B/op while measuring%n", (double)allocated / count);
            }
        }
    }

    private static void print(final int nodes, final int count, final Histogram histogram)
    {
        System.out.printf("setData 100 B round trip, %d node(s) in one JVM, %d samples, closed loop (us):%n", nodes, count);
        System.out.printf("  p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  p99.99 %.1f  max %.1f%n",
            micros(histogram.getValueAtPercentile(50)), micros(histogram.getValueAtPercentile(90)),
            micros(histogram.getValueAtPercentile(99)), micros(histogram.getValueAtPercentile(99.9)),
            micros(histogram.getValueAtPercentile(99.99)), micros(histogram.getMaxValue()));
    }

    private static double micros(final long nanos)
    {
        return nanos / 1000.0;
    }
}
